import Analyze
import ArgumentParser
import Foundation
import Model

/// `cinematrix train DATASET`: trains one model and saves an experiment folder.
struct TrainCommand: ContractCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train one matrix-factorisation model (Gibbs sampling or ALS) and save it as an experiment folder.",
        discussion: CommandHelp.discussion("""
            Models: bias (μ + user and movie biases), bias-uv (plus K-dimensional user and movie vectors), \
            bias-uv-genre (plus one vector per genre as the prior mean of its movies' vectors; the most accurate).

            Inference: gibbs (the default) averages the posterior over --samples sweeps after --burn-in, with the \
            prior strengths and the noise level learned from the ratings, so nothing needs tuning; the model file \
            keeps the posterior means and spread. map trains the point estimate by alternating least squares with \
            --epochs, --tau, --gamma and --lambda.

            The folder gets model.cmxm, metrics.csv (gibbs: sweep, burn_in, train_rmse, test_rmse, alpha, seconds, \
            the test RMSE of the running posterior mean after the burn-in; map: epoch, loss, train_rmse, test_rmse, \
            seconds), config.json (every setting, seed, dataset checksum, tool version), loss.png (map: the loss; \
            gibbs: the noise precision α) and rmse.png, the burn-in shaded. The same seed gives an identical model \
            whatever the thread count.
            """, examples: [
                "cinematrix train outputs/data.cmx --out outputs/gibbs",
                "cinematrix train outputs/data.cmx --inference map -k 64 --tau 20 --out outputs/map-k64",
            ]))

    @Argument(help: "Prepared dataset file (from `cinematrix prepare`).") var dataset: String
    @Option(help: "Which model to train.") var model: ModelKind = .biasUVGenre
    @OptionGroup var options: TrainingOptions
    @Option(help: ArgumentHelp("Experiment folder to write. Default: outputs/<model>-k<K>.", valueName: "folder")) var out: String?
    @OptionGroup var output: OutputOptions

    func validate() throws { try options.check(model) }

    func execute(_ console: Console) throws -> CommandOutcome {
        let folder = out ?? "outputs/\(model.rawValue)" + (model.hasVectors ? "-k\(options.settings(model).rank)" : "")
        let reservation = try ExperimentFolder.reserve(folder)  // locked and checked before any work
        defer { reservation.release() }
        let (data, checksum) = try DatasetFile.read(path: dataset)
        let settings = options.settings(model, trainingRatings: data.trainByUser.count)
        let gibbs = settings.inference == .gibbs
        console.line("training \(model.rawValue) on \(data.userCount) users × \(data.movieCount) movies, \(data.trainByUser.count) ratings")
        console.line(gibbs ? TrainingTable.sweepHeader : TrainingTable.epochHeader)
        let run = try ExperimentRun.trainAndSave(data, checksum: checksum, datasetPath: dataset, settings: settings,
                                                 threads: options.threadCount, folder: folder) { report in
            console.line(gibbs ? TrainingTable.sweepLine(report) : TrainingTable.epochLine(report))
            return false
        }
        let config = ExperimentRun.config(run, settings: settings, threads: options.threadCount, datasetPath: dataset, checksum: checksum,
                                          source: data.source)
        var text = "saved \(folder)/"
        if let last = run.history.last {
            text = String(format: "train RMSE %.4f, test RMSE %@; ", last.trainRMSE, last.testRMSE.isNaN ? "–" : String(format: "%.4f", last.testRMSE)) + text
        }
        return CommandOutcome(json: .object([("folder", .string(folder))] + (try JSONValue(encoding: config)).members), text: text)
    }
}

/// The live per-epoch (ALS) and per-sweep (Gibbs) tables of `train`.
enum TrainingTable {
    static let epochHeader = "epoch            loss  train RMSE  test RMSE  seconds"

    static func epochLine(_ r: EpochReport) -> String {
        let test = r.testRMSE.isNaN ? "      –" : String(format: "%7.4f", r.testRMSE)
        return String(format: "%5d  %14.2f  %10.4f  %@  %7.2f", r.epoch, r.loss, r.trainRMSE, test, r.seconds)
    }

    static let sweepHeader = "sweep    phase  train RMSE  test RMSE        α  seconds"

    /// Test RMSE of the running posterior mean after the burn-in, of the sample itself during it.
    static func sweepLine(_ r: EpochReport) -> String {
        let test = r.testRMSE.isNaN ? "      –" : String(format: "%7.4f", r.testRMSE)
        return String(format: "%5d  %@  %10.4f  %@  %7.3f  %7.2f", r.epoch, r.burnIn ? "burn-in" : " sample", r.trainRMSE, test, r.alpha, r.seconds)
    }
}
