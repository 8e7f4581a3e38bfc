extension MovieListParser {
    /// One data line of a CSV file whose columns were found by the header's names.
    struct HeadedLine {
        let fields: [[UInt8]]
        let line: Int
        /// Field index of each wanted column, in the order they were asked for.
        let column: [Int]
        /// The field of wanted column `i`.
        subscript(_ i: Int) -> [UInt8] { fields[column[i]] }
    }

    /// Reads CSV `raw` (from `path`) and calls `body` with each data line, as movies.csv and
    /// links.csv are read: a first line that does not start with a digit is the header, whose
    /// names give the field of each of `columns` (any order, any case; `badHeader` for a missing
    /// one; without a header the columns are in that order); a line with another number of
    /// fields than the header is bad (`extraHint` ends the too-many message); an unterminated
    /// quote ends the read. Bad lines are thrown or tallied; `body` reports its own through
    /// the `bad` it is given. Cost O(bytes).
    static func forEachHeadedLine(_ raw: [UInt8], path: String, columns: [String], extraHint: String, skipBad: Bool,
                                  tally: inout BadLineTally,
                                  _ body: (HeadedLine, _ bad: (BadLineKind, String) throws -> Void) throws -> Void) throws {
        var records = CSVRecords(normalisedText(raw))
        var column = Array(columns.indices), width = columns.count
        var firstRecord = true
        while true {
            let record: CSVRecords.Record
            do {
                guard let r = try records.next() else { break }
                record = r
            } catch let e as CSVRecords.UnterminatedQuote {
                try tally.record(.badLine(file: path, line: e.line, kind: .unterminatedQuote,
                                          detail: "a quoted field opened here is never closed"),
                                 kind: .unterminatedQuote, skip: skipBad)
                break
            }
            if firstRecord {
                firstRecord = false
                if let f = record.fields.first, f.first.map({ $0 &- 48 >= 10 }) ?? true {  // header
                    column = try headerColumns(record.fields, columns: columns, path: path)
                    width = record.fields.count
                    continue
                }
            }
            func bad(_ kind: BadLineKind, _ detail: String) throws {
                try tally.record(.badLine(file: path, line: record.line, kind: kind, detail: detail), kind: kind, skip: skipBad)
            }
            let fields = record.fields
            guard fields.count >= width else { try bad(.missingField, "expected \(width) fields like the header, found \(fields.count)"); continue }
            guard fields.count == width else { try bad(.extraField, "expected \(width) fields, found \(fields.count)\(extraHint)"); continue }
            try body(HeadedLine(fields: fields, line: record.line, column: column), bad)
        }
    }

    /// The field index of each of `columns` in a header line (names matched without regard to
    /// case; other columns are ignored). Throws `badHeader` for a missing column.
    static func headerColumns(_ fields: [[UInt8]], columns: [String], path: String) throws -> [Int] {
        let names = fields.map { String(decoding: $0, as: UTF8.self).trimmingSpaces().lowercased() }
        return try columns.map { wanted in
            guard let i = names.firstIndex(of: wanted.lowercased()) else {
                throw IngestError.badHeader(file: path, detail: "no column \"\(wanted)\"", columns: columns)
            }
            return i
        }
    }
}
