import Model
import Render

extension ClusterAnalysis {
    /// Heatmap of cosine similarities between genre centroids (genres with movies only).
    public func genreSimilarityChart() throws -> RenderedChart {
        let present = centroids.sizes.indices.filter { centroids.sizes[$0] > 0 }
        let names = present.map { model.catalog.genreNames[$0] }
        let values = present.map { a in present.map { b in Double(centroids.cosine[a, b]) } }
        let side = Double(max(420, 34 * present.count + 200))
        return try Heatmap(title: "Cosine similarity of genre centroids", values: values, rowLabels: names, columnLabels: names,
                           annotate: present.count <= 20, decimals: 2, colourBarLabel: "cosine", range: -1...1)
            .render(style: EmbeddingCharts.style(width: side + 80, height: side))
    }

    /// The clusters on a 2-D map of the same movies, the ten most-rated labelled.
    public func mapChart(_ map: EmbeddingMap) throws -> RenderedChart {
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
