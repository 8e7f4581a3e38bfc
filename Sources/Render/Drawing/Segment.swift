/// A straight line segment from (x0, y0) to (x1, y1), in the same units as the `Rect`s it is
/// tested against (points while drawing, device pixels in `ChartLayout`).
public struct Segment: Equatable, Sendable {
    public var x0: Double
    public var y0: Double
    public var x1: Double
    public var y1: Double

    public init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
    }

    /// Whether the segment passes through the interior of `r` or touches it (Liang–Barsky
    /// clipping: the parameter interval of the segment inside the slab of each axis).
    public func intersects(_ r: Rect) -> Bool {
        var t0 = 0.0, t1 = 1.0
        let dx = x1 - x0, dy = y1 - y0
        for (p, q) in [(-dx, x0 - r.x), (dx, r.maxX - x0), (-dy, y0 - r.y), (dy, r.maxY - y0)] {
            if p == 0 {
                if q < 0 { return false }
            } else {
                let t = q / p
                if p < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
                if t0 > t1 { return false }
            }
        }
        return true
    }

    /// Whether the two segments cross or touch (orientation tests; collinear overlapping
    /// segments count as crossing).
    public func intersects(_ o: Segment) -> Bool {
        func orientation(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double) -> Double {
            (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
        }
        func within(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double) -> Bool {
            min(ax, bx) <= cx && cx <= max(ax, bx) && min(ay, by) <= cy && cy <= max(ay, by)
        }
        let d1 = orientation(o.x0, o.y0, o.x1, o.y1, x0, y0), d2 = orientation(o.x0, o.y0, o.x1, o.y1, x1, y1)
        let d3 = orientation(x0, y0, x1, y1, o.x0, o.y0), d4 = orientation(x0, y0, x1, y1, o.x1, o.y1)
        if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) { return true }
        if d1 == 0 && within(o.x0, o.y0, o.x1, o.y1, x0, y0) { return true }
        if d2 == 0 && within(o.x0, o.y0, o.x1, o.y1, x1, y1) { return true }
        if d3 == 0 && within(x0, y0, x1, y1, o.x0, o.y0) { return true }
        if d4 == 0 && within(x0, y0, x1, y1, o.x1, o.y1) { return true }
        return false
    }

    /// The segment with both ends multiplied by `s` (points to device pixels).
    func scaled(_ s: Double) -> Segment { Segment(x0: x0 * s, y0: y0 * s, x1: x1 * s, y1: y1 * s) }
}
