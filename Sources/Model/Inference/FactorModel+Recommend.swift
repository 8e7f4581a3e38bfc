import Core

/// Why a known user could not be looked up.
public enum UserLookupError: Error, CustomStringConvertible, Equatable {
    /// No user with this raw MovieLens id was in the training data.
    case unknownUser(id: Int64, userCount: Int)
    /// The model file has no training ratings (imported factors), so rated movies are unknown.
    case noRatingsInModel

    public var description: String {
        switch self {
        case let .unknownUser(id, count):
            return "no user with id \(id) in this model (it knows \(count) users); to rate movies as a new user, give their ratings instead."
        case .noRatingsInModel:
            return "this model holds no training ratings, so it cannot tell what a known user has rated; include rated movies, or rate movies as a new user."
        }
    }
}

/// The library API for recommendations: open a model (`ModelFile.read`), fold in a new user's
/// ratings or pick a known user, and rank with filters. The command-line tool calls these.
extension FactorModel {
    /// Dense index of the user with raw MovieLens id `id`. Cost O(users) (a linear scan).
    public func userIndex(id: Int64) throws -> Int {
        guard let u = userIDs.firstIndex(of: id) else { throw UserLookupError.unknownUser(id: id, userCount: trainingUserCount) }
        return u
    }

    /// Solves a new user's bias and vector from `ratings` (dense movie index, stars) with every
    /// movie fixed; see `FoldIn`. A Gibbs-trained model uses its learned prior (μ_x, Λ_x, β_b
    /// and α, posterior means) and the fit carries the posterior covariance; a MAP model uses
    /// its ridge τ', γ'. Checks the scale and duplicates first. Cost O(n K² + K³).
    public func foldIn(_ ratings: [(movie: Int, stars: Float)]) throws -> UserFit {
        guard !ratings.isEmpty else { throw FoldInError.noRatings }
        var seen = Set<Int>()
        for r in ratings {
            guard r.stars >= scale.minimum && r.stars <= scale.maximum && r.stars.isFinite else {
                throw FoldInError.offScale(movie: catalog.displayTitle(r.movie), rating: r.stars, scale: scale)
            }
            guard seen.insert(r.movie).inserted else { throw FoldInError.duplicate(movie: catalog.displayTitle(r.movie)) }
        }
        return try FoldIn.solve(
            movies: ratings.map { Int32($0.movie) }, ratings: ratings.map(\.stars), globalMean: globalMean,
            movieBias: movieBias, movieFactors: movieFactors,
            prior: posterior.map { .posterior($0, rank: rank) }
                ?? .ridge(vector: hyperparameters.vectorRidge, bias: hyperparameters.biasRidge, rank: rank))
    }

    /// The predictive standard deviation (stars) of the rating of `movie` by a folded-in user:
    /// √(Var(x·y + b) + Var c + Σ_k x̄_k² Var y_k + 1/α), nil for a MAP model. Cost O(K²).
    public func predictiveDeviation(fit: UserFit, movie: Int) -> Float? {
        guard let p = posterior, let taste = fit.tasteVariance(of: movieFactors.row(movie)) else { return nil }
        var v = taste + Double(p.movieBiasVariance[movie]) + 1 / Double(p.noisePrecision)
        for c in 0..<rank { v += Double(fit.vector[c] * fit.vector[c] * p.movieFactorVariance[movie, c]) }
        return Float(v.squareRoot())
    }

    /// The training ratings of dense user `user` as (movie, stars), or nil when the model has none.
    public func ratings(ofUser user: Int) -> [(movie: Int, stars: Float)]? {
        guard let r = userRatings else { return nil }
        return (r.rowStart[user]..<r.rowStart[user + 1]).map { (Int(r.columnIndex[$0]), r.value[$0]) }
    }

    /// Ranks movies for a user with bias `bias` and vector `vector`, leaving out `rated` unless
    /// the filter includes them. Cost O(movies · K).
    ///
    /// For a Gibbs-trained model the prediction is split at the population's mean taste μ_x:
    /// μ + b_u + (c_i + μ_x·y_i) + (x − μ_x)·y_i, so that a `Recommendation`'s `movieBias` is
    /// the movie's appeal to the average user and its `tasteMatch` what this user's taste adds
    /// to that (x·y alone would carry the average user's taste, which ranks the crowd's
    /// favourites first for everyone). Predictions are unchanged. MAP models have μ_x = 0.
    public func recommend(bias: Float, vector: [Float], rated: [Int32], filter: RankingFilter) -> [Recommendation] {
        let (appeal, personal) = appealAndPersonalTaste(vector)
        return Ranking.rank(userBias: bias, userVector: personal, globalMean: globalMean, movieBias: appeal,
                            movieFactors: movieFactors, ratingCounts: movieRatingCounts, catalog: catalog,
                            scale: scale, rated: rated, filter: filter)
    }

    /// (c_i + μ_x·y_i for every movie, x − μ_x) for a Gibbs model; (c, x) otherwise. Cost O(movies · K).
    func appealAndPersonalTaste(_ vector: [Float]) -> (appeal: [Float], personal: [Float]) {
        guard let mean = posterior?.userPriorMean, mean.count == rank, rank > 0 else { return (movieBias, vector) }
        var appeal = movieBias
        mean.withUnsafeBufferPointer { m in
            movieFactors.values.withUnsafeBufferPointer { y in
                for i in 0..<movieCount { appeal[i] += Dot.product(m.baseAddress!, y.baseAddress! + i * rank, count: rank) }
            }
        }
        return (appeal, zip(vector, mean).map { $0 - $1 })
    }

    /// Ranks movies for the known dense user `user` with the trained bias and vector.
    public func recommend(user: Int, filter: RankingFilter) throws -> [Recommendation] {
        var rated: [Int32] = []
        if !filter.includeRated {
            guard let r = userRatings else { throw UserLookupError.noRatingsInModel }
            rated = Array(r.columnIndex[r.rowStart[user]..<r.rowStart[user + 1]])
        }
        return recommend(bias: userBias[user], vector: userFactors.row(user), rated: rated, filter: filter)
    }

    /// The rated movies that pushed `movie`'s taste match up most, with their contributions
    /// (stars), largest first; at most `limit`. Uses the fold-in decomposition of `fit`.
    public func explain(movie: Int, fit: UserFit, limit: Int = 3) -> [(movie: Int, contribution: Float)] {
        let parts = fit.contributions(toTasteOf: movieFactors.row(movie), movieFactors: movieFactors)
        let pushing = zip(fit.rated, parts).filter { $0.1 > 0 }.map { (index: Int($0.0), score: $0.1) }
        return TopK.best(pushing, k: limit).map { ($0.index, $0.score) }
    }
}
