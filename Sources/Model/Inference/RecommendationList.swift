/// A ranked list for one user, known or new, with what a reader needs to trust it: the
/// posterior predictive spread of each prediction (Gibbs models) and, when asked, the rated
/// movies that raised each taste match most. The work of `cinematrix recommend`.
public struct RecommendationList: Sendable {
    public struct Item: Sendable {
        public var recommendation: Recommendation
        /// One posterior predictive standard deviation in stars (Gibbs models only).
        public var deviation: Float?
        /// Rated movies that raised the taste match most, with their contribution.
        public var reasons: [(movie: Int, contribution: Float)]
    }

    public var items: [Item]
    /// "Recommendations for user 42 (232 ratings)" or "… for a new user who rated …".
    public var heading: String
    /// The user's own ratings by dense movie index.
    public var given: [Int: Float]
    public var rule: RankingRule
    public var minRatings: Int

    /// The list of the training user with raw id `id`. Throws `UserLookupError`.
    public static func forKnownUser(id: Int64, model m: FactorModel, filter: RankingFilter, explain: Bool) throws -> RecommendationList {
        let u = try m.userIndex(id: id)
        let recs = try m.recommend(user: u, filter: filter)
        let rated = m.ratings(ofUser: u) ?? []
        let fit = explain && !rated.isEmpty ? try m.foldIn(rated) : nil
        let items = recs.map { r in
            Item(recommendation: r, deviation: m.predictiveDeviation(user: u, movie: r.movie),
                 reasons: fit.map { m.explain(movie: r.movie, fit: $0) } ?? [])
        }
        return RecommendationList(items: items, heading: "Recommendations for user \(id) (\(rated.count) ratings)",
                                  given: Dictionary(rated.map { ($0.movie, $0.stars) }, uniquingKeysWith: { a, _ in a }),
                                  rule: filter.rule, minRatings: filter.minRatings)
    }

    /// The list of a new user who rated `entries` (titles or `#ID`s, resolved with
    /// `MovieQuery`). Throws `TitleLookupError` or `FoldInError`.
    public static func forNewUser(_ entries: [RatingList.Entry], model m: FactorModel, filter: RankingFilter,
                                  explain: Bool) throws -> RecommendationList {
        var query = MovieQuery(model: m)
        let resolved = try query.resolve(entries)
        let fit = try m.foldIn(resolved)
        let recs = m.recommend(bias: fit.bias, vector: fit.vector, rated: fit.rated, filter: filter)
        let items = recs.map { r in
            Item(recommendation: r, deviation: m.predictiveDeviation(fit: fit, movie: r.movie),
                 reasons: explain ? m.explain(movie: r.movie, fit: fit) : [])
        }
        let heading = "Recommendations for a new user who rated "
            + resolved.map { "\(m.catalog.displayTitle($0.movie)) \($0.stars)" }.joined(separator: ", ")
        return RecommendationList(items: items, heading: heading,
                                  given: Dictionary(resolved.map { ($0.movie, $0.stars) }, uniquingKeysWith: { _, b in b }),
                                  rule: filter.rule, minRatings: filter.minRatings)
    }
}

/// A genre name that the model's catalogue does not have; `candidates` are its genres.
public struct GenreLookupError: Error, CustomStringConvertible, Equatable {
    public var name: String
    public var candidates: [String]
    public var description: String { "unknown genre '\(name)'. Genres in this model: \(candidates.joined(separator: ", "))." }
}

extension MovieCatalog {
    /// The index of the genre called `name` (case-insensitive). Throws `GenreLookupError`.
    public func genreIndex(named name: String) throws -> Int {
        guard let g = genreNames.firstIndex(where: { $0.lowercased() == name.lowercased() }) else {
            throw GenreLookupError(name: name, candidates: genreNames)
        }
        return g
    }
}
