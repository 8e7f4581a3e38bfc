import Foundation

/// How data values map onto an axis.
public enum AxisScale: String, Sendable {
    case linear
    /// Base-10 logarithmic; only positive values can be shown.
    case log
}

/// A tick label: plain text, or a base with a superscript exponent (log axes: 10⁻⁵).
struct TickLabel: Equatable {
    var text: String
    var exponent: String?
}

/// One axis: view limits, scale and ticks. `fraction` maps a value to 0 (low end) … 1 (high end).
public struct Axis: Sendable {
    public let lower: Double
    public let upper: Double
    public let scale: AxisScale
    /// Values of the labelled ticks, ascending.
    public let ticks: [Double]
    let labels: [TickLabel]
    let minorTicks: [Double]
    /// Tick labels show value / 10^multiplier; non-zero means a "×10ⁿ" note at the axis end.
    let multiplier: Int
    /// A category axis: one tick and label per category at the centre of its slot.
    let categorical: Bool

    init(lower: Double, upper: Double, scale: AxisScale, maxTicks: Int, integer: Bool = false) {
        self.lower = lower
        self.upper = upper
        self.scale = scale
        let located = TickLocator.ticks(lower: lower, upper: upper, scale: scale, maxCount: maxTicks, integer: integer)
        ticks = located.major
        minorTicks = located.minor
        (labels, multiplier) = TickFormatter.labels(for: located.major, scale: scale, step: located.step)
        categorical = false
    }

    /// A category axis over 0…count with category `i` at `i + 0.5` (`reversed`: the first
    /// category at the high end, for top-to-bottom lists on a vertical axis).
    init(categories: [String], reversed: Bool) {
        lower = 0
        upper = Double(categories.count)
        scale = .linear
        let positions = categories.indices.map { reversed ? Double(categories.count - $0) - 0.5 : Double($0) + 0.5 }
        let order = positions.indices.sorted { positions[$0] < positions[$1] }
        ticks = order.map { positions[$0] }
        labels = order.map { TickLabel(text: categories[$0]) }
        minorTicks = []
        multiplier = 0
        categorical = true
    }

    /// Axis limits that show `min…max` with a 5 % margin on each side (in log space for log axes);
    /// `includeZero` pins the lower limit at 0 (bar charts).
    static func limits(min: Double, max: Double, scale: AxisScale, margin: Double = 0.05, includeZero: Bool = false) -> (Double, Double) {
        switch scale {
        case .linear:
            var lo = includeZero ? Swift.min(0, min) : min
            var hi = includeZero ? Swift.max(0, max) : max
            if hi - lo <= 0 {
                let pad = lo == 0 ? 1 : abs(lo) * 0.1
                return (lo - pad, hi + pad)
            }
            // Each end scaled before subtracting, so ±1e308 give a finite margin, and the limits
            // stay finite (a chart of the largest Doubles still gets an axis).
            let pad = hi * margin - lo * margin
            if !(includeZero && lo == 0) { lo = Swift.max(lo - pad, -Double.greatestFiniteMagnitude) }
            if !(includeZero && hi == 0) { hi = Swift.min(hi + pad, Double.greatestFiniteMagnitude) }
            return (lo, hi)
        case .log:
            let a = log10(min), b = log10(max)
            let pad = b - a <= 0 ? 0.1 : (b - a) * margin
            return (pow(10, a - pad), pow(10, b + pad))
        }
    }

    func transform(_ v: Double) -> Double { scale == .log ? log10(v) : v }

    /// Position of `v` along the axis: 0 at `lower`, 1 at `upper`.
    public func fraction(_ v: Double) -> Double {
        // Halved first (exact for normal numbers), so an axis spanning ±1e308 does not overflow.
        let lo = transform(lower) / 2, hi = transform(upper) / 2
        return (transform(v) / 2 - lo) / (hi - lo)
    }
}

/// A set of axes placed on the canvas: the plot rectangle (points) and the two axes.
public struct PlotFrame: Sendable {
    /// The data area in points.
    public let rect: Rect
    public let x: Axis
    public let y: Axis
    /// Device pixels per point of the image this frame belongs to.
    public let scale: Double

    /// Position of data (x, y) in points.
    func point(_ vx: Double, _ vy: Double) -> (Double, Double) {
        (rect.x + x.fraction(vx) * rect.width, rect.maxY - y.fraction(vy) * rect.height)
    }

    /// Position of data (x, y) in device pixels of the rendered image (fractional; the pixel
    /// containing it is `(Int(x), Int(y))`).
    public func pixel(x vx: Double, y vy: Double) -> (x: Double, y: Double) {
        let p = point(vx, vy)
        return (p.0 * scale, p.1 * scale)
    }

    /// The data area in device pixels.
    public var pixelRect: Rect { Rect(x: rect.x * scale, y: rect.y * scale, width: rect.width * scale, height: rect.height * scale) }
}
