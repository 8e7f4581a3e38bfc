import Core
import Foundation
import Model
import Render

/// What a comparison found, without the models: one row per model and the best model's lists
/// under each ranking rule. Saved as `comparison.json` (read back by the report, so nothing
/// parses the CSV) beside `comparison.csv`, `ranking-rules.csv` and `comparison.png`.
public struct ComparisonRecord: Codable, Sendable, Equatable {
    /// One model's figures, in full precision; NaN (null in JSON) where there is no value.
    public struct Row: Codable, Sendable, Equatable {
        public var name: String
        public var model: String
        public var inference: String
        public var k: Int
        public var epochs: Int
        public var trainRMSE: Double
        public var testRMSE: Double
        public var precisionAt10: Double
        public var recallAt10: Double
        public var ndcgAt10: Double
        public var coverage: Double
        public var meanPopularity: Double
        public var genreEcho: Double
        public var secondsPerEpoch: Double
        public var usersEvaluated: Int
    }

    /// The best model's lists ranked by one rule.
    public struct Rule: Codable, Sendable, Equatable {
        /// As `--rank-by` takes it ("taste+0.25"), and for people ("taste + 0.25·bias").
        public var rule: String
        public var label: String
        public var used: Bool
        public var precisionAt10: Double
        public var recallAt10: Double
        public var ndcgAt10: Double
        public var coverage: Double
        public var meanPopularity: Double
        public var usersEvaluated: Int

        init(_ q: RankingQuality, used: Bool) {
            rule = "\(q.rule)"
            label = q.rule.label
            self.used = used
            precisionAt10 = q.precision
            recallAt10 = q.recall
            ndcgAt10 = q.ndcg
            coverage = q.coverage
            meanPopularity = q.meanPopularity
            usersEvaluated = q.usersEvaluated
        }
    }

    public var rows: [Row]
    /// The data the models learned from, for the chart's subtitle ("ml-latest-small, 610 users
    /// × 9,742 movies"); nil in records written before it was kept.
    public var data: String?
    /// The rule the lists were ranked by, for people.
    public var rule: String
    public var rules: [Rule]

    /// "bias-uv-genre Gibbs".
    public static func name(_ kind: ModelKind, _ inference: Inference) -> String {
        kind.rawValue + (inference == .gibbs ? " Gibbs" : " MAP")
    }

    init(entries: [ModelComparison.Entry], rule: RankingRule, rules: [Rule], data: String? = nil) {
        self.data = data
        self.rows = entries.map { e in
            let r = e.quality.ranking
            return Row(name: e.name, model: e.kind.rawValue, inference: e.settings.inference.rawValue, k: e.settings.rank,
                       epochs: e.run.history.count, trainRMSE: Double(e.run.history.last?.trainRMSE ?? .nan),
                       testRMSE: e.quality.testRMSE, precisionAt10: r.precision, recallAt10: r.recall, ndcgAt10: r.ndcg,
                       coverage: r.coverage, meanPopularity: r.meanPopularity, genreEcho: e.quality.genreEcho,
                       secondsPerEpoch: e.secondsPerEpoch, usersEvaluated: r.usersEvaluated)
        }
        self.rule = rule.label
        self.rules = rules
    }

    /// Index of the row with the lowest test RMSE (train RMSE without a test split).
    public var best: Int {
        func key(_ r: Row) -> Double { r.testRMSE.isNaN ? (r.trainRMSE.isNaN ? .infinity : r.trainRMSE) : r.testRMSE }
        return rows.indices.min { key(rows[$0]) < key(rows[$1]) } ?? 0
    }

    /// The comparison for people: numbers rounded, "–" where there is none.
    public var table: CSVTable {
        let f = Self.number
        return CSVTable(title: "Model comparison",
                        header: ["Model", "K", "Epochs", "Test RMSE", "P@10", "R@10", "NDCG@10", "Coverage", "Popularity", "Genre echo", "s/epoch"],
                        rows: rows.map { r in
                            [r.name, "\(r.k)", "\(r.epochs)", f(r.testRMSE, 4), f(r.precisionAt10, 3), f(r.recallAt10, 3), f(r.ndcgAt10, 3),
                             r.usersEvaluated > 0 ? f(r.coverage, 3) : "–", f(r.meanPopularity, 0), f(r.genreEcho, 2), f(r.secondsPerEpoch, 3)]
                        })
    }

