import CCairo
import CPNG
import Foundation

/// Horizontal and vertical anchors for text placement.
enum HAlign { case left, centre, right }
enum VAlign { case top, middle, baseline, bottom }

/// A drawing surface over a cairo ARGB32 image. Coordinates are in points (logical units);
/// the surface holds `scale` device pixels per point. Internal: the public API is the charts.
final class Canvas {
    let width: Double
    let height: Double
    let scale: Double
    let pixelWidth: Int
    let pixelHeight: Int
    let opaque: Bool
    private let surface: OpaquePointer
    let cr: OpaquePointer

    /// A canvas of `width`×`height` points at `scale` pixels per point, cleared to `background`.
    init(width: Double, height: Double, scale: Double, background: Background, font: FontChoice) throws {
        guard width >= 50, height >= 50, width <= 20000, height <= 20000 else {
            throw RenderError.invalidOption("size \(width)×\(height) points is outside 50…20000")
        }
        guard scale >= 0.25, scale <= 8 else { throw RenderError.invalidOption("scale \(scale) is outside 0.25…8") }
        let face = try FontRegistry.shared.face(for: font)
        self.width = width
        self.height = height
        self.scale = scale
        pixelWidth = Int((width * scale).rounded())
        pixelHeight = Int((height * scale).rounded())
        opaque = background == .white
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(pixelWidth), Int32(pixelHeight)),
              cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw RenderError.drawing("cannot create a \(pixelWidth)×\(pixelHeight) image surface")
        }
        self.surface = surface
        cr = cairo_create(surface)
        cairo_scale(cr, scale, scale)
        let options = cairo_font_options_create()
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_SLIGHT)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_set_font_options(cr, options)
        cairo_font_options_destroy(options)
        cairo_set_font_face(cr, face)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
        if opaque {
            setColour(.white)
            cairo_paint(cr)
        }
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    // MARK: state

    func setColour(_ c: Colour) { cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha) }

    func save() { cairo_save(cr) }
    func restore() { cairo_restore(cr) }

    /// Restricts drawing to `rect`, widened to whole device pixels (cairo then clips by
    /// bounds instead of a per-pixel mask, which is much faster), until `restore()`.
    func clip(_ rect: Rect) {
        let x0 = (rect.x * scale).rounded(.down) / scale, y0 = (rect.y * scale).rounded(.down) / scale
        let x1 = (rect.maxX * scale).rounded(.up) / scale, y1 = (rect.maxY * scale).rounded(.up) / scale
        cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0)
        cairo_clip(cr)
    }

    /// `v` moved so a line of `lineWidth` points along it covers whole device pixels.
    func crisp(_ v: Double, lineWidth: Double) -> Double {
        let device = v * scale
        let w = (lineWidth * scale).rounded()
        let snapped = Int(w) % 2 == 1 ? device.rounded(.down) + 0.5 : device.rounded()
        return snapped / scale
    }

    // MARK: shapes

    func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, colour: Colour, width: Double, dash: [Double] = []) {
        cairo_move_to(cr, x0, y0)
        cairo_line_to(cr, x1, y1)
        stroke(colour: colour, width: width, dash: dash)
    }

    func polyline(_ points: [(Double, Double)], colour: Colour, width: Double, dash: [Double] = []) {
        guard let first = points.first else { return }
        cairo_move_to(cr, first.0, first.1)
        for p in points.dropFirst() { cairo_line_to(cr, p.0, p.1) }
        if points.count == 1 { cairo_line_to(cr, first.0, first.1) }
        stroke(colour: colour, width: width, dash: dash)
    }

    private func stroke(colour: Colour, width: Double, dash: [Double]) {
        setColour(colour)
        cairo_set_line_width(cr, width)
        dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32(dash.count), 0) }
        cairo_stroke(cr)
        cairo_set_dash(cr, nil, 0, 0)
    }

    func fillRect(_ r: Rect, colour: Colour) {
        setColour(colour)
        cairo_rectangle(cr, r.x, r.y, r.width, r.height)
        cairo_fill(cr)
    }

    func roundedRect(_ r: Rect, radius: Double, fill: Colour, edge: Colour?, edgeWidth: Double = 0.8) {
        let k = min(radius, r.width / 2, r.height / 2)
        cairo_new_sub_path(cr)
        cairo_arc(cr, r.maxX - k, r.y + k, k, -.pi / 2, 0)
        cairo_arc(cr, r.maxX - k, r.maxY - k, k, 0, .pi / 2)
        cairo_arc(cr, r.x + k, r.maxY - k, k, .pi / 2, .pi)
        cairo_arc(cr, r.x + k, r.y + k, k, .pi, 3 * .pi / 2)
        cairo_close_path(cr)
        setColour(fill)
        if let edge {
            cairo_fill_preserve(cr)
            stroke(colour: edge, width: edgeWidth, dash: [])
        } else {
            cairo_fill(cr)
        }
    }

    /// One filled disc per point, drawn in order so translucent discs accumulate; an optional
    /// edge is stroked around each. Cost: one small cairo fill per point, or for many points
    /// without edges one masked blit per point (see `stampDiscs`).
    func discs(_ points: [(x: Double, y: Double, colour: Colour)], radius: Double, edge: Colour? = nil, edgeWidth: Double = 0.5) {
        if edge == nil && points.count > 1000 {
            stampDiscs(points, radius: radius)
            return
        }
        cairo_set_line_width(cr, edgeWidth)
        for p in points {
            cairo_new_sub_path(cr)
            cairo_arc(cr, p.x, p.y, radius, 0, 2 * .pi)
            setColour(p.colour)
            if let edge {
                cairo_fill_preserve(cr)
                setColour(edge)
                cairo_stroke(cr)
            } else {
                cairo_fill(cr)
            }
        }
    }

    /// Many discs of one radius: cairo rasterises the disc once per quarter-pixel offset into
    /// small A8 masks, then each point is one `cairo_mask_surface` at a whole-pixel position
    /// (pixman's fast path), about 5× faster than filling an arc per point. Centres are exact to
    /// 1/8 pixel.
    private func stampDiscs(_ points: [(x: Double, y: Double, colour: Colour)], radius: Double) {
        let phases = 4
        let r = radius * scale
        let half = Int((r + 1).rounded(.up))
        let side = Int32(2 * half + 2)
        var stamps: [OpaquePointer] = []
        for fy in 0..<phases {
            for fx in 0..<phases {
                let stamp = cairo_image_surface_create(CAIRO_FORMAT_A8, side, side)!
                let c = cairo_create(stamp)!
                cairo_arc(c, Double(half) + Double(fx) / Double(phases), Double(half) + Double(fy) / Double(phases), r, 0, 2 * .pi)
                cairo_fill(c)
                cairo_destroy(c)
                stamps.append(stamp)
            }
        }
        defer { stamps.forEach { cairo_surface_destroy($0) } }
        cairo_save(cr)
        cairo_identity_matrix(cr)
        var current: Colour?
        for p in points {
            var ix = (p.x * scale).rounded(.down), iy = (p.y * scale).rounded(.down)
            var qx = Int(((p.x * scale - ix) * Double(phases)).rounded()), qy = Int(((p.y * scale - iy) * Double(phases)).rounded())
            if qx == phases { qx = 0; ix += 1 }
            if qy == phases { qy = 0; iy += 1 }
            if p.colour != current {
                setColour(p.colour)
                current = p.colour
            }
            cairo_mask_surface(cr, stamps[qy * phases + qx], ix - Double(half), iy - Double(half))
        }
        cairo_restore(cr)
    }

    func disc(x: Double, y: Double, radius: Double, fill: Colour, edge: Colour? = nil, edgeWidth: Double = 1) {
        discs([(x, y, fill)], radius: radius, edge: edge, edgeWidth: edgeWidth)
    }

    // MARK: text

    /// Width of `text` at `size` points, and the font's ascent and descent.
    func measure(_ text: String, size: Double) -> (width: Double, ascent: Double, descent: Double) {
        cairo_set_font_size(cr, size)
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, text, &extents)
        var font = cairo_font_extents_t()
        cairo_font_extents(cr, &font)
        return (extents.x_advance, font.ascent, font.descent)
    }

    /// The box `text` occupies when drawn with `draw` at the same arguments (rotation 0).
    func textBox(_ text: String, x: Double, y: Double, size: Double, h: HAlign, v: VAlign) -> Rect {
        let m = measure(text, size: size)
        let origin = anchorOffset(width: m.width, ascent: m.ascent, descent: m.descent, size: size, h: h, v: v)
        return Rect(x: x + origin.dx, y: y + origin.dy - m.ascent, width: m.width, height: m.ascent + m.descent)
    }

    /// Draws `text` anchored at (x, y), rotated by `angle` radians (counter-clockwise positive
    /// means upwards reading, e.g. −π/2 for a y-axis label).
    func text(_ text: String, x: Double, y: Double, size: Double, colour: Colour,
              h: HAlign = .left, v: VAlign = .baseline, angle: Double = 0) {
        guard !text.isEmpty else { return }
        let m = measure(text, size: size)
        let offset = anchorOffset(width: m.width, ascent: m.ascent, descent: m.descent, size: size, h: h, v: v)
        cairo_save(cr)
        cairo_translate(cr, x, y)
        if angle != 0 { cairo_rotate(cr, angle) }
        cairo_move_to(cr, offset.dx, offset.dy)
        setColour(colour)
        cairo_show_text(cr, text)
        cairo_new_path(cr)
        cairo_restore(cr)
    }

    /// Draws `text` with a `halo`-coloured outline of `haloWidth` points behind the glyphs, so it
    /// stays readable over data without hiding it under a box.
    func haloText(_ text: String, x: Double, y: Double, size: Double, colour: Colour, halo: Colour, haloWidth: Double,
                  h: HAlign = .left, v: VAlign = .baseline) {
        guard !text.isEmpty else { return }
        let m = measure(text, size: size)
        let offset = anchorOffset(width: m.width, ascent: m.ascent, descent: m.descent, size: size, h: h, v: v)
        cairo_new_path(cr)
        cairo_move_to(cr, x + offset.dx, y + offset.dy)
        cairo_text_path(cr, text)
        setColour(halo)
        cairo_set_line_width(cr, haloWidth)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_stroke_preserve(cr)
        setColour(colour)
        cairo_fill(cr)
    }

    /// Offset from the anchor to the text origin (left end of the baseline).
    private func anchorOffset(width: Double, ascent: Double, descent: Double, size: Double, h: HAlign, v: VAlign) -> (dx: Double, dy: Double) {
        let dx: Double
        switch h {
        case .left: dx = 0
        case .centre: dx = -width / 2
        case .right: dx = -width
        }
        let capHeight = 0.73 * size  // DejaVu Sans cap and digit height
        let dy: Double
        switch v {
        case .top: dy = capHeight
        case .middle: dy = capHeight / 2
        case .baseline: dy = 0
        case .bottom: dy = -descent
        }
        return (dx, dy)
    }

    // MARK: output

    /// The drawn pixels as straight RGB (white background) or RGBA (transparent background).
    func pixels() throws -> PixelImage {
        cairo_surface_flush(surface)
        guard cairo_status(cr) == CAIRO_STATUS_SUCCESS else {
            throw RenderError.drawing(String(cString: cairo_status_to_string(cairo_status(cr))))
        }
        let channels = opaque ? 3 : 4
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { throw RenderError.drawing("surface has no pixel data") }
        var bytes = [UInt8](repeating: 0, count: pixelWidth * pixelHeight * channels)
        bytes.withUnsafeMutableBufferPointer { out in
            cpng_unpremultiply_argb32(data, stride, UInt32(pixelWidth), UInt32(pixelHeight), out.baseAddress, Int32(channels))
        }
        return PixelImage(width: pixelWidth, height: pixelHeight, channels: channels, bytes: bytes)
    }
}

/// An axis-aligned rectangle in points; y grows downwards.
public struct Rect: Equatable, Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var midX: Double { x + width / 2 }
    public var midY: Double { y + height / 2 }
    /// Whether the two rectangles share interior points (touching edges do not count).
    public func intersects(_ o: Rect) -> Bool { x < o.maxX && o.x < maxX && y < o.maxY && o.y < maxY }
    public func contains(_ o: Rect) -> Bool { o.x >= x && o.maxX <= maxX && o.y >= y && o.maxY <= maxY }
    func insetBy(_ d: Double) -> Rect { Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }
}
