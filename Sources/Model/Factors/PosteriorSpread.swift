import Core

/// What a Gibbs-trained model keeps of its posterior besides the means in `FactorModel`: the
/// per-coordinate variances of every bias and vector, and the posterior means of the
/// hyperparameters that folding in a new user needs.
///
/// The predictive variance of a rating is approximated from these as
/// Var b_u + Var c_i + Σ_k (x̄_k² Var y_ik + ȳ_ik² Var x_uk + Var x_uk Var y_ik) + 1/α,
/// which treats the coordinates as independent (the cross-covariances are not stored: they would
/// take K² floats per row).
public struct PosteriorSpread: Sendable, Equatable {
    /// Number of samples averaged.
    public var samples: Int
    /// Posterior mean of the noise precision α (1/stars²).
    public var noisePrecision: Float
    /// Var b_u per user (empty when the model was read without its users).
    public var userBiasVariance: [Float]
    /// Var c_i per movie.
    public var movieBiasVariance: [Float]
    /// Var x_uk per user and coordinate (users × K; zero rows without users).
    public var userFactorVariance: Matrix
    /// Var y_ik per movie and coordinate (movies × K).
    public var movieFactorVariance: Matrix
    /// Posterior mean of μ_x, the mean of the user vectors' prior (K).
    public var userPriorMean: [Float]
    /// Posterior mean of Λ_x, the precision of the user vectors' prior (K × K).
    public var userPriorPrecision: Matrix
    /// Posterior mean of β_b, the precision of the user biases' prior.
    public var userBiasPrecision: Float

    /// A spread with every field given.
    public init(samples: Int, noisePrecision: Float, userBiasVariance: [Float], movieBiasVariance: [Float],
                userFactorVariance: Matrix, movieFactorVariance: Matrix, userPriorMean: [Float],
                userPriorPrecision: Matrix, userBiasPrecision: Float) {
        self.samples = samples
        self.noisePrecision = noisePrecision
        self.userBiasVariance = userBiasVariance
        self.movieBiasVariance = movieBiasVariance
        self.userFactorVariance = userFactorVariance
        self.movieFactorVariance = movieFactorVariance
        self.userPriorMean = userPriorMean
        self.userPriorPrecision = userPriorPrecision
        self.userBiasPrecision = userBiasPrecision
    }
}

extension FactorModel {
    /// The predictive standard deviation (stars) of dense `user`'s rating of `movie` under the
    /// posterior (see `PosteriorSpread`), or nil for a model without one. Cost O(K).
    public func predictiveDeviation(user: Int, movie: Int) -> Float? {
        guard let p = posterior, p.userBiasVariance.count == userCount else { return nil }
        let k = rank
        var v = p.userBiasVariance[user] + p.movieBiasVariance[movie] + 1 / p.noisePrecision
        for c in 0..<k {
            let x = userFactors[user, c], y = movieFactors[movie, c]
            let vx = p.userFactorVariance[user, c], vy = p.movieFactorVariance[movie, c]
            v += x * x * vy + y * y * vx + vx * vy
        }
        return max(0, v).squareRoot()
    }
}
