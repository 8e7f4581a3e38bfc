import Core
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
/// MLlib's `ALSModel.itemFactors`/`userFactors` saved as CSV, JSON lines or `.npy`; see `read`).
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

    /// Reads the factors at `path`, whichever form it has:
    /// - a `.npy` matrix (by name or by NumPy's magic bytes), whose ids come from `idsPath` (see
    ///   `readNPY`); `idsPath` is required then and refused otherwise;
    /// - a JSON-lines file (its first non-blank byte is `{`, see `parseJSONLines`);
    /// - a CSV file (anything else, see `parseCSV`);
    /// - a folder as Spark writes one: its `part-*` files (JSON lines or CSV, each sniffed as
    ///   above) are one table, checked across parts for K and duplicate ids. Parts may be empty;
    ///   a folder whose parts hold no rows at all is an error.
    /// Parquet and compressed files are refused with what to write instead.
    public static func read(path: String, idsPath: String? = nil) throws -> FactorTable {
        let isFolder = SparkPartFolder.isFolder(path)
        if !isFolder && (path.hasSuffix(".npy") || sniff(path: path) == .npy) {
            guard let idsPath else {
                throw FactorTableError(path: path, line: 0, problem: "a .npy file has no ids; give them with an ids file (one id per line, same order as the rows)")
            }
            return try readNPY(path: path, idsPath: idsPath)
        }
        if let idsPath {
            throw FactorTableError(path: idsPath, line: 0, problem: "an ids file goes only with a .npy matrix; \(path) carries its ids in each row")
        }
        var rows = FactorRowCollector()
        for file in isFolder ? try SparkPartFolder.parts(of: path) : [path] {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw FactorTableError(path: file, line: 0, problem: "cannot read the file")
            }
            let bytes = [UInt8](data)
            switch sniff(bytes) {
            case .json: try collectJSONLines(bytes, path: file, into: &rows)
            case .csv:
                guard String(data: data, encoding: .utf8) != nil else {
                    throw FactorTableError(path: file, line: 0, problem: "not UTF-8 text")
                }
                try collectCSV(bytes, path: file, into: &rows)
            case .npy:
                throw FactorTableError(path: file, line: 0, problem: "a .npy matrix inside a folder of parts; give it as the movie or user factors file, with its ids file")
            case .parquet:
                throw FactorTableError(path: file, line: 0, problem: "Parquet is not read; write the factors with .write.json(...) or as .npy with an ids file (see docs/data-formats.md)")
            case .compressed:
                throw FactorTableError(path: file, line: 0, problem: "compressed data is not read; write with .option(\"compression\", \"none\") or decompress first")
            }
        }
        if isFolder && rows.ids.isEmpty {
            throw FactorTableError(path: path, line: 0, problem: "the part files hold no rows of factors")
        }
        return try rows.table(path: path)
    }

    /// What a file's first bytes say it is.
    private enum Form { case npy, json, csv, parquet, compressed }

    private static func sniff(path: String) -> Form? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return sniff([UInt8](handle.readData(ofLength: 64)))
    }

    private static func sniff(_ bytes: [UInt8]) -> Form {
        if bytes.starts(with: [0x93] + Array("NUMPY".utf8)) { return .npy }
        if bytes.starts(with: Array("PAR1".utf8)) { return .parquet }
        if bytes.starts(with: [0x1F, 0x8B]) || bytes.starts(with: [0x28, 0xB5, 0x2F, 0xFD]) { return .compressed }
        let first = bytes.first { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        return first == UInt8(ascii: "{") ? .json : .csv
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
