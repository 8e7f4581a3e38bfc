import Foundation
import Model
import Projection

/// k-means clusters of a model's movie vectors with their summaries and their agreement with
/// genres: the data behind `cinematrix cluster` and the report's cluster section.
public struct ClusterAnalysis: Sendable {
    public var model: FactorModel
    /// Dense movie indices clustered.
    public var rows: [Int]
    public var kmeans: KMeans.Result
    public var summaries: [ClusterSummary]
    public var agreement: ClusterAgreement
    public var centroids: GenreCentroids

    /// Clusters `rows` of the model's movie vectors, scaled to unit length, into `k` groups
    /// (k-means++, `restarts` seeded restarts, best inertia kept). Cost O(restarts · iterations
    /// · rows · k · K). Throws when the model has no vectors or fewer than `k` rows are given.
    public static func run(model m: FactorModel, rows: [Int], k: Int, restarts: Int, seed: UInt64, threads: Int) throws -> ClusterAnalysis {
        guard m.rank > 0 else { throw AnalysisError.noVectors(nil) }
        guard rows.count >= k, k >= 1 else { throw AnalysisError.tooFew(rows.count, needed: max(k, 1), what: "movies") }
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

    /// Each cluster's distinct name (`ClusterNames`), in cluster order.
    public var names: [String] {
        ClusterNames.names(summaries, genreNames: model.catalog.genreNames) { _, member in model.catalog.titles[rows[member]] }
    }

    /// One row per cluster: number, name, size, top genres (share, lift) and its three
    /// most-rated titles, rounded for people.
    public var summaryTable: CSVTable {
        let names = self.names
        return CSVTable(title: "Clusters", header: ["Cluster", "Name", "Movies", "Top genres (share, lift)", "Most rated"], rows: summaries.map { s in
            ["\(s.cluster + 1)", names[s.cluster], "\(s.size)",
             s.topGenres.map { String(format: "%@ %.0f%% ×%.1f", model.catalog.genreNames[$0.genre], $0.share * 100, $0.lift) }.joined(separator: ", "),
             s.mostPopular.prefix(3).map { model.catalog.displayTitle(rows[$0]) }.joined(separator: "; ")]
        })
    }

    /// One line of agreement scores.
    public var agreementLine: String {
        String(format: "Agreement with primary genre: purity %.3f, NMI %.3f, adjusted Rand index %.3f (k = %d, inertia %.1f)",
               agreement.purity, agreement.normalisedMutualInformation, agreement.adjustedRandIndex, summaries.count, kmeans.inertia)
    }

    /// Each clustered movie with its cluster (`movieId,title,genres,cluster`, clusters from 1).
    public var membershipTable: CSVTable {
        CSVTable(header: ["movieId", "title", "genres", "cluster"], rows: rows.enumerated().map { p, i in
            ["\(model.catalog.movieIDs[i])", model.catalog.displayTitle(i), model.catalog.genreList(i), "\(kmeans.assignments[p] + 1)"]
        })
    }

    /// Each cluster's name, size, top genres with share and lift, and most-rated titles, in full.
    public var summaryCSV: CSVTable {
        let names = self.names
        return CSVTable(header: ["cluster", "name", "size", "top_genres", "most_rated"], rows: summaries.map { s in
            ["\(s.cluster + 1)", names[s.cluster], "\(s.size)",
             s.topGenres.map { String(format: "%@ (%.2f; lift %.2f)", model.catalog.genreNames[$0.genre], $0.share, $0.lift) }.joined(separator: "; "),
             s.mostPopular.map { model.catalog.displayTitle(rows[$0]) }.joined(separator: "; ")]
        })
    }

    /// Writes clusters.csv, cluster-summary.csv and genre-similarity.png (its subtitle
    /// `subject`) into `folder`.
    public func write(into folder: String, subject: String? = nil) throws {
        try OutputFolderCreation.create(folder)
        try membershipTable.write(to: folder + "/clusters.csv")
        try summaryCSV.write(to: folder + "/cluster-summary.csv")
        try genreSimilarityChart(subject: subject).write(to: folder + "/genre-similarity.png")
    }
}
