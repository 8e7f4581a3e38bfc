import CCairo
import Foundation

/// A table of numbers as coloured cells (grid-search results, genre × cluster counts,
/// similarities) with a colour bar, row and column labels, and each cell's value printed in it
/// when it fits. viridis by default; a diverging map (`ColourMap.blueWhiteRed`) for signed
/// quantities, with the range centred on zero.
/// NaN cells are drawn light grey without a value (counted as skipped, or refused).
/// Cost: linear in the number of cells.
public struct Heatmap: Sendable {
    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    /// values[row][column]; all rows the same length.
    public var values: [[Double]]
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// Print values in the cells (when the text fits).
    public var annotate: Bool
    /// Decimals for cell values; nil: chosen from the data (0 for whole numbers, else up to 3 significant digits).
    public var decimals: Int?
    /// Label beside the colour bar.
    public var colourBarLabel: String?
    /// Colour range; nil: the data's min…max (for a diverging map: −m…m, m the largest magnitude).
    public var range: ClosedRange<Double>?
    /// How values become colours.
    public var colourMap: ColourMap

    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil, values: [[Double]], rowLabels: [String],
                columnLabels: [String], annotate: Bool = true, decimals: Int? = nil, colourBarLabel: String? = nil,
                range: ClosedRange<Double>? = nil, colourMap: ColourMap = .viridis) {
        self.colourMap = colourMap
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.values = values
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.annotate = annotate
        self.decimals = decimals
        self.colourBarLabel = colourBarLabel
        self.range = range
    }

    /// Colour of `value` under the range `lo…hi` of `map` (viridis unless given).
    public static func colour(for value: Double, lo: Double, hi: Double, map: ColourMap = .viridis) -> Colour {
        map.colour(at: hi > lo ? (value - lo) / (hi - lo) : 0.5)
    }

    /// The colour range used for `finite` values: `range` if set, else min…max, widened to be
    /// symmetric around zero for a diverging map.
    func colourRange(_ finite: [Double]) -> (lo: Double, hi: Double) {
        if let range { return (range.lowerBound, range.upperBound) }
        let lo = finite.min() ?? 0, hi = finite.max() ?? 0
        guard colourMap.diverging else { return (lo, hi) }
        let m = max(abs(lo), abs(hi))
        return m > 0 ? (-m, m) : (-1, 1)
    }

    public func render(style: ChartStyle = ChartStyle()) throws -> RenderedChart {
        let rows = values.count, cols = values.first?.count ?? 0
        guard rows > 0, cols > 0 else { throw RenderError.emptySeries(name: title ?? "heatmap") }
        for (r, row) in values.enumerated() where row.count != cols {
            throw RenderError.lengthMismatch(name: "heatmap row \(r)", expected: cols, actual: row.count)
        }
        guard rowLabels.count == rows else { throw RenderError.lengthMismatch(name: "heatmap row labels", expected: rows, actual: rowLabels.count) }
        guard columnLabels.count == cols else { throw RenderError.lengthMismatch(name: "heatmap column labels", expected: cols, actual: columnLabels.count) }
        let flat = values.flatMap { $0 }
        let bad = flat.enumerated().filter { !$0.element.isFinite }
        if !bad.isEmpty && style.nonFinite == .refuse {
            throw RenderError.nonFiniteValues(name: title ?? "heatmap", count: bad.count, firstIndex: bad[0].offset)
        }
        let finite = flat.filter { $0.isFinite }
        guard !finite.isEmpty else { throw RenderError.emptySeries(name: title ?? "heatmap") }
        let (lo, hi) = colourRange(finite)
        let digits = decimals ?? Self.autoDecimals(finite)

        let canvas = try Canvas(width: style.width, height: style.height, scale: style.scale, background: style.background, font: style.font)
        var outer = Rect(x: 0, y: 0, width: style.width, height: style.height).insetBy(Theme.padding)
        let titleRoom = AxesPainter.titleHeight(title)
        outer.y += titleRoom
        outer.height -= titleRoom
        // Room on the right for the colour bar, its tick labels and its label.
        let barAxis = Axis(lower: lo, upper: hi > lo ? hi : lo + 1, scale: .linear, maxTicks: 6)
        let barTickWidth = barAxis.labels.map { AxesPainter.labelWidth(canvas, $0) }.max() ?? 0
        let barWidth = 12.0
        let barRoom = 14 + barWidth + Theme.tickLength + Theme.tickGap + barTickWidth + (colourBarLabel == nil ? 0 : Theme.labelSize * 1.2 + Theme.labelGap)
        outer.width -= barRoom
        let frame = AxesPainter.layout(canvas, outer: outer,
                                       x: AxisRequest(lower: 0, upper: Double(cols), categories: columnLabels),
                                       y: AxisRequest(lower: 0, upper: Double(rows), categories: rowLabels, reversed: true),
                                       xLabel: xLabel, yLabel: yLabel)
        let cellW = frame.rect.width / Double(cols), cellH = frame.rect.height / Double(rows)
        let missing = Colour(hex: 0xEEEEEE)
        for r in 0..<rows {
            for c in 0..<cols {
                let v = values[r][c]
                // Cells snapped to whole device pixels so neighbours meet without seams.
                let x0 = (frame.rect.x + Double(c) * cellW) * style.scale, x1 = (frame.rect.x + Double(c + 1) * cellW) * style.scale
                let y0 = (frame.rect.y + Double(r) * cellH) * style.scale, y1 = (frame.rect.y + Double(r + 1) * cellH) * style.scale
                let cell = Rect(x: x0.rounded() / style.scale, y: y0.rounded() / style.scale,
                                width: (x1.rounded() - x0.rounded()) / style.scale, height: (y1.rounded() - y0.rounded()) / style.scale)
                let fill = v.isFinite ? Self.colour(for: min(max(v, lo), hi), lo: lo, hi: hi, map: colourMap) : missing
                canvas.fillRect(cell, colour: fill)
                guard annotate, v.isFinite else { continue }
                let text = TickFormatter.plain(v, decimals: digits)
                let size = min(Theme.annotationSize + 1, cellH * 0.45)
                guard size >= 6, canvas.measure(text, size: size).width <= cellW - 3 else { continue }
                let dark = Colour(hex: 0x1A1A1A)
                let ink = fill.contrast(with: .white) > fill.contrast(with: dark) ? Colour.white : dark
                canvas.text(text, x: cell.midX, y: cell.midY, size: size, colour: ink, h: .centre, v: .middle)
            }
        }
        AxesPainter.drawAxes(canvas, frame, xLabel: xLabel, yLabel: yLabel, outer: outer)
        // Colour bar: a cairo linear gradient through the same stops the cells use.
        let bar = Rect(x: frame.rect.maxX + 14, y: frame.rect.y, width: barWidth, height: frame.rect.height)
        let gradient = cairo_pattern_create_linear(0, bar.maxY, 0, bar.y)!
        for (i, stop) in colourMap.stops.enumerated() {
            cairo_pattern_add_color_stop_rgb(gradient, Double(i) / Double(colourMap.stops.count - 1), stop.red, stop.green, stop.blue)
        }
        cairo_rectangle(canvas.cr, bar.x, bar.y, bar.width, bar.height)
        cairo_set_source(canvas.cr, gradient)
        cairo_fill(canvas.cr)
        cairo_pattern_destroy(gradient)
        for (i, t) in barAxis.ticks.enumerated() {
            let y = canvas.crisp(bar.maxY - barAxis.fraction(t) * bar.height, lineWidth: Theme.spineWidth)
            canvas.line(bar.maxX, y, bar.maxX + Theme.tickLength, y, colour: Theme.spine, width: Theme.spineWidth)
            AxesPainter.drawLabel(canvas, barAxis.labels[i], x: bar.maxX + Theme.tickLength + Theme.tickGap, y: y, h: .left, v: .middle)
        }
        if let colourBarLabel {
            canvas.text(colourBarLabel, x: bar.maxX + Theme.tickLength + Theme.tickGap + barTickWidth + Theme.labelGap, y: bar.midY,
                        size: Theme.labelSize, colour: Theme.text, h: .centre, v: .top, angle: -.pi / 2)
        }
        var layout = ChartLayout()
        layout.frames = [frame]
        layout.titleBox = AxesPainter.drawTitle(canvas, title, centreX: frame.rect.midX, top: Theme.padding)
        return try RenderedChart(canvas: canvas, style: style, title: title, layout: layout, skippedPoints: bad.count)
    }

    /// 0 decimals for whole numbers, else enough for three significant digits of the largest magnitude.
    static func autoDecimals(_ values: [Double]) -> Int {
        if values.allSatisfy({ $0 == $0.rounded() }) { return 0 }
        let largest = values.map(abs).max() ?? 1
        return max(0, min(4, 2 - Int(floor(log10(max(largest, 1e-12))))))
    }
}
