import Foundation

/// Data extent and scale for one axis before layout.
struct AxisRequest {
    var lower: Double
    var upper: Double
    var scale: AxisScale = .linear
    var integer = false
    /// Category names for a category axis (then lower/upper are ignored).
    var categories: [String]? = nil
    /// Category axis only: first category at the high end.
    var reversed = false
}

/// Lays out a set of axes inside a rectangle (room for tick labels and axis labels) and draws
/// the grid, spines, ticks and labels.
enum AxesPainter {
    /// Roughly how many ticks fit along `length` points.
    static func tickCount(length: Double, horizontal: Bool) -> Int {
        max(3, min(horizontal ? 9 : 8, Int(length / (horizontal ? 75 : 42))))
    }

    /// The plot frame inside `outer`, leaving room for labels that are shown.
    static func layout(_ canvas: Canvas, outer: Rect, x: AxisRequest, y: AxisRequest,
                       xLabel: String?, yLabel: String?, xTickLabels: Bool = true, yTickLabels: Bool = true) -> PlotFrame {
        var rect = outer
        var frame = makeFrame(rect: rect, x: x, y: y, scale: canvas.scale)
        for _ in 0..<2 {
            var left = 0.0, bottom = 0.0, right = 0.0, top = 0.0
            if let yLabel, !yLabel.isEmpty { left += Theme.labelSize * 1.2 + Theme.labelGap }
            if yTickLabels {
                // The "×10ⁿ" note sits above the tick labels, ending at the axis: room for it too.
                let note = frame.y.multiplier != 0
                    ? labelWidth(canvas, TickLabel(text: "×10", exponent: TickFormatter.minus(String(frame.y.multiplier)))) : 0
                left += max(note, frame.y.labels.map { labelWidth(canvas, $0) }.max() ?? 0) + Theme.tickLength + Theme.tickGap
            } else {
                left += Theme.tickLength
            }
            if let xLabel, !xLabel.isEmpty { bottom += Theme.labelSize * 1.2 + Theme.labelGap }
            bottom += Theme.tickLength + (xTickLabels ? Theme.tickGap + xTickLabelHeight(canvas, frame) : 0)
            if xTickLabels, let last = frame.x.labels.last, !rotatesXLabels(canvas, frame) { right = labelWidth(canvas, last) / 2 }
            top = yTickLabels ? Theme.tickSize * (frame.y.multiplier != 0 ? 1.8 : 0.5) : 0
            rect = Rect(x: outer.x + left, y: outer.y + top, width: max(20, outer.width - left - right),
                        height: max(20, outer.height - top - bottom))
            frame = makeFrame(rect: rect, x: x, y: y, scale: canvas.scale)
        }
        return frame
    }

    static func makeFrame(rect: Rect, x: AxisRequest, y: AxisRequest, scale: Double) -> PlotFrame {
        func axis(_ r: AxisRequest, _ length: Double, _ horizontal: Bool) -> Axis {
            if let categories = r.categories { return Axis(categories: categories, reversed: r.reversed) }
            return Axis(lower: r.lower, upper: r.upper, scale: r.scale, maxTicks: tickCount(length: length, horizontal: horizontal), integer: r.integer)
        }
        return PlotFrame(rect: rect, x: axis(x, rect.width, true), y: axis(y, rect.height, false), scale: scale)
    }

    /// Category labels on the x axis are turned 45° when they would not fit side by side.
    static func rotatesXLabels(_ canvas: Canvas, _ f: PlotFrame) -> Bool {
        guard f.x.categorical, !f.x.ticks.isEmpty else { return false }
        let slot = f.rect.width / Double(f.x.ticks.count)
        return f.x.labels.contains { labelWidth(canvas, $0) > slot - 4 }
    }

    /// Height taken by the x tick labels (more when they are rotated).
    static func xTickLabelHeight(_ canvas: Canvas, _ f: PlotFrame) -> Double {
        guard rotatesXLabels(canvas, f) else { return Theme.tickSize * 1.25 }
        let widest = f.x.labels.map { labelWidth(canvas, $0) }.max() ?? 0
        return widest * 0.7072 + Theme.tickSize * 0.9
    }

    static func labelWidth(_ canvas: Canvas, _ label: TickLabel) -> Double {
        var w = canvas.measure(label.text, size: Theme.tickSize).width
        if let e = label.exponent { w += canvas.measure(e, size: Theme.tickSize * 0.72).width + 0.5 }
        return w
    }

