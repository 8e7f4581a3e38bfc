/// Parsers for the three MovieLens movie lists. Each reads the whole (small) file and returns
/// the movies in file order; bad lines are thrown or tallied.
enum MovieListParser {
    /// The three movies.csv columns, in the standard order.
    static let csvColumns = ["movieId", "title", "genres"]

    /// `movies.csv`: header `movieId,title,genres` (columns found by name, in any order; no
    /// header means that order), RFC 4180 quoting, UTF-8, genres joined by `|`.
    static func csv(_ file: InputFile, skipBad: Bool, tally: inout BadLineTally) throws -> CatalogBuilder {
        try csv(bytes: try file.readAll(), path: file.path, skipBad: skipBad, tally: &tally)
    }

    /// `csv` on the bytes of a file (`path` names it in errors).
    static func csv(bytes raw: [UInt8], path: String, skipBad: Bool, tally: inout BadLineTally) throws -> CatalogBuilder {
        var builder = CatalogBuilder()
        // Genre fields repeat (a few thousand combinations for 87k movies): split each once.
        var genreCache: [[UInt8]: [String]] = [:]
        try forEachHeadedLine(raw, path: path, columns: csvColumns, extraHint: "; quote titles that contain commas", skipBad: skipBad,
                              tally: &tally) { line, bad in
            let idField = line[0], titleField = line[1], genreField = line[2]
            guard let id = parseID(idField) else { return try bad(.nonNumericID, "movie id \"\(TextDecoding.utf8OrLatin1(idField))\" is not a number") }
            let genres = genreCache[genreField] ?? TextDecoding.strictUTF8(genreField).map(splitGenres)
            guard let title = TextDecoding.strictUTF8(titleField), let genres else {
                return try bad(.invalidUTF8, "the title or genres are not valid UTF-8; convert the file to UTF-8")
            }
            genreCache[genreField] = genres
            guard !builder.contains(id) else { return try bad(.duplicateMovie, "movie \(id) is listed twice") }
            let (t, y) = TitleYear.split(title)
            builder.add(id: id, title: t, year: y, genres: genres)
        }
        return builder
    }

    /// `movies.dat`: `id::title::Genre|Genre`, Latin-1 (UTF-8 accepted); titles may contain `:`.
    static func dat(_ file: InputFile, skipBad: Bool, tally: inout BadLineTally) throws -> CatalogBuilder {
        try dat(bytes: try file.readAll(), path: file.path, skipBad: skipBad, tally: &tally)
    }

    /// `dat` on the bytes of a file (`path` names it in errors).
    static func dat(bytes: [UInt8], path: String, skipBad: Bool, tally: inout BadLineTally) throws -> CatalogBuilder {
        var builder = CatalogBuilder()
        for (lineNumber, line) in lines(bytes) {
            func bad(_ kind: BadLineKind, _ detail: String) throws {
                try tally.record(.badLine(file: path, line: lineNumber, kind: kind, detail: detail), kind: kind, skip: skipBad)
            }
            guard let first = find(line, [58, 58], from: 0), let last = findLast(line, [58, 58]), last >= first + 2 else {  // ":::" holds one "::", not two
                try bad(.missingField, "expected id::title::genres"); continue
            }
            guard let id = parseID(line[0..<first]) else { try bad(.nonNumericID, "movie id \"\(TextDecoding.utf8OrLatin1(line[0..<first]))\" is not a number"); continue }
            guard !builder.contains(id) else { try bad(.duplicateMovie, "movie \(id) is listed twice"); continue }
            let (t, y) = TitleYear.split(TextDecoding.utf8OrLatin1(line[(first + 2)..<last]))
            builder.add(id: id, title: t, year: y, genres: splitGenres(TextDecoding.utf8OrLatin1(line[(last + 2)...])))
        }
        return builder
    }

    /// ml-100k `u.genre` (`name|index` per line) and `u.item`
    /// (`id|title|release date|video release date|IMDb URL|flag×19`, Latin-1).
    static func item(_ file: InputFile, genres genreFile: InputFile, skipBad: Bool,
                     tally: inout BadLineTally) throws -> (CatalogBuilder, [String]) {
        try item(bytes: try file.readAll(), path: file.path, genres: try genreFile.readAll(), genrePath: genreFile.path,
                 skipBad: skipBad, tally: &tally)
    }

