import Core

/// The hidden model behind synthetic ratings:
/// `rating = globalMean + userBias[u] + movieBias[i] + userFactors[u] · movieFactors[i] + noise`,
/// rounded to the nearest half star and clamped to 0.5…5.
///
/// Movie factors are tied to genres: `movieFactors[i] = mean of genreFactors over i's genres +
/// a small movie-specific residual`, so a model that knows genres can predict a movie from
/// few ratings.
public struct PlantedModel: Sendable, Equatable {
    /// Mean rating before biases.
    public var globalMean: Float
    /// Per-user offset (stars).
    public var userBias: [Float]
    /// Per-movie offset (stars).
    public var movieBias: [Float]
    /// Users × rank.
    public var userFactors: Matrix
    /// Movies × rank.
    public var movieFactors: Matrix
    /// Genres × rank (genre order of the catalogue).
    public var genreFactors: Matrix
    /// Standard deviation of the noise added before rounding.
    public var noise: Float

    /// The noiseless, unrounded rating of `movie` by `user`.
    @inlinable public func predict(user: Int, movie: Int) -> Float {
        var dot: Float = 0
        let k = userFactors.columns
        userFactors.values.withUnsafeBufferPointer { p in
            movieFactors.values.withUnsafeBufferPointer { q in
                for d in 0..<k { dot += p[user * k + d] * q[movie * k + d] }
            }
        }
        return globalMean + userBias[user] + movieBias[movie] + dot
    }
}

/// Standard deviations used to draw the planted parameters.
enum PlantedScales {
    static let globalMean: Float = 3.5
    static let userBias: Float = 0.35
    static let movieBias: Float = 0.45
    static let userFactor: Float = 0.5
    static let genreFactor: Float = 0.45
    static let movieResidual: Float = 0.2
}
