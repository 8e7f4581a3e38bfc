import Foundation
import Model

/// Grid search on a validation split carved from the training ratings, then the best
/// configuration retrained on all training ratings and scored once on the test ratings: the
/// work of `cinematrix tune`. Writes `OUT/tune.csv` and the experiment folder `OUT/best/`.
public enum TuneRun {
    /// What the search found.
    public struct Outcome: Sendable {
        /// Ratings held out for validation, and all training ratings.
        public var validationRatings: Int
        public var trainingRatings: Int
        /// Every configuration, in grid order.
        public var results: [GridResult]
        /// The configuration with the lowest validation RMSE.
        public var best: GridResult
        /// Test RMSE of `best` retrained on all training ratings (NaN without a test split).
        public var testRMSE: Double
        public var csvPath: String
        public var bestFolder: String
    }

    /// Runs `grid` (see `GridSearch`) on `data` with a `fraction` of each user's training ratings
    /// held out by `splitSeed`. `started` is told the validation size first; `progress` is told
    /// of each configuration's result.
    public static func run(_ grid: [Hyperparameters], on data: Dataset, checksum: UInt64, datasetPath: String,
                           fraction: Double, splitSeed: UInt64, threads: Int, out: String,
                           started: (_ validationRatings: Int) -> Void = { _ in },
                           progress: (GridResult) -> Void = { _ in }) throws -> Outcome {
        let split = ValidationSplit.carve(data, fraction: fraction, seed: splitSeed)
        started(split.test.count)
        let results = try GridSearch.run(grid, on: split, threads: threads) { progress($0); return false }
        guard let best = GridSearch.best(results) else {
            throw AnalysisError(problem: "no configuration to try; give at least one value of each setting")
        }
        try OutputFolderCreation.create(out)
        let csvPath = (out as NSString).appendingPathComponent("tune.csv")
        try ExperimentFolder.writeText(csv(results), to: csvPath)
        let folder = (out as NSString).appendingPathComponent("best")
        let run = try ExperimentRun.trainAndSave(data, checksum: checksum, datasetPath: datasetPath, settings: best.settings,
                                                 threads: threads, folder: folder)
        return Outcome(validationRatings: split.test.count, trainingRatings: data.trainByUser.count, results: results, best: best,
                       testRMSE: run.history.last?.testRMSE ?? .nan, csvPath: csvPath, bestFolder: folder)
    }

    /// `tune.csv`: `model,k,lambda,tau,gamma,epochs,validation_rmse,train_rmse,seconds_per_epoch`.
    public static func csv(_ results: [GridResult]) -> String {
        var csv = "model,k,lambda,tau,gamma,epochs,validation_rmse,train_rmse,seconds_per_epoch\n"
        for r in results {
            let s = r.settings
            csv += "\(s.kind.rawValue),\(s.rank),\(s.lambda),\(s.tau),\(s.gamma),\(s.epochs),\(r.validationRMSE),\(r.trainRMSE),\(r.secondsPerEpoch)\n"
        }
        return csv
    }
}
