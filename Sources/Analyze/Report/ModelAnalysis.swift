import Core
import Foundation
import Model
import Render

/// Every analysis of one trained model, computed and written into one folder: PCA and t-SNE
/// maps of movies and users, per-genre maps, neighbour tables for the most-rated titles,
/// k-means clusters, and recommendations for a made-up user; the map coordinates are written as
/// CSV too (`movies-tsne.csv`, `users-tsne.csv`, `movies-pca.csv`, `users-pca.csv`). The demo
/// and `report` use it; `ReportBuilder` turns it into the page.
public struct ModelAnalysis: Sendable {
    /// A chart as PNG bytes, the file it was written to (relative to the folder), and its caption.
    public struct Figure: Sendable {
        public var fileName: String
        public var caption: String
        public var png: Data
    }

    /// Which section of the report a figure belongs to.
    public var maps: [Figure] = []
    public var genreGrid: Figure?
    public var genreMapFiles: [String] = []
    public var neighbourTables: [CSVTable] = []
    public var clusterTable: CSVTable?
    public var clusterFigures: [Figure] = []
    public var clusterAgreement = ""
    public var recommendations: CSVTable?
    public var madeUpUser = ""
    /// The maps behind the pictures, the clusters and every mapped movie's neighbours, for the
    /// report's explorer: it shows these very coordinates rather than computing them again.
    public var explorer: ExplorerEntry?

    /// Runs everything on model `m` (with its ratings, for the user maps) into `folder`.
    /// `minRatings` is the popularity floor for movie maps, neighbours, clusters and the
    /// recommendations; `subject` names the model and data in the charts' subtitles
    /// (`ChartSubject`); `step` is told what is being done. Cost: dominated by the four t-SNE
    /// runs (O(n log n) per iteration each).
    public static func run(model m: FactorModel, folder: String, minRatings: Int, clusters k: Int, seed: UInt64, threads: Int,
                           subject: String? = nil, step: (String) -> Void) throws -> ModelAnalysis {
        guard m.rank > 0 else { throw AnalysisError.noVectors(nil) }
        try OutputFolderCreation.create(folder)
        var a = ModelAnalysis()
        let movies = (0..<m.movieCount).filter { Int(m.movieRatingCounts[$0]) >= minRatings }
        let users = Array(0..<m.userCount)
        func save(_ chart: RenderedChart, _ name: String, _ caption: String) throws -> Figure {
            let png = try chart.pngData()
            try OutputFile.write(png, to: folder + "/" + name)
            return Figure(fileName: name, caption: caption, png: png)
        }
        var movieTSNE: EmbeddingMap?
        var movieMaps: [EmbeddingMap] = [], userMaps: [EmbeddingMap] = []
        for method in ProjectionMethod.allCases {
            step("\(method.rawValue) of \(movies.count) movies")
            let map = try EmbeddingMap.compute(vectors: m.movieFactors, rows: movies, method: method, perplexity: 30, seed: seed, threads: threads)
            a.maps.append(try save(EmbeddingCharts.movies(map, model: m, subject: subject), "movies-\(method.rawValue).png",
                                   "Movies with ≥ \(minRatings) ratings, \(map.detail); colour = primary genre"))
            if method == .tsne { movieTSNE = map }
            step("\(method.rawValue) of \(users.count) users")
            let userMap = try EmbeddingMap.compute(vectors: m.userFactors, rows: users, method: method, perplexity: 30, seed: seed, threads: threads)
            a.maps.append(try save(EmbeddingCharts.users(userMap, model: m, subject: subject), "users-\(method.rawValue).png",
                                   "Users, \(userMap.detail); colour = favourite genre"))
            try MapProjection.table(.movies, map: map, model: m).write(to: "\(folder)/movies-\(method.rawValue).csv")
            try MapProjection.table(.users, map: userMap, model: m).write(to: "\(folder)/users-\(method.rawValue).csv")
            // t-SNE first, as the explorer lists its maps.
            movieMaps.insert(map, at: method == .tsne ? 0 : movieMaps.count)
            userMaps.insert(userMap, at: method == .tsne ? 0 : userMaps.count)
        }
        if let map = movieTSNE {
            step("genre maps")
            a.genreMapFiles = try EmbeddingCharts.writeGenreMaps(map, model: m, subject: subject, into: folder + "/maps")
            a.genreGrid = try save(EmbeddingCharts.genreGrid(map, model: m, subject: subject), "maps/grid.png",
                                   "Movies of each genre (colour) over all movies (grey)")
        }
        step("neighbour tables")
        let similar = SimilarMovies(model: m, minRatings: minRatings)
        let famous = movies.sorted { m.movieRatingCounts[$0] > m.movieRatingCounts[$1] }.prefix(4)
        for movie in famous {
            let hits = similar.mostSimilar(to: movie, top: 10)
            let table = CSVTable(title: "Most similar to \(m.catalog.displayTitle(movie))", header: ["#", "Title", "Genres", "Cosine"],
                                 rows: hits.enumerated().map { r, hit in
                                     ["\(r + 1)", m.catalog.displayTitle(hit.movie), m.catalog.genreList(hit.movie), String(format: "%.3f", hit.score)]
                                 })
            a.neighbourTables.append(table)
            try table.write(to: "\(folder)/similar-\(m.catalog.movieIDs[movie]).csv")
        }
        step("k-means clusters")
        let clusters = try ClusterAnalysis.run(model: m, rows: movies, k: min(k, movies.count), restarts: 8, seed: seed, threads: threads)
        try clusters.write(into: folder, subject: subject)
        if let map = movieTSNE {
            a.clusterFigures.append(try save(clusters.mapChart(map, subject: subject), "clusters.png", "k-means clusters of movie vectors on the t-SNE map"))
        }
        if let png = FileManager.default.contents(atPath: folder + "/genre-similarity.png") {
            a.clusterFigures.append(Figure(fileName: "genre-similarity.png", caption: "Cosine similarity between genre centroids", png: png))
        }
        a.clusterTable = clusters.summaryTable
        a.clusterAgreement = clusters.agreementLine
        step("neighbours of \(movies.count) movies for the explorer")
        a.explorer = ExplorerEntry(name: ComparisonRecord.name(m.kind, m.hyperparameters.inference), model: m, minRatings: minRatings,
                                   movieRows: movies, userRows: users, movieMaps: movieMaps, userMaps: userMaps,
                                   neighbours: ExplorerEntry.neighbourTable(m, rows: movies, threads: threads), clusters: clusters)
        step("recommendations for a made-up user")
        try a.recommendForMadeUpUser(m, movies: movies, minRatings: minRatings, folder: folder)
        return a
    }

