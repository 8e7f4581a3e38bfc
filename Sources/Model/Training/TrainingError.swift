/// Why training could not start or could not finish.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    /// A hyper-parameter is out of range (checked before any work).
    case invalidSetting(name: String, value: String, remedy: String)
    /// The dataset cannot be trained on (e.g. no training ratings).
    case unusableDataset(detail: String)
    /// A normal matrix was not positive definite in floating point.
    case choleskyFailed(side: String, row: Int, id: Int64, tau: Float)
    /// The joint system of all genre vectors (double precision) was not positive definite.
    case genreSystemFailed(tau: Float)
    /// A setting of one inference was given for the other (e.g. epochs for Gibbs sampling).
    case settingOfOtherInference(name: String, inference: Inference)
    /// A Gibbs draw was not finite, or a row's conditional precision was not positive definite.
    case sampleFailed(sweep: Int, side: String, row: Int, id: Int64)

    public var description: String {
        switch self {
        case let .settingOfOtherInference(name, inference):
            return inference == .map
                ? "\(name) is a setting of MAP training (ALS); Gibbs sampling learns the prior strengths and runs burn-in + samples sweeps."
                : "\(name) is a setting of Gibbs sampling; MAP training (ALS) runs a fixed number of epochs."
        case let .invalidSetting(name, value, remedy):
            return "invalid \(name) \(value): \(remedy)"
        case let .unusableDataset(detail):
            return "cannot train on this dataset: \(detail)"
        case let .choleskyFailed(side, row, id, tau):
            return "Cholesky factorisation failed for \(side) row \(row) (id \(id)) with τ = \(tau): "
                + "its normal matrix is not positive definite in single precision. "
                + "Increase the regularisation τ, e.g. to \(max(tau * 10, 1))."
        case let .sampleFailed(sweep, side, row, id):
            let which = side == "user" || side == "movie" ? "\(side) row \(row) (id \(id))" : "the \(side)"
            return "Gibbs sampling failed at sweep \(sweep): the draw for \(which) is not finite or its precision "
                + "is not positive definite. Nothing was saved. Check the ratings for extreme values, "
                + "or train with MAP inference."
        case let .genreSystemFailed(tau):
            return "Cholesky factorisation failed for the genre vectors' joint system with τ = \(tau): "
                + "it is not positive definite in double precision. "
                + "Increase the regularisation τ, e.g. to \(max(tau * 10, 1))."
        }
    }
}
