import Core

/// The symmetric joint affinity matrix P of t-SNE in compressed sparse rows.
///
/// `P_ij = (p(j | i) + p(i | j)) / 2N`, so P is symmetric, non-negative, and sums to 1
/// over all (i, j). Row i lists its non-zero columns ascending in
/// `columns[rowStart[i] ..< rowStart[i + 1]]`. Building costs O(N·k·log k) time and
/// about 2·N·k entries of memory.
public struct SparseAffinities: Sendable, Equatable {
    /// Number of points N.
    public var count: Int
    /// Row offsets, `count + 1` entries.
    public var rowStart: [Int]
    /// Column index of each stored entry.
    public var columns: [Int32]
    /// P_ij of each stored entry.
    public var values: [Float]

    /// Symmetrises calibrated conditional rows laid out as in `neighbours`.
    public init(conditional: PerplexityCalibration.Rows, neighbours: NeighbourLists, threads: Int = availableCores) {
        let n = neighbours.count, k = neighbours.k
        var degree = [Int](repeating: 0, count: n + 1)
        for i in 0..<n {
            degree[i] += k
            for t in 0..<k { degree[Int(neighbours.indices[i * k + t])] += 1 }
        }
        var start = [Int](repeating: 0, count: n + 1)
        for i in 0..<n { start[i + 1] = start[i] + degree[i] }
        var fill = start
        var rawCol = [Int32](repeating: 0, count: start[n])
        var rawVal = [Double](repeating: 0, count: start[n])
        let scale = 1 / (2 * Double(n))
        for i in 0..<n {
            for t in 0..<k {
                let j = Int(neighbours.indices[i * k + t])
                let p = conditional.probabilities[i * k + t] * scale
                rawCol[fill[i]] = Int32(j); rawVal[fill[i]] = p; fill[i] += 1
                rawCol[fill[j]] = Int32(i); rawVal[fill[j]] = p; fill[j] += 1
            }
        }
        // Sort each row by column and merge duplicates (pairs that are mutual neighbours).
        var merged = [Int](repeating: 0, count: n)
        merged.withUnsafeMutableBufferPointer { mergedCount in
            rawCol.withUnsafeMutableBufferPointer { col in
                rawVal.withUnsafeMutableBufferPointer { val in
                    parallelForEach(count: n, threads: threads, grain: 1024) { i, _ in
                        let lo = start[i], hi = start[i + 1]
                        let order = (lo..<hi).sorted { col[$0] < col[$1] || (col[$0] == col[$1] && $0 < $1) }
                        let pairs = order.map { (col[$0], val[$0]) }
                        var out = lo
                        for (c, v) in pairs {
                            if out > lo && col[out - 1] == c { val[out - 1] += v } else { col[out] = c; val[out] = v; out += 1 }
                        }
                        mergedCount[i] = out - lo
                    }
                }
            }
        }
        var rowStart = [Int](repeating: 0, count: n + 1)
        for i in 0..<n { rowStart[i + 1] = rowStart[i] + merged[i] }
        var columns = [Int32](repeating: 0, count: rowStart[n])
        var total = 0.0
        for i in 0..<n {
            for t in 0..<merged[i] { total += rawVal[start[i] + t] }
        }
        var values = [Float](repeating: 0, count: rowStart[n])
        for i in 0..<n {
            for t in 0..<merged[i] {
                columns[rowStart[i] + t] = rawCol[start[i] + t]
                values[rowStart[i] + t] = Float(rawVal[start[i] + t] / total)
            }
        }
        self.count = n
        self.rowStart = rowStart
        self.columns = columns
        self.values = values
    }

    /// Wraps existing CSR arrays (used by tests and by callers with their own P).
    public init(count: Int, rowStart: [Int], columns: [Int32], values: [Float]) {
        precondition(rowStart.count == count + 1 && columns.count == values.count && rowStart.last == columns.count)
        self.count = count; self.rowStart = rowStart; self.columns = columns; self.values = values
    }

    /// Number of stored entries.
    public var storedCount: Int { columns.count }
}
