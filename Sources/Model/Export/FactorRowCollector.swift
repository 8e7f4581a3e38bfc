import Core

/// Gathers rows of factors from one or more files (a Spark part folder is several) and
/// enforces what every accepted format shares: each row has at least one feature, every row has
/// the same K, every value is finite, and no id appears twice, across all the files.
///
/// Each row is added with the file and 1-based line it came from, so an error names both (and,
/// for a duplicate id, where it first appeared). Cost: O(K) per row.
struct FactorRowCollector {
    private(set) var ids: [Int64] = []
    private var values: [Float] = []
    private var width: Int?
    private var firstSeen: [Int64: (path: String, line: Int)] = [:]

    /// Appends one row read from `path` at `line`.
    mutating func add(id: Int64, features: [Float], path: String, line: Int) throws {
        guard !features.isEmpty else {
            throw FactorTableError(path: path, line: line, problem: "no features after the id \(id); expected id,f1,...,fK")
        }
        if let w = width, w != features.count {
            throw FactorTableError(path: path, line: line, problem: "\(features.count) features, earlier rows have \(w)")
        }
        if let c = features.firstIndex(where: { !$0.isFinite }) {
            throw FactorTableError(path: path, line: line, problem: "feature \(c + 1) of id \(id) is \(features[c]), not a finite number")
        }
        if let first = firstSeen[id] {
            let place = first.path == path ? "line \(first.line)" : "\(first.path):\(first.line)"
            throw FactorTableError(path: path, line: line, problem: "id \(id) appears twice (first on \(place))")
        }
        firstSeen[id] = (path, line)
        width = features.count
        ids.append(id)
        values += features
    }

    /// The table of the rows `collect` adds; throws, naming `path`, when there are none.
    static func table(path: String, _ collect: (inout FactorRowCollector) throws -> Void) throws -> FactorTable {
        var rows = FactorRowCollector()
        try collect(&rows)
        return try rows.table(path: path)
    }

    /// The rows gathered so far as a table; throws when there are none.
    func table(path: String) throws -> FactorTable {
        guard let k = width else { throw FactorTableError(path: path, line: 0, problem: "no rows of factors found") }
        return FactorTable(ids: ids, vectors: Matrix(rows: ids.count, columns: k, values: values))
    }
}
