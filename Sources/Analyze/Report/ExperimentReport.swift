import Core
import Foundation
import Model
import Render

/// The report about one experiment folder (or model file): reads the model with its ratings,
/// `config.json`, the dataset it names (for the summary, when still there), `metrics.csv`
/// (the curves are drawn afresh from it) and `comparison.json` of an enclosing comparison;
/// runs `ModelAnalysis` into `out`; and writes `out/report.html`. The work of
/// `cinematrix report`.
public enum ExperimentReport {
    /// What was written.
    public struct Written: Sendable {
        public var page: String
        public var analysis: ModelAnalysis
    }

    /// Writes the report of `experiment` into `out` (default: `EXPERIMENT/report`). `minRatings`
    /// nil means the default floor of the model (`RankingFilter.defaultMinRatings`).
    public static func write(experiment: String, out: String?, minRatings: Int?, clusters: Int, seed: UInt64, threads: Int,
                             date: String, step: (String) -> Void) throws -> Written {
        let modelPath = ModelFile.resolve(experiment)
        let folder = (modelPath as NSString).deletingLastPathComponent
        let m = try ModelFile.read(path: modelPath, includeUserRatings: true)
        guard m.rank > 0 else { throw AnalysisError.noVectors(experiment) }
        let config = FileManager.default.contents(atPath: folder + "/config.json").flatMap { try? JSONDecoder().decode(ExperimentConfig.self, from: $0) }
        var summary: DatasetSummary?
        if let dataset = config?.dataset, FileManager.default.fileExists(atPath: dataset) {
            summary = (try? DatasetFile.read(path: dataset)).map { DatasetSummary($0.dataset) }
        }
        let h = config?.hyperparameters ?? m.hyperparameters
        let subject = ChartSubject.line(h, dataSource: config?.datasetSource ?? summary?.source, users: m.trainingUserCount, movies: m.movieCount)
        var curves: [(png: Data, caption: String)] = []
        if let metrics = try? ExperimentCharts.Metrics(csv: folder + "/metrics.csv") {
            var titled = metrics
            titled.subject = subject
            let style = EmbeddingCharts.style(width: 720, height: 450)
            let gibbs = h.inference == .gibbs
            curves = [(try ExperimentCharts.lossChart(titled).render(style: style).pngData(), ExperimentRun.caption(of: "loss.png", gibbs: gibbs)),
                      (try ExperimentCharts.rmseChart(titled).render(style: style).pngData(), ExperimentRun.caption(of: "rmse.png", gibbs: gibbs))]
        }
        let parent = (folder as NSString).deletingLastPathComponent
        let comparison = try ComparisonRecord.read(folder: parent)
        let target = out ?? folder + "/report"
        let floor = minRatings ?? RankingFilter.defaultMinRatings(userCount: m.trainingUserCount)
        let analysis = try ModelAnalysis.run(model: m, folder: target, minRatings: floor, clusters: clusters, seed: seed, threads: threads,
                                             subject: subject, step: step)
        let html = try ReportBuilder.html(.init(
            title: "Cinematrix report: \((folder as NSString).lastPathComponent)", model: m, summary: summary, config: config,
            curves: curves, comparison: comparison, comparisonChart: try comparison?.chart().pngData(), analysis: analysis, date: date))
        let page = target + "/report.html"
        try OutputFile.write(html, to: page)
        return Written(page: page, analysis: analysis)
    }

    /// Today's date as ISO 8601 ("2026-12-05"), for the page's subtitle.
    public static var today: String { String(ISO8601DateFormatter().string(from: Date()).prefix(10)) }
}
