import Core

/// Walker/Vose alias table: draws index `i` with probability `weights[i] / sum(weights)` in O(1).
/// Building costs O(n).
struct AliasTable: Sendable {
    private var probability: [Double]
    private var alias: [Int32]

    /// A table for `weights` (non-negative, not all zero).
    init(weights: [Double]) {
        let n = weights.count
        precondition(n > 0)
        let total = weights.reduce(0, +)
        var scaled = weights.map { $0 * Double(n) / total }
        probability = [Double](repeating: 1, count: n)
        alias = [Int32](repeating: 0, count: n)
        var small: [Int] = [], large: [Int] = []
        for i in 0..<n { if scaled[i] < 1 { small.append(i) } else { large.append(i) } }
        while let s = small.popLast(), let l = large.last {
            probability[s] = scaled[s]
            alias[s] = Int32(l)
            scaled[l] -= 1 - scaled[s]
            if scaled[l] < 1 { large.removeLast(); small.append(l) }
        }
        for i in large + small { probability[i] = 1 }
    }

    /// One draw.
    @inline(__always) func sample(_ rng: inout SplitMix64) -> Int {
        let x = rng.next()
        let i = Int(((x >> 32) &* UInt64(probability.count)) >> 32)
        let u = Double(x & 0xFFFF_FFFF) * 0x1p-32
        return u < probability[i] ? i : Int(alias[i])
    }
}
