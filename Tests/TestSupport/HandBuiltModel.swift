import Core
import Model

/// Small factor models written out by hand (or drawn from a seed), for known-answer tests of
/// the measures that read a trained model.
public enum HandBuiltModel {
    /// A model with the given rows; K is the length of the rows (`rank` when there are none).
    /// Movies are numbered 1…; `genres[i]` is movie i's genre list as given (not sorted), its
    /// genres named `genreNames` (default "G0", "G1", …).
    public static func make(
        userFactors: [[Float]], movieFactors: [[Float]], rank: Int? = nil,
        userBias: [Float]? = nil, movieBias: [Float]? = nil, globalMean: Float = 3,
        genres: [[Int32]]? = nil, genreNames: [String]? = nil, ratingCounts: [Int32]? = nil
    ) -> FactorModel {
        let users = userFactors.count, movies = movieFactors.count
        let k = rank ?? movieFactors.first?.count ?? 0
        let genres = genres ?? Array(repeating: [], count: movies)
        let genreCount = Int(genres.flatMap { $0 }.max() ?? -1) + 1
        var start = [0]
        for g in genres { start.append(start.last! + g.count) }
        let catalog = MovieCatalog(
            movieIDs: (0..<movies).map { Int64($0 + 1) }, titles: (0..<movies).map { "Movie \($0)" },
            years: Array(repeating: 0, count: movies), genreNames: genreNames ?? (0..<genreCount).map { "G\($0)" },
            genreStart: start, genreIndex: genres.flatMap { $0 })
        let kind: ModelKind = k == 0 ? .bias : .biasUV
        return FactorModel(
            kind: kind, globalMean: globalMean,
            userBias: userBias ?? Array(repeating: 0, count: users),
            movieBias: movieBias ?? Array(repeating: 0, count: movies),
            userFactors: Matrix(rows: users, columns: k, values: userFactors.flatMap { $0 }),
            movieFactors: Matrix(rows: movies, columns: k, values: movieFactors.flatMap { $0 }),
            genreFactors: Matrix(rows: 0, columns: k),
            userIDs: (0..<users).map { Int64($0 + 1) }, catalog: catalog,
            movieRatingCounts: ratingCounts ?? Array(repeating: 100, count: movies),
            scale: RatingScale(minimum: 0.5, maximum: 5, step: 0.5),
            hyperparameters: .defaults(for: kind))
    }

    /// Ratings by user from (user, movie) pairs, every rating 4 stars.
    public static func ratings(_ pairs: [(Int32, Int32)], users: Int, movies: Int) -> RatingMatrix {
        RatingMatrix.fromTriplets(rows: pairs.map(\.0), columns: pairs.map(\.1), values: pairs.map { _ in 4 },
                                  rowCount: users, columnCount: movies)
    }

    /// Held-out ratings from (user, movie, stars).
    public static func test(_ rows: [(Int32, Int32, Float)]) -> RatingTriplets {
        RatingTriplets(users: rows.map(\.0), movies: rows.map(\.1), ratings: rows.map(\.2),
                       timestamps: rows.map { _ in 0 })
    }

    /// A model with Gaussian biases and K-dimensional vectors, and a split of random ratings:
    /// each user rates about a fifth of the movies (whole stars 1–5), a quarter of those held
    /// out; movie rating counts are those of the training part.
    public static func random(users: Int, movies: Int, rank: Int, seed: UInt64) -> (FactorModel, RatingMatrix, RatingTriplets) {
        var rng = SplitMix64(seed: seed)
        func gaussians(_ n: Int, _ scale: Double) -> [Float] { (0..<n).map { _ in Float(scale * rng.nextGaussian()) } }
        var train: [(Int32, Int32)] = [], test: [(Int32, Int32, Float)] = []
        for u in 0..<users {
            for m in 0..<movies where rng.nextUnit() < 0.2 {
                let stars = Float(1 + Int(rng.nextUnit() * 5))
                if rng.nextUnit() < 0.25 { test.append((Int32(u), Int32(m), stars)) } else { train.append((Int32(u), Int32(m))) }
            }
        }
        var counts = [Int32](repeating: 0, count: movies)
        for (_, m) in train { counts[Int(m)] += 1 }
        let model = make(
            userFactors: (0..<users).map { _ in gaussians(rank, 1) }, movieFactors: (0..<movies).map { _ in gaussians(rank, 0.5) },
            rank: rank, userBias: gaussians(users, 0.3), movieBias: gaussians(movies, 0.5), globalMean: 3.5,
            ratingCounts: counts)
        return (model, ratings(train, users: users, movies: movies), Self.test(test))
    }
}
