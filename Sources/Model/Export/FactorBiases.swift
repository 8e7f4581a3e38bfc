import Core

/// Per-movie or per-user bias terms trained elsewhere (for example LensKit's or any biased
/// ALS's c_i and b_u), keyed by raw MovieLens ids.
public struct FactorBiases: Sendable, Equatable {
    /// Raw id of each bias.
    public var ids: [Int64]
    /// One bias per id, in stars.
    public var values: [Float]

    /// Reads `path`: CSV records `id,bias` (a header line is skipped), or any other form
    /// `FactorTable.read` accepts with exactly one value per row. Ids must be unique and biases
    /// finite; errors name the file, the line and the value.
    public static func read(path: String) throws -> FactorBiases {
        let table = try FactorTable.read(path: path)
        guard table.vectors.columns == 1 else {
            throw FactorTableError(path: path, line: 0, problem: "\(table.vectors.columns) values per row; a bias file has rows id,bias")
        }
        return FactorBiases(ids: table.ids, values: table.vectors.values)
    }

    /// The biases in the order of `order` (raw ids), 0 for ids without one; also how many of
    /// `order` had none and how many of these ids are not in `order`.
    public func aligned(to order: [Int64]) -> (values: [Float], missing: Int, unused: Int) {
        let (m, missing, unused) = FactorTable(ids: ids, vectors: Matrix(rows: ids.count, columns: 1, values: values)).aligned(to: order)
        return (m.values, missing, unused)
    }
}
