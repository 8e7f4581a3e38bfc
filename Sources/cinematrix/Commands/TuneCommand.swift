import Analyze
import ArgumentParser
import Core
import Foundation
import Model

/// `cinematrix tune DATASET`: grid search on a validation split carved from the training ratings.
struct TuneCommand: ContractCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Grid-search K, λ, τ and γ on a validation split carved from the training ratings.",
        discussion: CommandHelp.discussion("""
            A random --validation fraction of each user's training ratings is held out (seeded by --split-seed); \
            every combination is trained by MAP on the rest and scored on it. The test ratings are used once, for \
            the best configuration only, retrained on all training ratings. Writes tune.csv (every configuration) \
            and best/ (the retrained experiment).
            """, examples: ["cinematrix tune outputs/data.cmx --k 16,32 --tau 8,15,25 --gamma 1,3,10"]))

    @Argument(help: "Prepared dataset file (from `cinematrix prepare`).") var dataset: String
    @Option(help: "Which model to tune.") var model: ModelKind = .biasUVGenre
    @Option(name: .customLong("k"), help: "Comma-separated values of K.") var ranks: String = "32"
    @Option(name: .customLong("lambda"), help: "Comma-separated values of λ.") var lambdas: String = "1"
    @Option(name: .customLong("tau"), help: "Comma-separated values of τ.") var taus: String = "8,15,25"
    @Option(name: .customLong("gamma"), help: "Comma-separated values of γ.") var gammas: String = "1,3,10"
    @Option(help: ArgumentHelp("ALS epochs per configuration. Default: 15.", valueName: "n")) var epochs: Int?
    @Option(help: "Fraction of each user's training ratings held out for validation.") var validation: Double = 0.2
    @Option(name: .customLong("split-seed"), help: "Seed of the validation split.") var splitSeed: UInt64 = 7
    @Option(help: ArgumentHelp("Seed of the initial vectors. Default: 1.", valueName: "n")) var seed: UInt64?
    @Option(help: ArgumentHelp("Threads, at most 4 per core. Default: all cores.", valueName: "n")) var threads: Int?
    @Option(help: "Folder for tune.csv and best/.") var out: String = "outputs/tune"
    @OptionGroup var output: OutputOptions

    func values<T: LosslessStringConvertible>(_ text: String, _ name: String) throws -> [T] {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let parsed = parts.compactMap { T($0) }
        guard !parts.isEmpty, parsed.count == parts.count else {
            throw ValidationError("--\(name) \(text): give comma-separated numbers, e.g. --\(name) 8,16")
        }
        return parsed
    }

    func configurations() throws -> [Hyperparameters] {
        var base = Hyperparameters.defaults(for: model)
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
            do { try c.validate() } catch let e as TrainingError { throw ValidationError(CommandFailureReport(e).message) }
        }
    }

    func execute(_ console: Console) throws -> CommandOutcome {
        let grid = try configurations()
        let (data, checksum) = try DatasetFile.read(path: dataset)
        let outcome = try TuneRun.run(grid, on: data, checksum: checksum, datasetPath: dataset, fraction: validation, splitSeed: splitSeed,
                                      threads: boundedThreads(threads ?? availableCores), out: out, started: { held in
            console.line("validation: \(held) of \(data.trainByUser.count) training ratings; \(grid.count) configurations")
            console.line("   K        λ        τ        γ  validation RMSE  train RMSE  s/epoch")
        }, progress: { r in
            let s = r.settings
            console.line(String(format: "%4d  %7g  %7g  %7g  %15.4f  %10.4f  %7.3f", s.rank, s.lambda, s.tau, s.gamma,
                                r.validationRMSE, r.trainRMSE, r.secondsPerEpoch))
        })
        let s = outcome.best.settings
        let text = """
            best: -k \(s.rank) --lambda \(s.lambda) --tau \(s.tau) --gamma \(s.gamma) (validation RMSE \(String(format: "%.4f", outcome.best.validationRMSE)))
            test RMSE of the best configuration, retrained on all training ratings: \(ComparisonRecord.number(outcome.testRMSE, 4))
            saved \(outcome.csvPath) and \(outcome.bestFolder)/
            """
        let rows: [JSONValue] = outcome.results.map { r in
            .object([("k", .int(r.settings.rank)), ("lambda", .float(r.settings.lambda)), ("tau", .float(r.settings.tau)),
                     ("gamma", .float(r.settings.gamma)), ("validationRMSE", .double(r.validationRMSE)), ("trainRMSE", .double(r.trainRMSE))])
        }
        return CommandOutcome(json: .object([
            ("validationRatings", .int(outcome.validationRatings)), ("configurations", .array(rows)),
            ("best", .object([("k", .int(s.rank)), ("lambda", .float(s.lambda)), ("tau", .float(s.tau)), ("gamma", .float(s.gamma)),
                              ("validationRMSE", .double(outcome.best.validationRMSE))])),
            ("testRMSE", .double(outcome.testRMSE)), ("csv", .string(outcome.csvPath)), ("bestFolder", .string(outcome.bestFolder)),
        ]), text: text)
    }
}
