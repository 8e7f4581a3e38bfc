import ArgumentParser
import Core
import Foundation
import Model

/// `cinematrix report`: one self-contained HTML page about a trained model.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML report (images embedded) about an experiment.",
        discussion: """
        The page has the dataset summary, the configuration, the loss and RMSE curves,
        the model comparison (when the experiment sits in a `compare` folder with
        comparison.csv), PCA and t-SNE maps of movies and users, per-genre maps,
        neighbour tables for the most-rated titles, k-means clusters with their
        agreement with genres, and recommendations for a made-up user. Open it in any
        browser, print it, or attach it to an email.
          cinematrix report outputs/compare/bias-uv-genre-gibbs
          cinematrix report outputs/run1 --out outputs/run1-report
        The pictures and CSV files behind it are written next to report.html.
        """
    )

    @Argument(help: "Experiment folder (from train, compare or tune) or a model file.")
    var experiment: String

    @Option(help: "Folder for report.html and its figures (default: EXPERIMENT/report).")
    var out: String?

    @Option(help: "Popularity floor for the movie maps, neighbours and clusters (training ratings).")
    var minRatings: Int = 20

    @Option(help: "Number of k-means clusters.")
    var clusters: Int = 12

    @Option(help: "Seed for k-means and t-SNE.")
    var seed: UInt64 = 1

    @Option(help: "Threads (default: all cores).")
    var threads: Int = availableCores

    @Flag(help: "Print nothing but errors and the report's path.")
    var quiet = false

    func validate() throws {
        guard minRatings >= 0 else { throw ValidationError("--min-ratings must be 0 or more") }
        guard clusters >= 2 else { throw ValidationError("--clusters must be at least 2") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let modelPath = ModelFile.resolve(experiment)
        let folder = (modelPath as NSString).deletingLastPathComponent
        let m = try ModelFile.read(path: modelPath, includeUserRatings: true)
        guard m.rank > 0 else { throw CommandFailure("\(experiment): the bias model has no vectors to map; report on bias-uv or bias-uv-genre") }
        let config = (FileManager.default.contents(atPath: folder + "/config.json")).flatMap { try? JSONDecoder().decode(ExperimentConfig.self, from: $0) }
        var summary: DatasetSummary?
        if let dataset = config?.dataset, FileManager.default.fileExists(atPath: dataset) {
            summary = (try? DatasetFile.read(path: dataset)).map { DatasetSummary($0.dataset) }
        }
        let target = out ?? folder + "/report"
        let bundle = try AnalysisBundle.run(model: m, folder: target, minRatings: minRatings, clusters: clusters, seed: seed,
                                            threads: boundedThreads(threads)) { if !quiet { Terminal.error("report: \($0)…") } }
        let comparisonCSV = ((folder as NSString).deletingLastPathComponent as NSString).appendingPathComponent("comparison.csv")
        let html = try ReportBuilder.html(.init(
            title: "Cinematrix report: \((folder as NSString).lastPathComponent)", model: m, summary: summary, config: config,
            experimentFolder: folder, comparison: Self.comparison(csv: comparisonCSV, highlight: m.kind, inference: m.hyperparameters.inference),
            bundle: bundle))
        try OutputFile.write(html, to: target + "/report.html")
        print("report: \(target)/report.html")
    }

    /// The comparison table from a `compare` run's comparison.csv (columns found by name), if
    /// there is one; the row of `highlight` trained by `inference` is marked.
    static func comparison(csv path: String, highlight: ModelKind, inference: Inference)
        -> (header: [String], rows: [[String]], best: Int?, chart: String?)? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first, lines.count > 1 else { return nil }
        let columns: [(name: String, key: String, format: String)] = [
            ("K", "k", "%.0f"), ("Epochs", "epochs", "%.0f"), ("Test RMSE", "test_rmse", "%.4f"), ("P@10", "precision_at_10", "%.3f"),
            ("R@10", "recall_at_10", "%.3f"), ("NDCG@10", "ndcg_at_10", "%.3f"), ("Coverage", "coverage", "%.3f"),
            ("Popularity", "mean_popularity", "%.0f"), ("Genre echo", "genre_echo", "%.2f"), ("s/epoch", "seconds_per_epoch", "%.3f"),
        ]
        guard let model = header.firstIndex(of: "model") else { return nil }
        let inferenceColumn = header.firstIndex(of: "inference")
        let present = columns.filter { header.contains($0.key) }
        let rows = lines.dropFirst().filter { $0.count == header.count }.map { f -> [String] in
            let name = f[model] + (inferenceColumn.map { f[$0] == "gibbs" ? " Gibbs" : " MAP" } ?? "")
            return [name] + present.map { c in
                let v = Double(f[header.firstIndex(of: c.key)!]) ?? .nan
                return v.isNaN ? "–" : String(format: c.format, v)
            }
        }
        let wanted = highlight.rawValue + (inferenceColumn != nil ? (inference == .gibbs ? " Gibbs" : " MAP") : "")
        let chart = (path as NSString).deletingLastPathComponent + "/comparison.png"
        return (["Model"] + present.map(\.name), rows, rows.firstIndex { $0[0] == wanted },
                FileManager.default.fileExists(atPath: chart) ? chart : nil)
    }
}
