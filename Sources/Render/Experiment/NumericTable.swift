import Foundation

/// A CSV file with a header row, read as text cells and converted to numbers per column on
/// request. Handles quoted fields ("a,b" and doubled quotes); empty cells, "nan" and "NaN"
/// become NaN. Cost: one pass over the file.
public struct NumericTable: Sendable {
    /// Path the table was read from (for error messages).
    public let file: String
    public let columns: [String]
    let rows: [[String]]

    /// Number of data rows (header excluded).
    public var rowCount: Int { rows.count }

    /// Parses CSV `text`; `file` only names the source in errors.
    public init(text: String, file: String) throws {
        self.file = file
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        guard let header = lines.first else { throw RenderError.csv(file: file, line: 1, reason: "the file is empty; expected a header row") }
        columns = Self.fields(header).map { $0.trimmingCharacters(in: .whitespaces) }
        var rows: [[String]] = []
        for (n, line) in lines.enumerated().dropFirst() {
            let cells = Self.fields(line)
            guard cells.count == columns.count else {
                throw RenderError.csv(file: file, line: n + 1, reason: "expected \(columns.count) fields like the header, found \(cells.count)")
            }
            rows.append(cells)
        }
        self.rows = rows
    }

    /// Reads and parses the CSV file at `path`.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RenderError.csv(file: path, line: 0, reason: "cannot read the file; check the path")
        }
        try self.init(text: String(decoding: data, as: UTF8.self), file: path)
    }

    /// Whether a column called `name` exists.
    public func has(_ name: String) -> Bool { columns.contains(name) }

    /// The column `name` as numbers. Throws naming the line of the first cell that is not a
    /// number (empty, "nan", "inf" and "-inf" are accepted as NaN / ±∞).
    public func column(_ name: String) throws -> [Double] {
        guard let index = columns.firstIndex(of: name) else {
            throw RenderError.csv(file: file, line: 1, reason: "no column '\(name)'; the columns are \(columns.joined(separator: ", "))")
        }
        return try rows.enumerated().map { n, row in
            let cell = row[index].trimmingCharacters(in: .whitespaces)
            if cell.isEmpty { return .nan }
            if let v = Double(cell) { return v }
            switch cell.lowercased() {
            case "nan", "na", "null": return .nan
            case "inf", "+inf", "infinity": return .infinity
            case "-inf", "-infinity": return -.infinity
            default:
                throw RenderError.csv(file: file, line: n + 2, reason: "column '\(name)' has '\(cell)', which is not a number")
            }
        }
    }

    /// The column `name` as text cells.
    public func textColumn(_ name: String) throws -> [String] {
        guard let index = columns.firstIndex(of: name) else {
            throw RenderError.csv(file: file, line: 1, reason: "no column '\(name)'; the columns are \(columns.joined(separator: ", "))")
        }
        return rows.map { $0[index] }
    }

    /// Splits one CSV line into fields, honouring double quotes.
    static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let c = iterator.next() {
            if quoted {
                if c == "\"" {
                    // A doubled quote is a literal quote; a single one closes the field.
                    var lookahead = iterator
                    if lookahead.next() == "\"" { current.append("\""); iterator = lookahead } else { quoted = false }
                } else {
                    current.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        fields.append(current)
        return fields
    }
}
