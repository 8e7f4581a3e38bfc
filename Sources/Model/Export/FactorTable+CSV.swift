import Foundation

/// Factor tables written as CSV, in every shape Spark users produce.
extension FactorTable {
    /// Parses CSV text holding one vector per record, in any of these shapes:
    /// - `id,f1,…,fK`: one feature per field;
    /// - `id,"[f1, f2, …]"`: the vector as one bracketed, comma-separated field (Spark's array
    ///   column written as a string, or a Python list);
    /// - `id,"[f1  f2 …\n  fj …]"`: NumPy's repr of the vector, space-separated and wrapped over
    ///   several lines inside one quoted field, as `itemFactors.toPandas().to_csv()` writes it.
    ///
    /// Fields follow RFC 4180 (quotes, doubled quotes, LF or CRLF). A first record whose id is not
    /// a whole number is a header; a header whose first field is empty (pandas' unnamed index,
    /// from `to_csv()` without `index=False`) drops the first column of every record. Every row
    /// must have the same K, every value must be finite and every id unique. Errors name `path`,
    /// the line of the offending value and the value. Cost: one pass over the text.
    public static func parseCSV(_ text: String, path: String) throws -> FactorTable {
        try FactorRowCollector.table(path: path) { try collectCSV([UInt8](text.utf8), path: path, into: &$0) }
    }

    /// Adds the rows of one CSV file's bytes to `rows`, as `parseCSV` describes.
    static func collectCSV(_ bytes: [UInt8], path: String, into rows: inout FactorRowCollector) throws {
        var records = CSVRecords(bytes)
        var first = true
        var dropsIndex = false
        while true {
            let record: CSVRecords.Record
            do {
                guard let r = try records.next() else { return }
                record = r
            } catch let e as CSVRecords.UnterminatedQuote {
                throw FactorTableError(path: path, line: e.line, problem: "a quoted field opened here is never closed")
            }
            defer { first = false }
            var fields = record.fields.map { String(decoding: $0, as: UTF8.self) }
            if dropsIndex { fields.removeFirst() }
            let idText = fields[0].trimmingCharacters(in: .whitespacesAndNewlines)
            guard let id = Int64(idText) else {
                if first {  // header
                    dropsIndex = idText.isEmpty && fields.count > 2
                    continue
                }
                throw FactorTableError(path: path, line: record.line, problem: "the id '\(idText)' is not a whole number")
            }
            let features: [Float]
            if fields.count == 2, fields[1].trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("[") {
                features = try parseBracketedVector(fields[1], path: path, line: record.line)
            } else {
                features = try fields.dropFirst().map { try parseFeature($0.trimmingCharacters(in: .whitespacesAndNewlines), path: path, line: record.line) }
            }
            try rows.add(id: id, features: features, path: path, line: record.line)
        }
    }

    /// The numbers of `[a, b, …]` or NumPy's `[a  b\n  c …]` (commas and any whitespace,
    /// line breaks included, separate them). `line` is the line the field starts on; errors
    /// name the line of the offending value.
    static func parseBracketedVector(_ field: String, path: String, line: Int) throws -> [Float] {
        let trimmed = field.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasSuffix("]") else {
            throw FactorTableError(path: path, line: line, problem: "the vector '\(excerpt(trimmed))' opens with '[' but has no closing ']'")
        }
        if trimmed.contains("...") {
            throw FactorTableError(path: path, line: line, problem: "NumPy shortened this vector to '\(excerpt(trimmed))'; "
                                   + "call numpy.set_printoptions(threshold=sys.maxsize) before to_csv(), or export JSON lines or .npy")
        }
        var values: [Float] = []
        var current = line
        for piece in trimmed.dropFirst().dropLast().split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            for token in piece.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }) {
                values.append(try parseFeature(String(token), path: path, line: current))
            }
            current += 1
        }
        return values
    }

    /// One feature value; throws naming the value unless it is a finite number.
    static func parseFeature(_ text: String, path: String, line: Int) throws -> Float {
        guard let v = Float(text), v.isFinite else {
            throw FactorTableError(path: path, line: line, problem: "'\(excerpt(text))' is not a finite number")
        }
        return v
    }

    /// `text` cut to 60 characters for an error message.
    static func excerpt(_ text: String) -> String {
        text.count <= 60 ? text : String(text.prefix(57)) + "…"
    }
}
