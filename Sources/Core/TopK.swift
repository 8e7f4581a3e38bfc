/// The one top-k selection of the library: recommendations, neighbour lists and the blocked
/// top-k search's per-row lists all keep their winners with `TopK.offer`.
///
/// Order: larger score first, equal scores by lower index (so lists are deterministic); NaN
/// after every number. A list is kept sorted, filled up to k; a candidate that ranks before
/// the last entry of a full list replaces it and moves up to its place. Cost O(1) for a
/// candidate that does not make the list and O(k) for one that does: about n + k² log(n/k)
/// comparisons for n candidates in random order.
public enum TopK {
    /// Whether (score `a`, index `i`) ranks before (score `b`, index `j`).
    @inlinable
    public static func ranksBefore<Score: FloatingPoint>(_ a: Score, _ i: Int32, _ b: Score, _ j: Int32) -> Bool {
        if a.isNaN || b.isNaN { return b.isNaN && (!a.isNaN || i < j) }
        return a > b || (a == b && i < j)
    }

    /// Offers candidate `index` with `score` to the list `scores[0..<filled]`,
    /// `indices[0..<filled]` (room for `k`), kept sorted best first; returns whether it was kept
    /// (`filled` then counts it, up to `k`).
    @inlinable
    @discardableResult
    public static func offer<Score: FloatingPoint>(_ score: Score, index: Int32, scores: UnsafeMutablePointer<Score>,
                                                   indices: UnsafeMutablePointer<Int32>, filled: inout Int, k: Int) -> Bool {
        var pos = filled
        if filled < k {
            filled += 1
        } else {
            guard k > 0, ranksBefore(score, index, scores[k - 1], indices[k - 1]) else { return false }
            pos = k - 1
        }
        while pos > 0 && ranksBefore(score, index, scores[pos - 1], indices[pos - 1]) {
            scores[pos] = scores[pos - 1]
            indices[pos] = indices[pos - 1]
            pos -= 1
        }
        scores[pos] = score
        indices[pos] = index
        return true
    }

    /// A list of the best `k` candidates being filled: `offer` them, then read `entries`.
    public struct List<Score: FloatingPoint> {
        /// How many entries the list keeps.
        public let k: Int
        @usableFromInline var scores: [Score]
        @usableFromInline var indices: [Int32]
        @usableFromInline var filled = 0

        /// An empty list keeping at most `k` entries.
        public init(k: Int) {
            self.k = max(0, k)
            scores = [Score](repeating: 0, count: self.k)
            indices = [Int32](repeating: 0, count: self.k)
        }

        /// Offers candidate `index` (0 ... Int32.max) with `score`; returns whether it was kept.
        @inlinable
        @discardableResult
        public mutating func offer(_ score: Score, index: Int) -> Bool {
            precondition(index >= 0 && index <= Int(Int32.max), "top-k: candidate index \(index) out of range")
            let i = Int32(truncatingIfNeeded: index)
            if filled == k && (k == 0 || !TopK.ranksBefore(score, i, scores[k - 1], indices[k - 1])) { return false }
            var n = filled
            let kept = scores.withUnsafeMutableBufferPointer { s in
                indices.withUnsafeMutableBufferPointer { ix in
                    TopK.offer(score, index: i, scores: s.baseAddress!, indices: ix.baseAddress!, filled: &n, k: k)
                }
            }
            filled = n
            return kept
        }

        /// The entries, best first.
        public var entries: [(index: Int, score: Score)] { (0..<filled).map { (Int(indices[$0]), scores[$0]) } }
    }

    /// The `k` best of `indices 0..<count` that `include` admits, ranked by `score` (called only
    /// for admitted indices, in increasing order), best first: implicit's `topk` with its
    /// `filter_items`. Fewer than `k` when fewer are admitted. Cost: `count` calls of `include`,
    /// one of `score` per admitted index, plus the selection.
    @inlinable
    public static func select<Score: FloatingPoint>(count: Int, k: Int, include: (Int) -> Bool,
                                                    score: (Int) -> Score) -> [(index: Int, score: Score)] {
        var list = List<Score>(k: min(k, count))
        for i in 0..<count where include(i) { list.offer(score(i), index: i) }
        return list.entries
    }

    /// The `k` best of `candidates` (index, score), in any order, best first.
    public static func best<Score: FloatingPoint>(_ candidates: [(index: Int, score: Score)], k: Int) -> [(index: Int, score: Score)] {
        var list = List<Score>(k: min(k, candidates.count))
        for c in candidates { list.offer(c.score, index: c.index) }
        return list.entries
    }
}
