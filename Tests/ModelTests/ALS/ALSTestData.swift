import Core
@testable import Model

/// Settings for the tests: the defaults with a given kind, rank and epoch count.
func testSettings(_ kind: ModelKind, rank: Int = 4, epochs: Int = 10, tau: Float = 2, gamma: Float = 2,
                  seed: UInt64 = 3) -> Hyperparameters {
    var h = Hyperparameters.defaults(for: kind)
    h.inference = .map
    h.rank = kind.hasVectors ? rank : 0
    h.epochs = epochs
    h.tau = tau
    h.gamma = gamma
    h.seed = seed
    return h
}
