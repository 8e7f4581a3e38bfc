import Model

/// Which genres each item belongs to (multi-label), as compressed rows: item i has the
/// genres `genres[start[i] ..< start[i + 1]]`, each in 0..<`genreCount`.
public struct GenreMembership: Sendable, Equatable {
    public var start: [Int]
    public var genres: [Int32]
    public var genreCount: Int

    /// Wraps compressed rows; `start` has one more entry than there are items.
    public init(start: [Int], genres: [Int32], genreCount: Int) {
        precondition(start.first == 0 && start.last == genres.count, "genre membership: offsets do not match")
        self.start = start; self.genres = genres; self.genreCount = genreCount
    }

    /// The catalogue's genres.
    public init(catalog: MovieCatalog) {
        self.init(start: catalog.genreStart, genres: catalog.genreIndex, genreCount: catalog.genreNames.count)
    }

    /// Number of items.
    public var count: Int { start.count - 1 }

    /// Genres of item `i`.
    public func genres(of i: Int) -> ArraySlice<Int32> { genres[start[i]..<start[i + 1]] }

    /// Number of items carrying each genre.
    public var genreSizes: [Int] {
        var sizes = [Int](repeating: 0, count: genreCount)
        for g in genres { sizes[Int(g)] += 1 }
        return sizes
    }

    /// One label per item for agreement scores: its *rarest* genre over the whole collection
    /// (the most specific one; ties go to the lower genre index), or −1 for an item with none.
    public func primaryGenres() -> [Int] {
        let sizes = genreSizes
        return (0..<count).map { i in
            genres(of: i).map(Int.init).min { sizes[$0] < sizes[$1] || (sizes[$0] == sizes[$1] && $0 < $1) } ?? -1
        }
    }

    /// The items listed in `rows`, in that order (to follow a popularity filter).
    public func selecting(_ rows: [Int]) -> GenreMembership {
        var offsets = [0], kept: [Int32] = []
        for r in rows { kept += genres(of: r); offsets.append(kept.count) }
        return GenreMembership(start: offsets, genres: kept, genreCount: genreCount)
    }
}

/// Keeps the items rated at least `minimum` times — vectors of rarely rated movies are mostly
/// the prior and crowd the maps. Returns their indices ascending. Cost O(N).
public func popularItems(ratingCounts: [Int], minimum: Int) -> [Int] {
    ratingCounts.indices.filter { ratingCounts[$0] >= minimum }
}
