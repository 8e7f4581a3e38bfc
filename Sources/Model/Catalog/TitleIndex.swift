import Core
#if canImport(Glibc)
import Glibc
#endif
import Foundation

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
    /// Set when the query was refused unread for being longer than
    /// `TitleIndex.maximumQueryLength` characters.
    public var tooLong = false

    /// An error for `query` with `candidates` (display titles) and their raw ids.
    public init(query: String, candidates: [String], ambiguous: Bool, candidateIDs: [Int64] = []) {
        self.query = query
        self.candidates = candidates
        self.ambiguous = ambiguous
        self.candidateIDs = candidateIDs
    }

    public var description: String {
        if tooLong {
            return "a title of \(query.count) characters is longer than any movie's; give at most \(TitleIndex.maximumQueryLength) characters, or the movie id as #ID."
        }
        let ids = candidateIDs.count == candidates.count ? candidateIDs.map { "  #\($0)" } : candidates.map { _ in "" }
        let list = zip(candidates, ids).map { "  \($0)\($1)" }.joined(separator: "\n")
        if ambiguous {
            // Two movies can share title and year (remakes listed twice); then only the id tells them apart.
            let hasYear = TitleKey.splitYear(query.trimmingCharacters(in: .whitespaces)).1 != nil
            let byID = hasYear || Set(candidates).count != candidates.count
            let example = byID && !candidateIDs.isEmpty ? "\"#\(candidateIDs[0])\"" : "\"\(candidates.first ?? "")\""
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
/// Opening builds no key table: it folds every title once into one byte string (lower case,
/// accents folded, apostrophes dropped; ~2 ms for 87,585 titles). A lookup finds the titles
/// whose folded text contains the query's longest word (`memchr` over that string), and
/// compares full forgiving keys (`TitleKey`) for those few only. Listing the closest titles
/// when nothing matches computes every key (~0.1 s at 87,585 titles).
public struct TitleIndex: Sendable {
    private let catalog: MovieCatalog
    private let popularity: [Int32]
    /// Every title folded, each followed by a newline.
    private let folded: [UInt8]
    /// Offset of each title in `folded` (count + 1 entries).
    private let starts: [Int]
    /// Titles with a character whose folding is context-dependent: always compared in full.
    private let unfoldable: [Int]

    /// Indexes every title of `catalog`; `popularity` (ratings per movie) orders ties.
    /// Cost: one pass over the titles (~7 ms for 87,585 titles).
    public init(catalog: MovieCatalog, popularity: [Int32]? = nil) {
        self.catalog = catalog
        self.popularity = popularity ?? [Int32](repeating: 0, count: catalog.count)
        var folded: [UInt8] = []
        var starts: [Int] = []
        var unfoldable: [Int] = []
        var cache: [Unicode.Scalar: TitleKey.FoldedScalar] = [:]
        let titles = catalog.titles
        folded.reserveCapacity(titles.bytes.count + titles.count)
        starts.reserveCapacity(catalog.count + 1)
        titles.bytes.withUnsafeBufferPointer { all in
            for m in 0..<titles.count {
                starts.append(folded.count)
                // Plain ASCII (nearly every title) is copied as it is and lower-cased below with
                // everything else; other titles are folded by `TitleKey.appendFolded`.
                let bytes = UnsafeBufferPointer(rebasing: all[titles.offsets[m]..<titles.offsets[m + 1]])
                var plain = true
                for b in bytes where b >= 0x80 || b == 0x27 { plain = false; break }
                if plain {
                    folded.append(contentsOf: bytes)
                } else if !TitleKey.appendFolded(titles[m], to: &folded, cache: &cache) {
                    unfoldable.append(m)
                }
                folded.append(0x0A)
            }
        }
        folded.withUnsafeMutableBufferPointer { f in
            for i in 0..<f.count where f[i] &- 0x41 < 26 { f[i] |= 0x20 }  // A–Z only; UTF-8 bytes are ≥ 0x80
        }
        starts.append(folded.count)
        self.folded = folded
        self.starts = starts
        self.unfoldable = unfoldable
    }

    /// Movies any of whose keys satisfies `accept`, among the titles that contain every word
    /// of `key` (all titles when `key` is empty). Cost: one `memchr` pass over the folded
    /// titles plus `TitleKey.aliases` of the candidates.
    private func movies(containingWordsOf key: String, where accept: (String) -> Bool) -> [Int] {
        // The word with the rarest letter (the longer on a tie) is searched for; the others
        // must then occur in the same title.
        // (Each word's rarity is computed once, not in every comparison of the sort.)
        func rarity(_ w: [UInt8]) -> (Int, Int) { (Self.commonness[Int(w[Self.rarestByte(w)])], -w.count) }
        let words = key.split(separator: " ").map { Array($0.utf8) }
            .map { (word: $0, rarity: rarity($0)) }.sorted { $0.rarity < $1.rarity }.map(\.word)
        let needle = words.first ?? []
        var candidates: [Int] = []
        if needle.isEmpty {
            candidates = Array(0..<catalog.count)
        } else {
            folded.withUnsafeBytes { hay in
                needle.withUnsafeBytes { pin in
                    // memchr (vectorised in libc) for the needle's rarest letter, then a compare.
                    let base = hay.baseAddress!, n = pin.count
                    let p = Self.rarestByte(needle), probe = Int32(needle[p])
                    var from = p
                    var m = 0  // hits come in increasing order: the title search gallops from the last one
                    while from + n - p <= hay.count, let hit = memchr(base + from, probe, hay.count - from - (n - p) + 1) {
                        let at = base.distance(to: UnsafeRawPointer(hit)) - p
                        var j = 0
                        while j < n && hay[at + j] == pin[j] { j += 1 }
                        if j == n {
                            m = title(atOffset: at, from: m)
                            let text = UnsafeRawBufferPointer(start: base + starts[m], count: starts[m + 1] - starts[m])
                            if words.dropFirst().allSatisfy({ Self.bytes(text, contain: $0) }) { candidates.append(m) }
                            from = starts[m + 1] + p  // the next title
                        } else {
                            from = at + p + 1
                        }
                    }
                }
            }
            candidates = Array(Set(candidates).union(unfoldable)).sorted()
        }
        return candidates.filter { TitleKey.aliases(catalog.titles[$0]).contains(where: accept) }
    }

    /// Letters from most to least common in English titles: the search probes for the rarest.
    /// Indexed by byte; 0 for every byte not listed.
    private static let commonness: [Int] = {
        var rank = [Int](repeating: 0, count: 256)
        for (i, c) in " etaoinshrdlcumwfgypbvkjxqz".utf8.enumerated() { rank[Int(c)] = 30 - i }
        for d in "0123456789".utf8 { rank[Int(d)] = 5 }
        return rank
    }()

    /// Position of the least common byte of `word`.
    private static func rarestByte(_ word: [UInt8]) -> Int {
        word.indices.min { commonness[Int(word[$0])] < commonness[Int(word[$1])] } ?? 0
    }

    /// Whether `word` occurs in `text`. Cost O(text × word), for one title's few dozen bytes.
    private static func bytes(_ text: UnsafeRawBufferPointer, contain word: [UInt8]) -> Bool {
        guard word.count <= text.count else { return false }
        for i in 0...(text.count - word.count) where text[i] == word[0] {
            var j = 1
            while j < word.count, text[i + j] == word[j] { j += 1 }
            if j == word.count { return true }
        }
        return false
    }

    /// The title whose folded text holds byte `offset`, given that it is `from` or later:
    /// galloping, then binary search, so a scan's hits cost O(log distance) each.
    private func title(atOffset offset: Int, from: Int) -> Int {
        var lo = from, step = 1, hi = from + 1
        while hi < catalog.count && starts[hi] <= offset { lo = hi; hi = min(catalog.count, hi + step); step *= 2 }
        // starts[lo] <= offset < starts[hi]
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid }
        }
        return lo
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
        let nameKey = TitleKey.key(name)
        var hits = movies(containingWordsOf: nameKey) { $0 == nameKey }
        if hits.isEmpty, year != nil {  // "(1984)" as part of a name
            let whole = TitleKey.key(trimmed)
            hits = movies(containingWordsOf: whole) { $0 == whole }
        }
        if hits.isEmpty { hits = startingWith(TitleKey.key(name)) }  // "toy" → "Toy Story", "Toy Story 2", …
        if let year {
            let sameYear = hits.filter { catalog.years[$0] == year }
            if !sameYear.isEmpty || !hits.isEmpty { hits = sameYear }
        }
        var ordered = Array(Set(hits)).sorted { (popularity[$0], -$0) > (popularity[$1], -$1) }
        if ordered.count > 1 {
            // Titles that differ only in punctuation ("Paper Island" and "\"Paper\" Island"): a
            // query typed exactly like one of them picks it.
            let typed = trimmed.lowercased()
            let exact = ordered.filter { m in
                let title = catalog.titles[m].lowercased()
                return title == typed || catalog.displayTitle(m).lowercased() == typed
            }
            if exact.count == 1 { ordered = exact }
        }
        switch ordered.count {
        case 1: return .found(ordered[0])
        case 0: return .notFound(closest: closest(to: TitleKey.key(name), limit: 5))
        default: return .ambiguous(ordered)
        }
    }

    /// The longest title query `resolve` reads (characters); longer ones are refused at once,
    /// since matching costs time in the query's length and no title is that long.
    public static let maximumQueryLength = 500

    /// Resolves `query` to one movie or throws a `TitleLookupError` listing the candidates (or,
    /// for a query over `maximumQueryLength` characters, saying so).
    public func resolve(_ query: String) throws -> Int {
        guard query.utf8.count <= Self.maximumQueryLength * 4, query.count <= Self.maximumQueryLength else {
            var error = TitleLookupError(query: query, candidates: [], ambiguous: false)
            error.tooLong = true
            throw error
        }
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

    /// Movies with a key that starts with the whole words of `key`.
    func startingWith(_ key: String) -> [Int] {
        guard !key.isEmpty else { return [] }
        let prefix = key + " "
        return movies(containingWordsOf: key) { $0.hasPrefix(prefix) }
    }

    /// The `limit` titles closest to `key` by word overlap (Dice coefficient on words, with
    /// prefix matches counting half), ties broken by popularity.
    func closest(to key: String, limit: Int) -> [Int] {
        let query = Set(key.split(separator: " ").map(String.init))
        guard !query.isEmpty else { return [] }
        var scored: [(score: Double, movie: Int)] = []
        for m in 0..<catalog.count {
            var best = 0.0
            for k in TitleKey.aliases(catalog.titles[m]) {
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
