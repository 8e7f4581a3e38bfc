/// Resolves what a person typed to name a movie: `#ID` for a raw MovieLens id, or a title
/// matched forgivingly (`TitleIndex`). The title index is built on the first title query
/// only (one pass over every title), so id-only queries cost nothing.
public struct MovieQuery {
    public let model: FactorModel
    private var index: TitleIndex?

    public init(model: FactorModel) { self.model = model }

    /// The dense index of the movie `query` names. Throws `TitleLookupError` (with candidates)
    /// for an unknown or ambiguous title or an unknown id.
    public mutating func resolve(_ query: String) throws -> Int {
        if query.hasPrefix("#"), let id = Int64(query.dropFirst()) {
            guard let movie = model.catalog.index(ofMovieID: id) else {
                throw TitleLookupError(query: query, candidates: [], ambiguous: false)
            }
            return movie
        }
        if index == nil { index = TitleIndex(catalog: model.catalog, popularity: model.movieRatingCounts) }
        return try index.map { try $0.resolve(query) } ?? 0
    }

    /// Resolves every entry of a new user's list to (movie, stars).
    public mutating func resolve(_ entries: [RatingList.Entry]) throws -> [(movie: Int, stars: Float)] {
        try entries.map { (try resolve($0.query), $0.stars) }
    }
}
