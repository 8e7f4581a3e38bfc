/// Bad lines met while reading, by kind, with the first one located exactly.
public struct BadLineTally: Sendable, Equatable {
    /// Number of skipped lines of each kind.
    public var counts: [BadLineKind: Int] = [:]
    /// The first bad line met (file order within each file, files in reading order).
    public var first: IngestError?

    /// No bad lines.
    public init() {}

    /// Total number of skipped lines.
    public var total: Int { counts.values.reduce(0, +) }

    /// Records a bad line: throws it when `skip` is false, else counts it.
    mutating func record(_ error: IngestError, kind: BadLineKind, skip: Bool) throws {
        if !skip { throw error }
        counts[kind, default: 0] += 1
        if first == nil { first = error }
    }
}

extension BadLineTally {
    /// These bad lines, then `later`'s (counts added; the first stays the earliest).
    func followed(by later: BadLineTally) -> BadLineTally {
        var out = self
        for (k, n) in later.counts { out.counts[k, default: 0] += n }
        if out.first == nil { out.first = later.first }
        return out
    }
}

/// Collects movies in file order and turns them into a `MovieCatalog`.
struct CatalogBuilder {
    var movieIDs: [Int64] = []
    var titles: [String] = []
    var years: [Int32] = []
    var genreLists: [[String]] = []
    var seen: [Int64: Int] = [:]
    /// (IMDb, TMDb) ids by raw movie id, from `links.csv`; empty without one.
    var links: [Int64: (imdb: Int64, tmdb: Int64)] = [:]

    /// Whether `id` was already added.
    func contains(_ id: Int64) -> Bool { seen[id] != nil }

    mutating func add(id: Int64, title: String, year: Int32, genres: [String]) {
        seen[id] = movieIDs.count
        movieIDs.append(id)
        titles.append(title)
        years.append(year)
        genreLists.append(genres)
    }

    /// The catalogue. Genre names are `order` when given (ml-100k's `u.genre` order), else
    /// sorted by their UTF-8 bytes. The token "(no genres listed)" (and ml-100k's "unknown")
    /// means an empty genre list and is never a genre name.
    func build(order: [String]? = nil) -> MovieCatalog {
        let none: Set<String> = ["(no genres listed)", "unknown"]
        var names = order?.filter { !none.contains($0) } ?? []
        if order == nil {
            var all = Set<String>()
            for g in genreLists { for x in g where !none.contains(x) { all.insert(x) } }
            names = all.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        }
        var index: [String: Int32] = [:]
        for (i, n) in names.enumerated() { index[n] = Int32(i) }
        var start = [0]
        var flat: [Int32] = []
        start.reserveCapacity(movieIDs.count + 1)
        for g in genreLists {
            var ids = g.compactMap { index[$0] }
            ids.sort()
            var last: Int32 = -1
            for i in ids where i != last { flat.append(i); last = i }  // once each
            start.append(flat.count)
        }
        var catalog = MovieCatalog(movieIDs: movieIDs, titles: titles, years: years, genreNames: names,
                                   genreStart: start, genreIndex: flat)
        if !links.isEmpty {
            catalog.links = MovieLinks(imdb: movieIDs.map { links[$0]?.imdb ?? 0 }, tmdb: movieIDs.map { links[$0]?.tmdb ?? 0 })
        }
        return catalog
    }
}
