import Foundation
import Testing
import Render
import TestSupport

@Suite struct ChartKindsTests {
    let small = ChartStyle(width: 480, height: 320, scale: 1)

    @Test func heatmapCellsCarryTheirMappedColour() throws {
        let values: [[Double]] = [[0, 1, 2], [3, 4, 5]]
        let rendered = try Heatmap(values: values, rowLabels: ["a", "b"], columnLabels: ["x", "y", "z"], annotate: false).render(style: small)
        let f = try #require(rendered.layout.frames.first).pixelRect
        let w = f.width / 3, h = f.height / 2
        for r in 0..<2 {
            for c in 0..<3 {
                let p = rendered.image.probe(f.x + (Double(c) + 0.5) * w, f.y + (Double(r) + 0.5) * h)
                #expect(matches(p, Heatmap.colour(for: values[r][c], lo: 0, hi: 5), tolerance: 2), "cell \(r),\(c)")
            }
        }
        // Lowest value dark purple, highest yellow (viridis ends).
        #expect(matches(rendered.image.probe(f.x + w / 2, f.y + h / 2), Palette.viridis(0), tolerance: 2))
    }

    @Test func heatmapAnnotationsAreDrawnAndNaNCellsCounted() throws {
        let values: [[Double]] = [[1, .nan], [3, 4]]
        let rendered = try Heatmap(values: values, rowLabels: ["a", "b"], columnLabels: ["x", "y"]).render(style: small)
        #expect(rendered.skippedPoints == 1)
        let f = try #require(rendered.layout.frames.first).pixelRect
        let cell = Rect(x: f.x + f.width / 4 - 15, y: f.y + f.height / 4 - 8, width: 30, height: 16)
        let fill = Heatmap.colour(for: 1, lo: 1, hi: 4).rgb8
        #expect(rendered.image.inkPixels(in: cell, background: (fill.r, fill.g, fill.b)) > 10)
        let missing = rendered.image.probe(f.x + f.width * 0.75, f.y + f.height * 0.25)
        #expect(missing.r == 0xEE && missing.g == 0xEE && missing.b == 0xEE)
        #expect(throws: RenderError.self) { try Heatmap(values: values, rowLabels: ["a", "b"], columnLabels: ["x", "y"]).render(style: ChartStyle(scale: 1, nonFinite: .refuse)) }
        #expect(throws: RenderError.self) { try Heatmap(values: [[1, 2], [3]], rowLabels: ["a", "b"], columnLabels: ["x", "y"]).render(style: small) }
    }

    @Test(arguments: [false, true]) func barsReachTheirValues(horizontal: Bool) throws {
        let values = [5.0, 12, 0.5, 8]
        let names = ["one", "two", "three", "four"]
        let rendered = try BarChart(categories: names, values: values, horizontal: horizontal).render(style: small)
        let f = try #require(rendered.layout.frames.first)
        for (i, v) in values.enumerated() {
            let slot = horizontal ? Double(values.count - i) - 0.5 : Double(i) + 0.5
            let inside = horizontal ? f.pixel(x: v * 0.5, y: slot) : f.pixel(x: slot, y: v * 0.5)
            let beyond = horizontal ? f.pixel(x: v + 0.6, y: slot) : f.pixel(x: slot, y: v + 0.6)
            #expect(matches(rendered.image.probe(inside.x, inside.y), Palette.category(0)), "bar \(i)")
            #expect(!matches(rendered.image.probe(beyond.x, beyond.y), Palette.category(0)), "above bar \(i)")
        }
        #expect(f.y.lower == 0 || f.x.lower == 0)
    }

    @Test func histogramBinsKnownAnswer() throws {
        let (edges, counts) = Histogram.binned([0, 1, 2, 3, 4, .nan], bins: 2, range: nil)
        #expect(edges == [0, 2, 4])
        #expect(counts == [2, 3])  // the last bin includes its upper edge
        let auto = Histogram.binned((0..<1000).map { Double($0 % 100) }, bins: nil, range: nil)
        #expect(auto.counts.reduce(0, +) == 1000)
        #expect((5...80).contains(auto.counts.count))
        let rendered = try Histogram(values: [1, 1, 1, 2, 3], bins: 3).render(style: small)
        let f = try #require(rendered.layout.frames.first)
        let tallest = f.pixel(x: 1.2, y: 1.5)
        #expect(matches(rendered.image.probe(tallest.x, tallest.y), Palette.category(0)))
    }

    @Test func highlightGridSharesAxesAndColoursMembers() throws {
        // Nine isolated points; panel k highlights point k.
        let x = (0..<9).map { Double($0 % 3) }, y = (0..<9).map { Double($0 / 3) }
        let panels = (0..<4).map { HighlightGrid.Panel(title: "p\($0)", members: [$0]) }
        let rendered = try HighlightGrid(x: x, y: y, panels: panels, columns: 2).render(style: ChartStyle(width: 600, height: 500, scale: 2))
        let frames = rendered.layout.frames
        #expect(frames.count == 4)
        #expect(Set(frames.map { "\($0.x.lower),\($0.x.upper),\($0.y.lower),\($0.y.upper)" }).count == 1)
        for (k, f) in frames.enumerated() {
            let member = f.pixel(x: x[k], y: y[k])
            let p = rendered.image.probe(member.x, member.y)
            #expect(Int(p.b) - Int(p.r) > 60, "panel \(k) member is coloured: \(p)")
            let other = (k + 5) % 9
            let q = f.pixel(x: x[other], y: y[other])
            let g = rendered.image.probe(q.x, q.y)
            #expect(abs(Int(g.r) - Int(g.b)) < 8 && g.r < 245, "panel \(k) context point is grey: \(g)")
        }
    }
}
