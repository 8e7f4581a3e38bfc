import ArgumentParser
import Core
import Foundation
import Model

/// `cinematrix tune DATASET`: grid search on a validation split carved from the training ratings.
struct TuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Grid-search K, λ, τ and γ on a validation split carved from the training ratings.",
        discussion: """
        A random --validation fraction of each user's training ratings is held out (seeded by \
        --split-seed); every combination is trained on the rest and scored on it. The test \
        ratings are used once, for the best configuration only, retrained on all training \
        ratings. Writes tune.csv (every configuration) and best/ (the retrained
        experiment).

        Example:
          cinematrix tune outputs/data.cmx --k 16,32 --tau 8,15,25 --gamma 1,3,10
        """)

    @Argument(help: "Prepared dataset file (from `cinematrix prepare`).")
    var dataset: String

    @Option(help: "bias, bias-uv or bias-uv-genre.")
    var model: String = ModelKind.biasUVGenre.rawValue

    @Option(name: .customLong("k"), help: "Comma-separated values of K.")
    var ranks: String = "32"
    @Option(name: .customLong("lambda"), help: "Comma-separated values of λ.")
    var lambdas: String = "1"
    @Option(name: .customLong("tau"), help: "Comma-separated values of τ.")
    var taus: String = "8,15,25"
    @Option(name: .customLong("gamma"), help: "Comma-separated values of γ.")
    var gammas: String = "1,3,10"
    @Option(help: "ALS epochs per configuration (default 15).")
    var epochs: Int?
    @Option(help: "Fraction of each user's training ratings held out for validation.")
    var validation: Double = 0.2
    @Option(name: .customLong("split-seed"), help: "Seed of the validation split.")
    var splitSeed: UInt64 = 7
    @Option(help: "Seed of the initial vectors.")
    var seed: UInt64?
    @Option(help: "Threads (default: all cores).")
    var threads: Int?
    @Option(help: "Folder for tune.csv and best/.")
    var out: String = "outputs/tune"

    func values<T: LosslessStringConvertible>(_ text: String, _ name: String) throws -> [T] {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let parsed = parts.compactMap { T($0) }
        guard !parts.isEmpty, parsed.count == parts.count else {
            throw ValidationError("--\(name) \(text): give comma-separated numbers, e.g. --\(name) 8,16")
        }
        return parsed
    }

    func configurations() throws -> [Hyperparameters] {
        var base = Hyperparameters.defaults(for: try parseModelKind(model))
        base.inference = .map  // τ, γ and λ are settings of the MAP objective only
        if let epochs { base.epochs = epochs }
        if let seed { base.seed = seed }
        return GridSearch.grid(base: base, ranks: try values(ranks, "k"), lambdas: try values(lambdas, "lambda"),
                               taus: try values(taus, "tau"), gammas: try values(gammas, "gamma"))
    }

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        guard validation > 0 && validation < 1 else {
            throw ValidationError("--validation \(validation): give a fraction between 0 and 1, e.g. 0.2")
        }
        for c in try configurations() {
            do { try c.validate() } catch let e as TrainingError { throw ValidationError(e.description) }
        }
    }

    func run() throws {
        let grid = try configurations()
        let threadCount = boundedThreads(threads ?? availableCores)
        let (data, checksum) = try loadDataset(dataset)
        let split = ValidationSplit.carve(data, fraction: validation, seed: splitSeed)
        print("validation: \(split.test.count) of \(data.trainByUser.count) training ratings; \(grid.count) configurations")
        print("   K        λ        τ        γ  validation RMSE  train RMSE  s/epoch")
        var csv = "model,k,lambda,tau,gamma,epochs,validation_rmse,train_rmse,seconds_per_epoch\n"
        let results: [GridResult]
        do {
            results = try GridSearch.run(grid, on: split, threads: threadCount) { r in
                let s = r.settings
                print(String(format: "%4d  %7g  %7g  %7g  %15.4f  %10.4f  %7.3f", s.rank, s.lambda, s.tau, s.gamma,
                             r.validationRMSE, r.trainRMSE, r.secondsPerEpoch))
                csv += "\(s.kind.rawValue),\(s.rank),\(s.lambda),\(s.tau),\(s.gamma),\(s.epochs),\(r.validationRMSE),\(r.trainRMSE),\(r.secondsPerEpoch)\n"
                return false
            }
        } catch let e as TrainingError {
            throw CommandFailure(e.description)
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try ExperimentFolder.writeText(csv, to: (out as NSString).appendingPathComponent("tune.csv"))
        guard let best = GridSearch.best(results) else { return }
        let s = best.settings
        print("best: -k \(s.rank) --lambda \(s.lambda) --tau \(s.tau) --gamma \(s.gamma) (validation RMSE \(String(format: "%.4f", best.validationRMSE)))")
        let run = try ALSTrainer.train(data, settings: s, threads: threadCount)
        let folder = (out as NSString).appendingPathComponent("best")
        let config = ExperimentConfig(hyperparameters: s, threads: threadCount, dataset: dataset, datasetChecksum: checksum,
                                      toolVersion: Cinematrix.version, final: run.history.last)
        try ExperimentFolder.write(run, config: config, to: folder)
        try writeCharts(run.history, to: folder)
        print(String(format: "test RMSE of the best configuration, retrained on all training ratings: %.4f", run.history.last!.testRMSE))
        print("saved \(out)/tune.csv and \(folder)/")
    }
}
