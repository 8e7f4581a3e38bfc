extension MovieListParser {
    /// The three links.csv columns.
    static let linkColumns = ["movieId", "imdbId", "tmdbId"]

    /// `links.csv`: header `movieId,imdbId,tmdbId` (columns found by name, in any order), one
    /// line per movie; `imdbId` keeps IMDb's leading zeros ("0114709"), and `tmdbId` may be
    /// empty. Returns (IMDb, TMDb) ids by raw movie id, 0 for an empty field. Bad lines are
    /// thrown or tallied like the movie list's. Cost O(bytes).
    static func links(_ file: InputFile, skipBad: Bool, tally: inout BadLineTally) throws -> [Int64: (imdb: Int64, tmdb: Int64)] {
        try links(bytes: try file.readAll(), path: file.path, skipBad: skipBad, tally: &tally)
    }

    /// `links` on the bytes of a file (`path` names it in errors).
    static func links(bytes raw: [UInt8], path: String, skipBad: Bool,
                      tally: inout BadLineTally) throws -> [Int64: (imdb: Int64, tmdb: Int64)] {
        var records = CSVRecords(normalisedText(raw))
        var links: [Int64: (imdb: Int64, tmdb: Int64)] = [:]
        var column = [0, 1, 2], width = 3
        var first = true
        while true {
            let record: CSVRecords.Record
            do {
                guard let r = try records.next() else { break }
                record = r
            } catch let e as CSVRecords.UnterminatedQuote {
                try tally.record(.badLine(file: path, line: e.line, kind: .unterminatedQuote, detail: "a quoted field opened here is never closed"),
                                 kind: .unterminatedQuote, skip: skipBad)
                break
            }
            if first {
                first = false
                if let f = record.fields.first, f.first.map({ $0 &- 48 >= 10 }) ?? true {
                    let names = record.fields.map { String(decoding: $0, as: UTF8.self).trimmingSpaces().lowercased() }
                    column = try linkColumns.map { wanted in
                        guard let i = names.firstIndex(of: wanted.lowercased()) else {
                            throw IngestError.badHeader(file: path, detail: "no column \"\(wanted)\"", columns: linkColumns)
                        }
                        return i
                    }
                    width = record.fields.count
                    continue
                }
            }
            func bad(_ kind: BadLineKind, _ detail: String) throws {
                try tally.record(.badLine(file: path, line: record.line, kind: kind, detail: detail), kind: kind, skip: skipBad)
            }
            let fields = record.fields
            guard fields.count == width else {
                try bad(fields.count < width ? .missingField : .extraField, "expected \(width) fields like the header, found \(fields.count)")
                continue
            }
            guard let movie = parseID(fields[column[0]]) else {
                try bad(.nonNumericID, "movie id \"\(TextDecoding.utf8OrLatin1(fields[column[0]]))\" is not a number")
                continue
            }
            guard let imdb = linkID(fields[column[1]]), let tmdb = linkID(fields[column[2]]) else {
                try bad(.nonNumericID, "the IMDb and TMDb ids must be digits (or empty)")
                continue
            }
            guard links[movie] == nil else { try bad(.duplicateMovie, "movie \(movie) is listed twice"); continue }
            links[movie] = (imdb, tmdb)
        }
        return links
    }

    /// An id of up to ten digits, leading zeros allowed; 0 for an empty field; nil otherwise.
    static func linkID(_ bytes: [UInt8]) -> Int64? {
        guard !bytes.isEmpty else { return 0 }
        guard bytes.count <= 10, bytes.allSatisfy({ $0 &- 48 < 10 }) else { return nil }
        return bytes.reduce(Int64(0)) { $0 * 10 + Int64($1 - 48) }
    }
}
