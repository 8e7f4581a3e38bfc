/// One legend row: a swatch in the series' colour and its label.
struct LegendItem {
    enum Swatch { case line(dashed: Bool), marker, patch }
    var label: String
    var colour: Colour
    var swatch: Swatch
}

/// Measures, places and draws legends: inside the axes in a corner (or edge middle) that covers
/// no data, else in a column right of the axes — a legend never hides a mark or a line.
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

    /// Longest legend label kept whole; longer ones are cut with "…".
    static let longestLabel = 40

    /// `label` cut to `longestLabel` characters with "…" at the end.
    static func shortened(_ label: String) -> String {
        label.count <= longestLabel ? label : String(label.prefix(longestLabel - 1)) + "…"
    }

    static func columnWidth(_ canvas: Canvas, _ items: [LegendItem]) -> Double {
        swatchWidth + 6 + (items.map { canvas.measure($0.label, size: Theme.legendSize).width }.max() ?? 0)
    }

    /// The fewest columns whose height fits in `height` points.
    static func columns(_ canvas: Canvas, _ items: [LegendItem], height: Double) -> Int {
        var columns = 1
        while columns < items.count && size(canvas, items, columns: columns).height > height { columns += 1 }
        return columns
    }

    /// What a legend inside the axes must not cover: marks (centre and radius, in points) and
    /// line segments (lines of a line chart, reference lines).
    struct Obstacles {
        var points: [(Double, Double)] = []
        var pointRadius = 0.0
        var segments: [Segment] = []

        /// Marks and segments within 3 points of `box`.
        func count(in box: Rect, bins: PointBins?) -> Int {
            let grown = box.insetBy(-3 - pointRadius)
            let marks = bins?.count(in: grown) ?? 0
            return marks + segments.reduce(0) { $0 + ($1.intersects(box.insetBy(-3)) ? 1 : 0) }
        }
    }

    /// Candidate boxes inside `plot`, in order of preference: upper right, upper left, lower
    /// right, lower left, middle right, top centre, middle left, bottom centre, then a 5 × 5
    /// grid of places over the whole plot (rows from the top) for gaps between curves.
    static func candidates(in plot: Rect, size: (width: Double, height: Double)) -> [Rect] {
        let m = 6.0, w = size.width, h = size.height
        var boxes = [
            Rect(x: plot.maxX - w - m, y: plot.y + m, width: w, height: h),
            Rect(x: plot.x + m, y: plot.y + m, width: w, height: h),
            Rect(x: plot.maxX - w - m, y: plot.maxY - h - m, width: w, height: h),
            Rect(x: plot.x + m, y: plot.maxY - h - m, width: w, height: h),
            Rect(x: plot.maxX - w - m, y: plot.midY - h / 2, width: w, height: h),
            Rect(x: plot.midX - w / 2, y: plot.y + m, width: w, height: h),
            Rect(x: plot.x + m, y: plot.midY - h / 2, width: w, height: h),
            Rect(x: plot.midX - w / 2, y: plot.maxY - h - m, width: w, height: h),
        ]
        let freeX = plot.width - w - 2 * m, freeY = plot.height - h - 2 * m
        for row in 1...5 {
            for column in 1...5 {
                boxes.append(Rect(x: plot.x + m + freeX * Double(column) / 6, y: plot.y + m + freeY * Double(row) / 6, width: w, height: h))
            }
        }
        return boxes.filter { $0.x >= plot.x && $0.y >= plot.y && $0.maxX <= plot.maxX && $0.maxY <= plot.maxY }
    }

    /// The first candidate box inside `plot` that covers no obstacle, or nil when every one
    /// covers something (the caller then puts the legend outside the axes).
    static func emptyBox(in plot: Rect, size: (width: Double, height: Double), avoiding obstacles: Obstacles) -> Rect? {
        let bins = obstacles.points.isEmpty ? nil : PointBins(points: obstacles.points, bounds: plot.insetBy(-20), cell: 12)
        return candidates(in: plot, size: size).first { obstacles.count(in: $0, bins: bins) == 0 }
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
