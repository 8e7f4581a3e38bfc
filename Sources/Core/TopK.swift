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

    /// The `k` best of `indices 0..<count` that `include` admits, ranked by `score` (called only
    /// for admitted indices, in increasing order), best first: implicit's `topk` with its
    /// `filter_items`. Fewer than `k` when fewer are admitted. Cost: `count` calls of `include`,
    /// one of `score` per admitted index, plus the selection.
    @inlinable
    public static func select<Score: FloatingPoint>(count: Int, k: Int, include: (Int) -> Bool,
                                                    score: (Int) -> Score) -> [(index: Int, score: Score)] {
        precondition(count <= Int(Int32.max), "top-k: \(count) candidates exceed the Int32 index range")
        let room = max(0, min(k, count))
        var scores = [Score](repeating: 0, count: room)
        var indices = [Int32](repeating: 0, count: room)
        var filled = 0
        scores.withUnsafeMutableBufferPointer { s in
            indices.withUnsafeMutableBufferPointer { ix in
                guard let sp = s.baseAddress, let ip = ix.baseAddress else { return }
                for i in 0..<count where include(i) {
                    offer(score(i), index: Int32(i), scores: sp, indices: ip, filled: &filled, k: room)
                }
            }
        }
        return (0..<filled).map { (Int(indices[$0]), scores[$0]) }
    }

    /// The `k` best of `candidates` (index, score), in any order, best first.
    public static func best<Score: FloatingPoint>(_ candidates: [(index: Int, score: Score)], k: Int) -> [(index: Int, score: Score)] {
        let room = max(0, min(k, candidates.count))
        var scores = [Score](repeating: 0, count: room)
        var indices = [Int32](repeating: 0, count: room)
        var filled = 0
        scores.withUnsafeMutableBufferPointer { s in
            indices.withUnsafeMutableBufferPointer { ix in
                guard let sp = s.baseAddress, let ip = ix.baseAddress else { return }
                for c in candidates {
                    precondition(c.index >= 0 && c.index <= Int(Int32.max), "top-k: candidate index \(c.index) out of range")
                    offer(c.score, index: Int32(c.index), scores: sp, indices: ip, filled: &filled, k: room)
                }
            }
        }
        return (0..<filled).map { (Int(indices[$0]), scores[$0]) }
    }
}
