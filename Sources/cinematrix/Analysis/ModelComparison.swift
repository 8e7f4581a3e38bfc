import Analyze
import Foundation
import Model
import Render

/// The three models, each trained by MAP and by Gibbs sampling (or by the one inference asked
/// for), saved side by side and judged as users judge them (`ModelQuality`): the work of
/// `cinematrix compare` and of the demo.
struct ModelComparison {
    struct Entry {
        var kind: ModelKind
        var settings: Hyperparameters
        var run: TrainingRun
        var folder: String
        /// Mean seconds per epoch or sweep.
        var secondsPerEpoch: Double
        var quality: ModelQuality
        /// "bias-uv-genre Gibbs".
        var name: String { kind.rawValue + (settings.inference == .gibbs ? " Gibbs" : " MAP") }
    }

    var entries: [Entry]
    /// The ranking rule every entry's lists were ranked by.
    var rule: RankingRule
    /// The best entry's ranking quality under each rule of `RankingRule.candidates`.
    var rules: [RankingQuality]

    /// Trains every model kind with each of `inferences` on `data` with `settings(kind)`,
    /// writing each experiment folder (model, metrics, config, charts) under `out` as
    /// `<kind>-<inference>/`, then measures each (`ModelQuality`, lists ranked by `rule` above
    /// the recommend command's popularity floor), and writes `comparison.csv`,
    /// `comparison.png` and `ranking-rules.csv` (the best model under every candidate rule).
    /// `progress` is told of each finished epoch or sweep.
    static func run(_ data: Dataset, checksum: UInt64, datasetPath: String, settings: (ModelKind) -> Hyperparameters,
                    inferences: [Inference], rule: RankingRule, threads: Int, out: String,
                    progress: (String, EpochReport) -> Void) throws -> ModelComparison {
        var entries: [Entry] = []
        let floor = RankingFilter.defaultMinRatings(userCount: data.userCount)
        for inference in inferences {
            for kind in ModelKind.allCases {
                var s = settings(kind)
                s.inference = inference
                let name = kind.rawValue + (inference == .gibbs ? " Gibbs" : " MAP")
                let run: TrainingRun
                do {
                    run = try trainModel(data, settings: s, threads: threads) { progress(name, $0); return false }
                } catch let e as TrainingError {
                    throw CommandFailure("\(name): \(e.description)")
                }
                let folder = (out as NSString).appendingPathComponent("\(kind.rawValue)-\(inference.rawValue)")
                let config = ExperimentConfig(hyperparameters: s, threads: threads, dataset: datasetPath, datasetChecksum: checksum,
                                              toolVersion: Cinematrix.version, final: run.history.last)
                try ExperimentFolder.write(run, config: config, to: folder)
                try writeCharts(run.history, to: folder, subject: chartSubject(s, data))
                let test = run.history.last?.testRMSE ?? .nan
                let quality = ModelQuality.measure(model: run.model, dataset: data, testRMSE: test, rule: rule, minRatings: floor,
                                                   threads: threads)
                entries.append(Entry(kind: kind, settings: s, run: run, folder: folder,
                                     secondsPerEpoch: run.history.map(\.seconds).reduce(0, +) / Double(max(1, run.history.count)),
                                     quality: quality))
            }
        }
        var comparison = ModelComparison(entries: entries, rule: rule, rules: [])
        let best = comparison.entries[comparison.best]
        comparison.rules = RankingRule.candidates.map {
            ModelQuality.ranking(model: best.run.model, dataset: data, rule: $0, minRatings: floor, threads: threads)
        }
        try ExperimentFolder.writeText(comparison.csv, to: (out as NSString).appendingPathComponent("comparison.csv"))
        try ExperimentFolder.writeText(comparison.rulesCSV, to: (out as NSString).appendingPathComponent("ranking-rules.csv"))
        try comparison.chart().write(to: (out as NSString).appendingPathComponent("comparison.png"))
        return comparison
    }

