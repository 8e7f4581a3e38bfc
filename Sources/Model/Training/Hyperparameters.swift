/// How a model's parameters are inferred from the ratings.
public enum Inference: String, Codable, Sendable, CaseIterable {
    /// Maximum a posteriori point estimate by alternating least squares (`ALSTrainer`).
    case map
    /// Posterior means from a Gibbs sampler with learned prior strengths (`GibbsTrainer`).
    case gibbs
}

/// Every setting that determines a trained model (together with the dataset).
///
/// For `inference == .map` the objective is
/// L = λ/2 Σ (r − r̂)² + γ/2 (Σ b² + Σ c²) + τ/2 (Σ |x|² + Σ |y − g|² + Σ |w|²);
/// only the ratios τ/λ and γ/λ change the minimiser (λ scales L).
public struct Hyperparameters: Codable, Sendable, Equatable {
    /// Which model to train.
    public var kind: ModelKind
    /// Latent dimensions K (forced to 0 for `bias`).
    public var rank: Int
    /// Number of ALS epochs (each updates every block once).
    public var epochs: Int
    /// λ, precision of the rating noise (> 0).
    public var lambda: Float
    /// τ, precision of the vector priors (≥ 0).
    public var tau: Float
    /// γ, precision of the bias priors (≥ 0).
    public var gamma: Float
    /// Standard deviation σ of the N(0, σ²) initial vectors (≥ 0).
    public var initScale: Float
    /// Seed of the initial vectors (and, for Gibbs sampling, of every draw).
    public var seed: UInt64
    /// MAP (ALS) or Gibbs sampling. Files written before Gibbs sampling existed read as `.map`.
    public var inference: Inference
    /// Gibbs sweeps discarded before averaging (`inference == .gibbs` only).
    public var burnIn: Int
    /// Gibbs sweeps averaged after the burn-in (`inference == .gibbs` only).
    public var samples: Int

    /// Settings with every field given.
    public init(kind: ModelKind, rank: Int, epochs: Int, lambda: Float, tau: Float, gamma: Float,
                initScale: Float, seed: UInt64, inference: Inference = .map,
                burnIn: Int = Hyperparameters.defaultBurnIn, samples: Int = Hyperparameters.defaultSamples) {
        self.kind = kind
        self.rank = kind.hasVectors ? rank : 0
        self.epochs = epochs
        self.lambda = lambda
        self.tau = tau
        self.gamma = gamma
        self.initScale = initScale
        self.seed = seed
        self.inference = inference
        self.burnIn = burnIn
        self.samples = samples
    }

    /// Default Gibbs burn-in (sweeps); docs/models.md, "How the defaults were chosen", says why.
    public static let defaultBurnIn = 20
    /// Default number of averaged Gibbs samples for up to 10 million training ratings.
    public static let defaultSamples = 200

    /// The default number of averaged Gibbs samples for a dataset with `trainingRatings`
    /// ratings, the one place this "auto" setting is resolved: 200 up to 10 million ratings,
    /// where the posterior is wide and the Monte Carlo error of the posterior means shows in
    /// neighbour lists and new users' recommendations (with 100, a third of the seeds tried on
    /// ml-latest-small missed a sequel or a genre target); 100 above, where the running
    /// posterior-mean RMSE stops moving after about 50 samples (ml-32m size: 0.5255 after 50,
    /// 0.5252 after 100) and a sweep takes over a second.
    public static func defaultSamples(trainingRatings: Int) -> Int {
        trainingRatings > 10_000_000 ? 100 : defaultSamples
    }

    private enum CodingKeys: String, CodingKey {
        case kind, rank, epochs, lambda, tau, gamma, initScale, seed, inference, burnIn, samples
    }

    /// Decodes settings; fields added after format version 1 (`inference`, `burnIn`,
    /// `samples`) default to a MAP model when absent.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(kind: try c.decode(ModelKind.self, forKey: .kind), rank: try c.decode(Int.self, forKey: .rank),
                  epochs: try c.decode(Int.self, forKey: .epochs), lambda: try c.decode(Float.self, forKey: .lambda),
                  tau: try c.decode(Float.self, forKey: .tau), gamma: try c.decode(Float.self, forKey: .gamma),
                  initScale: try c.decode(Float.self, forKey: .initScale), seed: try c.decode(UInt64.self, forKey: .seed),
                  inference: try c.decodeIfPresent(Inference.self, forKey: .inference) ?? .map,
                  burnIn: try c.decodeIfPresent(Int.self, forKey: .burnIn) ?? 0,
                  samples: try c.decodeIfPresent(Int.self, forKey: .samples) ?? 0)
    }

    /// The defaults for `kind` on a dataset of `trainingRatings` ratings (nil: a small one):
    /// Gibbs sampling with K = 32, 20 burn-in sweeps and `defaultSamples(trainingRatings:)`
    /// samples, σ = 0.1, seed 1 (docs/models.md, "How the defaults were chosen"); for MAP (ALS)
    /// 15 epochs, λ = 1, τ = 15, γ = 3 (README, "Models: train, compare, tune", "How the
    /// defaults were chosen").
    public static func defaults(for kind: ModelKind, trainingRatings: Int? = nil) -> Hyperparameters {
        Hyperparameters(kind: kind, rank: 32, epochs: 15, lambda: 1, tau: 15, gamma: 3, initScale: 0.1, seed: 1,
                        inference: .gibbs, samples: trainingRatings.map(defaultSamples(trainingRatings:)) ?? defaultSamples)
    }

    /// τ/λ, the ridge added to each vector's normal matrix.
    public var vectorRidge: Float { tau / lambda }
    /// γ/λ, the ridge added to each bias's normal equation.
    public var biasRidge: Float { gamma / lambda }

    /// Throws `TrainingError.invalidSetting` for the first setting out of range.
    public func validate() throws {
        func bad(_ name: String, _ value: String, _ remedy: String) -> TrainingError {
            .invalidSetting(name: name, value: value, remedy: remedy)
        }
        if kind.hasVectors && rank <= 0 { throw bad("k", "\(rank)", "use at least 1 latent dimension, e.g. 32") }
        if rank > 1024 { throw bad("k", "\(rank)", "use at most 1024 latent dimensions") }
        if epochs < 1 { throw bad("epochs", "\(epochs)", "train for at least 1 epoch") }
        if !(lambda > 0) || !lambda.isFinite { throw bad("lambda", "\(lambda)", "λ must be a positive number, e.g. 1") }
        if !(tau >= 0) || !tau.isFinite { throw bad("tau", "\(tau)", "τ must be a non-negative number, e.g. 8") }
        if !(gamma >= 0) || !gamma.isFinite { throw bad("gamma", "\(gamma)", "γ must be a non-negative number, e.g. 5") }
        if !(initScale >= 0) || !initScale.isFinite { throw bad("init-scale", "\(initScale)", "σ must be a non-negative number, e.g. 0.1") }
        if inference == .gibbs {
            if samples < 1 { throw bad("samples", "\(samples)", "average at least 1 sample, e.g. \(Self.defaultSamples)") }
            if burnIn < 0 { throw bad("burn-in", "\(burnIn)", "the burn-in is a number of sweeps ≥ 0, e.g. \(Self.defaultBurnIn)") }
            if samples > 1_000_000 || burnIn > 1_000_000 {
                throw bad(samples > 1_000_000 ? "samples" : "burn-in", "\(max(samples, burnIn))", "use at most 1,000,000 sweeps")
            }
        }
    }
}
