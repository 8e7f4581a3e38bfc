#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Agreement between two labelings of the same items (e.g. k-means clusters and primary genres).
///
/// All scores are symmetric in which labeling is "truth" except purity, take any integer labels
/// (only equality matters), and cost O(N + A·B) for A and B distinct labels. Items whose label
/// is negative in either labeling are ignored.
public struct ClusterAgreement: Sendable, Equatable {
    /// Counts n_ab of items with label a in the first labeling and b in the second.
    public var contingency: [[Int]]
    /// Number of items compared.
    public var count: Int

    /// Tabulates `clusters` against `classes` (same length).
    public init(clusters: [Int], classes: [Int]) {
        precondition(clusters.count == classes.count, "agreement: labelings differ in length")
        var rowIndex: [Int: Int] = [:], columnIndex: [Int: Int] = [:]
        for (a, b) in zip(clusters, classes) where a >= 0 && b >= 0 {
            if rowIndex[a] == nil { rowIndex[a] = rowIndex.count }
            if columnIndex[b] == nil { columnIndex[b] = columnIndex.count }
        }
        var table = [[Int]](repeating: [Int](repeating: 0, count: columnIndex.count), count: rowIndex.count)
        var n = 0
        for (a, b) in zip(clusters, classes) where a >= 0 && b >= 0 {
            table[rowIndex[a]!][columnIndex[b]!] += 1
            n += 1
        }
        contingency = table
        count = n
    }

    /// Fraction of items whose cluster's most common class is their own class, in (0, 1].
    public var purity: Double {
        guard count > 0 else { return 1 }
        return Double(contingency.reduce(0) { $0 + ($1.max() ?? 0) }) / Double(count)
    }

    /// Normalised mutual information `I(U; V) / ((H(U) + H(V)) / 2)` (arithmetic-mean
    /// normalisation, as scikit-learn's default), in [0, 1]; 1 when both labelings are constant.
    public var normalisedMutualInformation: Double {
        guard count > 0 else { return 1 }
        let n = Double(count)
        let rows = contingency.map { Double($0.reduce(0, +)) }
        let cols = (0..<(contingency.first?.count ?? 0)).map { j in Double(contingency.reduce(0) { $0 + $1[j] }) }
        func entropy(_ sums: [Double]) -> Double { sums.reduce(0) { $1 > 0 ? $0 - $1 / n * log($1 / n) : $0 } }
        let hu = entropy(rows), hv = entropy(cols)
        var mi = 0.0
        for (i, row) in contingency.enumerated() {
            for (j, c) in row.enumerated() where c > 0 {
                let p = Double(c) / n
                mi += p * log(p * n * n / (rows[i] * cols[j]))
            }
        }
        let mean = (hu + hv) / 2
        return mean <= 0 ? 1 : max(0, min(1, mi / mean))
    }

    /// Adjusted Rand index (Hubert & Arabie 1985): 1 for identical partitions, ≈ 0 in
    /// expectation for independent ones, negative when worse than chance.
    public var adjustedRandIndex: Double {
        func pairs(_ x: Double) -> Double { x * (x - 1) / 2 }
        let rows = contingency.map { Double($0.reduce(0, +)) }
        let cols = (0..<(contingency.first?.count ?? 0)).map { j in Double(contingency.reduce(0) { $0 + $1[j] }) }
        let index = contingency.reduce(0.0) { $0 + $1.reduce(0.0) { $0 + pairs(Double($1)) } }
        let a = rows.reduce(0) { $0 + pairs($1) }, b = cols.reduce(0) { $0 + pairs($1) }
        let total = pairs(Double(count))
        guard total > 0 else { return 1 }
        let expected = a * b / total
        let maximum = (a + b) / 2
        return maximum == expected ? 1 : (index - expected) / (maximum - expected)
    }
}
