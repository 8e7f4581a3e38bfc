import Foundation

/// Factor tables written as JSON lines, as Spark's `itemFactors.write.json(...)` (one object per
/// line in each part file) and pandas' `to_json(orient="records", lines=True)` write them.
extension FactorTable {
    /// Parses JSON-lines text whose lines are `{"id": 10, "features": [f1, …, fK]}` (other keys
    /// are ignored; blank lines are skipped). Every row must have the same K, every value must be
    /// a finite number (Spark writes NaN as the string "NaN", which is refused by name) and every
    /// id unique. Errors name `path`, the line and the value. Cost: one pass over the text.
    public static func parseJSONLines(_ text: String, path: String) throws -> FactorTable {
        try FactorRowCollector.table(path: path) { try collectJSONLines([UInt8](text.utf8), path: path, into: &$0) }
    }

    /// Adds the rows of one JSON-lines file's bytes to `rows`, as `parseJSONLines` describes.
    static func collectJSONLines(_ bytes: [UInt8], path: String, into rows: inout FactorRowCollector) throws {
        let decoder = JSONDecoder()
        var lineNumber = 0
        for line in bytes.split(separator: 10, omittingEmptySubsequences: false) {
            lineNumber += 1
            guard line.contains(where: { $0 != 32 && $0 != 9 && $0 != 13 }) else { continue }
            let row: JSONFactorRow
            do {
                row = try decoder.decode(JSONFactorRow.self, from: Data(line))
            } catch let e as FactorTableError {
                throw FactorTableError(path: path, line: lineNumber, problem: e.problem)
            } catch DecodingError.keyNotFound(let key, _) {
                throw FactorTableError(path: path, line: lineNumber, problem: "no \"\(key.stringValue)\" key; expected {\"id\": 10, \"features\": [f1, ..., fK]}")
            } catch {
                let text = excerpt(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
                throw FactorTableError(path: path, line: lineNumber, problem: "'\(text)' is not a JSON object {\"id\": 10, \"features\": [f1, ..., fK]}")
            }
            try rows.add(id: row.id, features: row.features, path: path, line: lineNumber)
        }
    }
}

/// One line of Spark's JSON output for `ALSModel.itemFactors` or `userFactors`.
private struct JSONFactorRow: Decodable {
    var id: Int64
    var features: [Float]

    private enum CodingKeys: String, CodingKey { case id, features }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        var list = try c.nestedUnkeyedContainer(forKey: .features)
        features = []
        while !list.isAtEnd {
            if let v = try? list.decode(Float.self) {
                features.append(v)
            } else if let s = try? list.decode(String.self) {  // Spark's "NaN", "Infinity"
                throw FactorTableError(path: "", line: 0, problem: "'\(s)' is not a finite number")
            } else if (try? list.decodeNil()) == true {  // pandas writes NaN as null
                throw FactorTableError(path: "", line: 0, problem: "'null' is not a finite number")
            } else {
                _ = try list.decode(Float.self)  // rethrows the decoding error
            }
        }
    }
}
