import Model
import Render

extension ClusterAnalysis {
    /// Heatmap of cosine similarities between genre centroids (genres with movies only), on a
    /// diverging blue–white–red scale over −1…1, genres ordered so that similar ones sit
    /// together (`SimilarityOrder`).
    public func genreSimilarityChart(subject: String? = nil) throws -> RenderedChart {
        let present = centroids.sizes.indices.filter { centroids.sizes[$0] > 0 }
        let similarity = present.map { a in present.map { b in Double(centroids.cosine[a, b]) } }
        let order = SimilarityOrder.order(similarity)
        let names = order.map { model.catalog.genreNames[present[$0]] }
        let values = order.map { a in order.map { b in similarity[a][b] } }
        let side = Double(max(420, 34 * present.count + 200))
        return try Heatmap(title: "Cosine similarity of genre centroids" + (subject.map { "\n" + $0 } ?? ""),
                           values: values, rowLabels: names, columnLabels: names,
                           annotate: present.count <= 20, decimals: 2, colourBarLabel: "cosine", range: -1...1, colourMap: .blueWhiteRed)
            .render(style: EmbeddingCharts.style(width: side + 80, height: side))
    }

    /// The clusters on a 2-D map of the same movies, each named by `names` and numbered as in
    /// the tables, the ten most-rated labelled.
    public func mapChart(_ map: EmbeddingMap, subject: String? = nil) throws -> RenderedChart {
        let labels = names.enumerated().map { "\($0.offset + 1): \($0.element)" }
        let famous = map.rows.indices.sorted { model.movieRatingCounts[map.rows[$0]] > model.movieRatingCounts[map.rows[$1]] }.prefix(10)
        return try ScatterPlot(title: "\(summaries.count) k-means clusters of \(ChartSubject.grouped(map.rows.count)) movies\n"
                                   + EmbeddingCharts.subtitle(subject, map),
                               xLabel: map.axisNames.0, yLabel: map.axisNames.1,
                               x: map.x, y: map.y, categories: kmeans.assignments.map { Int($0) }, categoryNames: labels,
                               labels: famous.map { PointLabel(index: $0, text: model.catalog.displayTitle(map.rows[$0])) })
            .render(style: EmbeddingCharts.style())
    }
}
