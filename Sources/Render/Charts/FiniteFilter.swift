/// Finds the points that can be drawn: both coordinates finite and, on log axes, positive.
enum FiniteFilter {
    /// Indices of drawable points of (x, y), and how many were left out. Throws for length
    /// mismatch, for bad values under `.refuse`, and when nothing is left.
    static func drawable(name: String, x: [Double], y: [Double], policy: NonFinitePolicy,
                         logX: Bool = false, logY: Bool = false) throws -> (indices: [Int], skipped: Int) {
        guard x.count == y.count else { throw RenderError.lengthMismatch(name: "series '\(name)' y", expected: x.count, actual: y.count) }
        guard !x.isEmpty else { throw RenderError.emptySeries(name: name) }
        var kept: [Int] = []
        kept.reserveCapacity(x.count)
        var skipped = 0, firstBad = -1
        for i in x.indices {
            let ok = x[i].isFinite && y[i].isFinite && (!logX || x[i] > 0) && (!logY || y[i] > 0)
            if ok { kept.append(i) } else {
                skipped += 1
                if firstBad < 0 { firstBad = i }
            }
        }
        if skipped > 0 && policy == .refuse {
            if (logX || logY) && x[firstBad].isFinite && y[firstBad].isFinite {
                throw RenderError.invalidValue(name: "series '\(name)'", reason: "value ≤ 0 at index \(firstBad) cannot be shown on a log axis; use a linear axis or drop it")
            }
            throw RenderError.nonFiniteValues(name: name, count: skipped, firstIndex: firstBad)
        }
        guard !kept.isEmpty else { throw RenderError.emptySeries(name: name) }
        return (kept, skipped)
    }
}
