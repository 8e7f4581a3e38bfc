import Core

/// The movie list of a folder, opened: which parser reads it and from which files.
enum MovieListSource: Sendable {
    /// `movies.csv` (ml-latest and later), with `links.csv` when the release has one.
    case csv(InputFile, links: InputFile?)
    /// `movies.dat` (ml-1m, ml-10m).
    case dat(InputFile)
    /// `u.item` with the genre names of `u.genre` (ml-100k).
    case ml100k(items: InputFile, genres: InputFile)

    /// The movies in file order, the genre order the list fixes (ml-100k only) and the bad
    /// lines skipped. Cost O(bytes of the list).
    func parse(skipBad: Bool) throws -> MovieList {
        var tally = BadLineTally()
        switch self {
        case let .csv(file, links):
            var catalog = try MovieListParser.csv(file, skipBad: skipBad, tally: &tally)
            if let links { catalog.links = try MovieListParser.links(links, skipBad: skipBad, tally: &tally) }
            return MovieList(catalog: catalog, genreOrder: nil, tally: tally)
        case .dat(let file):
            return MovieList(catalog: try MovieListParser.dat(file, skipBad: skipBad, tally: &tally), genreOrder: nil, tally: tally)
        case let .ml100k(items, genres):
            let (catalog, order) = try MovieListParser.item(items, genres: genres, skipBad: skipBad, tally: &tally)
            return MovieList(catalog: catalog, genreOrder: order, tally: tally)
        }
    }
}

/// A parsed movie list.
struct MovieList {
    /// The listed movies, in file order.
    var catalog: CatalogBuilder
    /// The genre names in the order the list fixes (ml-100k's `u.genre`), else nil (sorted).
    var genreOrder: [String]?
    /// Bad lines skipped in the list.
    var tally: BadLineTally
}

/// The movie-list stage of the pipeline: the list parsed on a background thread while the
/// ratings are read. `wait()` returns the list or rethrows its error; the ratings stages ask
/// for it before they report their own errors, so a bad movie line is reported first.
final class MovieListTask: Sendable {
    private let parsed: Deferred<MovieList, any Error>

    /// Starts parsing `source` at once.
    init(_ source: MovieListSource, skipBad: Bool) {
        parsed = Deferred { try source.parse(skipBad: skipBad) }
    }

    /// The parsed list, waiting for it if needed.
    func wait() throws -> MovieList { try parsed.wait() }
}
