import Foundation

/// Chooses "nice" tick values: steps of 1, 2, 2.5 or 5 × 10ᵏ on linear axes, whole decades (or
/// 1-2-5 steps when less than two decades show) on log axes.
enum TickLocator {
    /// Major ticks inside [lower, upper] (at most about `maxCount`), minor ticks, and the step.
    static func ticks(lower: Double, upper: Double, scale: AxisScale, maxCount: Int, integer: Bool) -> (major: [Double], minor: [Double], step: Double) {
        switch scale {
        case .linear:
            let (major, step) = linear(lower: lower, upper: upper, maxCount: maxCount, integer: integer)
            return (major, [], step)
        case .log:
            return logarithmic(lower: lower, upper: upper, maxCount: maxCount)
        }
    }

    /// Nice step for `span` split into at most `maxCount` intervals.
    static func niceStep(span: Double, maxCount: Int, integer: Bool) -> Double {
        let raw = span / Double(max(1, maxCount))
        let magnitude = pow(10, floor(log10(raw)))
        for m in [1.0, 2, 2.5, 5, 10] {
            let step = m * magnitude
            if integer && step < 1 { continue }
            if integer && step.rounded() != step { continue }
            if span / step <= Double(maxCount) + 1e-9 { return step }
        }
        return 10 * magnitude
    }

    static func linear(lower: Double, upper: Double, maxCount: Int, integer: Bool) -> ([Double], Double) {
        let span = upper - lower
        guard span > 0, span.isFinite else { return ([lower], 1) }
        let step = niceStep(span: span, maxCount: maxCount, integer: integer)
        var ticks: [Double] = []
        var k = (lower / step - 1e-9).rounded(.up)
        while k * step <= upper + step * 1e-9 {
            let v = k * step
            ticks.append(abs(v) < step * 1e-9 ? 0 : v)
            k += 1
        }
        return (ticks, step)
    }

    static func logarithmic(lower: Double, upper: Double, maxCount: Int) -> ([Double], [Double], Double) {
        let a = log10(lower), b = log10(upper)
        let decades = Int(floor(b + 1e-9)) - Int(ceil(a - 1e-9)) + 1
        if b - a < 1 || decades < 2 {
            // Less than two whole decades: 1-2-5 steps if that gives at least two ticks, else linear ticks.
            var ticks: [Double] = []
            for k in Int(floor(a)) ... Int(ceil(b)) {
                for m in [1.0, 2, 5] {
                    let v = m * pow(10, Double(k))
                    if v >= lower * (1 - 1e-9) && v <= upper * (1 + 1e-9) { ticks.append(v) }
                }
            }
            if ticks.count >= 3 && ticks.count <= maxCount { return (ticks, [], 0) }
            let (lin, step) = linear(lower: lower, upper: upper, maxCount: min(maxCount, 5), integer: false)
            return (lin.filter { $0 > 0 }, [], step)
        }
        let first = Int(ceil(a - 1e-9)), last = Int(floor(b + 1e-9))
        let stride = max(1, Int((Double(last - first + 1) / Double(maxCount)).rounded(.up)))
        let major = Swift.stride(from: first, through: last, by: stride).map { pow(10, Double($0)) }
        var minor: [Double] = []
        if stride == 1 && b - a <= 8 {
            for k in Int(floor(a)) ... Int(ceil(b)) {
                for m in 2...9 {
                    let v = Double(m) * pow(10, Double(k))
                    if v > lower && v < upper { minor.append(v) }
                }
            }
        }
        return (major, minor, 0)
    }
}

/// Formats tick values so that every label has the same number of decimals and no float noise.
enum TickFormatter {
    static func labels(for ticks: [Double], scale: AxisScale, step: Double) -> [TickLabel] {
        if scale == .log && step == 0 {
            let exponents = ticks.map { log10($0) }
            let wholeDecades = exponents.allSatisfy { abs($0 - $0.rounded()) < 1e-9 }
            if wholeDecades && exponents.contains(where: { $0 < -3 || $0 > 5 }) {
                return exponents.map { TickLabel(text: "10", exponent: minus(String(Int($0.rounded())))) }
            }
            return ticks.map { TickLabel(text: plain($0, decimals: decimalsNeeded($0))) }
        }
        let largest = ticks.map(abs).max() ?? 0
        if largest >= 1e7 || (largest > 0 && largest < 1e-3) {
            return ticks.map { TickLabel(text: scientific($0)) }
        }
        let decimals = decimalsNeeded(step)
        return ticks.map { TickLabel(text: plain($0, decimals: decimals)) }
    }

    /// Fewest decimals (≤ 10) that represent `v` exactly enough.
    static func decimalsNeeded(_ v: Double) -> Int {
        guard v != 0, v.isFinite else { return 0 }
        for d in 0...10 {
            let scaled = abs(v) * pow(10, Double(d))
            if abs(scaled - scaled.rounded()) < 1e-6 * max(1, scaled) { return d }
        }
        return 10
    }

    static func plain(_ v: Double, decimals: Int) -> String {
        minus(String(format: "%.\(decimals)f", v == 0 ? 0 : v))
    }

    static func scientific(_ v: Double) -> String {
        if v == 0 { return "0" }
        let exponent = Int(floor(log10(abs(v))))
        let mantissa = v / pow(10, Double(exponent))
        return minus(plain(mantissa, decimals: min(2, decimalsNeeded((mantissa * 100).rounded() / 100))) + "e" + String(exponent))
    }

    /// Replaces ASCII hyphen-minus with the typographic minus sign (U+2212).
    static func minus(_ s: String) -> String { s.replacingOccurrences(of: "-", with: "\u{2212}") }
}
