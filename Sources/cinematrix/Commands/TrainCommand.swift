import ArgumentParser
import Foundation
import Model
import Render

/// `cinematrix train DATASET`: trains one model by ALS and saves an experiment folder.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train one matrix-factorisation model (Gibbs sampling or ALS) and save it as an experiment folder.",
        discussion: """
        Models: bias (μ + user and movie biases), bias-uv (plus K-dimensional user
        and movie vectors), bias-uv-genre (plus one vector per genre as the prior mean
        of its movies' vectors; the most accurate).

        Inference: gibbs (default) averages the posterior over --samples sweeps after
        --burn-in, with the prior strengths and the noise level learned from the
        ratings, so nothing needs tuning; the model file keeps the posterior means and
        spread. map trains the point estimate by alternating least squares with
        --epochs, --tau, --gamma and --lambda.

        The folder gets model.cmxm, metrics.csv (gibbs: sweep,burn_in,train_rmse,
        test_rmse,alpha,seconds, the test RMSE of the running posterior mean after
        the burn-in; map: epoch,loss,train_rmse,test_rmse,seconds), config.json (every
        setting, seed, dataset checksum, tool version), loss.png (map: the loss; gibbs:
        the noise precision α) and rmse.png, the burn-in shaded. Same seed → identical
        model, whatever the thread count.

        Examples:
          cinematrix train outputs/data.cmx --out outputs/gibbs
          cinematrix train outputs/data.cmx --inference map -k 64 --tau 20 \\
            --out outputs/map-k64
        """)

    @Argument(help: "Prepared dataset file (from `cinematrix prepare`).")
    var dataset: String

    @Option(help: "bias, bias-uv or bias-uv-genre.")
    var model: String = ModelKind.biasUVGenre.rawValue

    @OptionGroup var options: TrainingOptions

    @Option(help: "Experiment folder to write (default outputs/<model>-k<K>).")
    var out: String?

    @Flag(help: "Print the final metrics as JSON on standard output (the table goes to standard error).")
    var json = false

    func validate() throws {
        try options.check(try parseModelKind(model))
        try options.checkInferenceOptions(try parseModelKind(model))
    }

    func run() throws {
        let kind = try parseModelKind(model)
        let folder = out ?? "outputs/\(kind.rawValue)" + (kind.hasVectors ? "-k\(options.settings(kind).rank)" : "")
        let reservation = try ExperimentFolder.reserve(folder)  // locked and checked before any work
        defer { reservation.release() }
        let (data, checksum) = try loadDataset(dataset)
        let settings = options.settings(kind, trainingRatings: data.trainByUser.count)
        let threads = options.threadCount
        let table: (String) -> Void = json ? { Terminal.error($0) } : { print($0) }
        table("training \(kind.rawValue) on \(data.userCount) users × \(data.movieCount) movies, \(data.trainByUser.count) ratings")
        table(settings.inference == .gibbs ? sweepHeader : epochHeader)
        let run: TrainingRun
        do {
            run = try trainModel(data, settings: settings, threads: threads) { report in
                table(settings.inference == .gibbs ? sweepLine(report) : epochLine(report))
                return false
            }
        } catch let e as TrainingError {
            throw CommandFailure(e.description)
        }
        let config = ExperimentConfig(hyperparameters: settings, threads: threads, dataset: dataset,
                                      datasetChecksum: checksum, toolVersion: Cinematrix.version, final: run.history.last)
        try ExperimentFolder.write(run, config: config, to: folder)
        try writeCharts(run.history, to: folder, subject: chartSubject(settings, data))
        table("saved \(folder)/")
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(config), as: UTF8.self))
        }
    }
}

/// "bias-uv-genre, K = 32, Gibbs, 610 users × 9,742 movies" for chart titles.
func chartSubject(_ h: Hyperparameters, _ data: Dataset) -> String {
    chartSubject(h, users: data.userCount, movies: data.movieCount)
}

/// The same from the counts alone.
func chartSubject(_ h: Hyperparameters, users: Int, movies: Int) -> String {
    let model = h.kind.rawValue + (h.kind.hasVectors ? ", K = \(h.rank)" : "") + (h.inference == .gibbs ? ", Gibbs" : ", MAP")
    func grouped(_ n: Int) -> String {
        var out = ""
        for (i, ch) in String(n).reversed().enumerated() { if i > 0 && i % 3 == 0 { out.append(",") }; out.append(ch) }
        return String(out.reversed())
    }
    return "\(model), \(grouped(users)) users × \(grouped(movies)) movies"
}

/// Draws `loss.png` (loss by epoch, log scale when it falls steeply; α by sweep for Gibbs) and
/// `rmse.png` (train and test RMSE by epoch or sweep, best marked, burn-in shaded) into the
/// experiment folder `folder`; `subject` names the model and data in the titles.
func writeCharts(_ history: [EpochReport], to folder: String, subject: String? = nil) throws {
    let gibbs = history.contains { $0.alpha.isFinite }
    let metrics = ExperimentCharts.Metrics(epoch: history.map { Double($0.epoch) }, loss: history.map(\.loss),
                                           trainRMSE: history.map { Double($0.trainRMSE) }, testRMSE: history.map { Double($0.testRMSE) },
                                           alpha: gibbs ? history.map(\.alpha) : [], burnIn: history.filter(\.burnIn).count,
                                           subject: subject)
    _ = try ExperimentCharts.render(metrics: metrics, into: folder, style: ChartStyle(software: "cinematrix \(Cinematrix.version)"))
}
