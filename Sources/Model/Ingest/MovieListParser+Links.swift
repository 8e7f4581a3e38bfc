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
        var links: [Int64: (imdb: Int64, tmdb: Int64)] = [:]
        try forEachHeadedLine(raw, path: path, columns: linkColumns, extraHint: "", skipBad: skipBad, tally: &tally) { line, bad in
            guard let movie = parseID(line[0]) else {
                return try bad(.nonNumericID, "movie id \"\(TextDecoding.utf8OrLatin1(line[0]))\" is not a number")
            }
            guard let imdb = linkID(line[1]), let tmdb = linkID(line[2]) else {
                return try bad(.nonNumericID, "the IMDb and TMDb ids must be digits (or empty)")
            }
            guard links[movie] == nil else { return try bad(.duplicateMovie, "movie \(movie) is listed twice") }
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