    /// Light grid lines at the major ticks, behind the data.
    static func drawGrid(_ canvas: Canvas, _ f: PlotFrame, vertical: Bool = true, horizontal: Bool = true) {
        let w = Theme.gridWidth
        if vertical {
            for t in f.x.ticks {
                let px = canvas.crisp(f.point(t, f.y.lower).0, lineWidth: w)
                canvas.line(px, f.rect.y, px, f.rect.maxY, colour: Theme.grid, width: w)
            }
        }
        if horizontal {
            for t in f.y.ticks {
                let py = canvas.crisp(f.point(f.x.lower, t).1, lineWidth: w)
                canvas.line(f.rect.x, py, f.rect.maxX, py, colour: Theme.grid, width: w)
            }
        }
    }

    /// Left and bottom spines, outward ticks, tick labels and axis labels.
    static func drawAxes(_ canvas: Canvas, _ f: PlotFrame, xLabel: String?, yLabel: String?,
                         xTickLabels: Bool = true, yTickLabels: Bool = true, outer: Rect) {
        let w = Theme.spineWidth
        let left = canvas.crisp(f.rect.x, lineWidth: w), bottom = canvas.crisp(f.rect.maxY, lineWidth: w)
        canvas.line(left, f.rect.y, left, f.rect.maxY + w / 2, colour: Theme.spine, width: w)
        canvas.line(f.rect.x - w / 2, bottom, f.rect.maxX, bottom, colour: Theme.spine, width: w)
        // Minor ticks (log axes).
        for t in f.y.minorTicks {
            let py = canvas.crisp(f.point(f.x.lower, t).1, lineWidth: w * 0.8)
            canvas.line(left - Theme.tickLength * 0.55, py, left, py, colour: Theme.spine, width: w * 0.8)
        }
        for t in f.x.minorTicks {
            let px = canvas.crisp(f.point(t, f.y.lower).0, lineWidth: w * 0.8)
            canvas.line(px, bottom, px, bottom + Theme.tickLength * 0.55, colour: Theme.spine, width: w * 0.8)
        }
        // Major ticks and labels; x labels that would collide are thinned to every other one.
        var xBoxes: [Rect] = []
        for t in f.x.ticks {
            let px = canvas.crisp(f.point(t, f.y.lower).0, lineWidth: w)
            canvas.line(px, bottom, px, bottom + Theme.tickLength, colour: Theme.spine, width: w)
        }
        var maxTickLabelWidth = 0.0
        if xTickLabels && rotatesXLabels(canvas, f) {
            let y = bottom + Theme.tickLength + Theme.tickGap
            for (i, t) in f.x.ticks.enumerated() {
                let px = f.point(t, f.y.lower).0
                canvas.text(f.x.labels[i].text, x: px + Theme.tickSize * 0.3, y: y, size: Theme.tickSize, colour: Theme.tickText,
                            h: .right, v: .middle, angle: -.pi / 4)
            }
        } else if xTickLabels {
            let y = bottom + Theme.tickLength + Theme.tickGap
            let widths = f.x.labels.map { labelWidth(canvas, $0) }
            for (i, t) in f.x.ticks.enumerated() {
                let px = f.point(t, f.y.lower).0
                xBoxes.append(Rect(x: px - widths[i] / 2, y: y, width: widths[i], height: Theme.tickSize))
            }
            var keep = 1
            while keep < xBoxes.count, stride(from: 0, to: xBoxes.count - keep, by: keep).contains(where: { xBoxes[$0].maxX + 4 > xBoxes[$0 + keep].x }) {
                keep += 1
            }
            for (i, t) in f.x.ticks.enumerated() where i % keep == 0 {
                drawLabel(canvas, f.x.labels[i], x: f.point(t, f.y.lower).0, y: y, h: .centre, v: .top)
            }
        }
        for (i, t) in f.y.ticks.enumerated() {
            let py = canvas.crisp(f.point(f.x.lower, t).1, lineWidth: w)
            canvas.line(left - Theme.tickLength, py, left, py, colour: Theme.spine, width: w)
            if yTickLabels {
                let label = f.y.labels[i]
                maxTickLabelWidth = max(maxTickLabelWidth, labelWidth(canvas, label))
                drawLabel(canvas, label, x: left - Theme.tickLength - Theme.tickGap, y: f.point(f.x.lower, t).1, h: .right, v: .middle)
            }
        }
        if f.y.multiplier != 0 && yTickLabels {
            // Above the tick-label column, ending at the axis: a panel's title starts at the
            // plot's left edge, so a note there would run into it.
            drawLabel(canvas, TickLabel(text: "×10", exponent: TickFormatter.minus(String(f.y.multiplier))),
                      x: left - Theme.tickLength - Theme.tickGap, y: f.rect.y - Theme.tickSize * 0.6, h: .right, v: .bottom)
        }
        if f.x.multiplier != 0 && xTickLabels {
            drawLabel(canvas, TickLabel(text: "×10", exponent: TickFormatter.minus(String(f.x.multiplier))),
                      x: f.rect.maxX, y: bottom + Theme.tickLength + Theme.tickGap + Theme.tickSize * 2.4, h: .right, v: .top)
        }
        if let xLabel, !xLabel.isEmpty {
            let y = bottom + Theme.tickLength + (xTickLabels ? Theme.tickGap + xTickLabelHeight(canvas, f) : 0) + Theme.labelGap
            canvas.text(xLabel, x: f.rect.midX, y: y, size: Theme.labelSize, colour: Theme.text, h: .centre, v: .top)
        }
        if let yLabel, !yLabel.isEmpty {
            let x = left - Theme.tickLength - (yTickLabels ? Theme.tickGap + maxTickLabelWidth : 0) - Theme.labelGap
            canvas.text(yLabel, x: x, y: f.rect.midY, size: Theme.labelSize, colour: Theme.text, h: .centre, v: .bottom, angle: -.pi / 2)
        }
    }

