import Core

/// A trained matrix-factorisation model: everything needed to predict a rating and to look
/// movies up by id, title or genre, without the training data.
///
/// Prediction for dense user index u and movie index i: μ + b_u + c_i + x_u · y_i. Users and
/// movies without training ratings fall back to their priors (b = 0, x = 0; c = 0, y = g_i).
public struct FactorModel: Sendable, Equatable {
    /// Which model this is.
    public var kind: ModelKind
    /// μ, the mean training rating (stars), fixed during training.
    public var globalMean: Float
    /// b_u per dense user index (stars).
    public var userBias: [Float]
    /// c_i per dense movie index (stars).
    public var movieBias: [Float]
    /// x_u: one row per user, K columns (zero columns for `bias`).
    public var userFactors: Matrix
    /// y_i: one row per movie, K columns (zero columns for `bias`).
    public var movieFactors: Matrix
    /// w_f: one row per genre (same order as `catalog.genreNames`), K columns; zero rows unless
    /// the kind is `biasUVGenre`.
    public var genreFactors: Matrix
    /// Raw MovieLens user id of each dense user index.
    public var userIDs: [Int64]
    /// Movie ids, titles, years and genres by dense movie index.
    public var catalog: MovieCatalog
    /// Number of training ratings of each movie.
    public var movieRatingCounts: [Int32]
    /// Rating scale of the training data (predictions are clamped to it).
    public var scale: RatingScale
    /// The settings the model was trained with.
    public var hyperparameters: Hyperparameters
    /// The training ratings by user (rows = users, columns = movies), kept so that
    /// recommendations can leave out what a user has rated and explain themselves; nil for
    /// models imported from factors alone, or when read without them (`ModelFile.read`).
    public var userRatings: RatingMatrix?
    /// Number of users in the training data. Equals `userCount` unless the model was read
    /// with only some of its users (`ModelFile.read(path:users:)`); the default popularity
    /// floor scales with it.
    public var trainingUserCount: Int
    /// For Gibbs-trained models, the posterior spread and learned hyperparameters (the fields
    /// above then hold posterior means); nil for MAP and imported models.
    public var posterior: PosteriorSpread?

    /// Assembles a model; shapes are checked with preconditions.
    public init(kind: ModelKind, globalMean: Float, userBias: [Float], movieBias: [Float],
                userFactors: Matrix, movieFactors: Matrix, genreFactors: Matrix,
                userIDs: [Int64], catalog: MovieCatalog, movieRatingCounts: [Int32],
                scale: RatingScale, hyperparameters: Hyperparameters, userRatings: RatingMatrix? = nil,
                trainingUserCount: Int? = nil, posterior: PosteriorSpread? = nil) {
        precondition(userBias.count == userIDs.count && userFactors.rows == userIDs.count)
        precondition(movieBias.count == catalog.count && movieFactors.rows == catalog.count)
        precondition(movieRatingCounts.count == catalog.count)
        precondition(userFactors.columns == movieFactors.columns && genreFactors.columns == movieFactors.columns)
        precondition(genreFactors.rows == 0 || genreFactors.rows == catalog.genreNames.count)
        self.kind = kind
        self.globalMean = globalMean
        self.userBias = userBias
        self.movieBias = movieBias
        self.userFactors = userFactors
        self.movieFactors = movieFactors
        self.genreFactors = genreFactors
        self.userIDs = userIDs
        self.catalog = catalog
        self.movieRatingCounts = movieRatingCounts
        self.scale = scale
        self.hyperparameters = hyperparameters
        precondition(userRatings.map { $0.rowCount == userIDs.count && $0.columnCount == catalog.count } ?? true)
        self.userRatings = userRatings
        self.trainingUserCount = trainingUserCount ?? userIDs.count
        precondition(self.trainingUserCount >= userIDs.count)
        precondition(posterior.map { $0.movieBiasVariance.count == catalog.count && $0.movieFactorVariance.rows == catalog.count
            && ($0.userBiasVariance.isEmpty || $0.userBiasVariance.count == userIDs.count) } ?? true)
        self.posterior = posterior
    }

    /// Number of latent dimensions K (0 for `bias`).
    public var rank: Int { movieFactors.columns }
    /// Number of users.
    public var userCount: Int { userIDs.count }
    /// Number of movies.
    public var movieCount: Int { catalog.count }

    /// μ + b_u + c_i + x_u · y_i, not clamped (use for ranking). Cost O(K).
    @inlinable
    public func score(user: Int, movie: Int) -> Float {
        let k = rank
        let dot = k == 0 ? 0 : userFactors.values.withUnsafeBufferPointer { x in
            movieFactors.values.withUnsafeBufferPointer { y in
                Dot.product(x.baseAddress! + user * k, y.baseAddress! + movie * k, count: k)
            }
        }
        return globalMean + userBias[user] + movieBias[movie] + dot
    }

    /// The predicted rating of dense `user` for dense `movie`, clamped to the rating scale
    /// (stars). Cost O(K).
    @inlinable
    public func predict(user: Int, movie: Int) -> Float {
        scale.clamp(score(user: user, movie: movie))
    }

    /// The prior mean g_i of movie `movie`'s vector: |F_i|^(−1/2) Σ_{f∈F_i} w_f (zero for
    /// movies without genres and for models without genre vectors). Cost O(|F_i| K).
    public func genrePrior(movie: Int) -> [Float] {
        var g = [Float](repeating: 0, count: rank)
        let genres = catalog.genres(of: movie)
        guard genreFactors.rows > 0, !genres.isEmpty else { return g }
        let d = 1 / Float(genres.count).squareRoot()
        for f in genres {
            for c in 0..<rank { g[c] += d * genreFactors[Int(f), c] }
        }
        return g
    }
}
