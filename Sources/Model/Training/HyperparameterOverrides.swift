/// The hyper-parameters a person set explicitly (nil: keep the default), applied over
/// `Hyperparameters.defaults` and checked against the inference they belong to.
public struct HyperparameterOverrides: Sendable, Equatable {
    public var rank: Int?
    public var epochs: Int?
    public var lambda: Float?
    public var tau: Float?
    public var gamma: Float?
    public var initScale: Float?
    public var seed: UInt64?
    public var inference: Inference?
    public var burnIn: Int?
    public var samples: Int?

    public init(rank: Int? = nil, epochs: Int? = nil, lambda: Float? = nil, tau: Float? = nil, gamma: Float? = nil,
                initScale: Float? = nil, seed: UInt64? = nil, inference: Inference? = nil, burnIn: Int? = nil, samples: Int? = nil) {
        self.rank = rank
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

    /// `base` with every given setting replaced (K stays 0 for the bias model).
    public func applied(to base: Hyperparameters) -> Hyperparameters {
        var h = base
        if let rank { h.rank = h.kind.hasVectors ? rank : 0 }
        if let epochs { h.epochs = epochs }
        if let lambda { h.lambda = lambda }
        if let tau { h.tau = tau }
        if let gamma { h.gamma = gamma }
        if let initScale { h.initScale = initScale }
        if let seed { h.seed = seed }
        if let inference { h.inference = inference }
        if let burnIn { h.burnIn = burnIn }
        if let samples { h.samples = samples }
        return h
    }

    /// Throws `TrainingError.settingOfOtherInference` for a setting that `inference` does not
    /// use: epochs, τ, γ and λ belong to MAP (Gibbs learns the prior strengths); burn-in and
    /// samples to Gibbs.
    public func checkApplicable(to inference: Inference) throws {
        switch inference {
        case .gibbs:
            let mapOnly = [("epochs", epochs != nil), ("tau", tau != nil), ("gamma", gamma != nil), ("lambda", lambda != nil)]
            if let (name, _) = mapOnly.first(where: { $0.1 }) { throw TrainingError.settingOfOtherInference(name: name, inference: .map) }
        case .map:
            if burnIn != nil { throw TrainingError.settingOfOtherInference(name: "burn-in", inference: .gibbs) }
            if samples != nil { throw TrainingError.settingOfOtherInference(name: "samples", inference: .gibbs) }
        }
    }
}
