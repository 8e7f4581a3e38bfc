import Core
import Foundation
import Testing
import TestSupport
@testable import Render

/// Charts of numbers that are close or signed: dot plots on a zoomed axis, value labels with one
/// number of decimals, diverging colour maps, and no "−0.00".
@Suite struct CloseNumbersTests {
    @Test func dotPlotAxisSpansTheValuesNotZero() throws {
        let values = [0.8362, 0.869, 0.8412, 0.8501]
        let names = ["bias MAP", "bias Gibbs", "bias-uv MAP", "bias-uv Gibbs"]
        let rendered = try DotPlot(title: "Test RMSE", valueLabel: "test RMSE", categories: names, values: values, highlight: 0)
            .render(style: ChartStyle(width: 600, height: 320, scale: 2))
        let image = try DecodedPNG(data: rendered.pngData()).image
        let frame = try #require(rendered.layout.frames.first)
        #expect(frame.x.lower > 0.8 && frame.x.upper < 0.9, "axis \(frame.x.lower)…\(frame.x.upper) should hug the values")
        // The dots sit where the axis maps them, in their colours; 0.836 and 0.869 are far apart.
        #expect(rendered.layout.legend.count == 4)
        for (i, dot) in rendered.layout.legend.enumerated() {
            let centre = frame.pixel(x: values[i], y: Double(values.count - i) - 0.5)
            #expect(abs(dot.swatchCentre.x * 2 - centre.x) < 1e-9 || abs(dot.swatchCentre.x - centre.x) < 1e-9)
            #expect(matches(image.probe(centre.x, centre.y), i == 0 ? DotPlot.accent : Palette.category(0)), "dot \(i)")
        }
        let gap = frame.pixel(x: 0.869, y: 0).x - frame.pixel(x: 0.8362, y: 0).x
        #expect(gap > 0.5 * frame.pixelRect.width)
        #expect(throws: RenderError.self) { try DotPlot(categories: ["a"], values: [1], highlight: 3).render() }
    }

    @Test func valueLabelsShareTheirDecimals() {
        #expect(ValueLabels.uniform([0.8362, 0.869, 0.8412]) == ["0.836", "0.869", "0.841"])
        // Two values that three significant digits would merge get a fourth decimal, all of them.
        #expect(ValueLabels.uniform([0.8362, 0.8358, 0.9]) == ["0.8362", "0.8358", "0.9000"])
        #expect(ValueLabels.uniform([1200, 35, 7]) == ["1200", "35", "7"])
        #expect(ValueLabels.uniform([-0.0001, 0.5]) == ["0.000", "0.500"])
    }

    @Test func roundedZeroHasNoSign() {
        #expect(TickFormatter.plain(-0.001, decimals: 2) == "0.00")
        #expect(TickFormatter.plain(-0.0, decimals: 1) == "0.0")
        #expect(TickFormatter.plain(-0.006, decimals: 2) == "\u{2212}0.01")
    }

    @Test func divergingHeatmapIsBlueWhiteRedAroundZero() throws {
        let rendered = try Heatmap(values: [[-1, 0, 1]], rowLabels: ["r"], columnLabels: ["neg", "zero", "pos"], annotate: false,
                                   range: -1...1, colourMap: .blueWhiteRed)
            .render(style: ChartStyle(width: 400, height: 200, scale: 2))
        let frame = try #require(rendered.layout.frames.first)
        for (column, hex) in [(0, 0x053061), (1, 0xF7F7F7), (2, 0x67001F)] as [(Int, UInt32)] {
            let p = frame.pixel(x: Double(column) + 0.5, y: 0.5)
            #expect(matches(rendered.image.probe(p.x, p.y), Colour(hex: hex), tolerance: 2), "cell \(column)")
        }
        // Without a range, a diverging map centres on zero: −0.5 is as strong as +0.5 would be.
        let auto = try Heatmap(values: [[-0.5, 0.25]], rowLabels: ["r"], columnLabels: ["a", "b"], annotate: false, colourMap: .blueWhiteRed)
            .render(style: ChartStyle(width: 300, height: 200, scale: 1))
        let f = try #require(auto.layout.frames.first)
        let a = f.pixel(x: 0.5, y: 0.5), b = f.pixel(x: 1.5, y: 0.5)
        #expect(matches(auto.image.probe(a.x, a.y), Colour(hex: 0x053061), tolerance: 2))
        #expect(matches(auto.image.probe(b.x, b.y), ColourMap.blueWhiteRed.colour(at: 0.75), tolerance: 2))
        // The diverging map is light in the middle and dark at both ends.
        let l = [0.0, 0.5, 1.0].map { ColourMap.blueWhiteRed.colour(at: $0).luminance }
        #expect(l[1] > 0.9 && l[0] < 0.05 && l[2] < 0.05)
    }

