import Foundation

/// One line of a line chart.
public struct LineSeries: Sendable {
    public var name: String
    public var x: [Double]
    public var y: [Double]
    /// nil: the next categorical palette colour.
    public var colour: Colour?
    public var dashed: Bool

    public init(name: String, x: [Double], y: [Double], colour: Colour? = nil, dashed: Bool = false) {
        self.name = name
        self.x = x
        self.y = y
        self.colour = colour
        self.dashed = dashed
    }
}

/// Marks the best point of one series (for example the epoch with the lowest test RMSE) with a
/// ring and a dashed vertical line, and names it in the legend.
public struct BestPointMarker: Sendable {
    public enum Goal: Sendable { case minimum, maximum }
    /// Index of the series in `LineChart.series`.
    public var series: Int
    public var goal: Goal
    /// Legend text before the coordinates, e.g. "best epoch".
    public var label: String

    public init(series: Int, goal: Goal = .minimum, label: String = "best") {
        self.series = series
        self.goal = goal
        self.label = label
    }
}

/// A shaded vertical band over an x range (for example the burn-in sweeps of a sampler),
/// named in the legend.
public struct ShadedBand: Sendable {
    public var lower: Double
    public var upper: Double
    public var label: String

    public init(lower: Double, upper: Double, label: String) {
        self.lower = lower
        self.upper = upper
        self.label = label
    }
}

