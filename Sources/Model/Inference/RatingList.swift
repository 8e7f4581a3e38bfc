import Foundation

/// Why a user's list of ratings could not be read.
public struct RatingListError: Error, CustomStringConvertible, Equatable {
    /// Where the entry came from ("--rate" or a file name).
    public var source: String
    /// 1-based line (or --rate position).
    public var line: Int
    /// What was wrong and what to type instead.
    public var problem: String
    public var description: String { "\(source):\(line): \(problem)" }
}

/// A new user's ratings as typed: `TITLE=STARS` on the command line, or a CSV file with a title
/// or movieId column and a rating column. Titles are resolved later (`TitleIndex`).
public enum RatingList {
    /// One entry: what identifies the movie (a title, or `#ID` for a raw id) and the stars.
    public typealias Entry = (query: String, stars: Float, line: Int)

    /// A star value written as plain decimal digits with at most one point ("4", "4.5", "4."),
    /// or nil: hexadecimal ("0x5"), exponents, signs, "inf" and "nan" are not ratings.
    static func decimalStars(_ value: String) -> Float? {
        guard !value.isEmpty, value.count <= 32, value.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              value.filter({ $0 == "." }).count <= 1, value.contains(where: \.isNumber) else { return nil }
        return Float(value)
    }

    /// Throws for the first entry off `scale` (below its minimum, above its maximum, or between
    /// its steps, e.g. 4.3 on a half-star scale), naming `source` and the entry's line.
    public static func check(_ entries: [Entry], on scale: RatingScale, source: String) throws {
        for e in entries {
            let steps = scale.step > 0 ? (e.stars - scale.minimum) / scale.step : 0
            guard e.stars >= scale.minimum, e.stars <= scale.maximum, abs(steps - steps.rounded()) < 1e-3 else {
                throw RatingListError(source: source, line: e.line,
                                      problem: "\(e.stars) stars is off this model's scale; use \(scale.minimum)…\(scale.maximum) in steps of \(scale.step)")
            }
        }
    }

    /// Parses ratings typed as `Toy Story (1995)=5` (split at the last `=`); errors name
    /// `source` (where they were typed) and the entry's position.
    public static func parse(arguments: [String], source: String = "--rate") throws -> [Entry] {
        try arguments.enumerated().map { i, a in
            guard let eq = a.lastIndex(of: "=") else {
                throw RatingListError(source: source, line: i + 1, problem: "'\(a)' has no '='; write it as \"Title=4.5\"")
            }
            let title = a[..<eq].trimmingCharacters(in: .whitespaces)
            let value = a[a.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            guard !title.isEmpty else { throw RatingListError(source: source, line: i + 1, problem: "no title before '='") }
            guard let stars = decimalStars(value) else {
                throw RatingListError(source: source, line: i + 1, problem: "'\(value)' is not a number of stars; write it as digits, e.g. 4.5")
            }
            return (title, stars, i + 1)
        }
    }

    /// Reads the CSV file at `path` (see `parse(csv:source:)`) and checks it against `scale`.
    public static func read(file path: String, scale: RatingScale) throws -> [Entry] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw RatingListError(source: path, line: 0, problem: "cannot read the file as UTF-8 text")
        }
        let entries = try parse(csv: text, source: path)
        try check(entries, on: scale, source: path)
        return entries
    }

    /// Parses CSV text with a header naming a `title` or `movieId` column and a `rating` column
    /// (any order, case-insensitive; quoted fields with commas allowed).
    public static func parse(csv text: String, source: String) throws -> [Entry] {
        var entries: [Entry] = []
        var header: [String]?
        var titleColumn = -1, idColumn = -1, ratingColumn = -1
        for (n, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = n + 1
            if raw.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let fields = try splitCSV(String(raw), source: source, line: line)
            guard header != nil else {
                let names = fields.map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
                header = names
                titleColumn = names.firstIndex(of: "title") ?? -1
                idColumn = names.firstIndex(where: { $0 == "movieid" || $0 == "movie_id" || $0 == "id" }) ?? -1
                ratingColumn = names.firstIndex(where: { $0 == "rating" || $0 == "stars" }) ?? -1
                guard ratingColumn >= 0, titleColumn >= 0 || idColumn >= 0 else {
                    throw RatingListError(source: source, line: line, problem: "the header must name a title or movieId column and a rating column, e.g. title,rating")
                }
                continue
            }
            guard fields.count > max(ratingColumn, titleColumn, idColumn) else {
                throw RatingListError(source: source, line: line, problem: "expected \(header!.count) fields, found \(fields.count)")
            }
            let value = fields[ratingColumn].trimmingCharacters(in: .whitespaces)
            guard let stars = decimalStars(value) else {
                throw RatingListError(source: source, line: line, problem: "'\(value)' is not a number of stars; write it as digits, e.g. 4.5")
            }
            let query: String
            if idColumn >= 0, !fields[idColumn].trimmingCharacters(in: .whitespaces).isEmpty {
                let id = fields[idColumn].trimmingCharacters(in: .whitespaces)
                guard Int64(id) != nil else { throw RatingListError(source: source, line: line, problem: "movieId '\(id)' is not a whole number") }
                query = "#" + id
            } else if titleColumn >= 0 {
                query = fields[titleColumn]
            } else {
                throw RatingListError(source: source, line: line, problem: "no movie given")
            }
            entries.append((query, stars, line))
        }
        return entries
    }

    /// Splits one CSV line (RFC 4180 quoting).
    static func splitCSV(_ line: String, source: String, line number: Int) throws -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(line)
        if chars.last == "\r" { chars.removeLast() }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == "," {
                fields.append(field); field = ""
            } else { field.append(c) }
            i += 1
        }
        guard !quoted else { throw RatingListError(source: source, line: number, problem: "unterminated quote") }
        fields.append(field)
        return fields
    }
}
