import Foundation
import Model
import Render

/// The three models trained with shared settings and saved side by side: the work of
/// `cinematrix compare` and of the demo.
struct ModelComparison {
    struct Entry {
        var kind: ModelKind
        var settings: Hyperparameters
        var run: TrainingRun
        var folder: String
        /// Mean seconds per epoch.
        var secondsPerEpoch: Double
    }

    var entries: [Entry]

    /// Trains every model kind on `data` with `settings(kind)`, writing each experiment folder
    /// (model, metrics, config, charts) under `out`, plus `comparison.csv` and `comparison.png`.
    /// `epoch` is told of each finished epoch.
    static func run(_ data: Dataset, checksum: UInt64, datasetPath: String, settings: (ModelKind) -> Hyperparameters,
                    threads: Int, out: String, epoch: (ModelKind, EpochReport) -> Void) throws -> ModelComparison {
        var entries: [Entry] = []
        for kind in ModelKind.allCases {
            let s = settings(kind)
            let run: TrainingRun
            do {
                run = try ALSTrainer.train(data, settings: s, threads: threads) { epoch(kind, $0); return false }
            } catch let e as TrainingError {
                throw CommandFailure("\(kind.rawValue): \(e.description)")
            }
            let folder = (out as NSString).appendingPathComponent(kind.rawValue)
            let config = ExperimentConfig(hyperparameters: s, threads: threads, dataset: datasetPath, datasetChecksum: checksum,
                                          toolVersion: Cinematrix.version, final: run.history.last)
            try ExperimentFolder.write(run, config: config, to: folder)
            try writeCharts(run.history, to: folder)
            entries.append(Entry(kind: kind, settings: s, run: run, folder: folder,
                                 secondsPerEpoch: run.history.map(\.seconds).reduce(0, +) / Double(max(1, run.history.count))))
        }
        let comparison = ModelComparison(entries: entries)
        try ExperimentFolder.writeText(comparison.csv, to: (out as NSString).appendingPathComponent("comparison.csv"))
        try comparison.chart().write(to: (out as NSString).appendingPathComponent("comparison.png"))
        return comparison
    }

    /// `model,k,epochs,loss,train_rmse,test_rmse,seconds_per_epoch`.
    var csv: String {
        var s = "model,k,epochs,loss,train_rmse,test_rmse,seconds_per_epoch\n"
        for e in entries {
            let last = e.run.history.last!
            s += "\(e.kind.rawValue),\(e.settings.rank),\(e.run.history.count),\(last.loss),\(last.trainRMSE),\(last.testRMSE),\(e.secondsPerEpoch)\n"
        }
        return s
    }

    /// Header and rows for printing or a report table.
    var table: (header: [String], rows: [[String]]) {
        (["Model", "K", "Epochs", "Train RMSE", "Test RMSE", "s/epoch"],
         entries.map { e in
             let last = e.run.history.last!
             return [e.kind.rawValue, "\(e.settings.rank)", "\(e.run.history.count)", String(format: "%.4f", last.trainRMSE),
                     String(format: "%.4f", last.testRMSE), String(format: "%.3f", e.secondsPerEpoch)]
         })
    }

    /// Index of the entry with the lowest test RMSE (or train RMSE without a test split).
    var best: Int {
        entries.indices.min { a, b in
            let x = entries[a].run.history.last!, y = entries[b].run.history.last!
            return x.testRMSE.isNaN ? x.trainRMSE < y.trainRMSE : x.testRMSE < y.testRMSE
        } ?? 0
    }

    /// Test RMSE of each model as a bar chart.
    func chart() throws -> RenderedChart {
        let values = entries.map { e in Double(e.run.history.last!.testRMSE.isNaN ? e.run.history.last!.trainRMSE : e.run.history.last!.testRMSE) }
        return try BarChart(title: "Test RMSE by model (lower is better)", categoryLabel: "model", valueLabel: "test RMSE",
                            categories: entries.map(\.kind.rawValue), values: values, showValues: true)
            .render(style: EmbeddingCharts.style(width: 640, height: 400))
    }
}