/// Several series against a shared x axis, optional log-scale y, best-point marker, shaded
/// band and legend.
/// Cost: linear in the number of points.
public struct LineChart: Sendable {
    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    public var series: [LineSeries]
    public var yScale: AxisScale
    public var best: BestPointMarker?
    /// Only whole-number x ticks (epochs).
    public var integerX: Bool
    /// A band drawn behind the lines, or nil.
    public var band: ShadedBand?

    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil, series: [LineSeries],
                yScale: AxisScale = .linear, best: BestPointMarker? = nil, integerX: Bool = false, band: ShadedBand? = nil) {
        self.band = band
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.yScale = yScale
        self.best = best
        self.integerX = integerX
    }

    /// Draws the chart. Throws for no series, an empty series, bad values under `.refuse`,
    /// a best marker naming a missing series, or a missing font.
    public func render(style: ChartStyle = ChartStyle()) throws -> RenderedChart {
        guard !series.isEmpty else { throw RenderError.emptySeries(name: title ?? "line chart") }
        if let best, !series.indices.contains(best.series) {
            throw RenderError.invalidOption("best marker names series \(best.series) but there are \(series.count)")
        }
        var kept: [[Int]] = [], skipped = 0
        for s in series {
            let d = try FiniteFilter.drawable(name: s.name, x: s.x, y: s.y, policy: style.nonFinite, logY: yScale == .log)
            kept.append(d.indices)
            skipped += d.skipped
        }
        var xs: [Double] = [], ys: [Double] = []
        for (s, idx) in zip(series, kept) { for i in idx { xs.append(s.x[i]); ys.append(s.y[i]) } }
        let canvas = try Canvas(width: style.width, height: style.height, scale: style.scale, background: style.background, font: style.font)
        var outer = Rect(x: 0, y: 0, width: style.width, height: style.height).insetBy(Theme.padding)
        let titleRoom = AxesPainter.titleHeight(title)
        outer.y += titleRoom
        outer.height -= titleRoom
        let xl = Axis.limits(min: xs.min()!, max: xs.max()!, scale: .linear, margin: 0.03)
        let yl = Axis.limits(min: ys.min()!, max: ys.max()!, scale: yScale)
        let frame = AxesPainter.layout(canvas, outer: outer, x: AxisRequest(lower: xl.0, upper: xl.1, integer: integerX),
                                       y: AxisRequest(lower: yl.0, upper: yl.1, scale: yScale), xLabel: xLabel, yLabel: yLabel)
        AxesPainter.drawGrid(canvas, frame)

        var items: [LegendItem] = []
        var occupied: [(Double, Double)] = []
        canvas.save()
        canvas.clip(frame.rect.insetBy(-Theme.lineWidth))
        if let band, band.upper > band.lower {
            let shade = Colour(hex: 0x888888).withAlpha(0.16)
            let left = frame.point(band.lower, yl.0).0, right = frame.point(band.upper, yl.0).0
            canvas.fillRect(Rect(x: max(frame.rect.x, left), y: frame.rect.y,
                                 width: min(frame.rect.maxX, right) - max(frame.rect.x, left), height: frame.rect.height), colour: shade)
            items.append(LegendItem(label: band.label, colour: shade.withAlpha(0.35), swatch: .patch))
        }
        for (n, (s, idx)) in zip(series, kept).enumerated() {
            let colour = s.colour ?? Palette.category(n)
            // Break the line where points were skipped.
            var run: [(Double, Double)] = []
            var previous = -2
            for i in idx {
                if i != previous + 1 && !run.isEmpty {
                    canvas.polyline(run, colour: colour, width: Theme.lineWidth, dash: s.dashed ? [5, 3] : [])
                    run.removeAll()
                }
                let p = frame.point(s.x[i], s.y[i])
                run.append(p)
                occupied.append(p)
                previous = i
            }
            canvas.polyline(run, colour: colour, width: Theme.lineWidth, dash: s.dashed ? [5, 3] : [])
            if idx.count <= 40 {
                canvas.discs(idx.map { i in let p = frame.point(s.x[i], s.y[i]); return (p.0, p.1, colour) }, radius: 2.6)
            }
            items.append(LegendItem(label: s.name, colour: colour, swatch: .line(dashed: s.dashed)))
        }
        if let best {
            let s = series[best.series], idx = kept[best.series]
            let i = idx.min { best.goal == .minimum ? s.y[$0] < s.y[$1] : s.y[$0] > s.y[$1] }!
            let p = frame.point(s.x[i], s.y[i])
            let mark = Colour(hex: 0x444444)
            let px = canvas.crisp(p.0, lineWidth: 1)
            canvas.line(px, frame.rect.y, px, frame.rect.maxY, colour: mark.withAlpha(0.7), width: 1, dash: [3, 3])
            canvas.disc(x: p.0, y: p.1, radius: 5.5, fill: .clear, edge: mark, edgeWidth: 1.5)
            items.append(LegendItem(label: "\(best.label) \(Self.format(s.x[i])): \(Self.format(s.y[i]))", colour: mark, swatch: .line(dashed: true)))
        }
        canvas.restore()
        AxesPainter.drawAxes(canvas, frame, xLabel: xLabel, yLabel: yLabel, outer: outer)
        var layout = ChartLayout()
        layout.frames = [frame]
        layout.titleBox = AxesPainter.drawTitle(canvas, title, centreX: frame.rect.midX, top: Theme.padding)
        // A single unmarked series needs no legend: the axis label names it.
        if items.count > 1 {
            let size = LegendPainter.size(canvas, items)
            let box = LegendPainter.bestBox(in: frame.rect, size: size, occupied: Self.densify(occupied))
            layout.legend = LegendPainter.draw(canvas, items, box: box)
        }
        return try RenderedChart(canvas: canvas, style: style, title: title, layout: layout, skippedPoints: skipped)
    }

    /// Compact number for legends: integers as integers, else four significant digits.
    static func format(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e9 { return String(Int(v)) }
        return TickFormatter.minus(String(format: "%.4g", v))
    }

    /// Adds midpoints along consecutive points so legend placement sees the lines, not only vertices.
    static func densify(_ points: [(Double, Double)]) -> [(Double, Double)] {
        guard points.count > 1 else { return points }
        var out = points
        for (a, b) in zip(points, points.dropFirst()) {
            for k in 1...7 { let t = Double(k) / 8; out.append((a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)) }
        }
        return out
    }
}
