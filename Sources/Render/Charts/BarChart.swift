import Foundation

/// One bar per category (genre counts, explained variance per component), vertical or
/// horizontal, with an optional value printed at the end of each bar (all with the same number
/// of decimals). Bars start at zero; for close values that differ in the third digit draw a
/// `DotPlot`, whose axis need not include zero.
/// Cost: linear in the number of bars.
public struct BarChart: Sendable {
    public var title: String?
    /// Label of the category axis.
    public var categoryLabel: String?
    /// Label of the value axis.
    public var valueLabel: String?
    public var categories: [String]
    public var values: [Double]
    /// nil: the first categorical palette colour.
    public var colour: Colour?
    /// One colour per bar (overrides `colour`), e.g. each genre's own colour.
    public var barColours: [Colour]?
    /// Bars run left to right with categories listed top to bottom (best for long names).
    public var horizontal: Bool
    /// Print each value at the end of its bar.
    public var showValues: Bool

    public init(title: String? = nil, categoryLabel: String? = nil, valueLabel: String? = nil, categories: [String],
                values: [Double], colour: Colour? = nil, barColours: [Colour]? = nil, horizontal: Bool = false, showValues: Bool = false) {
        self.barColours = barColours
        self.title = title
        self.categoryLabel = categoryLabel
        self.valueLabel = valueLabel
        self.categories = categories
        self.values = values
        self.colour = colour
        self.horizontal = horizontal
        self.showValues = showValues
    }

    public func render(style: ChartStyle = ChartStyle()) throws -> RenderedChart {
        guard !values.isEmpty else { throw RenderError.emptySeries(name: title ?? "bar chart") }
        guard categories.count == values.count else {
            throw RenderError.lengthMismatch(name: "bar chart categories", expected: values.count, actual: categories.count)
        }
        if let barColours, barColours.count != values.count {
            throw RenderError.lengthMismatch(name: "bar colours", expected: values.count, actual: barColours.count)
        }
        let drawable = try FiniteFilter.drawable(name: title ?? "bar chart", x: values.indices.map(Double.init), y: values, policy: style.nonFinite)
        let kept = drawable.indices.map { values[$0] }
        let canvas = try Canvas(width: style.width, height: style.height, scale: style.scale, background: style.background, font: style.font)
        var outer = Rect(x: 0, y: 0, width: style.width, height: style.height).insetBy(Theme.padding)
        let titleRoom = AxesPainter.titleHeight(title)
        outer.y += titleRoom
        outer.height -= titleRoom
        let limits = Axis.limits(min: kept.min()!, max: kept.max()!, scale: .linear, margin: showValues ? 0.12 : 0.05, includeZero: true)
        let valueAxis = AxisRequest(lower: limits.0, upper: limits.1)
        let categoryAxis = AxisRequest(lower: 0, upper: Double(categories.count), categories: categories, reversed: horizontal)
        let frame = horizontal
            ? AxesPainter.layout(canvas, outer: outer, x: valueAxis, y: categoryAxis, xLabel: valueLabel, yLabel: categoryLabel)
            : AxesPainter.layout(canvas, outer: outer, x: categoryAxis, y: valueAxis, xLabel: categoryLabel, yLabel: valueLabel)
        AxesPainter.drawGrid(canvas, frame, vertical: horizontal, horizontal: !horizontal)
        let fill = colour ?? Palette.category(0)
        let texts = ValueLabels.uniform(values)
        let slot = 0.72
        for i in drawable.indices {
            let v = values[i]
            let centre = horizontal ? Double(categories.count - i) - 0.5 : Double(i) + 0.5
            let a = horizontal ? frame.point(0, centre - slot / 2) : frame.point(centre - slot / 2, 0)
            let b = horizontal ? frame.point(v, centre + slot / 2) : frame.point(centre + slot / 2, v)
            let rect = Rect(x: min(a.0, b.0), y: min(a.1, b.1), width: abs(b.0 - a.0), height: abs(b.1 - a.1))
            canvas.fillRect(rect, colour: barColours?[i] ?? fill)
            if showValues {
                let text = texts[i]
                if horizontal {
                    canvas.text(text, x: v >= 0 ? rect.maxX + 3 : rect.x - 3, y: rect.midY, size: Theme.annotationSize,
                                colour: Theme.text, h: v >= 0 ? .left : .right, v: .middle)
                } else {
                    canvas.text(text, x: rect.midX, y: v >= 0 ? rect.y - 3 : rect.maxY + 3, size: Theme.annotationSize,
                                colour: Theme.text, h: .centre, v: v >= 0 ? .bottom : .top)
                }
            }
        }
        AxesPainter.drawAxes(canvas, frame, xLabel: horizontal ? valueLabel : categoryLabel,
                             yLabel: horizontal ? categoryLabel : valueLabel, outer: outer)
        var layout = ChartLayout()
        layout.frames = [frame]
        layout.titleBox = AxesPainter.drawTitle(canvas, title, centreX: frame.rect.midX, top: Theme.padding)
        return try RenderedChart(canvas: canvas, style: style, title: title, layout: layout, skippedPoints: drawable.skipped)
    }
}
