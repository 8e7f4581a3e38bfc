import Foundation

/// Counts of values in equal-width bins (rating distribution, norms of embeddings).
public struct Histogram: Sendable {
    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    public var values: [Double]
    /// Number of bins; nil: Freedman–Diaconis width, clamped to 5…80 bins.
    public var bins: Int?
    /// Bin range; nil: the data's min…max.
    public var range: ClosedRange<Double>?
    public var colour: Colour?

    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = "count", values: [Double], bins: Int? = nil,
                range: ClosedRange<Double>? = nil, colour: Colour? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.values = values
        self.bins = bins
        self.range = range
        self.colour = colour
    }

    /// Bin edges (count + 1) and counts for the finite values of `values` inside `range`.
    /// The last bin includes its upper edge. Cost: O(n log n) for the automatic bin width.
    public static func binned(_ values: [Double], bins: Int?, range: ClosedRange<Double>?) -> (edges: [Double], counts: [Int]) {
        let finite = values.filter { $0.isFinite }
        guard !finite.isEmpty else { return ([], []) }
        var lo = range?.lowerBound ?? finite.min()!, hi = range?.upperBound ?? finite.max()!
        if hi <= lo { lo -= 0.5; hi += 0.5 }
        var count = bins ?? 0
        if count <= 0 {
            let sorted = finite.sorted()
            let iqr = sorted[sorted.count * 3 / 4] - sorted[sorted.count / 4]
            let width = 2 * iqr / pow(Double(sorted.count), 1.0 / 3)
            count = width > 0 ? Int(((hi - lo) / width).rounded(.up)) : 10
            count = max(5, min(80, count))
        }
        let width = (hi - lo) / Double(count)
        let edges = (0...count).map { lo + Double($0) * width }
        var counts = [Int](repeating: 0, count: count)
        for v in finite where v >= lo && v <= hi {
            counts[min(count - 1, Int((v - lo) / width))] += 1
        }
        return (edges, counts)
    }

    public func render(style: ChartStyle = ChartStyle()) throws -> RenderedChart {
        guard !values.isEmpty else { throw RenderError.emptySeries(name: title ?? "histogram") }
        let drawable = try FiniteFilter.drawable(name: title ?? "histogram", x: values, y: values, policy: style.nonFinite)
        if let bins, bins < 1 { throw RenderError.invalidOption("histogram needs at least one bin, got \(bins)") }
        let (edges, counts) = Self.binned(values, bins: bins, range: range)
        let canvas = try Canvas(width: style.width, height: style.height, scale: style.scale, background: style.background, font: style.font)
        var outer = Rect(x: 0, y: 0, width: style.width, height: style.height).insetBy(Theme.padding)
        let titleRoom = AxesPainter.titleHeight(title)
        outer.y += titleRoom
        outer.height -= titleRoom
        let top = Axis.limits(min: 0, max: Double(counts.max() ?? 1), scale: .linear, includeZero: true).1
        let span = edges.last! - edges.first!
        let frame = AxesPainter.layout(canvas, outer: outer, x: AxisRequest(lower: edges.first! - span * 0.02, upper: edges.last! + span * 0.02),
                                       y: AxisRequest(lower: 0, upper: top, integer: true), xLabel: xLabel, yLabel: yLabel)
        AxesPainter.drawGrid(canvas, frame, vertical: false)
        let fill = colour ?? Palette.category(0)
        for (i, c) in counts.enumerated() where c > 0 {
            let a = frame.point(edges[i], 0), b = frame.point(edges[i + 1], Double(c))
            let rect = Rect(x: a.0, y: b.1, width: b.0 - a.0, height: a.1 - b.1)
            canvas.fillRect(rect, colour: fill)
            // A thin gap between neighbouring bars (on white; a transparent image keeps bars flush).
            if style.background == .white {
                canvas.line(rect.maxX, rect.y, rect.maxX, rect.maxY, colour: .white, width: min(0.8, rect.width * 0.15))
            }
        }
        AxesPainter.drawAxes(canvas, frame, xLabel: xLabel, yLabel: yLabel, outer: outer)
        var layout = ChartLayout()
        layout.frames = [frame]
        layout.titleBox = AxesPainter.drawTitle(canvas, title, centreX: frame.rect.midX, top: Theme.padding)
        return try RenderedChart(canvas: canvas, style: style, title: title, layout: layout, skippedPoints: drawable.skipped)
    }
}
