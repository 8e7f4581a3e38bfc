/// One point of a hyper-parameter grid and how it scored on the validation ratings.
public struct GridResult: Sendable, Equatable {
    /// The settings trained.
    public var settings: Hyperparameters
    /// Clamped RMSE on the validation ratings after the last epoch.
    public var validationRMSE: Double
    /// Clamped RMSE on the (reduced) training ratings.
    public var trainRMSE: Double
    /// Mean seconds per epoch.
    public var secondsPerEpoch: Double
}

/// Grid search over K, λ, τ and γ on a validation split carved from the training ratings
/// (`ValidationSplit`); the test ratings are never looked at.
public enum GridSearch {
    /// Every combination of the given values, with the other fields from `base`, in the order
    /// K, λ, τ, γ (last varies fastest).
    public static func grid(base: Hyperparameters, ranks: [Int], lambdas: [Float], taus: [Float], gammas: [Float]) -> [Hyperparameters] {
        var out: [Hyperparameters] = []
        for k in (base.kind.hasVectors ? ranks : [0]) {
            for l in lambdas {
                for t in (base.kind.hasVectors ? taus : [base.tau]) {
                    for g in gammas {
                        var h = base
                        h.rank = k
                        h.lambda = l
                        h.tau = t
                        h.gamma = g
                        out.append(h)
                    }
                }
            }
        }
        return out
    }

    /// Trains every configuration on `validation` (a dataset whose test ratings are the
    /// validation ratings) and reports each result to `progress` as it finishes (return true
    /// to stop). Results are in grid order. Throws the first `TrainingError`.
    public static func run(_ configurations: [Hyperparameters], on validation: Dataset, threads: Int,
                           progress: (GridResult) -> Bool = { _ in false }) throws -> [GridResult] {
        var results: [GridResult] = []
        for settings in configurations {
            let run = try ALSTrainer.train(validation, settings: settings, threads: threads)
            let last = run.history.last!
            let seconds = run.history.map(\.seconds).reduce(0, +) / Double(run.history.count)
            let result = GridResult(settings: settings, validationRMSE: last.testRMSE, trainRMSE: last.trainRMSE,
                                    secondsPerEpoch: seconds)
            results.append(result)
            if progress(result) { break }
        }
        return results
    }

    /// The result with the lowest validation RMSE (first on ties), or nil for no results.
    public static func best(_ results: [GridResult]) -> GridResult? {
        results.min { $0.validationRMSE < $1.validationRMSE }
    }
}