    /// Header of `comparison.csv`.
    static let csvHeader = "model,inference,k,epochs,train_rmse,test_rmse,precision_at_10,recall_at_10,ndcg_at_10,"
        + "coverage,mean_popularity,genre_echo,seconds_per_epoch"

    /// One row per entry (`epochs` counts sweeps for Gibbs; full precision).
    var csv: String {
        var s = Self.csvHeader + "\n"
        for e in entries {
            let last = e.run.history.last, q = e.quality, r = q.ranking
            s += "\(e.kind.rawValue),\(e.settings.inference.rawValue),\(e.settings.rank),\(e.run.history.count),"
                + "\(last?.trainRMSE ?? .nan),\(q.testRMSE),\(r.precision),\(r.recall),\(r.ndcg),\(r.coverage),"
                + "\(r.meanPopularity),\(q.genreEcho),\(e.secondsPerEpoch)\n"
        }
        return s
    }

    /// `ranking-rules.csv`: the best model's lists under each candidate rule.
    var rulesCSV: String {
        var s = "rule,precision_at_10,recall_at_10,ndcg_at_10,coverage,mean_popularity,users\n"
        for r in rules {
            s += "\(r.rule),\(r.precision),\(r.recall),\(r.ndcg),\(r.coverage),\(r.meanPopularity),\(r.usersEvaluated)\n"
        }
        return s
    }

    /// Header and rows for printing or a report table (numbers rounded for people).
    var table: (header: [String], rows: [[String]]) {
        (["Model", "K", "Epochs", "Test RMSE", "P@10", "R@10", "NDCG@10", "Coverage", "Popularity", "Genre echo", "s/epoch"],
         entries.map { e in
             let q = e.quality, r = q.ranking, f = Self.number
             return [e.name, "\(e.settings.rank)", "\(e.run.history.count)", f(q.testRMSE, 4), f(r.precision, 3), f(r.recall, 3),
                     f(r.ndcg, 3), r.usersEvaluated > 0 ? f(r.coverage, 3) : "–", f(r.meanPopularity, 0), f(q.genreEcho, 2),
                     f(e.secondsPerEpoch, 3)]
         })
    }

    /// The rules table for printing.
    var rulesTable: (header: [String], rows: [[String]]) {
        (["Rank by", "P@10", "R@10", "NDCG@10", "Coverage", "Popularity"],
         rules.map { r in
             [r.rule.label + (r.rule == rule ? " (used)" : ""), Self.number(r.precision, 3), Self.number(r.recall, 3),
              Self.number(r.ndcg, 3), r.usersEvaluated > 0 ? Self.number(r.coverage, 3) : "–", Self.number(r.meanPopularity, 0)]
         })
    }

    /// `value` rounded to `digits` decimals for a table, "–" when it is not a number (no test
    /// split, or no vectors).
    static func number(_ value: Double, _ digits: Int) -> String {
        value.isFinite ? String(format: "%.\(digits)f", value) : "–"
    }

    /// Index of the entry with the lowest test RMSE (or train RMSE without a test split).
    var best: Int {
        func key(_ e: Entry) -> Double {
            e.quality.testRMSE.isNaN ? (e.run.history.last?.trainRMSE ?? .infinity) : e.quality.testRMSE
        }
        return entries.indices.min { key(entries[$0]) < key(entries[$1]) } ?? 0
    }

    /// Test RMSE of each model as a bar chart.
    func chart() throws -> RenderedChart {
        let values = entries.map { e in e.quality.testRMSE.isNaN ? (e.run.history.last?.trainRMSE ?? .nan) : e.quality.testRMSE }
        return try BarChart(title: "Test RMSE by model (lower is better)", categoryLabel: "model", valueLabel: "test RMSE",
                            categories: entries.map(\.name), values: values, showValues: true)
            .render(style: EmbeddingCharts.style(width: 760, height: 420))
    }
}
