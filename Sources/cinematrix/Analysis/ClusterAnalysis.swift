import Analyze
import Core
import Projection
import Foundation
import Model
import Render

/// k-means clusters of a model's movie vectors with their summaries and their agreement with
/// genres: the data behind `cinematrix cluster` and the report's cluster section.
struct ClusterAnalysis {
    var model: FactorModel
    /// Dense movie indices clustered.
    var rows: [Int]
    var kmeans: KMeans.Result
    var summaries: [ClusterSummary]
    var agreement: ClusterAgreement
    var centroids: GenreCentroids

    /// Clusters `rows` of the model's movie vectors, scaled to unit length, into `k` groups
    /// (k-means++, `restarts` seeded restarts, best inertia kept).
    static func run(model m: FactorModel, rows: [Int], k: Int, restarts: Int, seed: UInt64, threads: Int) throws -> ClusterAnalysis {
        let data = m.movieFactors.selectingRows(rows)
        // Unit-length rows: ALS vector lengths track popularity, directions track taste.
        let result = KMeans.fit(ExactNeighbours.normalisedRows(data), k: k, restarts: restarts, seed: seed, threads: threads)
        let membership = GenreMembership(catalog: m.catalog).selecting(rows)
        let summaries = ClusterSummary.summarise(assignments: result.assignments, k: k, membership: membership,
                                                 ratingCounts: rows.map { Int(m.movieRatingCounts[$0]) })
        let primary = membership.primaryGenres()
        let labelled = primary.indices.filter { primary[$0] >= 0 }
        let agreement = ClusterAgreement(clusters: labelled.map { Int(result.assignments[$0]) }, classes: labelled.map { primary[$0] })
        return ClusterAnalysis(model: m, rows: rows, kmeans: result, summaries: summaries, agreement: agreement,
                               centroids: GenreCentroids(vectors: data, membership: membership))
    }

    /// The cluster table as text.
    var table: String {
        var t = TextTable(header: ["Cluster", "Movies", "Top genres (share, lift)", "Most rated"], numeric: [0, 1])
        t.maxWidth = 70
        for s in summaries {
            let genres = s.topGenres.map { String(format: "%@ %.0f%% ×%.1f", model.catalog.genreNames[$0.genre], $0.share * 100, $0.lift) }
            t.add(["\(s.cluster + 1)", "\(s.size)", genres.joined(separator: ", "), s.mostPopular.prefix(3).map { model.catalog.displayTitle(rows[$0]) }.joined(separator: "; ")])
        }
        return t.rendered
    }

    /// One line of agreement scores.
    var agreementLine: String {
        String(format: "Agreement with primary genre: purity %.3f, NMI %.3f, adjusted Rand index %.3f (k = %d, inertia %.1f)",
               agreement.purity, agreement.normalisedMutualInformation, agreement.adjustedRandIndex, summaries.count, kmeans.inertia)
    }

    /// Writes clusters.csv, cluster-summary.csv and genre-similarity.png into `folder`.
    func write(into folder: String) throws {
        let m = model
        var csv = "movieId,title,genres,cluster\n"
        for (p, i) in rows.enumerated() {
            csv += "\(m.catalog.movieIDs[i]),\(csvField(m.catalog.displayTitle(i))),\(csvField(genreList(m, i))),\(kmeans.assignments[p] + 1)\n"
        }
        try OutputFile.write(csv, to: folder + "/clusters.csv")
        var summary = "cluster,size,top_genres,most_rated\n"
        for s in summaries {
            let genres = s.topGenres.map { String(format: "%@ (%.2f; lift %.2f)", m.catalog.genreNames[$0.genre], $0.share, $0.lift) }.joined(separator: "; ")
            summary += "\(s.cluster + 1),\(s.size),\(csvField(genres)),\(csvField(s.mostPopular.map { m.catalog.displayTitle(rows[$0]) }.joined(separator: "; ")))\n"
        }
        try OutputFile.write(summary, to: folder + "/cluster-summary.csv")
        try genreSimilarityChart().write(to: folder + "/genre-similarity.png")
    }

    /// Heatmap of cosine similarities between genre centroids (genres with movies only).
    func genreSimilarityChart() throws -> RenderedChart {
        let present = centroids.sizes.indices.filter { centroids.sizes[$0] > 0 }
        let names = present.map { model.catalog.genreNames[$0] }
        let values = present.map { a in present.map { b in Double(centroids.cosine[a, b]) } }
        let side = Double(max(420, 34 * present.count + 200))
        return try Heatmap(title: "Cosine similarity of genre centroids", values: values, rowLabels: names, columnLabels: names,
                           annotate: present.count <= 20, decimals: 2, colourBarLabel: "cosine", range: -1...1)
            .render(style: EmbeddingCharts.style(width: side + 80, height: side))
    }

    /// The clusters on a 2-D map of the same movies.
    func mapChart(_ map: EmbeddingMap) throws -> RenderedChart {
        let labels = summaries.map { s in
            "\(s.cluster + 1): " + (s.topGenres.first.map { model.catalog.genreNames[$0.genre] } ?? "mixed")
        }
        let famous = map.rows.indices.sorted { model.movieRatingCounts[map.rows[$0]] > model.movieRatingCounts[map.rows[$1]] }.prefix(10)
        return try ScatterPlot(title: "k-means clusters (k = \(summaries.count)) — \(map.detail)", xLabel: map.axisNames.0, yLabel: map.axisNames.1,
                               x: map.x, y: map.y, categories: kmeans.assignments.map { Int($0) }, categoryNames: labels,
                               labels: famous.map { PointLabel(index: $0, text: model.catalog.displayTitle(map.rows[$0])) })
            .render(style: EmbeddingCharts.style())
    }
}
