/// One legend row: a swatch in the series' colour and its label.
struct LegendItem {
    enum Swatch { case line(dashed: Bool), marker, patch }
    var label: String
    var colour: Colour
    var swatch: Swatch
}

/// Measures, places and draws legends: inside the axes in the corner that covers the fewest
/// data points (like matplotlib's loc="best"), or in a column right of the axes.
enum LegendPainter {
    static let rowHeight = Theme.legendSize * 1.55
    static let inset = 6.0
    static let swatchWidth = 18.0

    /// Size of the legend laid out in `columns` columns (filled top to bottom, then left to right).
    static func size(_ canvas: Canvas, _ items: [LegendItem], columns: Int = 1) -> (width: Double, height: Double) {
        let rows = (items.count + columns - 1) / max(1, columns)
        let column = columnWidth(canvas, items)
        return (inset * 2 + column * Double(columns) + columnGap * Double(columns - 1),
                inset * 2 + rowHeight * Double(rows) - (rowHeight - Theme.legendSize * 1.1))
    }

    static let columnGap = 10.0

    static func columnWidth(_ canvas: Canvas, _ items: [LegendItem]) -> Double {
        swatchWidth + 6 + (items.map { canvas.measure($0.label, size: Theme.legendSize).width }.max() ?? 0)
    }

    /// The fewest columns whose height fits in `height` points.
    static func columns(_ canvas: Canvas, _ items: [LegendItem], height: Double) -> Int {
        var columns = 1
        while columns < items.count && size(canvas, items, columns: columns).height > height { columns += 1 }
        return columns
    }

    /// The candidate box inside `plot` that overlaps the fewest `occupied` points (ties: first
    /// candidate in the order upper right, upper left, lower right, lower left, right, top).
    static func bestBox(in plot: Rect, size: (width: Double, height: Double), occupied: [(Double, Double)]) -> Rect {
        let m = 6.0
        let w = size.width, h = size.height
        let candidates = [
            Rect(x: plot.maxX - w - m, y: plot.y + m, width: w, height: h),
            Rect(x: plot.x + m, y: plot.y + m, width: w, height: h),
            Rect(x: plot.maxX - w - m, y: plot.maxY - h - m, width: w, height: h),
            Rect(x: plot.x + m, y: plot.maxY - h - m, width: w, height: h),
            Rect(x: plot.maxX - w - m, y: plot.midY - h / 2, width: w, height: h),
            Rect(x: plot.midX - w / 2, y: plot.y + m, width: w, height: h),
        ]
        var best = candidates[0], bestCount = Int.max
        for c in candidates {
            let grown = c.insetBy(-3)
            let count = occupied.reduce(0) { $0 + (($1.0 >= grown.x && $1.0 <= grown.maxX && $1.1 >= grown.y && $1.1 <= grown.maxY) ? 1 : 0) }
            if count < bestCount { best = c; bestCount = count }
        }
        return best
    }

    /// Draws the legend with its top-left corner at `box` origin; returns swatch centres.
    @discardableResult
    static func draw(_ canvas: Canvas, _ items: [LegendItem], box: Rect, framed: Bool = true, columns: Int = 1) -> [(label: String, colour: Colour, swatchCentre: (x: Double, y: Double))] {
        let rows = (items.count + columns - 1) / max(1, columns)
        let column = columnWidth(canvas, items)
        if framed {
            canvas.roundedRect(box, radius: 3, fill: Colour.white.withAlpha(0.88), edge: Colour(hex: 0xD0D0D0), edgeWidth: 0.7)
        }
        var placed: [(label: String, colour: Colour, swatchCentre: (x: Double, y: Double))] = []
        for (i, item) in items.enumerated() {
            let cy = box.y + inset + Theme.legendSize * 0.55 + rowHeight * Double(i % rows)
            let sx = box.x + inset + Double(i / rows) * (column + columnGap)
            switch item.swatch {
            case .line(let dashed):
                canvas.line(sx, cy, sx + swatchWidth, cy, colour: item.colour, width: Theme.lineWidth, dash: dashed ? [4, 2.5] : [])
            case .marker:
                canvas.disc(x: sx + swatchWidth / 2, y: cy, radius: 3.6, fill: item.colour)
            case .patch:
                canvas.fillRect(Rect(x: sx + 3, y: cy - 4.5, width: swatchWidth - 6, height: 9), colour: item.colour)
            }
            canvas.text(item.label, x: sx + swatchWidth + 6, y: cy, size: Theme.legendSize, colour: Theme.text, h: .left, v: .middle)
            placed.append((item.label, item.colour, (sx + swatchWidth / 2, cy)))
        }
        return placed
    }
}
