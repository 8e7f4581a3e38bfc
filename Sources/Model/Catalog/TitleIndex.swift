/// What a title lookup found.
public enum TitleMatch: Equatable, Sendable {
    /// Exactly one movie matches (dense movie index).
    case found(Int)
    /// Several movies match equally well; their indices, most rated first.
    case ambiguous([Int])
    /// Nothing matches; the closest titles, best first (possibly empty).
    case notFound(closest: [Int])
}

/// Why a title could not be resolved to one movie; its description lists the candidates.
public struct TitleLookupError: Error, CustomStringConvertible, Equatable {
    /// The text the user typed.
    public var query: String
    /// Display titles of the candidates (ambiguous matches or closest titles).
    public var candidates: [String]
    /// Whether several movies matched (true) or none did (false).
    public var ambiguous: Bool
    /// Raw MovieLens ids of the candidates, in the same order (empty when unknown).
    public var candidateIDs: [Int64]

    /// An error for `query` with `candidates` (display titles) and their raw ids.
    public init(query: String, candidates: [String], ambiguous: Bool, candidateIDs: [Int64] = []) {
        self.query = query
        self.candidates = candidates
        self.ambiguous = ambiguous
        self.candidateIDs = candidateIDs
    }

    public var description: String {
        let ids = candidateIDs.count == candidates.count ? candidateIDs.map { "  #\($0)" } : candidates.map { _ in "" }
        let list = zip(candidates, ids).map { "  \($0)\($1)" }.joined(separator: "\n")
        if ambiguous {
            // Two movies can share title and year (remakes listed twice); then only the id tells them apart.
            let example = Set(candidates).count == candidates.count ? "\"\(candidates.first ?? "")\"" : "\"#\(candidateIDs.first ?? 0)\""
            return "'\(query)' matches several movies; add the year, or give the movie id as #ID, e.g. \(example):\n\(list)"
        }
        return candidates.isEmpty
            ? "no movie matches '\(query)'."
            : "no movie matches '\(query)'. Closest titles:\n\(list)"
    }
}

/// Finds movies by title the way a person types them: case, accents, punctuation, a moved
/// article ("Matrix, The (1999)" ↔ "The Matrix") and the year are all optional.
///
/// Building costs O(total title length); an exact lookup is one hash probe; the fallback that
/// lists the closest titles scans every title once (milliseconds for 90,000 movies).
public struct TitleIndex: Sendable {
    private let catalog: MovieCatalog
    private let popularity: [Int32]
    private var byKey: [String: [Int]] = [:]
    private let keys: [[String]]

    /// Indexes every title of `catalog`; `popularity` (ratings per movie) orders ties.
    public init(catalog: MovieCatalog, popularity: [Int32]? = nil) {
        self.catalog = catalog
        self.popularity = popularity ?? [Int32](repeating: 0, count: catalog.count)
        var keys: [[String]] = []
        keys.reserveCapacity(catalog.count)
        for m in 0..<catalog.count {
            let aliases = TitleKey.aliases(catalog.titles[m])
            keys.append(aliases)
            for k in aliases { byKey[k, default: []].append(m) }
        }
        self.keys = keys
    }

    /// Looks up `query`: a title with or without its year, or `#ID` / `id:ID` for a raw
    /// MovieLens movie id. An exact (forgiving) match wins; failing that, titles whose words
    /// begin with the query's words ("toy" → "Toy Story"); failing that, nothing, with the
    /// closest titles.
    public func match(_ query: String) -> TitleMatch {
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        for prefix in ["#", "id:"] where trimmed.lowercased().hasPrefix(prefix) {
            if let id = Int64(trimmed.dropFirst(prefix.count)), let m = catalog.movieIDs.firstIndex(of: id) {
                return .found(m)
            }
        }
        let (name, year) = TitleKey.splitYear(trimmed)
        var hits = byKey[TitleKey.key(name)] ?? []
        if hits.isEmpty, year != nil { hits = byKey[TitleKey.key(trimmed)] ?? [] }  // "(1984)" as part of a name
        if hits.isEmpty { hits = startingWith(TitleKey.key(name)) }  // "toy" → "Toy Story", "Toy Story 2", …
        if let year {
            let sameYear = hits.filter { catalog.years[$0] == year }
            if !sameYear.isEmpty || !hits.isEmpty { hits = sameYear }
        }
        let ordered = Array(Set(hits)).sorted { (popularity[$0], -$0) > (popularity[$1], -$1) }
        switch ordered.count {
        case 1: return .found(ordered[0])
        case 0: return .notFound(closest: closest(to: TitleKey.key(name), limit: 5))
        default: return .ambiguous(ordered)
        }
    }

    /// Resolves `query` to one movie or throws a `TitleLookupError` listing the candidates.
    public func resolve(_ query: String) throws -> Int {
        switch match(query) {
        case let .found(m): return m
        case let .ambiguous(ms):
            throw TitleLookupError(query: query, candidates: ms.prefix(10).map(catalog.displayTitle), ambiguous: true,
                                   candidateIDs: ms.prefix(10).map { catalog.movieIDs[$0] })
        case let .notFound(ms):
            throw TitleLookupError(query: query, candidates: ms.map(catalog.displayTitle), ambiguous: false,
                                   candidateIDs: ms.map { catalog.movieIDs[$0] })
        }
    }

    /// Movies with a key that starts with the whole words of `key`. Cost: one scan of the keys.
    func startingWith(_ key: String) -> [Int] {
        guard !key.isEmpty else { return [] }
        let prefix = key + " "
        return (0..<catalog.count).filter { m in keys[m].contains { $0.hasPrefix(prefix) } }
    }

    /// The `limit` titles closest to `key` by word overlap (Dice coefficient on words, with
    /// prefix matches counting half), ties broken by popularity.
    func closest(to key: String, limit: Int) -> [Int] {
        let query = Set(key.split(separator: " ").map(String.init))
        guard !query.isEmpty else { return [] }
        var scored: [(score: Double, movie: Int)] = []
        for m in 0..<catalog.count {
            var best = 0.0
            for k in keys[m] {
                let words = k.split(separator: " ").map(String.init)
                var shared = 0.0
                for w in Set(words) {
                    if query.contains(w) { shared += 1 }
                    else if w.count >= 3, query.contains(where: { $0.count >= 3 && (w.hasPrefix($0) || $0.hasPrefix(w)) }) { shared += 0.5 }
                }
                best = max(best, 2 * shared / Double(query.count + Set(words).count))
            }
            if best > 0.3 { scored.append((best, m)) }
        }
        scored.sort { ($0.score, popularity[$0.movie], -$0.movie) > ($1.score, popularity[$1.movie], -$1.movie) }
        return scored.prefix(limit).map(\.movie)
    }
}
