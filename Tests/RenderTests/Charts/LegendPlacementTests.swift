import Foundation
import Testing
import TestSupport
@testable import Render

/// Legends never cover data: inside the axes only where no mark or line is, else beside them.
@Suite struct LegendPlacementTests {
    /// Whether a disc of `radius` pixels at `centre` reaches into `box` (pixels).
    func touches(_ box: Rect, _ centre: (x: Double, y: Double), radius: Double) -> Bool {
        let nx = min(max(centre.x, box.x), box.maxX), ny = min(max(centre.y, box.y), box.maxY)
        return (nx - centre.x) * (nx - centre.x) + (ny - centre.y) * (ny - centre.y) < radius * radius
    }

    @Test func crowdedScatterLegendSitsOverNoMark() throws {
        // 3,000 opaque points spread over the whole plot in four groups: every corner is full,
        // so the legend (four entries, which used to go in the "least covered" corner) must go
        // beside the axes.
        var random = SeededUniform(seed: 11)
        let n = 3000
        let x = (0..<n).map { _ in random.next() }, y = (0..<n).map { _ in random.next() }
        let groups = (0..<n).map { $0 % 4 }
        let radius = 2.0, scale = 2.0
        let rendered = try ScatterPlot(title: "crowded", x: x, y: y, categories: groups, categoryNames: ["a", "b", "c", "d"],
                                       markerRadius: radius, opacity: 1)
            .render(style: ChartStyle(width: 600, height: 400, scale: scale))
        let image = try DecodedPNG(data: rendered.pngData()).image
        let box = try #require(rendered.layout.legendBox)
        let frame = try #require(rendered.layout.frames.first)
        #expect(box.x >= frame.pixelRect.maxX, "a crowded plot's legend goes beside the axes")
        #expect(frame.pixelRect.width > 0.7 * Double(image.width))
        let colours = (0..<4).map { Palette.category($0) }
        var covered = 0, hidden = 0
        for i in 0..<n {
            let p = frame.pixel(x: x[i], y: y[i])
            if touches(box, p, radius: (radius + 0.5) * scale) { covered += 1 }
            // Nothing is drawn over a mark: its centre pixel shows mark colour (a group colour, or
            // a blend where a neighbour's antialiased edge overlaps), not a legend's white
            // background or its dark text.
            let px = image.probe(p.x, p.y)
            if min(px.r, px.g, px.b) > 200 || max(px.r, px.g, px.b) < 70 { hidden += 1 }
        }
        let exact = (0..<n).filter { i in
            let p = frame.pixel(x: x[i], y: y[i])
            return colours.contains { matches(image.probe(p.x, p.y), $0, tolerance: 3) }
        }.count
        #expect(exact > n / 2, "most marks show their own colour exactly")
        #expect(covered == 0)
        #expect(hidden == 0, "\(hidden) marks are hidden under something")
        #expect(rendered.layout.legend.count == 4)
    }

    @Test func sparseScatterKeepsItsLegendInAnEmptyCorner() throws {
        // Points only in the lower-left half: the legend stays inside, in the empty upper right.
        var random = SeededUniform(seed: 5)
        var x: [Double] = [], y: [Double] = []
        while x.count < 800 {
            let a = random.next(), b = random.next()
            if a + b < 1 { x.append(a); y.append(b) }
        }
        x.append(1); y.append(1)  // one point fixing the top-right of the axes
        let rendered = try ScatterPlot(x: x, y: y, categories: x.indices.map { $0 % 3 }, categoryNames: ["one", "two", "three"],
                                       markerRadius: 2, opacity: 1)
            .render(style: ChartStyle(width: 600, height: 400, scale: 1))
        let box = try #require(rendered.layout.legendBox)
        let frame = try #require(rendered.layout.frames.first)
        #expect(frame.pixelRect.contains(box))
        for i in x.indices { #expect(!touches(box, frame.pixel(x: x[i], y: y[i]), radius: 2.5)) }
    }

    @Test func lineLegendAvoidsTheBestEpochLineAndTheCurves() throws {
        // Curves fall from the upper left; the best test epoch (the dashed line) is near the right
        // edge, through where the upper-right legend used to go.
        let epochs = (1...20).map(Double.init)
        let train = epochs.map { 0.62 + 0.5 * exp(-$0 / 3) }
        let test = epochs.map { 0.84 + 0.45 * exp(-$0 / 3) + 0.001 * pow($0 - 17, 2) }
        let chart = LineChart(title: "RMSE per epoch", xLabel: "epoch", yLabel: "RMSE",
                              series: [LineSeries(name: "train", x: epochs, y: train), LineSeries(name: "test", x: epochs, y: test)],
                              best: BestPointMarker(series: 1, label: "best epoch"), integerX: true)
        let rendered = try chart.render(style: ChartStyle(width: 640, height: 400, scale: 2))
        let box = try #require(rendered.layout.legendBox)
        let frame = try #require(rendered.layout.frames.first)
        let best = test.indices.min { test[$0] < test[$1] }!
        #expect(best == 16)
        let bestX = frame.pixel(x: epochs[best], y: test[best]).x
        #expect(!(box.x <= bestX && bestX <= box.maxX), "the legend covers the best-epoch line")
        for s in [train, test] {
            for i in 0..<(epochs.count - 1) {
                let a = frame.pixel(x: epochs[i], y: s[i]), b = frame.pixel(x: epochs[i + 1], y: s[i + 1])
                #expect(!Segment(x0: a.x, y0: a.y, x1: b.x, y1: b.y).intersects(box), "the legend covers a curve at epoch \(i + 1)")
            }
        }
        #expect(rendered.layout.legend.map(\.label).prefix(2) == ["train", "test"])
    }

    @Test func segmentTestsAgreeWithHandCases() {
        let square = Rect(x: 0, y: 0, width: 10, height: 10)
        #expect(Segment(x0: -5, y0: 5, x1: 15, y1: 5).intersects(square))
        #expect(Segment(x0: 2, y0: 2, x1: 3, y1: 3).intersects(square))          // inside
        #expect(!Segment(x0: -5, y0: -1, x1: 15, y1: -1).intersects(square))     // above
        #expect(!Segment(x0: 11, y0: -5, x1: 20, y1: 4).intersects(square))      // diagonal past the corner
        let cross = Segment(x0: 0, y0: 0, x1: 10, y1: 10)
        #expect(cross.intersects(Segment(x0: 0, y0: 10, x1: 10, y1: 0)))
        #expect(!cross.intersects(Segment(x0: 1, y0: 0, x1: 11, y1: 10)))        // parallel
        #expect(cross.intersects(Segment(x0: 5, y0: 5, x1: 20, y1: 5)))          // touching at an end
    }
}