    /// The rules for people.
    public var rulesTable: CSVTable {
        CSVTable(title: "Top-10 lists of \(rows.isEmpty ? "" : rows[best].name) by ranking rule",
                 header: ["Rank by", "P@10", "R@10", "NDCG@10", "Coverage", "Popularity"],
                 rows: rules.map { r in
                     [r.label + (r.used ? " (used)" : ""), Self.number(r.precisionAt10, 3), Self.number(r.recallAt10, 3),
                      Self.number(r.ndcgAt10, 3), r.usersEvaluated > 0 ? Self.number(r.coverage, 3) : "–", Self.number(r.meanPopularity, 0)]
                 })
    }

    /// `value` rounded to `digits` decimals for a table, "–" when it is not a number.
    public static func number(_ value: Double, _ digits: Int) -> String {
        value.isFinite ? String(format: "%.\(digits)f", value) : "–"
    }

    /// Header of `comparison.csv`.
    public static let csvHeader = ["model", "inference", "k", "epochs", "train_rmse", "test_rmse", "precision_at_10", "recall_at_10",
                                   "ndcg_at_10", "coverage", "mean_popularity", "genre_echo", "seconds_per_epoch"]

    /// `comparison.csv`: one row per model, full precision (`epochs` counts sweeps for Gibbs).
    public var csv: CSVTable {
        CSVTable(header: Self.csvHeader, rows: rows.map { r in
            [r.model, r.inference, "\(r.k)", "\(r.epochs)", "\(r.trainRMSE)", "\(r.testRMSE)", "\(r.precisionAt10)", "\(r.recallAt10)",
             "\(r.ndcgAt10)", "\(r.coverage)", "\(r.meanPopularity)", "\(r.genreEcho)", "\(r.secondsPerEpoch)"]
        })
    }

    /// `ranking-rules.csv`.
    public var rulesCSV: CSVTable {
        CSVTable(header: ["rule", "precision_at_10", "recall_at_10", "ndcg_at_10", "coverage", "mean_popularity", "users"],
                 rows: rules.map { r in
                     [r.rule, "\(r.precisionAt10)", "\(r.recallAt10)", "\(r.ndcgAt10)", "\(r.coverage)", "\(r.meanPopularity)", "\(r.usersEvaluated)"]
                 })
    }

    /// Test RMSE of each model as a dot plot on an axis that spans the values, not zero, so
    /// 0.836 and 0.869 look different; the best model highlighted, every value with the same
    /// decimals (train RMSE where there is no test split).
    public func chart() throws -> RenderedChart {
        let test = rows.contains { !$0.testRMSE.isNaN }
        let values = rows.map { $0.testRMSE.isNaN ? $0.trainRMSE : $0.testRMSE }
        let metric = test ? "Test RMSE" : "Train RMSE"
        return try DotPlot(title: "\(metric) of each model (lower is better)" + (data.map { "\n" + $0 } ?? ""),
                           valueLabel: metric.lowercased().replacingOccurrences(of: "rmse", with: "RMSE") + " (stars)",
                           categories: rows.map(\.name), values: values, highlight: rows.isEmpty ? nil : best)
            .render(style: EmbeddingCharts.style(width: 760, height: Double(max(300, 44 * rows.count + 130))))
    }

    /// Writes `comparison.csv`, `comparison.json`, `ranking-rules.csv` and `comparison.png`
    /// into `folder`.
    public func write(into folder: String) throws {
        try OutputFolderCreation.create(folder)
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        try csv.write(to: path("comparison.csv"))
        try rulesCSV.write(to: path("ranking-rules.csv"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        try OutputFile.write(encoder.encode(self), to: path(Self.fileName))
        try chart().write(to: path("comparison.png"))
    }

    /// "comparison.json".
    public static let fileName = "comparison.json"

    /// The record saved in `folder`, or nil when there is none there.
    public static func read(folder: String) throws -> ComparisonRecord? {
        let path = (folder as NSString).appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return try decoder.decode(ComparisonRecord.self, from: data)
        } catch {
            throw AnalysisError(file: path, problem: "not a comparison record (\(error.localizedDescription)); re-create it with a new comparison")
        }
    }
}
