import Core
#if canImport(Glibc)
import Glibc
#endif

/// Sorting the rows of grouped ratings by movie, stably, and finding duplicate pairs.
enum RowSort {
    /// Sorts each row of `m` by column (stable: file order among equal columns) and returns the
    /// positions of the later entries of duplicated (row, column) pairs, ascending. Rows that
    /// are already strictly ascending (the usual case) cost one comparison per entry.
    static func sortRows(_ m: inout RatingMatrix, threads: Int) -> [Int] {
        let rs = m.rowStart
        // Checked read-only first: asking for mutable storage would copy arrays that are
        // shared (as freshly built arrays often are), and sorted rows are the usual case.
        if m.columnIndex.withUnsafeBufferPointer({ allAscending($0.baseAddress!, rs, threads: threads) }) { return [] }
        let found = PositionList()
        m.columnIndex.withUnsafeMutableBufferPointer { cb in
            m.value.withUnsafeMutableBufferPointer { vb in
                let c = cb.baseAddress, v = vb.baseAddress
                parallelForEach(count: m.rowCount, threads: threads, grain: 2048) { r, _ in
                    let a = rs[r], b = rs[r + 1]
                    guard b - a >= 2, !isAscending(UnsafePointer(c!), a, b) else { return }
                    let order = (a..<b).sorted { c![$0] != c![$1] ? c![$0] < c![$1] : $0 < $1 }
                    let cc = order.map { c![$0] }, vv = order.map { v![$0] }
                    for k in 0..<(b - a) { c![a + k] = cc[k]; v![a + k] = vv[k] }
                    found.append(duplicates(c!, a, b))
                }
            }
        }
        return found.sorted
    }

    /// The same for test triplets grouped by user (`rowStart` per user), keyed by movie.
    static func sortTestRows(_ t: inout RatingTriplets, rowStart rs: [Int], threads: Int) -> [Int] {
        if t.count == 0 || t.movies.withUnsafeBufferPointer({ allAscending($0.baseAddress!, rs, threads: threads) }) { return [] }
        let found = PositionList()
        t.movies.withUnsafeMutableBufferPointer { mb in
            t.ratings.withUnsafeMutableBufferPointer { rb in
                t.timestamps.withUnsafeMutableBufferPointer { tb in
                    let m = mb.baseAddress, r = rb.baseAddress, s = tb.baseAddress
                    parallelForEach(count: rs.count - 1, threads: threads, grain: 2048) { u, _ in
                        let a = rs[u], b = rs[u + 1]
                        guard b - a >= 2, !isAscending(UnsafePointer(m!), a, b) else { return }
                        let order = (a..<b).sorted { m![$0] != m![$1] ? m![$0] < m![$1] : $0 < $1 }
                        let mm = order.map { m![$0] }, rr = order.map { r![$0] }, ss = order.map { s![$0] }
                        for k in 0..<(b - a) { m![a + k] = mm[k]; r![a + k] = rr[k]; s![a + k] = ss[k] }
                        found.append(duplicates(m!, a, b))
                    }
                }
            }
        }
        return found.sorted
    }

    @inline(__always) static func isAscending(_ c: UnsafePointer<Int32>, _ a: Int, _ b: Int) -> Bool {
        var p = a + 1
        while p < b { if c[p - 1] >= c[p] { return false }; p += 1 }
        return true
    }

    /// Whether every row `rs[r]..<rs[r + 1]` of `c` is strictly ascending. Read-only; parallel.
    static func allAscending(_ c: UnsafePointer<Int32>, _ rs: [Int], threads: Int) -> Bool {
        let rows = rs.count - 1
        guard rows > 0 else { return true }
        let parts = chunkRanges(count: rows, parts: max(1, threads) * 4)
        var ok = [Bool](repeating: true, count: parts.count)
        ok.withUnsafeMutableBufferPointer { out in
            let o = out.baseAddress!
            rs.withUnsafeBufferPointer { start in
                parallelForEach(count: parts.count, threads: threads, grain: 1) { k, _ in
                    for r in parts[k] where !isAscending(c, start[r], start[r + 1]) { o[k] = false; return }
                }
            }
        }
        return ok.allSatisfy { $0 }
    }

    static func duplicates(_ c: UnsafeMutablePointer<Int32>, _ a: Int, _ b: Int) -> [Int] {
        var out: [Int] = []
        for p in (a + 1)..<b where c[p - 1] == c[p] { out.append(p) }
        return out
    }

    /// Removes the entries at `positions` (ascending) from `m`. Cost O(count).
    static func remove(_ positions: [Int], from m: inout RatingMatrix) {
        guard !positions.isEmpty else { return }
        var drop = Set(positions)
        var start = [0]
        var col: [Int32] = [], val: [Float] = []
        col.reserveCapacity(m.count - positions.count); val.reserveCapacity(m.count - positions.count)
        for r in 0..<m.rowCount {
            for p in m.rowStart[r]..<m.rowStart[r + 1] where drop.remove(p) == nil {
                col.append(m.columnIndex[p]); val.append(m.value[p])
            }
            start.append(col.count)
        }
        m = RatingMatrix(rowCount: m.rowCount, columnCount: m.columnCount, rowStart: start, columnIndex: col, value: val)
    }

    /// Removes the entries at `positions` from `t`.
    static func remove(_ positions: [Int], from t: inout RatingTriplets) {
        guard !positions.isEmpty else { return }
        let drop = Set(positions)
        let keep = (0..<t.count).filter { !drop.contains($0) }
        t = RatingTriplets(users: keep.map { t.users[$0] }, movies: keep.map { t.movies[$0] },
                           ratings: keep.map { t.ratings[$0] }, timestamps: keep.map { t.timestamps[$0] })
    }
}

/// Positions collected from several threads.
final class PositionList: @unchecked Sendable {
    private var items: [Int] = []
    private var lock = pthread_mutex_t()
    init() { pthread_mutex_init(&lock, nil) }
    deinit { pthread_mutex_destroy(&lock) }
    func append(_ xs: [Int]) {
        guard !xs.isEmpty else { return }
        pthread_mutex_lock(&lock); items += xs; pthread_mutex_unlock(&lock)
    }
    var sorted: [Int] { items.sorted() }
}
