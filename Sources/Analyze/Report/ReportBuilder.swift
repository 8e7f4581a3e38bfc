import Foundation
import Model
import Render

/// Assembles the self-contained HTML report from data and images already in memory: dataset
/// summary, configuration, curves, model comparison, maps, neighbour tables, clusters and
/// sample recommendations. It reads no files; every picture is embedded, so the page is one
/// file.
public enum ReportBuilder {
    /// What the report is about; everything but the model and its analysis is optional.
    public struct Inputs {
        public var title: String
        public var model: FactorModel
        public var summary: DatasetSummary?
        public var config: ExperimentConfig?
        /// The run's curves as (PNG, caption), e.g. from `ExperimentRun.curves`.
        public var curves: [(png: Data, caption: String)]
        /// The comparison this model took part in, if any, and the chart of it.
        public var comparison: ComparisonRecord?
        public var comparisonChart: Data?
        public var analysis: ModelAnalysis
        /// The date printed under the title (ISO 8601, e.g. "2026-12-05").
        public var date: String

        public init(title: String, model: FactorModel, summary: DatasetSummary?, config: ExperimentConfig?,
                    curves: [(png: Data, caption: String)], comparison: ComparisonRecord?, comparisonChart: Data?,
                    analysis: ModelAnalysis, date: String) {
            self.title = title
            self.model = model
            self.summary = summary
            self.config = config
            self.curves = curves
            self.comparison = comparison
            self.comparisonChart = comparisonChart
            self.analysis = analysis
            self.date = date
        }
    }

    /// The page as HTML.
    public static func html(_ i: Inputs) throws -> String {
        let m = i.model
        var r = HTMLReport(title: i.title, subtitle: "\(ToolVersion.tag) · \(i.date) · \(m.kind.rawValue), K = \(m.rank), \(m.userCount) users × \(m.movieCount) movies")
        try datasetSection(i.summary, into: &r)
        modelSection(i, into: &r)

        r.section("Maps of the embeddings")
        r.paragraph("Each movie and user is a point; nearby points have similar vectors. PCA keeps the global layout, t-SNE keeps neighbourhoods. Vectors of rarely rated movies are mostly their prior, so maps show movies above a popularity floor.")
        for f in i.analysis.maps { r.image(png: f.png, caption: f.caption) }
        if let grid = i.analysis.genreGrid {
            r.subheading("Each genre on the t-SNE map")
            r.image(png: grid.png, caption: grid.caption)
        }
        var explorer: String?
        if let entry = i.analysis.explorer {
            r.section("Explorer")
            r.paragraph("The same maps, to explore: hover a point for its title, genres and ratings, Ctrl + scroll to zoom, drag to pan, "
                        + "search a title to see its ten nearest neighbours, switch to PCA or to the users, colour by cluster or "
                        + "popularity, and tick genres on and off. It is the page `cinematrix explore` writes; the coordinates are in "
                        + "movies-tsne.csv and users-tsne.csv, written with the figures.")
            r.paragraph(explorerMarker)
            let page = try ExplorerPage.html(ExplorerData.assemble(title: i.title, entries: [entry]))
            explorer = "<iframe class=\"explorer\" title=\"Explorer\" loading=\"lazy\" "
                + "style=\"width:100%;height:780px;border:1px solid #ccc;border-radius:4px\" srcdoc=\"\(ExplorerPage.srcdoc(page))\"></iframe>"
        }

        r.section("Nearest neighbours")
        for t in i.analysis.neighbourTables {
            r.subheading(t.title)
            r.table(header: t.header, rows: t.rows)
        }

        r.section("Genre clusters")
        r.paragraph(i.analysis.clusterAgreement)
        if let t = i.analysis.clusterTable { r.table(header: t.header, rows: t.rows) }
        for f in i.analysis.clusterFigures { r.image(png: f.png, caption: f.caption) }

        r.section("Sample recommendations")
        r.paragraph(i.analysis.madeUpUser)
        if let t = i.analysis.recommendations { r.table(header: t.header, rows: t.rows) }
        guard let explorer else { return r.html }
        return r.html.replacingOccurrences(of: "<p>\(explorerMarker)</p>", with: explorer)
    }

