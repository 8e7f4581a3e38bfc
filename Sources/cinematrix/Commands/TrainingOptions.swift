import Core
import ArgumentParser
import Model

extension Inference: ExpressibleByArgument {}
extension ModelKind: ExpressibleByArgument {}

/// Hyper-parameter options shared by `train` and `compare` (defaults: `Hyperparameters.defaults`;
/// an option left out keeps the default).
struct TrainingOptions: ParsableArguments {
    @Option(name: [.customShort("k"), .long], help: ArgumentHelp("Latent dimensions K. Default: 32.", valueName: "n"))
    var k: Int?
    @Option(help: ArgumentHelp("ALS epochs (map). Default: 15.", valueName: "n"))
    var epochs: Int?
    @Option(help: ArgumentHelp("λ, precision of the rating noise, > 0 (map). Default: 1.", valueName: "x"))
    var lambda: Float?
    @Option(help: ArgumentHelp("τ, precision of the vector priors, ≥ 0 (map). Default: 15.", valueName: "x"))
    var tau: Float?
    @Option(help: ArgumentHelp("γ, precision of the bias priors, ≥ 0 (map). Default: 3.", valueName: "x"))
    var gamma: Float?
    @Option(name: .customLong("init-scale"), help: ArgumentHelp("σ of the N(0, σ²) initial vectors. Default: 0.1.", valueName: "x"))
    var initScale: Float?
    @Option(help: ArgumentHelp("Seed of the initial vectors and of every Gibbs draw. Default: 1.", valueName: "n"))
    var seed: UInt64?
    @Option(help: ArgumentHelp("Threads, at most 4 per core; the model does not depend on it. Default: all cores.", valueName: "n"))
    var threads: Int?
    @Option(help: ArgumentHelp("map (alternating least squares, a point estimate) or gibbs (posterior means by Gibbs sampling, prior strengths learned from the data). Default: gibbs; compare trains both unless given.", valueName: "inference"))
    var inference: Inference?
    @Option(name: .customLong("burn-in"), help: ArgumentHelp("Gibbs sweeps discarded before averaging. Default: \(Hyperparameters.defaultBurnIn).", valueName: "n"))
    var burnIn: Int?
    @Option(help: ArgumentHelp("Gibbs samples averaged after the burn-in. Default: \(Hyperparameters.defaultSamples), or 100 above 10 million training ratings.", valueName: "n"))
    var samples: Int?

    /// The settings given on the command line, by name.
    var given: HyperparameterOverrides {
        HyperparameterOverrides(rank: k, epochs: epochs, lambda: lambda, tau: tau, gamma: gamma, initScale: initScale, seed: seed,
                                inference: inference, burnIn: burnIn, samples: samples)
    }

    /// The settings for `kind` on a dataset with `trainingRatings` ratings (nil: unknown yet).
    func settings(_ kind: ModelKind, trainingRatings: Int? = nil) -> Hyperparameters {
        given.applied(to: Hyperparameters.defaults(for: kind, trainingRatings: trainingRatings))
    }

    /// Thread count to use (at most `maximumThreads`).
    var threadCount: Int { boundedThreads(threads ?? availableCores) }

    /// Rejects out-of-range settings, and settings of the other inference, before any work.
    func check(_ kind: ModelKind, inferenceFixed: Bool = true) throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        do {
            try settings(kind).validate()
            if inferenceFixed { try given.checkApplicable(to: settings(kind).inference) }
        } catch let e as TrainingError {
            throw ValidationError(CommandFailureReport(e).message)
        }
    }
}
