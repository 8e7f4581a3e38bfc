import Foundation
import Testing
import Render
import TestSupport

@Suite struct ScatterPlotTests {
    /// Four isolated points, one per category, far apart so each probe sees one marker.
    let x = [0.0, 10, 0, 10, 5]
    let y = [0.0, 0, 10, 10, 5]
    let groups = [0, 1, 2, 3, 1]
    let names = ["a", "b", "c", "d"]

    @Test func opaqueMarkersLandAtMappedPixelsInTheirCategoryColour() throws {
        let chart = ScatterPlot(title: "probe", x: x, y: y, categories: groups, categoryNames: names, markerRadius: 4, opacity: 1)
        let rendered = try chart.render(style: ChartStyle(width: 400, height: 300, scale: 2))
        let image = try DecodedPNG(data: rendered.pngData()).image
        let f = try #require(rendered.layout.frames.first)
        for i in x.indices {
            let p = f.pixel(x: x[i], y: y[i])
            #expect(matches(image.probe(p.x, p.y), Palette.category(groups[i])), "point \(i)")
        }
        for entry in rendered.layout.legend {
            #expect(matches(image.probe(entry.swatchCentre.x, entry.swatchCentre.y), entry.colour), "legend \(entry.label)")
        }
        #expect(rendered.layout.legend.map(\.label) == names)
    }

    @Test func transparentBackgroundKeepsStraightAlpha() throws {
        // One translucent marker on a transparent canvas: the written pixel must carry the
        // marker's own colour (un-premultiplied) and its opacity as alpha.
        // Coordinates chosen off the tick grid (grid lines are opaque).
        let chart = ScatterPlot(x: [0.13, 0.91], y: [0.17, 0.89], markerRadius: 6, opacity: 0.5)
        let rendered = try chart.render(style: ChartStyle(width: 200, height: 200, scale: 2, background: .transparent))
        let decoded = try DecodedPNG(data: rendered.pngData())
        #expect(decoded.colourType == .rgba)
        let f = try #require(rendered.layout.frames.first)
        #expect(!f.x.ticks.contains(0.13) && !f.y.ticks.contains(0.17))
        let p = f.pixel(x: 0.13, y: 0.17)
        let px = decoded.image.probe(p.x, p.y)
        #expect(abs(Int(px.a) - 128) <= 2)
        #expect(matches(px, Palette.category(0), tolerance: 4))
        #expect(decoded.image.probe(1, 1).a == 0)
        let white = try chart.render(style: ChartStyle(width: 200, height: 200, scale: 1))
        #expect(try DecodedPNG(data: white.pngData()).colourType == .rgb)
    }

    @Test func markerSizeAndOpacityShrinkWithCount() {
        let small = ScatterPlot.automaticMarker(count: 100), mid = ScatterPlot.automaticMarker(count: 10_000)
        let large = ScatterPlot.automaticMarker(count: 100_000)
        #expect(small.radius > mid.radius && mid.radius > large.radius)
        #expect(small.opacity > mid.opacity && mid.opacity > large.opacity)
        #expect(large.radius >= 1 && large.opacity >= 0.2)
    }

    @Test func labelsDoNotOverlapAndCrowdedOnesAreCounted() throws {
        // 40 labels on points packed into a small patch: every placed box must be disjoint.
        var xs: [Double] = [], ys: [Double] = []
        for i in 0..<400 { xs.append(Double(i % 20)); ys.append(Double(i / 20)) }
        let labels = (0..<40).map { PointLabel(index: 189 + ($0 % 5) + ($0 / 5) * 20, text: "label \($0)") }
        let rendered = try ScatterPlot(x: xs, y: ys, labels: labels).render(style: ChartStyle(width: 500, height: 350, scale: 1))
        let boxes = rendered.layout.labelBoxes
        #expect(boxes.count + rendered.droppedLabels == 40)
        #expect(boxes.count >= 10)
        for i in boxes.indices { for j in boxes.indices where i < j {
            let a = boxes[i], b = boxes[j]
            #expect(!(a.x < b.maxX && b.x < a.maxX && a.y < b.maxY && b.y < a.maxY), "labels \(i) and \(j) overlap")
        } }
        let frame = try #require(rendered.layout.frames.first).pixelRect
        #expect(boxes.allSatisfy { $0.x >= frame.x && $0.maxX <= frame.maxX + 1e-9 && $0.y >= frame.y && $0.maxY <= frame.maxY + 1e-9 })
    }

    @Test func badCategoriesAndLabelsAreRefused() {
        #expect(throws: RenderError.self) { try ScatterPlot(x: x, y: y, categories: [0, 1], categoryNames: names).render(style: ChartStyle(scale: 1)) }
        #expect(throws: RenderError.self) { try ScatterPlot(x: x, y: y, categories: [0, 1, 2, 3, 9], categoryNames: names).render(style: ChartStyle(scale: 1)) }
        #expect(throws: RenderError.self) { try ScatterPlot(x: x, y: y, labels: [PointLabel(index: 99, text: "?")]).render(style: ChartStyle(scale: 1)) }
        #expect(throws: RenderError.emptySeries(name: "scatter")) { try ScatterPlot(x: [], y: []).render(style: ChartStyle(scale: 1)) }
    }
}
