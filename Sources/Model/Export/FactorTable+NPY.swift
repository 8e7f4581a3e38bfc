import Foundation

/// Factor tables as a NumPy `.npy` matrix (one row per id) plus a text file of the ids.
extension FactorTable {
    /// Reads the float32 or float64 matrix at `path` (see `NPYFile.read`) with its raw ids from
    /// `idsPath`: one whole number per line, in row order (blank lines are skipped). The ids
    /// must match the rows in number and be unique, and every value must be finite; errors name
    /// the file, and the line of the ids file or the row of the matrix.
    public static func readNPY(path: String, idsPath: String) throws -> FactorTable {
        let matrix = try NPYFile.read(path: path)
        let ids = try readIDs(path: idsPath)
        guard ids.count == matrix.rows else {
            throw FactorTableError(path: path, line: 0, problem: "\(matrix.rows) rows but \(idsPath) has \(ids.count) ids")
        }
        var rows = FactorRowCollector()
        for (r, (id, line)) in ids.enumerated() {
            let features = Array(matrix.values[(r * matrix.columns)..<((r + 1) * matrix.columns)])
            if let c = features.firstIndex(where: { !$0.isFinite }) {
                throw FactorTableError(path: path, line: 0, problem: "row \(r + 1) (id \(id)), feature \(c + 1) is \(features[c]), not a finite number")
            }
            try rows.add(id: id, features: features, path: idsPath, line: line)
        }
        return try rows.table(path: path)
    }

    /// The whole-number ids of a text file, one per line, with their 1-based line numbers.
    static func readIDs(path: String) throws -> [(id: Int64, line: Int)] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FactorTableError(path: path, line: 0, problem: "cannot read the ids file")
        }
        var ids: [(Int64, Int)] = []
        for (n, raw) in String(decoding: data, as: UTF8.self).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let text = raw.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            guard let id = Int64(text) else {
                throw FactorTableError(path: path, line: n + 1, problem: "'\(excerpt(text))' is not a whole-number id")
            }
            ids.append((id, n + 1))
        }
        return ids
    }
}
