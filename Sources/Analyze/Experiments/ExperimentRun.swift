import Foundation
import Model
import Render

/// One training run saved as an experiment folder: the model, its metrics, its configuration
/// and its curves (`loss.png`, `rmse.png`), all swapped into place in one step. The work of
/// `train`, of each model of `compare`, and of `tune`'s retrained best configuration.
public enum ExperimentRun {
    /// Trains on `data` with `settings` and saves the folder `folder`; `datasetPath` and
    /// `checksum` are recorded in `config.json`. `progress` is told of each epoch or sweep and
    /// may return true to stop. Returns the run.
    public static func trainAndSave(_ data: Dataset, checksum: UInt64, datasetPath: String, settings: Hyperparameters,
                                    threads: Int, folder: String,
                                    progress: (EpochReport) -> Bool = { _ in false }) throws -> TrainingRun {
        let run = try ModelTraining.train(data, settings: settings, threads: threads, progress: progress)
        try save(run, config: config(run, settings: settings, threads: threads, datasetPath: datasetPath, checksum: checksum, source: data.source),
                 subject: ChartSubject.line(settings, dataSource: data.source, users: data.userCount, movies: data.movieCount), to: folder)
        return run
    }

    /// The `config.json` record of `run`; `source` is the dataset's `source` line.
    public static func config(_ run: TrainingRun, settings: Hyperparameters, threads: Int, datasetPath: String,
                              checksum: UInt64, source: String?) -> ExperimentConfig {
        ExperimentConfig(hyperparameters: settings, threads: threads, dataset: datasetPath, datasetChecksum: checksum,
                         toolVersion: ToolVersion.current, final: run.history.last, datasetSource: source)
    }

    /// Saves `run` with `config` and its curves (titles naming `subject`) as the folder `folder`.
    public static func save(_ run: TrainingRun, config: ExperimentConfig, subject: String?, to folder: String) throws {
        let charts = try curves(run.history, subject: subject)
        try ExperimentFolder.write(run, config: config, to: folder, extraFiles: charts.map { ($0.name, try $0.chart.pngData()) })
    }

    /// The loss (α per sweep for Gibbs) and RMSE curves of `history` as (file name, chart).
    public static func curves(_ history: [EpochReport], subject: String?) throws -> [(name: String, chart: RenderedChart)] {
        let style = ChartStyle(software: ToolVersion.tag)
        let m = metrics(history, subject: subject)
        return [("loss.png", try ExperimentCharts.lossChart(m).render(style: style)),
                ("rmse.png", try ExperimentCharts.rmseChart(m).render(style: style))]
    }

    /// The report caption of the curve file `name` ("loss.png" or "rmse.png").
    public static func caption(of name: String, gibbs: Bool) -> String {
        name == "loss.png" ? (gibbs ? "Noise precision α per sweep" : "Loss per epoch") : (gibbs ? "RMSE per sweep" : "RMSE per epoch")
    }

    /// `history` as the chart module's metrics.
    public static func metrics(_ history: [EpochReport], subject: String?) -> ExperimentCharts.Metrics {
        let gibbs = history.contains { $0.alpha.isFinite }
        return ExperimentCharts.Metrics(epoch: history.map { Double($0.epoch) }, loss: history.map(\.loss),
                                        trainRMSE: history.map { Double($0.trainRMSE) }, testRMSE: history.map { Double($0.testRMSE) },
                                        alpha: gibbs ? history.map(\.alpha) : [], burnIn: history.filter(\.burnIn).count,
                                        subject: subject)
    }
}