    /// `item` on the bytes of the two files (the paths name them in errors).
    static func item(bytes: [UInt8], path: String, genres genreBytes: [UInt8], genrePath: String, skipBad: Bool,
                     tally: inout BadLineTally) throws -> (CatalogBuilder, [String]) {
        var genreNames: [String] = []
        for (lineNumber, line) in lines(genreBytes) {
            let parts = line.split(separator: 124, omittingEmptySubsequences: false)
            guard parts.count == 2, let i = parseID(parts[1]), i == genreNames.count else {
                throw IngestError.badLine(file: genrePath, line: lineNumber, kind: .badGenre,
                                          detail: "expected name|index with indices 0, 1, 2… in order")
            }
            genreNames.append(TextDecoding.utf8OrLatin1(parts[0]))
        }
        var builder = CatalogBuilder()
        for (lineNumber, line) in lines(bytes) {
            func bad(_ kind: BadLineKind, _ detail: String) throws {
                try tally.record(.badLine(file: path, line: lineNumber, kind: kind, detail: detail), kind: kind, skip: skipBad)
            }
            let parts = line.split(separator: 124, omittingEmptySubsequences: false)
            guard parts.count >= 5 + genreNames.count else {
                try bad(.missingField, "expected 5 fields and \(genreNames.count) genre flags, found \(parts.count) fields"); continue
            }
            guard parts.count == 5 + genreNames.count else { try bad(.extraField, "expected \(5 + genreNames.count) fields, found \(parts.count)"); continue }
            guard let id = parseID(parts[0]) else { try bad(.nonNumericID, "movie id \"\(TextDecoding.utf8OrLatin1(parts[0]))\" is not a number"); continue }
            guard !builder.contains(id) else { try bad(.duplicateMovie, "movie \(id) is listed twice"); continue }
            let flags = parts[5...]
            guard flags.allSatisfy({ $0.elementsEqual([48]) || $0.elementsEqual([49]) }) else {
                try bad(.badGenre, "genre flags must be 0 or 1"); continue
            }
            var (title, year) = TitleYear.split(TextDecoding.utf8OrLatin1(parts[1]))
            if year == 0, parts[2].count >= 4, let y = parseID(parts[2].suffix(4)) { year = Int32(y) }  // "01-Jan-1995"
            let genres = zip(genreNames, flags).compactMap { $1.elementsEqual([49]) ? $0 : nil }
            builder.add(id: id, title: title, year: year, genres: genres)
        }
        return (builder, genreNames)
    }

    // MARK: helpers

    /// Lines of `bytes` with their 1-based numbers: a UTF-8 byte order mark skipped, LF, CRLF
    /// and lone CR line ends alike; blank lines skipped.
    static func lines(_ bytes: [UInt8]) -> [(Int, [UInt8])] {
        var out: [(Int, [UInt8])] = []
        var number = 0
        for var line in normalisedText(bytes).split(separator: 10, omittingEmptySubsequences: false) {
            number += 1
            if line.last == 13 { line = line.dropLast() }
            if !line.isEmpty { out.append((number, Array(line))) }
        }
        return out
    }

    /// `bytes` as the catalogue parsers read them: without a leading UTF-8 byte order mark, and
    /// with each lone CR (a classic Mac line end) turned into LF, so every layout reads LF, CRLF
    /// and CR files alike. Cost: one pass, a copy only when there is something to change.
    static func normalisedText(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        guard out.contains(13) else { return out }
        for i in out.indices where out[i] == 13 && (i + 1 == out.count || out[i + 1] != 10) { out[i] = 10 }
        return out
    }

    static func parseID<C: Collection>(_ bytes: C) -> Int64? where C.Element == UInt8 {
        guard !bytes.isEmpty, bytes.count <= 10 else { return nil }
        var v: Int64 = 0
        for b in bytes {
            guard b &- 48 < 10 else { return nil }
            v = v * 10 + Int64(b - 48)
        }
        return v <= Int64(Int32.max) ? v : nil
    }

    static func splitGenres(_ s: String) -> [String] {
        s.split(separator: "|").map(String.init).filter { $0 != "(no genres listed)" }
    }

    private static func find(_ line: [UInt8], _ pattern: [UInt8], from: Int) -> Int? {
        var i = from
        while i + pattern.count <= line.endIndex {
            if line[i] == pattern[0] && line[i + 1] == pattern[1] { return i }
            i += 1
        }
        return nil
    }

    private static func findLast(_ line: [UInt8], _ pattern: [UInt8]) -> Int? {
        var i = line.count - pattern.count
        while i >= 0 {
            if line[i] == pattern[0] && line[i + 1] == pattern[1] { return i }
            i -= 1
        }
        return nil
    }
}