    @Test func manyCategoriesBecomeTheNineLargestAndOther() throws {
        // 30 categories, category k with k + 1 points: the nine largest are 29 … 21.
        var categories: [Int] = []
        for k in 0..<30 { categories += Array(repeating: k, count: k + 1) }
        let names = (0..<30).map { "genre combination \($0)" }
        let lumped = CategoryLumping.keepingLargest(categories, names: names)
        #expect(lumped.names == (21...29).reversed().map { "genre combination \($0)" } + ["other"])
        #expect(lumped.colours.last == Palette.context)
        #expect(lumped.colours.dropLast() == ArraySlice((0..<9).map { Palette.category($0) }))
        for (old, new) in zip(categories, lumped.categories) {
            #expect(new == (old >= 21 ? 29 - old : 9))
        }
        let few = CategoryLumping.keepingLargest([0, 1, 1], names: ["a", "b"])
        #expect(few.names == ["a", "b"] && few.categories == [0, 1, 1])
    }

    @Test func csvScatterWithManyColoursKeepsItsPlot() throws {
        // The case of issue 15: --colour-by a column with hundreds of values used to fill 90 % of
        // the image with legend.
        let folder = temporaryFolder("colour-by")
        var random = SeededUniform(seed: 3)
        var lines = ["x,y,genres"]
        for i in 0..<2000 { lines.append("\(random.next()),\(random.next()),Combination|number|\(i % 300)") }
        let file = folder + "/points.csv"
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let rendered = try CSVChart.render(file: file, .init(x: "x", y: ["y"], scatter: true, colourBy: "genres"),
                                           style: ChartStyle(width: 720, height: 450, scale: 1))
        #expect(rendered.layout.legend.count == 10)
        #expect(rendered.layout.legend.last?.label == "other")
        let frame = try #require(rendered.layout.frames.first)
        #expect(frame.pixelRect.width > 0.6 * Double(rendered.image.width))
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test func csvScatterKeepsNamedColoursAndDrawsOtherBehind() throws {
        // Eleven values: "rare" (one point) becomes "other". It is listed after a "Drama" point at
        // the same place, yet the Drama colour is on top; every named value keeps its colour.
        let folder = temporaryFolder("named-colours")
        var lines = ["x,y,genre", "0.5,0.5,Drama"]
        for k in 0..<10 { for i in 0..<3 { lines.append("\(0.1 * Double(k)),\(0.05 * Double(i)),\(k == 0 ? "Drama" : "G\(k)")") } }
        lines.append("0.5,0.5,rare")
        lines.append("1,1,G1")
        let file = folder + "/points.csv"
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let drama = Colour(hex: 0x008F47)
        let request = CSVChart.Request(x: "x", y: ["y"], scatter: true, colourBy: "genre") { name in
            name == "Drama" ? drama : Colour(hex: 0x101010 + UInt32(name.count))
        }
        let rendered = try CSVChart.render(file: file, request, style: ChartStyle(width: 500, height: 400, scale: 2))
        let legend = rendered.layout.legend
        #expect(legend.count == 10 && legend.last?.label == "other" && legend.last?.colour == Palette.context)
        #expect(legend.first { $0.label == "Drama" }?.colour == drama)
        let frame = try #require(rendered.layout.frames.first)
        let p = frame.pixel(x: 0.5, y: 0.5)
        let px = rendered.image.probe(p.x, p.y)
        let seen = Colour(red: Double(px.r) / 255, green: Double(px.g) / 255, blue: Double(px.b) / 255)
        #expect(seen.difference(from: drama) < seen.difference(from: Palette.context), "the grey 'other' point is drawn over Drama")
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test func subtitleIsASecondLineAndTheTitleChunkOneLine() throws {
        let one = try BarChart(title: "Title", categories: ["a"], values: [1]).render(style: ChartStyle(scale: 1))
        let two = try BarChart(title: "Title\nmodel · data", categories: ["a"], values: [1]).render(style: ChartStyle(scale: 1))
        let a = try #require(one.layout.titleBox), b = try #require(two.layout.titleBox)
        #expect(b.height > a.height + 8)
        #expect(two.textChunks.first { $0.0 == "Title" }?.1 == "Title — model · data")
        #expect(try #require(two.layout.frames.first).rect.y > (try #require(one.layout.frames.first)).rect.y)
    }
}
