/// A sparse matrix of ratings in compressed sparse row (CSR) form.
///
/// Row `r`'s entries are `columnIndex[rowStart[r]..<rowStart[r+1]]` with values
/// `value[rowStart[r]..<rowStart[r+1]]`, columns ascending within a row. The same type holds
/// ratings by user (rows = users, columns = movies) and by movie (the transpose).
public struct RatingMatrix: Sendable, Equatable {
    /// Number of rows.
    public var rowCount: Int
    /// Number of columns.
    public var columnCount: Int
    /// `rowCount + 1` offsets into `columnIndex`/`value`; `rowStart[0] == 0`.
    public var rowStart: [Int]
    /// Column of each stored entry.
    public var columnIndex: [Int32]
    /// Rating of each stored entry (stars).
    public var value: [Float]

    /// Wraps CSR arrays; shapes are checked with preconditions.
    public init(rowCount: Int, columnCount: Int, rowStart: [Int], columnIndex: [Int32], value: [Float]) {
        precondition(rowStart.count == rowCount + 1 && columnIndex.count == value.count)
        precondition(rowStart.last == columnIndex.count)
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.rowStart = rowStart
        self.columnIndex = columnIndex
        self.value = value
    }

    /// An empty matrix of the given shape.
    public init(rowCount: Int, columnCount: Int) {
        self.init(rowCount: rowCount, columnCount: columnCount,
                  rowStart: [Int](repeating: 0, count: rowCount + 1), columnIndex: [], value: [])
    }

    /// Number of stored ratings.
    public var count: Int { columnIndex.count }

    /// Number of ratings in row `r`.
    @inlinable public func rowLength(_ r: Int) -> Int { rowStart[r + 1] - rowStart[r] }

    /// Builds a CSR matrix from coordinate triplets by a stable counting sort on rows, then a
    /// sort of each row by column. Duplicate (row, column) pairs are kept as given.
    /// Cost O(n + rowCount) plus the per-row sorts (already sorted rows cost O(length)).
    public static func fromTriplets(
        rows: [Int32], columns: [Int32], values: [Float], rowCount: Int, columnCount: Int
    ) -> RatingMatrix {
        precondition(rows.count == columns.count && rows.count == values.count)
        var start = [Int](repeating: 0, count: rowCount + 1)
        for r in rows { start[Int(r) + 1] += 1 }
        for i in 0..<rowCount { start[i + 1] += start[i] }
        var fill = start
        var col = [Int32](repeating: 0, count: rows.count)
        var val = [Float](repeating: 0, count: rows.count)
        for i in 0..<rows.count {
            let r = Int(rows[i])
            let p = fill[r]
            col[p] = columns[i]
            val[p] = values[i]
            fill[r] = p + 1
        }
        var m = RatingMatrix(rowCount: rowCount, columnCount: columnCount, rowStart: start, columnIndex: col, value: val)
        m.sortRowsByColumn()
        return m
    }

    /// The transpose (ratings by column), built by counting sort: columns stay ascending.
    /// Cost O(count + columnCount), one extra copy of the entries.
    public func transposed() -> RatingMatrix {
        var start = [Int](repeating: 0, count: columnCount + 1)
        for c in columnIndex { start[Int(c) + 1] += 1 }
        for i in 0..<columnCount { start[i + 1] += start[i] }
        var fill = start
        var col = [Int32](repeating: 0, count: count)
        var val = [Float](repeating: 0, count: count)
        for r in 0..<rowCount {
            for p in rowStart[r]..<rowStart[r + 1] {
                let c = Int(columnIndex[p])
                let q = fill[c]
                col[q] = Int32(r)
                val[q] = value[p]
                fill[c] = q + 1
            }
        }
        return RatingMatrix(rowCount: columnCount, columnCount: rowCount, rowStart: start, columnIndex: col, value: val)
    }

    /// Sorts each row's entries by column (insertion sort for short rows, which are the rule).
    public mutating func sortRowsByColumn() {
        for r in 0..<rowCount {
            let a = rowStart[r], b = rowStart[r + 1]
            if b - a < 2 { continue }
            var sorted = true
            for p in (a + 1)..<b where columnIndex[p - 1] > columnIndex[p] { sorted = false; break }
            if sorted { continue }
            let pairs = (a..<b).map { (columnIndex[$0], value[$0]) }.sorted { $0.0 < $1.0 }
            for (k, e) in pairs.enumerated() { columnIndex[a + k] = e.0; value[a + k] = e.1 }
        }
    }
}
