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
        let titleRoom = AxesPainter.titleHeight(title)
        let xl = Axis.limits(min: xs.min()!, max: xs.max()!, scale: .linear, margin: 0.03)
        let yl = Axis.limits(min: ys.min()!, max: ys.max()!, scale: yScale)
        let shade = Colour(hex: 0x888888).withAlpha(0.16)
        let colours = series.indices.map { series[$0].colour ?? Palette.category($0) }
        let bestIndex = best.map { b in kept[b.series].min { b.goal == .minimum ? series[b.series].y[$0] < series[b.series].y[$1] : series[b.series].y[$0] > series[b.series].y[$1] }! }

        var items: [LegendItem] = []
        if let band, band.upper > band.lower { items.append(LegendItem(label: band.label, colour: shade.withAlpha(0.35), swatch: .patch)) }
        for (n, s) in series.enumerated() { items.append(LegendItem(label: s.name, colour: colours[n], swatch: .line(dashed: s.dashed))) }
        let mark = Colour(hex: 0x444444)
        if let best, let i = bestIndex {
            let s = series[best.series]
            items.append(LegendItem(label: "\(best.label) \(Self.format(s.x[i])): \(Self.format(s.y[i]))", colour: mark, swatch: .line(dashed: true)))
        }
        // A single unmarked series needs no legend: the axis label names it.
        let legendItems = items.count > 1 ? items : []
        let legendSize = LegendPainter.size(canvas, legendItems)

        /// The axes (narrowed for a legend column on the right when `outside`), each series'
        /// unbroken runs of points, and what a legend inside must not cover.
        func arrange(outside: Bool) -> (outer: Rect, frame: PlotFrame, runs: [[[(Double, Double)]]], obstacles: LegendPainter.Obstacles) {
            var outer = Rect(x: 0, y: 0, width: style.width, height: style.height).insetBy(Theme.padding)
            outer.y += titleRoom
            outer.height -= titleRoom
            if outside { outer.width -= legendSize.width + 8 }
            let frame = AxesPainter.layout(canvas, outer: outer, x: AxisRequest(lower: xl.0, upper: xl.1, integer: integerX),
                                           y: AxisRequest(lower: yl.0, upper: yl.1, scale: yScale), xLabel: xLabel, yLabel: yLabel)
            var obstacles = LegendPainter.Obstacles(pointRadius: 3)
            var runs: [[[(Double, Double)]]] = []
            for (s, idx) in zip(series, kept) {
                // Break the line where points were skipped.
                var pieces: [[(Double, Double)]] = [], run: [(Double, Double)] = []
                var previous = -2
                for i in idx {
                    if i != previous + 1 && !run.isEmpty { pieces.append(run); run.removeAll() }
                    let p = frame.point(s.x[i], s.y[i])
                    run.append(p)
                    obstacles.points.append(p)
                    previous = i
                }
                if !run.isEmpty { pieces.append(run) }
                for piece in pieces {
                    for (a, b) in zip(piece, piece.dropFirst()) { obstacles.segments.append(Segment(x0: a.0, y0: a.1, x1: b.0, y1: b.1)) }
                }
                runs.append(pieces)
            }
            if let best, let i = bestIndex {
                let p = frame.point(series[best.series].x[i], series[best.series].y[i])
                obstacles.segments.append(Segment(x0: p.0, y0: frame.rect.y, x1: p.0, y1: frame.rect.maxY))
                obstacles.segments.append(Segment(x0: p.0 - 6, y0: p.1, x1: p.0 + 6, y1: p.1))
            }
            return (outer, frame, runs, obstacles)
        }
        var (outer, frame, runs, obstacles) = arrange(outside: false)
        var legendBox: Rect?
        var outside = false
        if !legendItems.isEmpty {
            legendBox = LegendPainter.emptyBox(in: frame.rect, size: legendSize, avoiding: obstacles)
            if legendBox == nil {
                outside = true
                (outer, frame, runs, obstacles) = arrange(outside: true)
                legendBox = Rect(x: frame.rect.maxX + 12, y: frame.rect.y, width: legendSize.width, height: legendSize.height)
            }
        }
        AxesPainter.drawGrid(canvas, frame)
        canvas.save()
        canvas.clip(frame.rect.insetBy(-Theme.lineWidth))
        if let band, band.upper > band.lower {
            let left = frame.point(band.lower, yl.0).0, right = frame.point(band.upper, yl.0).0
            canvas.fillRect(Rect(x: max(frame.rect.x, left), y: frame.rect.y,
                                 width: min(frame.rect.maxX, right) - max(frame.rect.x, left), height: frame.rect.height), colour: shade)
        }
        for (n, (s, pieces)) in zip(series, runs).enumerated() {
            for piece in pieces { canvas.polyline(piece, colour: colours[n], width: Theme.lineWidth, dash: s.dashed ? [5, 3] : []) }
            if kept[n].count <= 40 {
                canvas.discs(pieces.flatMap { $0 }.map { ($0.0, $0.1, colours[n]) }, radius: 2.6)
            }
        }
        if let best, let i = bestIndex {
            let p = frame.point(series[best.series].x[i], series[best.series].y[i])
            let px = canvas.crisp(p.0, lineWidth: 1)
            canvas.line(px, frame.rect.y, px, frame.rect.maxY, colour: mark.withAlpha(0.7), width: 1, dash: [3, 3])
            canvas.disc(x: p.0, y: p.1, radius: 5.5, fill: .clear, edge: mark, edgeWidth: 1.5)
        }
        canvas.restore()
        AxesPainter.drawAxes(canvas, frame, xLabel: xLabel, yLabel: yLabel, outer: outer)
        var layout = ChartLayout()
        layout.frames = [frame]
        layout.titleBox = AxesPainter.drawTitle(canvas, title, centreX: frame.rect.midX, top: Theme.padding)
        if let legendBox {
            layout.legend = LegendPainter.draw(canvas, legendItems, box: legendBox, framed: !outside)
            layout.legendBox = legendBox
        }
        return try RenderedChart(canvas: canvas, style: style, title: title, layout: layout, skippedPoints: skipped)
    }

    /// Compact number for legends: integers as integers, else four significant digits.
    static func format(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e9 { return String(Int(v)) }
        return TickFormatter.minus(String(format: "%.4g", v))
    }
}
