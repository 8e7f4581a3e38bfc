import Foundation
import Model
import Render

/// Assembles the self-contained HTML report from what a run produced: dataset summary,
/// configuration, curves, model comparison, maps, neighbour tables, clusters and sample
/// recommendations. Every picture is embedded, so the page is one file.
enum ReportBuilder {
    /// What the report is about; everything but the model is optional.
    struct Inputs {
        var title: String
        var model: FactorModel
        var summary: DatasetSummary?
        var config: ExperimentConfig?
        /// Experiment folder holding loss.png and rmse.png.
        var experimentFolder: String?
        var comparison: (header: [String], rows: [[String]], best: Int?, chart: String?)?
        var bundle: AnalysisBundle
    }

    /// The page as HTML.
    static func html(_ i: Inputs) throws -> String {
        let m = i.model
        let date = ISO8601DateFormatter().string(from: Date()).prefix(10)
        var r = HTMLReport(title: i.title, subtitle: "cinematrix \(Cinematrix.version) · \(date) · \(m.kind.rawValue), K = \(m.rank), \(m.userCount) users × \(m.movieCount) movies")

        r.section("Dataset")
        if let s = i.summary {
            r.keyValues([
                ("Source", s.source), ("Users", "\(s.users)"), ("Movies", "\(s.movies) (\(s.ratedMovies) rated)"),
                ("Ratings", "\(s.ratings), density \(String(format: "%.3f%%", s.density * 100)), mean \(String(format: "%.2f", s.meanRating))"),
                ("Split", "train \(s.trainRatings), test \(s.testRatings); \(s.coldStartTestRatings) test ratings of users or movies unseen in train"),
            ])
            let histogram = try BarChart(title: "Ratings by number of stars", categoryLabel: "stars", valueLabel: "ratings",
                                         categories: s.histogram.map { String(format: "%g", $0.rating) }, values: s.histogram.map { Double($0.count) })
                .render(style: EmbeddingCharts.style(width: 640, height: 380))
            let genres = s.genres.sorted { $0.movies > $1.movies }
            let genreChart = try BarChart(title: "Movies per genre", categoryLabel: nil, valueLabel: "movies", categories: genres.map(\.genre),
                                          values: genres.map { Double($0.movies) }, horizontal: true)
                .render(style: EmbeddingCharts.style(width: 640, height: Double(max(380, 22 * genres.count + 90))))
            r.gallery([(try histogram.pngData(), "Rating histogram"), (try genreChart.pngData(), "Genres")])
        } else {
            r.paragraph("The dataset file named in the experiment's config.json was not found, so its summary is left out.")
        }

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
        if let folder = i.experimentFolder {
            let curves = ["loss.png", "rmse.png"].compactMap { name -> (Data, String)? in
                FileManager.default.contents(atPath: folder + "/" + name).map { png in
                    let gibbs = h.inference == .gibbs
                    return (png, name == "loss.png" ? (gibbs ? "Noise precision α per sweep" : "Loss per epoch") : (gibbs ? "RMSE per sweep" : "RMSE per epoch"))
                }
            }
            if !curves.isEmpty { r.gallery(curves.map { (png: $0.0, caption: $0.1) }) }
        }
        if let c = i.comparison {
            r.subheading("Model comparison")
            r.table(header: c.header, rows: c.rows, highlightRow: c.best)
            if let chart = c.chart, let png = FileManager.default.contents(atPath: chart) { r.image(png: png, caption: "Test RMSE by model", width: 640) }
        }

        r.section("Maps of the embeddings")
        r.paragraph("Each movie and user is a point; nearby points have similar vectors. PCA keeps the global layout, t-SNE keeps neighbourhoods. Vectors of rarely rated movies are mostly their prior, so maps show movies above a popularity floor.")
        for f in i.bundle.figures where !f.path.hasSuffix("clusters.png") && !f.path.hasSuffix("genre-similarity.png") {
            if let png = FileManager.default.contents(atPath: f.path) { r.image(png: png, caption: f.caption) }
        }
        if let grid = i.bundle.genreMaps.first(where: { $0.path.hasSuffix("grid.png") }), let png = FileManager.default.contents(atPath: grid.path) {
            r.subheading("Each genre on the t-SNE map")
            r.image(png: png, caption: "Movies of each genre (colour) over all movies (grey)")
        }

        r.section("Nearest neighbours")
        for t in i.bundle.neighbourTables {
            r.subheading(t.title)
            r.table(header: t.header, rows: t.rows)
        }

        r.section("Genre clusters")
        r.paragraph(i.bundle.clusterAgreement)
        if let t = i.bundle.clusterTable { r.table(header: t.header, rows: t.rows) }
        for f in i.bundle.figures where f.path.hasSuffix("clusters.png") || f.path.hasSuffix("genre-similarity.png") {
            if let png = FileManager.default.contents(atPath: f.path) { r.image(png: png, caption: f.caption) }
        }

        r.section("Sample recommendations")
        r.paragraph(i.bundle.madeUpUser)
        if let t = i.bundle.recommendations { r.table(header: t.header, rows: t.rows) }
        return r.html
    }
}
