import Foundation
import Model

/// The three models, each trained by MAP and by Gibbs sampling (or by the one inference asked
/// for), saved side by side and judged as users judge them (`ModelQuality`): the work of
/// `cinematrix compare` and of the demo.
public struct ModelComparison: Sendable {
    public struct Entry: Sendable {
        public var kind: ModelKind
        public var settings: Hyperparameters
        public var run: TrainingRun
        public var folder: String
        /// Mean seconds per epoch or sweep.
        public var secondsPerEpoch: Double
        public var quality: ModelQuality
        /// "bias-uv-genre Gibbs".
        public var name: String { ComparisonRecord.name(kind, settings.inference) }
    }

    public var entries: [Entry]
    /// What is saved as `comparison.json`, and shown by `compare` and the report.
    public var record: ComparisonRecord

    /// Index of the entry with the lowest test RMSE (train RMSE without a test split).
    public var best: Int { record.best }

    /// Trains every model kind with each of `inferences` on `data` with `settings(kind)`,
    /// writing each experiment folder (model, metrics, config, curves) under `out` as
    /// `<kind>-<inference>/`, then measures each (`ModelQuality`, lists ranked by `rule` above
    /// the popularity floor `minRatings`), and writes `comparison.csv`, `comparison.json`,
    /// `comparison.png` and `ranking-rules.csv` (the best model under every candidate rule).
    /// `progress` is told of each finished epoch or sweep with the model's name. Cost: the six
    /// trainings plus O(min(users, 5000) · movies · K) per model for the lists.
    public static func run(_ data: Dataset, checksum: UInt64, datasetPath: String, settings: (ModelKind) -> Hyperparameters,
                           inferences: [Inference], rule: RankingRule, minRatings: Int, threads: Int, out: String,
                           progress: (String, EpochReport) -> Void) throws -> ModelComparison {
        var entries: [Entry] = []
        for inference in inferences {
            for kind in ModelKind.allCases {
                var s = settings(kind)
                s.inference = inference
                let name = ComparisonRecord.name(kind, inference)
                let folder = (out as NSString).appendingPathComponent("\(kind.rawValue)-\(inference.rawValue)")
                let run: TrainingRun
                do {
                    run = try ExperimentRun.trainAndSave(data, checksum: checksum, datasetPath: datasetPath, settings: s,
                                                         threads: threads, folder: folder) { progress(name, $0); return false }
                } catch let e as TrainingError {
                    throw AnalysisError(problem: "\(name): \(e.description)", kind: .trainingFailed)
                }
                let quality = ModelQuality.measure(model: run.model, dataset: data, testRMSE: run.history.last?.testRMSE ?? .nan,
                                                   rule: rule, minRatings: minRatings, threads: threads)
                entries.append(Entry(kind: kind, settings: s, run: run, folder: folder,
                                     secondsPerEpoch: run.history.map(\.seconds).reduce(0, +) / Double(max(1, run.history.count)),
                                     quality: quality))
            }
        }
        let size = "\(ChartSubject.grouped(data.userCount)) users × \(ChartSubject.grouped(data.movieCount)) movies"
        var record = ComparisonRecord(entries: entries, rule: rule, rules: [],
                                      data: ChartSubject.dataName(source: data.source).map { "\($0), \(size)" } ?? size)
        let best = entries[record.best]
        record.rules = RankingRule.candidates.map {
            ComparisonRecord.Rule(ModelQuality.ranking(model: best.run.model, dataset: data, rule: $0, minRatings: minRatings, threads: threads),
                                  used: $0 == rule)
        }
        try record.write(into: out)
        return ModelComparison(entries: entries, record: record)
    }
}
