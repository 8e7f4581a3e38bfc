import Foundation

/// Why a table of factors trained elsewhere could not be read.
public struct FactorTableError: Error, CustomStringConvertible, Equatable {
    /// The file.
    public var path: String
    /// 1-based line number, 0 when the problem is not tied to a line.
    public var line: Int
    /// What was wrong and what to do.
    public var problem: String
    public var description: String { line > 0 ? "\(path):\(line): \(problem)" : "\(path): \(problem)" }
}

/// Latent vectors keyed by raw MovieLens ids, as written by other tools (for example Spark
/// MLlib's `ALSModel.itemFactors`/`userFactors` saved as CSV).
public struct FactorTable: Sendable, Equatable {
    /// Raw id of each row.
    public var ids: [Int64]
    /// One row per id.
    public var vectors: Matrix

    /// A table; `ids.count` must equal `vectors.rows`.
    public init(ids: [Int64], vectors: Matrix) {
        precondition(ids.count == vectors.rows)
        self.ids = ids
        self.vectors = vectors
    }

    /// Parses CSV text whose rows are `id,f1,…,fK` or `id,"[f1, …, fK]"` (Spark's array column
    /// written as a string); a first line that does not start with a number is a header. Every
    /// row must have the same K; ids must be unique. Cost: one pass over the text.
    public static func parseCSV(_ text: String, path: String) throws -> FactorTable {
        var ids: [Int64] = []
        var values: [Float] = []
        var width: Int?
        var seen = Set<Int64>()
        var lineNumber = 0
        // "\r\n" is one Character in Swift, and a newline.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let cleaned = line.replacingOccurrences(of: "\"", with: "").replacingOccurrences(of: "[", with: "")
                .replacingOccurrences(of: "]", with: "")
            let fields = cleaned.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let id = Int64(fields[0]) else {
                if ids.isEmpty && lineNumber == 1 { continue }  // header
                throw FactorTableError(path: path, line: lineNumber, problem: "the id '\(fields[0])' is not a whole number")
            }
            let features = try fields.dropFirst().map { f -> Float in
                guard let v = Float(f), v.isFinite else {
                    throw FactorTableError(path: path, line: lineNumber, problem: "'\(f)' is not a finite number")
                }
                return v
            }
            guard !features.isEmpty else {
                throw FactorTableError(path: path, line: lineNumber, problem: "no features after the id; expected id,f1,...,fK")
            }
            if let w = width, w != features.count {
                throw FactorTableError(path: path, line: lineNumber, problem: "\(features.count) features, earlier rows have \(w)")
            }
            guard seen.insert(id).inserted else {
                throw FactorTableError(path: path, line: lineNumber, problem: "id \(id) appears twice")
            }
            width = features.count
            ids.append(id)
            values += features
        }
        guard let k = width else { throw FactorTableError(path: path, line: 0, problem: "no rows of factors found") }
        return FactorTable(ids: ids, vectors: Matrix(rows: ids.count, columns: k, values: values))
    }

    /// Reads `path`: `.npy` (rows in the order of `ids`, required then) or CSV (ids inline).
    public static func read(path: String, ids: [Int64]? = nil) throws -> FactorTable {
        if path.hasSuffix(".npy") {
            let m = try NPYFile.read(path: path)
            guard let ids else {
                throw FactorTableError(path: path, line: 0, problem: "a .npy file has no ids; give them with an ids file (one id per line, same order as the rows)")
            }
            guard ids.count == m.rows else {
                throw FactorTableError(path: path, line: 0, problem: "\(m.rows) rows but \(ids.count) ids")
            }
            return FactorTable(ids: ids, vectors: m)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FactorTableError(path: path, line: 0, problem: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw FactorTableError(path: path, line: 0, problem: "not UTF-8 text")
        }
        return try parseCSV(text, path: path)
    }

    /// Rows rearranged to follow `order` (raw ids, e.g. a dataset's dense order): row j of the
    /// result is the vector of `order[j]`, or zeros when the table lacks it. Also returns how
    /// many of `order` were missing and how many table ids are not in `order`.
    public func aligned(to order: [Int64]) -> (vectors: Matrix, missing: Int, unused: Int) {
        var row: [Int64: Int] = [:]
        for (r, id) in ids.enumerated() { row[id] = r }
        var out = Matrix(rows: order.count, columns: vectors.columns)
        var missing = 0
        var used = 0
        for (j, id) in order.enumerated() {
            guard let r = row[id] else { missing += 1; continue }
            used += 1
            for c in 0..<vectors.columns { out[j, c] = vectors[r, c] }
        }
        return (out, missing, ids.count - used)
    }
}
