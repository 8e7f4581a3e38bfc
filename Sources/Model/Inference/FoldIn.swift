import Core

/// Why a new user's ratings could not be folded into a model.
public enum FoldInError: Error, CustomStringConvertible, Equatable {
    /// No ratings were given.
    case noRatings
    /// A rating lies outside the model's rating scale.
    case offScale(movie: String, rating: Float, scale: RatingScale)
    /// The same movie was rated twice.
    case duplicate(movie: String)
    /// The user's normal equations are singular (only possible when the model has τ = 0 or γ = 0).
    case singular

    public var description: String {
        switch self {
        case .noRatings:
            return "no ratings given: rate a few movies."
        case let .offScale(movie, rating, scale):
            return "rating \(rating) for '\(movie)' is off the scale; use \(scale.minimum)…\(scale.maximum) in steps of \(scale.step)."
        case let .duplicate(movie):
            return "'\(movie)' is rated twice; give each movie once."
        case .singular:
            return "these ratings do not determine a taste vector (the model was trained with τ = 0); rate more movies."
        }
    }
}

/// A user's bias and taste vector solved against fixed movie parameters, with what is needed to
/// explain recommendations.
public struct UserFit: Sendable {
    /// b_u (stars).
    public var bias: Float
    /// x_u (K values).
    public var vector: [Float]
    /// The rated movies (dense indices) and their residuals r − μ − c_i, which the fit used.
    public var rated: [Int32]
    let residuals: [Double]
    /// Cholesky factor of the (K+1)×(K+1) system, row-major upper triangle.
    let factor: [Double]
    /// The noise variance 1/α (stars²) of a Gibbs-trained model, which makes the system's
    /// inverse times it the posterior covariance of (x, b); nil for MAP models.
    public let noiseVariance: Double?

    /// The posterior variance of x·y + b for a movie with vector `y` (stars²), from the fold-in's
    /// posterior covariance A⁻¹/α; nil for MAP models. Cost O(K²).
    public func tasteVariance(of y: [Float]) -> Double? {
        guard let noiseVariance else { return nil }
        let k = vector.count, n = k + 1
        var z = y.map(Double.init) + [1]
        let original = z
        DenseCholesky.solve(factor, n: n, &z)
        var quadratic = 0.0
        for i in 0..<n { quadratic += original[i] * z[i] }
        return max(0, quadratic) * noiseVariance
    }
}

/// The prior a fold-in adds to the user's normal equations, relative to the noise precision:
/// a (K+1)×(K+1) precision (vector block first, the bias last) and a right-hand-side term.
public struct FoldInPrior: Sendable {
    /// Row-major (K+1)×(K+1) precision added to Σ z zᵀ.
    public var precision: [Double]
    /// K+1 values added to Σ z e.
    public var term: [Double]
    /// 1/α for a posterior prior, nil for a MAP ridge.
    public var noiseVariance: Double?

    /// The MAP ridge of training: τ' I on the vector, γ' on the bias, zero mean.
    public static func ridge(vector: Float, bias: Float, rank k: Int) -> FoldInPrior {
        let n = k + 1
        var p = [Double](repeating: 0, count: n * n)
        for c in 0..<k { p[c * n + c] = Double(vector) }
        p[k * n + k] = Double(bias)
        return FoldInPrior(precision: p, term: [Double](repeating: 0, count: n), noiseVariance: nil)
    }

    /// The learned prior of a Gibbs-trained model: x ~ N(μ_x, Λ_x⁻¹), b ~ N(0, 1/β_b), noise
    /// precision α, all posterior means, so the precision is blockdiag(Λ_x, β_b)/α and the term
    /// (Λ_x μ_x/α, 0).
    public static func posterior(_ p: PosteriorSpread, rank k: Int) -> FoldInPrior {
        let n = k + 1, alpha = Double(p.noisePrecision)
        var precision = [Double](repeating: 0, count: n * n), term = [Double](repeating: 0, count: n)
        for i in 0..<k {
            for j in 0..<k {
                let l = Double(p.userPriorPrecision[i, j]) / alpha
                precision[i * n + j] = l
                term[i] += l * Double(p.userPriorMean[j])
            }
        }
        precision[k * n + k] = Double(p.userBiasPrecision) / alpha
        return FoldInPrior(precision: precision, term: term, noiseVariance: 1 / alpha)
    }
}

