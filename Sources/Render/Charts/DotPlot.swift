import Foundation

/// One dot per category on a value axis that spans the data, not zero (a Cleveland dot plot):
/// for close numbers such as the test RMSEs of several models (0.836 vs 0.869), which bars
/// starting at zero would draw the same length. Categories are listed top to bottom, each on a
/// faint guide line, with its value printed beside the dot; every value has the same number of
/// decimals. One category may be highlighted (drawn larger, its dot and value in the accent
/// colour, the value followed by "best"). Cost: linear in the number of categories.
public struct DotPlot: Sendable {
    public var title: String?
    /// Label of the value axis.
    public var valueLabel: String?
    public var categories: [String]
    public var values: [Double]
    /// Index of a category to highlight (e.g. the best model), or nil.
    public var highlight: Int?
    /// The dots' colour; nil: the first categorical palette colour.
    public var colour: Colour?

    /// The highlighted dot's and value's colour: a dark red (7.5:1 on white, so its value reads
    /// as well as the others).
    public static let accent = Palette.category(9)

    public init(title: String? = nil, valueLabel: String? = nil, categories: [String], values: [Double],
                highlight: Int? = nil, colour: Colour? = nil) {
        self.title = title
        self.valueLabel = valueLabel
        self.categories = categories
        self.values = values
        self.highlight = highlight
        self.colour = colour
    }

    public func render(style: ChartStyle = ChartStyle()) throws -> RenderedChart {
        guard !values.isEmpty else { throw RenderError.emptySeries(name: title ?? "dot plot") }
        guard categories.count == values.count else {
            throw RenderError.lengthMismatch(name: "dot plot categories", expected: values.count, actual: categories.count)
        }
        if let highlight, !values.indices.contains(highlight) {
            throw RenderError.invalidOption("dot plot highlight \(highlight) is outside 0..<\(values.count)")
        }
        let drawable = try FiniteFilter.drawable(name: title ?? "dot plot", x: values.indices.map(Double.init), y: values, policy: style.nonFinite)
        let kept = drawable.indices.map { values[$0] }
        guard let lowest = kept.min(), let highest = kept.max() else { throw RenderError.emptySeries(name: title ?? "dot plot") }
        let canvas = try Canvas(width: style.width, height: style.height, scale: style.scale, background: style.background, font: style.font)
        var outer = Rect(x: 0, y: 0, width: style.width, height: style.height).insetBy(Theme.padding)
        let titleRoom = AxesPainter.titleHeight(title)
        outer.y += titleRoom
        outer.height -= titleRoom
        let texts = ValueLabels.uniform(values)
        // Room on the right for the widest value printed beside the highest dot.
        let textWidth = texts.map { canvas.measure($0 + "  best", size: Theme.annotationSize + 0.5).width }.max() ?? 0
        let span = highest - lowest
        let pad = span > 0 ? span * 0.12 : max(abs(highest) * 0.01, 1e-9)
        let valueAxis = AxisRequest(lower: lowest - pad, upper: highest + pad)
        let categoryAxis = AxisRequest(lower: 0, upper: Double(categories.count), categories: categories, reversed: true)
        var inner = outer
        inner.width -= textWidth + 8
        let frame = AxesPainter.layout(canvas, outer: inner, x: valueAxis, y: categoryAxis, xLabel: valueLabel, yLabel: nil)
        AxesPainter.drawGrid(canvas, frame, vertical: true, horizontal: false)
        let base = colour ?? Palette.category(0)
        let accent = Self.accent
        var layout = ChartLayout()
        for i in drawable.indices {
            let centre = Double(categories.count - i) - 0.5
            let left = frame.point(frame.x.lower, centre), right = frame.point(frame.x.upper, centre)
            canvas.line(left.0, left.1, right.0, right.1, colour: Colour(hex: 0xB0B0B0), width: 0.6, dash: [1, 2.5])
            let p = frame.point(values[i], centre)
            let marked = i == highlight
            let fill = marked ? accent : base
            canvas.disc(x: p.0, y: p.1, radius: marked ? 6 : 4.8, fill: fill, edge: .white, edgeWidth: 0.8)
            canvas.text(texts[i] + (marked ? "  best" : ""), x: p.0 + 9, y: p.1, size: Theme.annotationSize + 0.5,
                        colour: marked ? accent : Theme.text, h: .left, v: .middle)
            layout.legend.append((categories[i], fill, (p.0, p.1)))
        }
        AxesPainter.drawAxes(canvas, frame, xLabel: valueLabel, yLabel: nil, outer: inner)
        layout.frames = [frame]
        layout.titleBox = AxesPainter.drawTitle(canvas, title, centreX: frame.rect.midX, top: Theme.padding)
        return try RenderedChart(canvas: canvas, style: style, title: title, layout: layout, skippedPoints: drawable.skipped)
    }
}