    /// Draws a tick label; a label with an exponent is the base followed by a raised, smaller exponent.
    static func drawLabel(_ canvas: Canvas, _ label: TickLabel, x: Double, y: Double, h: HAlign, v: VAlign) {
        let total = labelWidth(canvas, label)
        let startX: Double
        switch h {
        case .left: startX = x
        case .centre: startX = x - total / 2
        case .right: startX = x - total
        }
        canvas.text(label.text, x: startX, y: y, size: Theme.tickSize, colour: Theme.tickText, h: .left, v: v)
        if let e = label.exponent {
            let baseWidth = canvas.measure(label.text, size: Theme.tickSize).width
            canvas.text(e, x: startX + baseWidth + 0.5, y: y - Theme.tickSize * 0.42, size: Theme.tickSize * 0.72,
                        colour: Theme.tickText, h: .left, v: v)
        }
    }

    /// Vertical room a title takes above the axes (0 without a title).
    static func titleHeight(_ title: String?) -> Double {
        guard let title, !title.isEmpty else { return 0 }
        let lines = TitleLines(title)
        return Theme.titleSize * 1.15 + Theme.labelGap + 4 + (lines.subtitle == nil ? 0 : subtitleSize * 1.35)
    }

    /// Size of the second title line (the subtitle).
    static let subtitleSize = 10.5

    /// Draws `title` centred on `centreX` with its cap height starting at `top`; returns its box.
    /// Text after a line break is a subtitle: smaller and grey, on a second line. Each line is
    /// shrunk (to at most 60 %) when it would be wider than the canvas less its padding.
    static func drawTitle(_ canvas: Canvas, _ title: String?, centreX: Double, top: Double) -> Rect? {
        guard let title, !title.isEmpty else { return nil }
        let lines = TitleLines(title)
        let room = canvas.width - 2 * Theme.padding
        // Centred on centreX unless that pushes the line off the canvas.
        func place(_ text: String, size wanted: Double, y: Double, colour: Colour) -> Rect {
            let width = canvas.measure(text, size: wanted).width
            let size = width > room ? max(wanted * 0.6, wanted * room / width) : wanted
            let w = canvas.measure(text, size: size).width
            let x = min(max(centreX, Theme.padding + w / 2), canvas.width - Theme.padding - w / 2)
            canvas.text(text, x: x, y: y, size: size, colour: colour, h: .centre, v: .top)
            return canvas.textBox(text, x: x, y: y, size: size, h: .centre, v: .top)
        }
        var box = place(lines.title, size: Theme.titleSize, y: top, colour: Theme.text)
        if let subtitle = lines.subtitle {
            let sub = place(subtitle, size: subtitleSize, y: top + Theme.titleSize * 1.25, colour: Theme.subtitle)
            box = Rect(x: min(box.x, sub.x), y: box.y, width: max(box.maxX, sub.maxX) - min(box.x, sub.x), height: sub.maxY - box.y)
        }
        return box
    }
}

/// A chart title split at its first line break into the title and a subtitle.
struct TitleLines {
    var title: String
    var subtitle: String?

    init(_ text: String) {
        let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        title = String(parts[0])
        subtitle = parts.count > 1 && !parts[1].isEmpty ? String(parts[1]).replacingOccurrences(of: "\n", with: " ") : nil
    }

    /// Title and subtitle on one line, for the PNG's Title chunk.
    var oneLine: String { subtitle.map { "\(title) — \($0)" } ?? title }
}
