import Foundation

/// Labels for values printed beside marks (bar ends, dots): one number of decimals for all of
/// them, so 0.836 and 0.8690 never appear side by side.
enum ValueLabels {
    /// The decimals used for `values` (finite ones): enough for `significant` significant digits
    /// of the largest magnitude, more (up to 6) while two distinct values would print the same;
    /// 0 when all are whole numbers.
    static func decimals(_ values: [Double], significant: Int = 3) -> Int {
        let finite = values.filter(\.isFinite)
        guard !finite.isEmpty, !finite.allSatisfy({ $0 == $0.rounded() && abs($0) < 1e15 }) else { return 0 }
        let largest = finite.map(abs).max() ?? 0
        var d = largest > 0 ? max(0, significant - 1 - Int(floor(log10(largest)))) : 0
        let distinct = Array(Set(finite)).sorted()
        while d < 6 {
            let printed = distinct.map { TickFormatter.plain($0, decimals: d) }
            if Set(printed).count == printed.count { break }
            d += 1
        }
        return min(d, 6)
    }

    /// Each value with `decimals(values)` decimals ("–" for a non-finite one).
    static func uniform(_ values: [Double], significant: Int = 3) -> [String] {
        let d = decimals(values, significant: significant)
        return values.map { $0.isFinite ? TickFormatter.plain($0, decimals: d) : "–" }
    }
}
