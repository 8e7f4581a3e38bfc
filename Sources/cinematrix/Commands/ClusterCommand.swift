import Analyze
import ArgumentParser
import Foundation
import Model

/// `cinematrix cluster`: k-means clusters of movie vectors and how well they agree with genres.
struct ClusterCommand: ContractCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Cluster movie vectors with k-means++ and compare the clusters with the genres.",
        discussion: CommandHelp.discussion("""
            Prints each cluster's name (its two most over-represented genres; never repeated), size, its top genres (share of the cluster and lift over the \
            whole catalogue) and its most-rated titles, then the agreement of the clusters with each movie's \
            primary genre (purity, normalised mutual information, adjusted Rand index).

            Writes OUT/clusters.csv (movieId, title, genres, cluster), OUT/cluster-summary.csv (each cluster's name, \
            size, top genres and most-rated titles), OUT/clusters.json \
            (settings and scores), OUT/genre-similarity.png (cosine between genre centroids) and OUT/clusters.png \
            (the clusters on the t-SNE map, or on the PCA map with --method pca).
            """, examples: ["cinematrix cluster outputs/run1 --k 12"]))

    @OptionGroup var options: AnalysisOptions
    @Option(help: "Number of clusters.") var k: Int = 12
    @Option(help: "k-means++ restarts; the one with the lowest inertia is kept.") var restarts: Int = 8
    @Option(help: "The map clusters.png is drawn on.") var method: ProjectionMethod = .tsne
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard k >= 2 else { throw ValidationError("--k must be at least 2") }
        guard restarts >= 1 else { throw ValidationError("--restarts must be at least 1") }
    }

    func execute(_ console: Console) throws -> CommandOutcome {
        let m = try options.open()
        let bar = console.progress("\(method.rawValue) map")
        let result = try ClusterFiles.write(model: m, modelPath: options.model, k: k, restarts: restarts, method: method,
                                            minRatings: options.floor(m), seed: options.seed, threads: options.workerThreads,
                                            out: options.out) { bar.update($0) }
        let names = result.names
        let clusters: [JSONValue] = result.summaries.map { s in
            .object([("cluster", .int(s.cluster + 1)), ("name", .string(names[s.cluster])), ("size", .int(s.size)),
                     ("topGenres", .array(s.topGenres.map { g in
                         .object([("genre", .string(m.catalog.genreNames[g.genre])), ("share", .double(g.share)), ("lift", .double(g.lift))])
                     })),
                     ("mostRated", .array(s.mostPopular.prefix(3).map { .string(m.catalog.displayTitle(result.rows[$0])) }))])
        }
        let a = result.agreement
        return CommandOutcome(
            json: .object([("k", .int(k)), ("movies", .int(result.rows.count)), ("inertia", .double(result.kmeans.inertia)),
                           ("purity", .double(a.purity)), ("nmi", .double(a.normalisedMutualInformation)),
                           ("ari", .double(a.adjustedRandIndex)), ("clusters", .array(clusters)), ("folder", .string(options.out))]),
            text: TextTable(result.summaryTable, numeric: [0, 2], maxWidth: 70).rendered + "\n\n" + result.agreementLine
                + "\nWrote clusters.csv, cluster-summary.csv, genre-similarity.png and clusters.png to \(options.out)/")
    }
}
