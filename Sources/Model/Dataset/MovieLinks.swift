/// Each movie's ids on IMDb and TMDb, from MovieLens' `links.csv` (ml-latest, ml-20m and
/// later), so that pages can link a movie to MovieLens, IMDb and TMDb. Indexed by dense movie
/// index; 0 where the release gives no id.
public struct MovieLinks: Sendable, Equatable {
    /// IMDb's numeric id ("tt0114709" is 114709).
    public var imdb: [Int64]
    /// TMDb's movie id.
    public var tmdb: [Int64]

    /// The largest id a link may hold: ten decimal digits.
    public static let maximumID: Int64 = 9_999_999_999

    public init(imdb: [Int64], tmdb: [Int64]) {
        precondition(imdb.count == tmdb.count)
        self.imdb = imdb
        self.tmdb = tmdb
    }

    /// Whether every id is in 0…`maximumID` and both arrays cover `movies` movies.
    public func isValid(movies: Int) -> Bool {
        imdb.count == movies && tmdb.count == movies
            && imdb.allSatisfy { $0 >= 0 && $0 <= Self.maximumID } && tmdb.allSatisfy { $0 >= 0 && $0 <= Self.maximumID }
    }

    /// The movie's page on IMDb, or nil without an id.
    public func imdbURL(_ movie: Int) -> String? {
        guard imdb[movie] > 0 else { return nil }
        let digits = String(imdb[movie])
        return "https://www.imdb.com/title/tt" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits + "/"
    }

    /// The movie's page on TMDb, or nil without an id.
    public func tmdbURL(_ movie: Int) -> String? {
        tmdb[movie] > 0 ? "https://www.themoviedb.org/movie/\(tmdb[movie])" : nil
    }

    /// The page of the movie with raw MovieLens id `movieID` on MovieLens.
    public static func movieLensURL(movieID: Int64) -> String { "https://movielens.org/movies/\(movieID)" }
}