    /// Stands in a paragraph of its own where the explorer's frame goes: `HTMLReport` escapes
    /// what it is given and has no block for raw HTML, so the frame replaces this
    /// (private-use characters, which no text of ours holds and escaping leaves alone).
    static let explorerMarker = "\u{E000}explorer\u{E000}"

    private static func datasetSection(_ summary: DatasetSummary?, into r: inout HTMLReport) throws {
        r.section("Dataset")
        guard let s = summary else {
            r.paragraph("The dataset file named in the experiment's config.json was not found, so its summary is left out.")
            return
        }
        r.keyValues([
            ("Source", s.source), ("Users", "\(s.users)"), ("Movies", "\(s.movies) (\(s.ratedMovies) rated)"),
            ("Ratings", "\(s.ratings), density \(String(format: "%.3f%%", s.density * 100)), mean \(String(format: "%.2f", s.meanRating))"),
            ("Split", "train \(s.trainRatings), test \(s.testRatings); \(s.coldStartTestRatings) test ratings of users or movies unseen in train"),
        ])
        let data = ChartSubject.dataName(source: s.source).map { "\n" + $0 } ?? ""
        let histogram = try BarChart(title: "Ratings by number of stars" + data, categoryLabel: "stars", valueLabel: "ratings",
                                     categories: s.histogram.map { String(format: "%g", $0.rating) }, values: s.histogram.map { Double($0.count) })
            .render(style: EmbeddingCharts.style(width: 640, height: 380))
        let genres = s.genres.sorted { $0.movies > $1.movies }
        let genreChart = try BarChart(title: "Movies per genre" + data, categoryLabel: nil, valueLabel: "movies", categories: genres.map(\.genre),
                                      values: genres.map { Double($0.movies) }, barColours: GenrePalette.colours(for: genres.map(\.genre)),
                                      horizontal: true)
            .render(style: EmbeddingCharts.style(width: 640, height: Double(max(380, 22 * genres.count + 90))))
        r.gallery([(try histogram.pngData(), "Rating histogram"), (try genreChart.pngData(), "Genres")])
    }

    private static func modelSection(_ i: Inputs, into r: inout HTMLReport) {
        let m = i.model
        r.section("Model and training")
        var settings: [(String, String)] = [("Model", m.kind.rawValue), ("K", "\(m.rank)")]
        let h = i.config?.hyperparameters ?? m.hyperparameters
        if h.inference == .gibbs {
            settings += [("Inference", "Gibbs sampling (posterior means)"), ("Burn-in sweeps", "\(h.burnIn)"), ("Samples", "\(h.samples)"),
                         ("σ (init)", "\(h.initScale)"), ("Seed", "\(h.seed)")]
            if let p = m.posterior { settings.append(("Noise precision α (posterior mean)", String(format: "%.3f", p.noisePrecision))) }
        } else {
            settings += [("Inference", "MAP (alternating least squares)"), ("Epochs", "\(h.epochs)"), ("λ", "\(h.lambda)"), ("τ", "\(h.tau)"),
                         ("γ", "\(h.gamma)"), ("σ (init)", "\(h.initScale)"), ("Seed", "\(h.seed)")]
        }
        if let c = i.config {
            settings += [("Threads", "\(c.threads)"), ("Dataset", c.dataset), ("Dataset checksum", c.datasetChecksum)]
            if let f = c.final { settings += [("Final train RMSE", String(format: "%.4f", f.trainRMSE)), ("Final test RMSE", String(format: "%.4f", f.testRMSE))] }
        }
        r.keyValues(settings)
        if !i.curves.isEmpty { r.gallery(i.curves) }
        if let c = i.comparison {
            r.subheading("Model comparison")
            let table = c.table
            let name = ComparisonRecord.name(m.kind, h.inference)
            r.table(header: table.header, rows: table.rows, highlightRow: c.rows.firstIndex { $0.name == name })
            if let png = i.comparisonChart { r.image(png: png, caption: "Test RMSE by model", width: 640) }
        }
    }
}
