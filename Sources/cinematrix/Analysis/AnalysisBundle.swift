import Analyze
import Core
import Foundation
import Model
import Render

/// Every analysis of one trained model, computed and written into one folder: PCA and t-SNE
/// maps of movies and users, per-genre maps, neighbour tables for well-known titles, k-means
/// clusters, and recommendations for a made-up user. The demo and `cinematrix report` use it.
struct AnalysisBundle {
    /// A written chart and its caption.
    struct Figure { var path: String; var caption: String }
    /// A titled table (header + rows), also written as CSV.
    struct Table { var title: String; var header: [String]; var rows: [[String]] }

    var figures: [Figure] = []
    var genreMaps: [Figure] = []
    var neighbourTables: [Table] = []
    var clusterTable: Table?
    var clusterAgreement = ""
    var recommendations: Table?
    var madeUpUser = ""

    /// Runs everything on model `m` (needs its ratings for the user maps) into `folder`.
    /// `minRatings` is the popularity floor for movie maps, neighbours and clusters; `step`
    /// is told what is being done.
    static func run(model m: FactorModel, folder: String, minRatings: Int, clusters k: Int, seed: UInt64, threads: Int,
                    step: (String) -> Void) throws -> AnalysisBundle {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var b = AnalysisBundle()
        let movies = (0..<m.movieCount).filter { Int(m.movieRatingCounts[$0]) >= minRatings }
        let users = Array(0..<m.userCount)
        var movieTSNE: EmbeddingMap?
        for method in ProjectionMethod.allCases {
            step("\(method.rawValue) of \(movies.count) movies")
            let map = try EmbeddingMap.compute(vectors: m.movieFactors, rows: movies, method: method, perplexity: 30, seed: seed, threads: threads)
            let path = "\(folder)/movies-\(method.rawValue).png"
            try EmbeddingCharts.movies(map, model: m).write(to: path)
            b.figures.append(Figure(path: path, caption: "Movies with ≥ \(minRatings) ratings, \(map.detail); colour = primary genre"))
            if method == .tsne { movieTSNE = map }
            step("\(method.rawValue) of \(users.count) users")
            let userMap = try EmbeddingMap.compute(vectors: m.userFactors, rows: users, method: method, perplexity: 30, seed: seed, threads: threads)
            let userPath = "\(folder)/users-\(method.rawValue).png"
            try EmbeddingCharts.users(userMap, model: m).write(to: userPath)
            b.figures.append(Figure(path: userPath, caption: "Users, \(userMap.detail); colour = favourite genre"))
        }
        if let map = movieTSNE {
            step("genre maps")
            let paths = try MapsCommand.write(map, model: m, into: folder + "/maps")
            b.genreMaps = paths.map { Figure(path: $0, caption: (($0 as NSString).lastPathComponent as NSString).deletingPathExtension) }
        }
        step("neighbour tables")
        let index = NeighbourIndex(vectors: m.movieFactors.selectingRows(movies), similarity: .cosine)
        let famous = movies.indices.sorted { m.movieRatingCounts[movies[$0]] > m.movieRatingCounts[movies[$1]] }.prefix(4)
        for q in famous {
            let rows = index.mostSimilar(toRow: q, k: 10).enumerated().map { r, hit in
                ["\(r + 1)", m.catalog.displayTitle(movies[hit.index]), genreList(m, movies[hit.index]), String(format: "%.3f", hit.score)]
            }
            let table = Table(title: "Most similar to \(m.catalog.displayTitle(movies[q]))", header: ["#", "Title", "Genres", "Cosine"], rows: rows)
            b.neighbourTables.append(table)
            try writeCSV(table, to: "\(folder)/similar-\(m.catalog.movieIDs[movies[q]]).csv")
        }
        step("k-means clusters")
        let clusters = try ClusterAnalysis.run(model: m, rows: movies, k: min(k, movies.count), restarts: 8, seed: seed, threads: threads)
        try clusters.write(into: folder)
        if let map = movieTSNE {
            try clusters.mapChart(map).write(to: folder + "/clusters.png")
            b.figures.append(Figure(path: folder + "/clusters.png", caption: "k-means clusters of movie vectors on the t-SNE map"))
        }
        b.figures.append(Figure(path: folder + "/genre-similarity.png", caption: "Cosine similarity between genre centroids"))
        b.clusterTable = Table(title: "Clusters", header: ["Cluster", "Movies", "Top genres (share, lift)", "Most rated"],
                               rows: clusters.summaries.map { s in
                                   ["\(s.cluster + 1)", "\(s.size)",
                                    s.topGenres.map { String(format: "%@ %.0f%% ×%.1f", m.catalog.genreNames[$0.genre], $0.share * 100, $0.lift) }.joined(separator: ", "),
                                    s.mostPopular.prefix(3).map { m.catalog.displayTitle(movies[$0]) }.joined(separator: "; ")]
                               })
        b.clusterAgreement = clusters.agreementLine
        step("recommendations for a made-up user")
        try b.recommendForMadeUpUser(m, movies: movies, folder: folder)
        return b
    }

    /// A made-up user who loves the most popular titles of the commonest genre and dislikes
    /// those of the genre least like it, folded in and ranked.
    private mutating func recommendForMadeUpUser(_ m: FactorModel, movies: [Int], folder: String) throws {
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
                               filter: RankingFilter(minRatings: RankingFilter.defaultMinRatings(userCount: m.trainingUserCount), top: 10,
                                                     rule: .standardForNewUsers))
        madeUpUser = "A made-up user who loves \(m.catalog.genreNames[loved]) rated " +
            ratings.map { "\(m.catalog.displayTitle($0.0)) \(String(format: "%g", $0.1))" }.joined(separator: ", ")
            + "; ranked by \(RankingRule.standardForNewUsers.label), as `recommend` ranks a new user."
        let appeal = m.posterior != nil ? "Appeal" : "Movie bias"
        let table = Table(title: "Recommendations", header: ["#", "Title", "Genres", "Predicted", appeal, "Taste"],
                          rows: recs.enumerated().map { i, r in
                              let sd = m.predictiveDeviation(fit: fit, movie: r.movie)
                              return ["\(i + 1)", m.catalog.displayTitle(r.movie), genreList(m, r.movie),
                               sd.map { String(format: "%.2f ± %.2f", r.predicted, $0) } ?? String(format: "%.2f", r.predicted),
                               String(format: "%+.2f", r.movieBias), String(format: "%+.2f", r.tasteMatch)]
                          })
        recommendations = table
        try Self.writeCSV(table, to: folder + "/recommendations.csv")
    }

    static func writeCSV(_ t: Table, to path: String) throws {
        let lines = [t.header.map(csvField).joined(separator: ",")] + t.rows.map { $0.map(csvField).joined(separator: ",") }
        try OutputFile.write(lines.joined(separator: "\n") + "\n", to: path)
    }
}
