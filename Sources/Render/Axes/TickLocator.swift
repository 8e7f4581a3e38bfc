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

    /// Linear ticks for [lower, upper]. Terminates on any input: non-finite bounds give no
    /// ticks, a span too large for a Double is halved first, and a span below the values'
    /// resolution (1e17…1e17 + 64) gives the few distinct multiples there are.
    static func linear(lower: Double, upper: Double, maxCount: Int, integer: Bool) -> ([Double], Double) {
        guard lower.isFinite, upper.isFinite else { return ([], 1) }
        guard upper > lower else { return ([lower], 1) }
        let span = upper - lower
        var step = span.isFinite ? niceStep(span: span, maxCount: maxCount, integer: integer)
                                 : 2 * niceStep(span: upper / 2 - lower / 2, maxCount: maxCount, integer: integer)
        guard step > 0, step.isFinite else { return ([lower], 1) }  // a span of a few subnormals
        var ticks = multiples(of: step, lower: lower, upper: upper)
        // A range that holds only one multiple of the step gets the next smaller nice step
        // (at most a few dozen times: each try divides the step by at least 2).
        var tries = 0
        while ticks.count < 2 && !(integer && step <= 1) && tries < 64 {
            tries += 1
            let magnitude = pow(10, floor(log10(step) + 1e-9))
            let mantissa = step / magnitude
            let smaller = [5.0, 2.5, 2, 1].first { $0 < mantissa - 1e-9 }.map { $0 * magnitude } ?? magnitude / 2
            if integer && smaller.rounded() != smaller { break }
            guard smaller > 0, smaller.isFinite else { break }
            step = smaller
            ticks = multiples(of: step, lower: lower, upper: upper)
        }
        return (ticks, step)
    }

    /// The multiples of `step` inside [lower, upper] (with a tolerance of 10⁻⁹ steps), at most
    /// `limit` of them, each distinct: where the step is below the values' resolution,
    /// consecutive multiples round to the same Double and are listed once.
    static func multiples(of step: Double, lower: Double, upper: Double, limit: Int = 1000) -> [Double] {
        guard step > 0, step.isFinite, lower.isFinite, upper.isFinite else { return [] }
        let first = (lower / step - 1e-9).rounded(.up), last = (upper / step + 1e-9).rounded(.down)
        guard first.isFinite, last.isFinite, last >= first else { return [] }
        let count = last - first
        guard count < Double(limit) else { return [] }
        var ticks: [Double] = []
        for i in 0...Int(count) {
            let v = (first + Double(i)) * step
            guard v >= lower - step * 1e-9, v <= upper + step * 1e-9 else { continue }
            let tick = abs(v) < step * 1e-9 ? 0 : v
            if ticks.last != tick { ticks.append(tick) }
        }
        return ticks
    }

    static func logarithmic(lower: Double, upper: Double, maxCount: Int) -> ([Double], [Double], Double) {
        // A log axis needs 0 < lower < upper < ∞; anything else gets no ticks rather than a trap.
        guard lower > 0, upper > lower, upper.isFinite else { return ([], [], 0) }
        let a = log10(lower), b = log10(upper)
        let decades = Int(floor(b + 1e-9)) - Int(ceil(a - 1e-9)) + 1
        if decades < 3 {
            // Fewer than three whole decades: 1-2-5 steps if that gives at least three ticks
            // (minor ticks at the other integers), else linear ticks.
            var ticks: [Double] = [], minor: [Double] = []
            for k in Int(floor(a)) ... Int(ceil(b)) {
                for m in 1...9 {
                    let v = Double(m) * pow(10, Double(k))
                    guard v >= lower * (1 - 1e-9) && v <= upper * (1 + 1e-9) else { continue }
                    if m == 1 || m == 2 || m == 5 { ticks.append(v) } else { minor.append(v) }
                }
            }
            if ticks.count >= 3 && ticks.count <= maxCount { return (ticks, minor, 0) }
            if ticks.count > maxCount && decades >= 2 {
                let whole = ticks.filter { abs(log10($0) - log10($0).rounded()) < 1e-9 }
                return (whole, ticks.filter { !whole.contains($0) } + minor, 0)
            }
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
    /// Labels for `ticks`, and the power of ten they are divided by (0: none). Linear axes whose
    /// ticks reach 10⁵ or stay below 10⁻³ show mantissas and a "×10ⁿ" multiplier at the axis end,
    /// as matplotlib does, instead of long digit strings.
    static func labels(for ticks: [Double], scale: AxisScale, step: Double) -> (labels: [TickLabel], multiplier: Int) {
        if scale == .log && step == 0 {
            let exponents = ticks.map { log10($0) }
            let wholeDecades = exponents.allSatisfy { abs($0 - $0.rounded()) < 1e-9 }
            if wholeDecades && exponents.contains(where: { $0 < -3 || $0 > 4 }) {
                return (exponents.map { TickLabel(text: "10", exponent: minus(String(Int($0.rounded())))) }, 0)
            }
            if ticks.contains(where: { $0 >= 1e5 || $0 < 1e-3 }) {
                // 1-2-5 ticks spanning large numbers: mantissa × 10^k per label.
                return (ticks.map { v in
                    let k = Int(floor(log10(v) + 1e-9)), m = v / pow(10, Double(k))
                    let mantissa = plain(m, decimals: decimalsNeeded((m * 100).rounded() / 100))
                    return TickLabel(text: (mantissa == "1" ? "" : mantissa + "×") + "10", exponent: minus(String(k)))
                }, 0)
            }
            return (ticks.map { TickLabel(text: plain($0, decimals: decimalsNeeded($0))) }, 0)
        }
        let largest = ticks.lazy.filter(\.isFinite).map(abs).max() ?? 0
        var multiplier = 0
        if largest >= 1e5 || (largest > 0 && largest < 1e-3) {
            multiplier = Int(floor(log10(largest)))  // finite and non-zero: within ±324
            // A narrow window far from zero (e.g. 240390.9107…240390.9118) keeps plain digits:
            // a multiplier would need as many decimals.
            if step / pow(10, Double(multiplier)) < 1e-3 { multiplier = 0 }
        }
        let factor = pow(10, Double(multiplier))
        let decimals = decimalsNeeded(step / factor)
        return (ticks.map { TickLabel(text: plain($0 / factor, decimals: decimals)) }, multiplier)
    }

    /// Fewest decimals (≤ 10) that represent `v` exactly enough.
    static func decimalsNeeded(_ v: Double) -> Int {
        guard v != 0, v.isFinite else { return 0 }
        for d in 0...10 {
            let scaled = abs(v) * pow(10, Double(d))
            if scaled >= 0.5 && abs(scaled - scaled.rounded()) < 1e-6 * scaled { return d }
        }
        return 10
    }

    /// `v` with `decimals` decimals and a typographic minus; a value that rounds to zero is
    /// written without a sign ("0.00", never "−0.00").
    static func plain(_ v: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", v == 0 ? 0 : v)
        if text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(text.dropFirst()) }
        return minus(text)
    }

    /// Replaces ASCII hyphen-minus with the typographic minus sign (U+2212).
    static func minus(_ s: String) -> String { s.replacingOccurrences(of: "-", with: "\u{2212}") }
}
