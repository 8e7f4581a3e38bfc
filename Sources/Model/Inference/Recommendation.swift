import Core

/// One ranked movie for a user, with the parts of its score.
public struct Recommendation: Sendable, Equatable {
    /// Dense movie index.
    public var movie: Int
    /// μ + b_u + c_i + x·y clamped to the rating scale (stars).
    public var predicted: Float
    /// The score the filter's ranking rule gave the movie, by which the list is ordered (stars);
    /// with the default rule `.predictedRating` it is μ + b_u + c_i + x·y unclamped.
    public var score: Float
    /// c_i, the movie's bias: how much better it is rated than average by everyone (stars).
    public var movieBias: Float
    /// x·y, how well the movie matches this user's taste (stars).
    public var tasteMatch: Float
}

/// Which movies may be recommended.
public struct RankingFilter: Sendable, Equatable {
    /// Keep only movies with this genre index.
    public var genre: Int32?
    /// Keep only movies with at least this many training ratings.
    public var minRatings: Int
    /// Also rank movies the user has already rated.
    public var includeRated: Bool
    /// How many to return.
    public var top: Int
    /// How the kept movies are ordered.
    public var rule: RankingRule = .predictedRating

    /// A filter; see the properties.
    public init(genre: Int32? = nil, minRatings: Int = 0, includeRated: Bool = false, top: Int = 10,
                rule: RankingRule = .predictedRating) {
        self.genre = genre
        self.minRatings = minRatings
        self.includeRated = includeRated
        self.top = top
        self.rule = rule
    }

    /// The default popularity floor for a dataset with `userCount` users: max(10, users/1000)
    /// ratings. Movies below it have vectors and biases that are mostly prior, and ranking them
    /// lets obscure titles with a handful of enthusiastic ratings float to the top.
    public static func defaultMinRatings(userCount: Int) -> Int { max(10, userCount / 1000) }
}

/// Ranks every movie for a user with bias b and vector x. Pure: arrays in, ranked list out.
/// Cost O(movies · K) plus the selection (`TopK`).
public enum Ranking {
    /// The `filter.top` best movies by `filter.rule` (by default μ + b + c_i + x·y_i), best
    /// first; ties by lower index. Each keeps its clamped predicted rating whatever the rule.
    public static func rank(
        userBias: Float, userVector: [Float], globalMean: Float, movieBias: [Float], movieFactors: Matrix,
        ratingCounts: [Int32], catalog: MovieCatalog, scale: RatingScale, rated: [Int32], filter: RankingFilter
    ) -> [Recommendation] {
        let k = movieFactors.columns, n = movieBias.count
        var excluded = [Bool](repeating: false, count: n)
        if !filter.includeRated { for m in rated { excluded[Int(m)] = true } }
        let base = globalMean + userBias
        return userVector.withUnsafeBufferPointer { x in
            movieFactors.values.withUnsafeBufferPointer { y in
                // x·y_i, taste match of movie i (0 for a model without vectors).
                let taste = { (i: Int) -> Float in k == 0 ? 0 : Dot.product(x.baseAddress!, y.baseAddress! + i * k, count: k) }
                let best = TopK.select(count: n, k: filter.top, include: { i in
                    !excluded[i] && Int(ratingCounts[i]) >= filter.minRatings
                        && (filter.genre.map { catalog.genres(of: i).contains($0) } ?? true)
                }, score: { i in filter.rule.score(base: base, movieBias: movieBias[i], taste: taste(i)) })
                return best.map { e in
                    let dot = taste(e.index)
                    return Recommendation(movie: e.index, predicted: scale.clamp(base + movieBias[e.index] + dot), score: e.score,
                                          movieBias: movieBias[e.index], tasteMatch: dot)
                }
            }
        }
    }
}
