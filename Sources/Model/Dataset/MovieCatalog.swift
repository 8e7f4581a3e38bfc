/// What is known about each movie besides its ratings: raw id, title, year and genres.
/// Indexed by dense movie index `0..<count`.
public struct MovieCatalog: Sendable, Equatable {
    /// Raw MovieLens movie id of each dense index.
    public var movieIDs: [Int64]
    /// Title as in the source, without the trailing " (year)" when that could be split off;
    /// kept as UTF-8 bytes and decoded on access (see `TitleList`).
    public var titles: TitleList
    /// Release year, 0 when unknown.
    public var years: [Int32]
    /// Genre names, indexed by genre index (e.g. "Action"); never contains "(no genres listed)".
    public var genreNames: [String]
    /// Offsets into `genreIndex` per movie (`count + 1` entries).
    public var genreStart: [Int]
    /// Genre indices of each movie, ascending.
    public var genreIndex: [Int32]
    /// IMDb and TMDb ids (from `links.csv`), or nil when the release has none.
    public var links: MovieLinks?

    /// Wraps the catalogue arrays; shapes are checked with preconditions.
    public init(movieIDs: [Int64], titles: [String], years: [Int32], genreNames: [String], genreStart: [Int], genreIndex: [Int32]) {
        self.init(movieIDs: movieIDs, titleList: TitleList(titles), years: years, genreNames: genreNames,
                  genreStart: genreStart, genreIndex: genreIndex)
    }

    /// Wraps the catalogue arrays, with the titles already in a `TitleList`.
    public init(movieIDs: [Int64], titleList titles: TitleList, years: [Int32], genreNames: [String], genreStart: [Int], genreIndex: [Int32]) {
        precondition(titles.count == movieIDs.count && years.count == movieIDs.count)
        precondition(genreStart.count == movieIDs.count + 1 && genreStart.last == genreIndex.count)
        self.movieIDs = movieIDs
        self.titles = titles
        self.years = years
        self.genreNames = genreNames
        self.genreStart = genreStart
        self.genreIndex = genreIndex
    }

    /// Number of movies.
    public var count: Int { movieIDs.count }

    /// Dense index of the movie with raw MovieLens id `id`, or nil. Cost O(movies) (a scan,
    /// ~50 µs at 87k movies: cheaper than building a hash map for a handful of look-ups).
    public func index(ofMovieID id: Int64) -> Int? { movieIDs.firstIndex(of: id) }

    /// Genre indices of `movie`.
    @inlinable public func genres(of movie: Int) -> ArraySlice<Int32> {
        genreIndex[genreStart[movie]..<genreStart[movie + 1]]
    }

    /// "Title (Year)" for display, or the bare title when the year is unknown.
    public func displayTitle(_ movie: Int) -> String {
        years[movie] > 0 ? "\(titles[movie]) (\(years[movie]))" : titles[movie]
    }
}
