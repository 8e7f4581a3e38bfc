/// A dense row-major matrix of `Float`, the currency of the numeric modules.
///
/// Element (r, c) is `values[r * columns + c]`. Value semantics (copy on write). Kernels take
/// and return these; none of them do file or terminal I/O.
public struct Matrix: Sendable, Equatable {
    /// Number of rows.
    public var rows: Int
    /// Number of columns.
    public var columns: Int
    /// Row-major storage, `rows * columns` elements.
    public var values: [Float]

    /// A matrix of the given shape filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && columns >= 0, "negative matrix shape")
        self.rows = rows
        self.columns = columns
        self.values = [Float](repeating: value, count: rows * columns)
    }

    /// Wraps existing row-major storage; `values.count` must equal `rows * columns`.
    public init(rows: Int, columns: Int, values: [Float]) {
        precondition(values.count == rows * columns, "matrix storage does not match its shape")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// Element at row `r`, column `c`.
    @inlinable
    public subscript(r: Int, c: Int) -> Float {
        get { values[r * columns + c] }
        set { values[r * columns + c] = newValue }
    }

    /// A copy of row `r`.
    public func row(_ r: Int) -> [Float] {
        Array(values[(r * columns)..<((r + 1) * columns)])
    }

    /// The rows at `indices`, in that order, as a new matrix. Cost O(indices.count · columns).
    public func selectingRows<S: Sequence>(_ indices: S) -> Matrix where S.Element: BinaryInteger {
        var out: [Float] = []
        var n = 0
        for i in indices {
            let r = Int(i)
            out.append(contentsOf: values[(r * columns)..<((r + 1) * columns)])
            n += 1
        }
        return Matrix(rows: n, columns: columns, values: out)
    }
}