    /// A made-up user who loves the most popular titles of the commonest genre and dislikes
    /// those of other genres, folded in and ranked as `recommend` ranks a new user.
    private mutating func recommendForMadeUpUser(_ m: FactorModel, movies: [Int], minRatings: Int, folder: String) throws {
        let byPopularity = movies.sorted { m.movieRatingCounts[$0] > m.movieRatingCounts[$1] }
        var genreCount = [Int](repeating: 0, count: m.catalog.genreNames.count)
        for i in movies { for g in m.catalog.genres(of: i) { genreCount[Int(g)] += 1 } }
        guard let loved = genreCount.indices.max(by: { genreCount[$0] < genreCount[$1] }) else { return }
        let lovedTitles = byPopularity.filter { m.catalog.genres(of: $0).contains(Int32(loved)) }.prefix(5)
        let hatedTitles = byPopularity.filter { !m.catalog.genres(of: $0).contains(Int32(loved)) }.prefix(3)
        let ratings = lovedTitles.map { ($0, m.scale.maximum) } + hatedTitles.map { ($0, m.scale.minimum + m.scale.step) }
        guard !ratings.isEmpty else { return }
        let fit = try m.foldIn(ratings.map { (movie: $0.0, stars: $0.1) })
        let recs = m.recommend(bias: fit.bias, vector: fit.vector, rated: fit.rated,
                               filter: RankingFilter(minRatings: minRatings, top: 10, rule: .standardForNewUsers))
        madeUpUser = "A made-up user who loves \(m.catalog.genreNames[loved]) rated " +
            ratings.map { "\(m.catalog.displayTitle($0.0)) \(String(format: "%g", $0.1))" }.joined(separator: ", ")
            + "; ranked by \(RankingRule.standardForNewUsers.label), as `recommend` ranks a new user."
        let appeal = m.posterior != nil ? "Appeal" : "Movie bias"
        let table = CSVTable(title: "Recommendations", header: ["#", "Title", "Genres", "Predicted", appeal, "Taste"],
                             rows: recs.enumerated().map { i, r in
                                 let sd = m.predictiveDeviation(fit: fit, movie: r.movie)
                                 return ["\(i + 1)", m.catalog.displayTitle(r.movie), m.catalog.genreList(r.movie),
                                         sd.map { String(format: "%.2f ± %.2f", r.predicted, $0) } ?? String(format: "%.2f", r.predicted),
                                         String(format: "%+.2f", r.movieBias), String(format: "%+.2f", r.tasteMatch)]
                             })
        recommendations = table
        try table.write(to: folder + "/recommendations.csv")
    }
}
