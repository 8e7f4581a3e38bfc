import ArgumentParser
import Core
import Model
import Foundation

/// Hyper-parameter options shared by `train`, `compare` and `tune` (defaults: see
/// `Hyperparameters.defaults`; an option left out keeps the default).
struct TrainingOptions: ParsableArguments {
    @Option(name: [.customShort("k"), .long], help: "Latent dimensions K (default 32).")
    var k: Int?
    @Option(help: "ALS epochs (default 15).")
    var epochs: Int?
    @Option(help: "λ, precision of the rating noise, > 0 (default 1).")
    var lambda: Float?
    @Option(help: "τ, precision of the vector priors, ≥ 0 (default 15).")
    var tau: Float?
    @Option(help: "γ, precision of the bias priors, ≥ 0 (default 3).")
    var gamma: Float?
    @Option(name: .customLong("init-scale"), help: "σ of the N(0, σ²) initial vectors (default 0.1).")
    var initScale: Float?
    @Option(help: "Seed of the initial vectors and of every Gibbs draw (default 1).")
    var seed: UInt64?
    @Option(help: "Threads (default: all cores). The model does not depend on it.")
    var threads: Int?
    @Option(help: ArgumentHelp("map (alternating least squares, a point estimate) or gibbs (posterior means by Gibbs sampling, prior strengths learned from the data). Default: gibbs; compare trains both unless given.", valueName: "map|gibbs"))
    var inference: Inference?
    @Option(name: .customLong("burn-in"), help: "Gibbs sweeps discarded before averaging (default \(Hyperparameters.defaultBurnIn)).")
    var burnIn: Int?
    @Option(help: "Gibbs samples averaged after the burn-in (default \(Hyperparameters.defaultSamples), or 100 above 10 million training ratings).")
    var samples: Int?

    /// The settings for `kind` on a dataset with `trainingRatings` ratings (nil: unknown yet,
    /// enough for validation): defaults overridden by the options given.
    func settings(_ kind: ModelKind, trainingRatings: Int? = nil) -> Hyperparameters {
        var h = Hyperparameters.defaults(for: kind, trainingRatings: trainingRatings)
        if let k { h.rank = kind.hasVectors ? k : 0 }
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

    /// Thread count to use (at most `maximumThreads`).
    var threadCount: Int { boundedThreads(threads ?? availableCores) }

    /// Rejects options of the other inference (ALS epochs and τ, γ, λ for Gibbs; burn-in and
    /// samples for MAP), with the remedy.
    func checkInferenceOptions(_ kind: ModelKind) throws {
        let inference = settings(kind).inference
        if inference == .gibbs {
            let mapOnly = [("--epochs", epochs != nil), ("--tau", tau != nil), ("--gamma", gamma != nil), ("--lambda", lambda != nil)]
            if let (name, _) = mapOnly.first(where: { $0.1 }) {
                throw ValidationError("\(name) is a setting of MAP training (ALS); Gibbs sampling learns the prior strengths "
                    + "and runs --burn-in + --samples sweeps. Add --inference map to train by ALS.")
            }
        } else if burnIn != nil || samples != nil {
            throw ValidationError("--burn-in and --samples are settings of Gibbs sampling; drop them or use --inference gibbs.")
        }
    }

    /// Rejects out-of-range settings before any work, with the remedy.
    func check(_ kind: ModelKind) throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        do { try settings(kind).validate() } catch let e as TrainingError { throw ValidationError(e.description) }
    }
}

extension Inference: ExpressibleByArgument {}

/// Trains with the inference `settings` asks for: ALS for `.map`, Gibbs sampling for `.gibbs`.
func trainModel(_ data: Dataset, settings: Hyperparameters, threads: Int,
                progress: (EpochReport) -> Bool) throws -> TrainingRun {
    switch settings.inference {
    case .map: return try ALSTrainer.train(data, settings: settings, threads: threads, progress: progress)
    case .gibbs: return try GibbsTrainer.train(data, settings: settings, threads: threads, progress: progress)
    }
}

/// Parses a `--model` value.
func parseModelKind(_ text: String) throws -> ModelKind {
    guard let kind = ModelKind(rawValue: text) else {
        throw ValidationError("unknown model '\(text)': use one of \(ModelKind.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return kind
}

/// Loads a prepared dataset file, turning a failure into a one-line message.
func loadDataset(_ path: String) throws -> (dataset: Dataset, checksum: UInt64) {
    do {
        return try DatasetFile.read(path: path)
    } catch let e as CustomStringConvertible {
        throw CommandFailure(e.description + " (make one with `cinematrix prepare`)")
    }
}

/// A failure already explained in its message; printed as is, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// One row of the live per-epoch table.
func epochLine(_ r: EpochReport) -> String {
    let test = r.testRMSE.isNaN ? "      –" : String(format: "%7.4f", r.testRMSE)
    return String(format: "%5d  %14.2f  %10.4f  %@  %7.2f", r.epoch, r.loss, r.trainRMSE, test, r.seconds)
}

/// Header of the per-epoch table.
let epochHeader = "epoch            loss  train RMSE  test RMSE  seconds"

/// One row of the live per-sweep table of Gibbs sampling (test RMSE of the running posterior
/// mean after the burn-in, of the sample itself during it).
func sweepLine(_ r: EpochReport) -> String {
    let test = r.testRMSE.isNaN ? "      –" : String(format: "%7.4f", r.testRMSE)
    return String(format: "%5d  %@  %10.4f  %@  %7.3f  %7.2f", r.epoch, r.burnIn ? "burn-in" : " sample", r.trainRMSE, test, r.alpha, r.seconds)
}

/// Header of the per-sweep table.
let sweepHeader = "sweep    phase  train RMSE  test RMSE        α  seconds"
