import Foundation
import Testing
import Render
import TestSupport

@Suite struct LineChartTests {
    let epochs = (1...12).map(Double.init)
    var train: [Double] { epochs.map { 0.6 + 0.5 / $0 } }
    var test: [Double] { epochs.map { 0.85 + 0.4 / $0 + 0.004 * $0 } }

    func chart(logY: Bool = false) -> LineChart {
        LineChart(title: "RMSE per epoch", xLabel: "epoch", yLabel: "RMSE",
                  series: [LineSeries(name: "train", x: epochs, y: train), LineSeries(name: "test", x: epochs, y: test)],
                  yScale: logY ? .log : .linear, best: BestPointMarker(series: 1, label: "best epoch"), integerX: true)
    }

    @Test(arguments: [1.0, 2.0]) func markersLandWhereTheAxesMapThem(scale: Double) throws {
        let rendered = try chart().render(style: ChartStyle(width: 640, height: 400, scale: scale))
        let image = try DecodedPNG(data: rendered.pngData()).image
        #expect(image.width == Int(640 * scale) && image.height == Int(400 * scale))
        let frame = try #require(rendered.layout.frames.first)
        // Points of the train series (far from the best marker) carry the series colour.
        for i in [0, 3, 6] {
            let p = frame.pixel(x: epochs[i], y: train[i])
            #expect(matches(image.probe(p.x, p.y), Palette.category(0)), "train point \(i) at \(p)")
        }
        // A probe halfway between the axes' mapped positions of two ticks, off the lines, is background or grid.
        let empty = frame.pixel(x: 11.5, y: 1.3)
        #expect(image.probe(empty.x, empty.y).r > 200)
    }

    @Test func legendSwatchesCarryTheSeriesColours() throws {
        let rendered = try chart().render(style: ChartStyle(scale: 1))
        let legend = rendered.layout.legend
        #expect(legend.map(\.label).prefix(2) == ["train", "test"])
        for (n, entry) in legend.prefix(2).enumerated() {
            #expect(entry.colour == Palette.category(n))
            #expect(matches(rendered.image.probe(entry.swatchCentre.x, entry.swatchCentre.y), entry.colour))
        }
        // The best-epoch entry names the argmin of the test series (0.85 + 0.4/e + 0.004e: e = 10).
        let best = test.indices.min { test[$0] < test[$1] }!
        #expect(best == 9)
        #expect(legend.last?.label == "best epoch 10: 0.93")
    }

    @Test func titleAndTickTextAreDrawn() throws {
        let rendered = try chart().render()
        let box = try #require(rendered.layout.titleBox)
        #expect(rendered.image.inkPixels(in: box) > 200)
        // Below the plot area, where the x tick labels are.
        let f = try #require(rendered.layout.frames.first).pixelRect
        #expect(rendered.image.inkPixels(in: Rect(x: f.x, y: f.maxY + 12, width: f.width, height: 30)) > 100)
    }

    @Test func logAxisPlacesDecadesEvenly() throws {
        let xs = [1.0, 2, 3]
        let rendered = try LineChart(series: [LineSeries(name: "loss", x: xs, y: [1, 10, 100])], yScale: .log).render(style: ChartStyle(scale: 1))
        let f = try #require(rendered.layout.frames.first)
        let a = f.pixel(x: 1, y: 1).y, b = f.pixel(x: 2, y: 10).y, c = f.pixel(x: 3, y: 100).y
        #expect(abs((a - b) - (b - c)) < 1e-9)
        #expect(f.y.ticks.contains(10))
        #expect(matches(rendered.image.probe(f.pixel(x: 2, y: 10).x, b), Palette.category(0)))
    }

    @Test func sameInputGivesIdenticalBytes() throws {
        let a = try chart().render().pngData(), b = try chart().render().pngData()
        #expect(a == b)
    }

    @Test func nonFiniteValuesAreSkippedAndCountedOrRefused() throws {
        var y = train
        y[2] = .nan
        y[5] = .infinity
        let series = [LineSeries(name: "train", x: epochs, y: y)]
        let rendered = try LineChart(series: series).render(style: ChartStyle(scale: 1))
        #expect(rendered.skippedPoints == 2)
        #expect(throws: RenderError.nonFiniteValues(name: "train", count: 2, firstIndex: 2)) {
            try LineChart(series: series).render(style: ChartStyle(scale: 1, nonFinite: .refuse))
        }
        // Zero on a log axis cannot be drawn: counted like NaN.
        let logged = try LineChart(series: [LineSeries(name: "l", x: [1, 2, 3], y: [0, 1, 2])], yScale: .log).render(style: ChartStyle(scale: 1))
        #expect(logged.skippedPoints == 1)
    }

    @Test func emptyOrAllNaNSeriesAreRefused() throws {
        #expect(throws: RenderError.emptySeries(name: "none")) {
            try LineChart(series: [LineSeries(name: "none", x: [], y: [])]).render(style: ChartStyle(scale: 1))
        }
        #expect(throws: RenderError.emptySeries(name: "nan")) {
            try LineChart(series: [LineSeries(name: "nan", x: [1, 2], y: [.nan, .nan])]).render(style: ChartStyle(scale: 1))
        }
        #expect(throws: RenderError.self) { try LineChart(series: []).render(style: ChartStyle(scale: 1)) }
    }
}
