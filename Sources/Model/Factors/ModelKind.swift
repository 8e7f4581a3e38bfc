/// Which of the three matrix-factorisation models a `FactorModel` is.
///
/// All predict r̂ = μ + b_u + c_i + x_u · y_i; they differ in which terms exist:
/// - `bias`: μ, user biases b and movie biases c only (no vectors, K = 0).
/// - `biasUV`: biases plus K-dimensional user vectors x and movie vectors y with a N(0, 1/τ) prior.
/// - `biasUVGenre`: as `biasUV`, but each movie vector's prior mean is
///   g_i = |F_i|^(−1/2) · Σ_{f ∈ F_i} w_f, with one learned K-vector w_f per genre.
public enum ModelKind: String, Codable, Sendable, CaseIterable {
    case bias = "bias"
    case biasUV = "bias-uv"
    case biasUVGenre = "bias-uv-genre"

    /// Whether the model has user and movie vectors.
    public var hasVectors: Bool { self != .bias }
    /// Whether the model has genre vectors.
    public var hasGenres: Bool { self == .biasUVGenre }
}
