import Foundation

/// Points coloured by category, with a legend and optional labels for chosen points. Marker
/// size and opacity adapt to the number of points (100 … 100,000) unless set. Points are drawn
/// in input order, so no category is systematically hidden under another. The legend goes
/// inside the axes only where it covers no point (up to five categories), else in a column on
/// the right; labels never cover the legend, and their leader lines cross no other label.
/// Cost: one small cairo fill per point (about 0.1 s per 100,000 points).
public struct ScatterPlot: Sendable {
    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    public var x: [Double]
    public var y: [Double]
    /// Category index per point (into `categoryNames`); nil: one colour, no legend.
    public var categories: [Int]?
    public var categoryNames: [String]
    /// One colour per category name; nil: `Palette.category(i)` for category i.
    public var categoryColours: [Colour]?
    public var labels: [PointLabel]
    /// Marker radius in points; nil: chosen from the number of points.
    public var markerRadius: Double?
    /// Marker opacity 0…1; nil: chosen from the number of points.
    public var opacity: Double?

    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil, x: [Double], y: [Double],
                categories: [Int]? = nil, categoryNames: [String] = [], categoryColours: [Colour]? = nil,
                labels: [PointLabel] = [], markerRadius: Double? = nil, opacity: Double? = nil) {
        self.categoryColours = categoryColours
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.x = x
        self.y = y
        self.categories = categories
        self.categoryNames = categoryNames
        self.labels = labels
        self.markerRadius = markerRadius
        self.opacity = opacity
    }

    /// Marker radius (points) and opacity for `count` points: large and opaque for a few
    /// hundred points, small and translucent for 100,000 so dense regions still show density.
    public static func automaticMarker(count: Int) -> (radius: Double, opacity: Double) {
        let n = Double(max(1, count))
        let radius = min(3.0, max(1.0, 3.0 * pow(1000 / n, 0.22)))
        let opacity = min(0.9, max(0.2, 0.9 * pow(600 / n, 0.28)))
        return (radius, opacity)
    }

    public func render(style: ChartStyle = ChartStyle()) throws -> RenderedChart {
        let drawable = try FiniteFilter.drawable(name: title ?? "scatter", x: x, y: y, policy: style.nonFinite)
        if let categories {
            guard categories.count == x.count else { throw RenderError.lengthMismatch(name: "categories", expected: x.count, actual: categories.count) }
            if let bad = categories.first(where: { $0 < 0 || $0 >= max(1, categoryNames.count) }) {
                throw RenderError.invalidValue(name: "categories", reason: "category \(bad) has no name (there are \(categoryNames.count) names)")
            }
        }
        for label in labels where !x.indices.contains(label.index) {
            throw RenderError.invalidValue(name: "labels", reason: "label '\(label.text)' points at index \(label.index), outside 0..<\(x.count)")
        }
        if let categoryColours, categoryColours.count != categoryNames.count {
            throw RenderError.lengthMismatch(name: "category colours", expected: categoryNames.count, actual: categoryColours.count)
        }
        let idx = drawable.indices
        let canvas = try Canvas(width: style.width, height: style.height, scale: style.scale, background: style.background, font: style.font)
        let auto = Self.automaticMarker(count: idx.count)
        let radius = markerRadius ?? auto.radius, alpha = opacity ?? auto.opacity
        let palette = categoryColours ?? (0..<max(1, categoryNames.count)).map { Palette.category($0) }
        let colours = palette.map { $0.withAlpha(alpha) }
        let single = Palette.category(0).withAlpha(alpha)

        var items: [LegendItem] = []
        if categories != nil {
            items = categoryNames.enumerated().map {
                LegendItem(label: LegendPainter.shortened($0.element), colour: palette[$0.offset], swatch: .marker)
            }
        }
        let titleRoom = AxesPainter.titleHeight(title)
        let available = style.height - 2 * Theme.padding - titleRoom - 40
        let legendColumns = LegendPainter.columns(canvas, items, height: available)
        let outsideSize = LegendPainter.size(canvas, items, columns: legendColumns)
        var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
        for i in idx {
            minX = min(minX, x[i]); maxX = max(maxX, x[i]); minY = min(minY, y[i]); maxY = max(maxY, y[i])
        }
        let xl = Axis.limits(min: minX, max: maxX, scale: .linear), yl = Axis.limits(min: minY, max: maxY, scale: .linear)
        /// The axes with or without a legend column on the right, and every point's place and colour.
        func arrange(outside: Bool) -> (outer: Rect, frame: PlotFrame, marks: [(x: Double, y: Double, colour: Colour)]) {
            var outer = Rect(x: 0, y: 0, width: style.width, height: style.height).insetBy(Theme.padding)
            outer.y += titleRoom
            outer.height -= titleRoom
            if outside { outer.width -= outsideSize.width + 8 }
            let frame = AxesPainter.layout(canvas, outer: outer, x: AxisRequest(lower: xl.0, upper: xl.1),
                                           y: AxisRequest(lower: yl.0, upper: yl.1), xLabel: xLabel, yLabel: yLabel)
            let marks = idx.map { i -> (x: Double, y: Double, colour: Colour) in
                let p = frame.point(x[i], y[i])
                return (p.0, p.1, categories.map { colours[$0[i]] } ?? single)
            }
            return (outer, frame, marks)
        }
        var outside = items.count > 5
        var (outer, frame, marks) = arrange(outside: outside)
        var legendBox: Rect?
        if !items.isEmpty && !outside {
            let obstacles = LegendPainter.Obstacles(points: marks.map { ($0.x, $0.y) }, pointRadius: radius + 0.5)
            legendBox = LegendPainter.emptyBox(in: frame.rect, size: LegendPainter.size(canvas, items), avoiding: obstacles)
            if legendBox == nil {
                outside = true
                (outer, frame, marks) = arrange(outside: true)
            }
        }
        if outside && !items.isEmpty {
            legendBox = Rect(x: frame.rect.maxX + 12, y: frame.rect.y, width: outsideSize.width, height: outsideSize.height)
        }
        AxesPainter.drawGrid(canvas, frame)
        canvas.save()
        canvas.clip(frame.rect)
        canvas.discs(marks, radius: radius, edge: idx.count <= 1500 ? Colour.white.withAlpha(0.8) : nil, edgeWidth: 0.5)
        canvas.restore()

        var layout = ChartLayout()
        var dropped = 0
        if !labels.isEmpty {
            let wanted = labels.filter { x[$0.index].isFinite && y[$0.index].isFinite }
            dropped += labels.count - wanted.count
            let anchors = wanted.map { (point: frame.point(x[$0.index], y[$0.index]), text: $0.text) }
            let ring = max(radius, 2.2) + 0.8
            for a in anchors {
                canvas.disc(x: a.point.0, y: a.point.1, radius: ring, fill: .clear, edge: Colour(hex: 0x222222), edgeWidth: 0.9)
            }
            let result = PointLabeller.place(canvas, labels: anchors, bounds: frame.rect, markerRadius: ring,
                                             data: marks.map { ($0.x, $0.y) }, blocked: legendBox.map { [$0.insetBy(-2)] } ?? [])
            PointLabeller.draw(canvas, result.placed)
            dropped += result.dropped
            layout.labelBoxes = result.placed.map(\.box)
            layout.labelLeaders = result.placed.map(\.leader)
        }
        AxesPainter.drawAxes(canvas, frame, xLabel: xLabel, yLabel: yLabel, outer: outer)
        layout.frames = [frame]
        layout.titleBox = AxesPainter.drawTitle(canvas, title, centreX: frame.rect.midX, top: Theme.padding)
        if let legendBox {
            layout.legend = LegendPainter.draw(canvas, items, box: legendBox, framed: !outside, columns: outside ? legendColumns : 1)
            layout.legendBox = legendBox
        }
        return try RenderedChart(canvas: canvas, style: style, title: title, layout: layout,
                                 skippedPoints: drawable.skipped, droppedLabels: dropped)
    }
}