/// Folds a user into a trained model: with every movie's bias c_i and vector y_i fixed, finds the
/// user's bias b and vector x minimising
/// λ/2 Σ (r_i − μ − b − c_i − x·y_i)² + γ/2 b² + τ/2 |x|²,
/// the same objective the ALS user step minimises in training.
///
/// Training alternates the bias solve and the vector solve; here both are solved jointly in one
/// (K+1)×(K+1) ridge system, which is the fixed point that alternation converges to, exactly and
/// in one step. Cost: O(n K² + K³) for n ratings.
public enum FoldIn {
    /// Solves for the user's bias and vector with the MAP ridge. `movies`/`ratings` are parallel arrays.
    public static func solve(
        movies: [Int32], ratings: [Float], globalMean: Float, movieBias: [Float],
        movieFactors: Matrix, vectorRidge: Float, biasRidge: Float
    ) throws -> UserFit {
        try solve(movies: movies, ratings: ratings, globalMean: globalMean, movieBias: movieBias, movieFactors: movieFactors,
                  prior: .ridge(vector: vectorRidge, bias: biasRidge, rank: movieFactors.columns))
    }

    /// Solves for the user's bias and vector (the posterior mean, for a posterior `prior`) under
    /// `prior`. `movies`/`ratings` are parallel arrays.
    public static func solve(
        movies: [Int32], ratings: [Float], globalMean: Float, movieBias: [Float],
        movieFactors: Matrix, prior: FoldInPrior
    ) throws -> UserFit {
        guard !movies.isEmpty else { throw FoldInError.noRatings }
        let k = movieFactors.columns, n = k + 1
        var a = [Double](repeating: 0, count: n * n)
        var rhs = [Double](repeating: 0, count: n)
        var residuals: [Double] = []
        residuals.reserveCapacity(movies.count)
        var z = [Double](repeating: 1, count: n)
        for (m, r) in zip(movies, ratings) {
            let i = Int(m)
            for c in 0..<k { z[c] = Double(movieFactors[i, c]) }
            let e = Double(r) - Double(globalMean) - Double(movieBias[i])
            residuals.append(e)
            for p in 0..<n {
                rhs[p] += z[p] * e
                for q in p..<n { a[p * n + q] += z[p] * z[q] }
            }
        }
        for p in 0..<n {
            rhs[p] += prior.term[p]
            for q in p..<n { a[p * n + q] += prior.precision[p * n + q] }
        }
        guard DenseCholesky.factor(&a, n: n) == nil else { throw FoldInError.singular }
        DenseCholesky.solve(a, n: n, &rhs)
        return UserFit(bias: Float(rhs[k]), vector: (0..<k).map { Float(rhs[$0]) },
                       rated: movies, residuals: residuals, factor: a, noiseVariance: prior.noiseVariance)
    }
}

extension UserFit {
    /// How much each rated movie contributed to the taste match x·y of a movie with vector `y`:
    /// since [x; b] = A⁻¹ Σ z_i e_i, x·y = Σ_i e_i · z_iᵀ A⁻¹ [y; 0] exactly; element i is the
    /// term of `rated[i]`. The contributions sum to x·y. Cost O(K² + n K).
    public func contributions(toTasteOf y: [Float], movieFactors: Matrix) -> [Float] {
        let k = vector.count, n = k + 1
        var v = y.map(Double.init) + [0]
        DenseCholesky.solve(factor, n: n, &v)
        return zip(rated, residuals).map { m, e in
            var dot = v[k]
            for c in 0..<k { dot += Double(movieFactors[Int(m), c]) * v[c] }
            return Float(e * dot)
        }
    }
}
