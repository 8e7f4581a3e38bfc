import Foundation

/// Small multiples: one panel per subset (one genre's movies), each drawing that subset in
/// colour over all points in grey, on shared axes so panels compare directly. One panel is the
/// plain "highlighted subset" chart (its title then names the subset: no panel title is drawn).
/// Tick labels appear only on the left column and bottom row.
/// Cost: points × panels cairo blits.
public struct HighlightGrid: Sendable {
    /// One panel: its title, the indices of the highlighted points and their colour.
    public struct Panel: Sendable {
        public var title: String
        public var members: [Int]
        /// nil: the grid's choice (`colourPerPanel`).
        public var colour: Colour?
        public init(title: String, members: [Int], colour: Colour? = nil) {
            self.title = title
            self.members = members
            self.colour = colour
        }
    }

    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    public var x: [Double]
    public var y: [Double]
    public var panels: [Panel]
    /// Panels per row; nil: about square, wider than tall.
    public var columns: Int?
    /// One palette colour per panel instead of the same colour in all panels (for panels
    /// without a colour of their own).
    public var colourPerPanel: Bool

    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil, x: [Double], y: [Double], panels: [Panel],
                columns: Int? = nil, colourPerPanel: Bool = false) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.x = x
        self.y = y
        self.panels = panels
        self.columns = columns
        self.colourPerPanel = colourPerPanel
    }

    public func render(style: ChartStyle = ChartStyle()) throws -> RenderedChart {
        guard !panels.isEmpty else { throw RenderError.emptySeries(name: title ?? "highlight grid (no panels)") }
        let drawable = try FiniteFilter.drawable(name: title ?? "highlight grid", x: x, y: y, policy: style.nonFinite)
        for p in panels {
            if let bad = p.members.first(where: { !x.indices.contains($0) }) {
                throw RenderError.invalidValue(name: "panel '\(p.title)'", reason: "member index \(bad) is outside 0..<\(x.count)")
            }
        }
        let ok = Set(drawable.indices)
        let canvas = try Canvas(width: style.width, height: style.height, scale: style.scale, background: style.background, font: style.font)
        let count = panels.count
        let cols = max(1, min(count, columns ?? Int((Double(count) * 1.4).squareRoot().rounded(.up))))
        let rows = (count + cols - 1) / cols

        var outer = Rect(x: 0, y: 0, width: style.width, height: style.height).insetBy(Theme.padding)
        let titleRoom = AxesPainter.titleHeight(title)
        outer.y += titleRoom
        outer.height -= titleRoom
        let xs = drawable.indices.map { x[$0] }, ys = drawable.indices.map { y[$0] }
        let xl = Axis.limits(min: xs.min()!, max: xs.max()!, scale: .linear), yl = Axis.limits(min: ys.min()!, max: ys.max()!, scale: .linear)
        let xr = AxisRequest(lower: xl.0, upper: xl.1), yr = AxisRequest(lower: yl.0, upper: yl.1)
        // Margins from a probe frame of one panel's size: y tick labels and axis labels once, outside the grid.
        // One panel under a chart title: the title names it, so the panel has none.
        let titled = !(count == 1 && !(title ?? "").isEmpty)
        let panelTitle = titled ? Theme.labelSize * 1.5 : 0
        let gap = 16.0
        let probe = AxesPainter.layout(canvas, outer: Rect(x: 0, y: 0, width: outer.width / Double(cols), height: outer.height / Double(rows)),
                                       x: xr, y: yr, xLabel: nil, yLabel: nil)
        let left = probe.rect.x + (yLabel == nil ? 0 : Theme.labelSize * 1.2 + Theme.labelGap)
        let bottom = Theme.tickLength + Theme.tickGap + Theme.tickSize * 1.25 + (xLabel == nil ? 0 : Theme.labelSize * 1.2 + Theme.labelGap)
        let gridRect = Rect(x: outer.x + left, y: outer.y, width: outer.width - left - 6, height: outer.height - bottom)
        let cellW = (gridRect.width - gap * Double(cols - 1)) / Double(cols)
        let cellH = (gridRect.height - gap * Double(rows - 1)) / Double(rows)

        // Markers shrink with the panel: sized as for a full chart, scaled by the panel's linear size.
        let panelFactor = min(1, ((cellW * cellH) / (720 * 450)).squareRoot() * 1.4)
        let context = ScatterPlot.automaticMarker(count: drawable.indices.count * 3)
        var layout = ChartLayout()
        for (n, panel) in panels.enumerated() {
            let r = n / cols, c = n % cols
            let rect = Rect(x: gridRect.x + Double(c) * (cellW + gap), y: gridRect.y + Double(r) * (cellH + gap) + panelTitle,
                            width: cellW, height: cellH - panelTitle)
            let frame = AxesPainter.makeFrame(rect: rect, x: xr, y: yr, scale: style.scale)
            AxesPainter.drawGrid(canvas, frame)
            canvas.save()
            canvas.clip(frame.rect)
            let grey = Palette.context.withAlpha(min(0.5, context.opacity))
            canvas.discs(drawable.indices.map { let p = frame.point(x[$0], y[$0]); return (p.0, p.1, grey) },
                         radius: max(0.8, context.radius * 0.8 * panelFactor))
            let members = panel.members.filter { ok.contains($0) }
            let marker = ScatterPlot.automaticMarker(count: members.count)
            let solid = panel.colour ?? (colourPerPanel ? Palette.category(n) : Palette.category(0))
            let colour = solid.withAlpha(min(0.75, max(0.45, marker.opacity)))
            canvas.discs(members.map { let p = frame.point(x[$0], y[$0]); return (p.0, p.1, colour) },
                         radius: max(1.0, marker.radius * 0.85 * panelFactor))
            canvas.restore()
            let lastInColumn = n + cols >= count
            AxesPainter.drawAxes(canvas, frame, xLabel: nil, yLabel: nil, xTickLabels: lastInColumn, yTickLabels: c == 0, outer: outer)
            if titled {
                // An opaque swatch of the panel's colour before its title, as a legend entry.
                let size = Theme.labelSize * 0.95, baseline = rect.y - Theme.labelSize * 0.45
                let swatch = (x: rect.x + 5, y: baseline - size * 0.35)
                canvas.disc(x: swatch.x, y: swatch.y, radius: 3.8, fill: solid)
                canvas.text("\(panel.title) (\(members.count))", x: rect.x + 12, y: baseline, size: size, colour: Theme.text, h: .left, v: .bottom)
                layout.legend.append((panel.title, solid, swatch))
            }
            layout.frames.append(frame)
        }
        if let xLabel {
            canvas.text(xLabel, x: gridRect.midX, y: outer.maxY - Theme.labelSize * 1.1, size: Theme.labelSize, colour: Theme.text, h: .centre, v: .top)
        }
        if let yLabel {
            canvas.text(yLabel, x: outer.x, y: gridRect.midY, size: Theme.labelSize, colour: Theme.text, h: .centre, v: .top, angle: -.pi / 2)
        }
        layout.titleBox = AxesPainter.drawTitle(canvas, title, centreX: gridRect.midX, top: Theme.padding)
        return try RenderedChart(canvas: canvas, style: style, title: title, layout: layout, skippedPoints: drawable.skipped)
    }
}
