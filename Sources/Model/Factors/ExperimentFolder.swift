import Core
import Foundation

/// Everything recorded about a training run besides the model itself, written to
/// `config.json` of the experiment folder.
public struct ExperimentConfig: Codable, Sendable, Equatable {
    /// Every hyper-parameter, including the seed.
    public var hyperparameters: Hyperparameters
    /// Threads used (the model does not depend on it; recorded for timing comparisons).
    public var threads: Int
    /// Path of the dataset file as given.
    public var dataset: String
    /// Checksum stored in the dataset file, hexadecimal.
    public var datasetChecksum: String
    /// Where the dataset's ratings came from (`Dataset.source`), so charts can name the data
    /// after the dataset file is gone; nil in folders written before it was recorded.
    public var datasetSource: String?
    /// Version of the tool that trained the model.
    public var toolVersion: String
    /// Final metrics.
    public var final: EpochReport?

    /// A configuration record with every field given.
    public init(hyperparameters: Hyperparameters, threads: Int, dataset: String, datasetChecksum: UInt64,
                toolVersion: String, final: EpochReport?, datasetSource: String? = nil) {
        self.datasetSource = datasetSource
        self.hyperparameters = hyperparameters
        self.threads = threads
        self.dataset = dataset
        self.datasetChecksum = String(datasetChecksum, radix: 16)
        self.toolVersion = toolVersion
        self.final = final
    }
}

/// An experiment folder: `model.cmxm`, `metrics.csv` (`epoch,loss,train_rmse,test_rmse,seconds`),
/// `config.json`, and whatever extra files the caller passes (the charts `loss.png` and
/// `rmse.png`, from `ExperimentRun` in Analyze).
public enum ExperimentFolder {
    /// Writes the three files into `directory` as a whole (`OutputFolder.replace`): they are
    /// written into a temporary sibling that then takes the folder's place in one step, so a
    /// reader — or a run killed at any moment — sees the old folder or the new one, never the
    /// model of one run beside the config of another. Files of the old folder go with it.
    /// Throws `OutputError.busy` when another run is writing the same folder, and
    /// `OutputError.notAFolder` when a file is at `directory`.
    /// `extraFiles` (name, bytes), such as the run's charts, go into the same folder in the same
    /// step.
    public static func write(_ run: TrainingRun, config: ExperimentConfig, to directory: String,
                             extraFiles: [(name: String, data: Data)] = []) throws {
        // Everything that can fail without touching the disk happens first.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let json = String(decoding: try encoder.encode(config), as: UTF8.self) + "\n"
        // Kept until the process ends, so that a second run writing the same folder gets `busy`.
        // A command that holds `OutputLock(for: directory)` for its whole run makes this a
        // nested hold.
        let lock = try OutputLock(for: directory)
        retainedLocks.withLock { $0.append(lock) }
        try OutputFolder.replace(directory) { staging in
            try ModelFile.write(run.model, to: (staging as NSString).appendingPathComponent(ModelFile.fileName))
            try writeText(metricsCSV(run.history), to: (staging as NSString).appendingPathComponent("metrics.csv"))
            try writeText(json, to: (staging as NSString).appendingPathComponent("config.json"))
            for file in extraFiles {
                try OutputFile.write(file.data, to: (staging as NSString).appendingPathComponent(file.name))
            }
        }
    }

    /// The folder locks held until the process ends (see `write`).
    private static let retainedLocks = Locked<[OutputLock]>([])

    /// The history as CSV with header `epoch,loss,train_rmse,test_rmse,seconds` for ALS, or
    /// `sweep,burn_in,train_rmse,test_rmse,alpha,seconds` for Gibbs sampling (burn_in 1 for a
    /// discarded sweep; test_rmse of the running posterior-mean prediction after the burn-in,
    /// of the sample itself during it).
    public static func metricsCSV(_ history: [EpochReport]) -> String {
        if history.contains(where: { $0.alpha.isFinite }) {
            var s = "sweep,burn_in,train_rmse,test_rmse,alpha,seconds\n"
            for r in history {
                s += "\(r.epoch),\(r.burnIn ? 1 : 0),\(r.trainRMSE),\(r.testRMSE),\(r.alpha),\(r.seconds)\n"
            }
            return s
        }
        var s = "epoch,loss,train_rmse,test_rmse,seconds\n"
        for r in history {
            s += "\(r.epoch),\(r.loss),\(r.trainRMSE),\(r.testRMSE),\(r.seconds)\n"
        }
        return s
    }

    /// Writes `text` to `path` whole or not at all (`OutputFile`).
    public static func writeText(_ text: String, to path: String) throws {
        try OutputFile.write(text, to: path)
    }
}
