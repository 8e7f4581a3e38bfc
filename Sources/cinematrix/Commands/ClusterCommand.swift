import Analyze
import ArgumentParser
import Foundation
import Model
import Render

/// `cinematrix cluster`: k-means clusters of movie vectors and how well they agree with genres.
struct ClusterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Cluster movie vectors with k-means++ and compare the clusters with the genres.",
        discussion: """
          cinematrix cluster outputs/run1 --k 12
        Prints each cluster's size, its most over-represented genres (share of the
        cluster and lift over the whole catalogue) and its most-rated titles, then the
        agreement of the clusters with each movie's primary genre (purity, normalised
        mutual information, adjusted Rand index). Writes OUT/clusters.csv
        (movieId,title,genres,cluster), OUT/cluster-summary.csv,
        OUT/genre-similarity.png (cosine between genre centroids) and OUT/clusters.png
        (clusters on the t-SNE map, or --method pca).
        """
    )

    @OptionGroup var options: AnalysisOptions

    @Option(help: "Number of clusters.")
    var k: Int = 12

    @Option(help: "k-means++ restarts; the one with the lowest inertia is kept.")
    var restarts: Int = 8

    @Option(help: "Map for clusters.png: pca or tsne.")
    var method: String = "tsne"

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard k >= 2 else { throw ValidationError("--k must be at least 2") }
        guard restarts >= 1 else { throw ValidationError("--restarts must be at least 1") }
        guard ProjectionMethod(rawValue: method) != nil else { throw ValidationError("--method takes pca or tsne, not '\(method)'") }
    }

    func run() throws {
        let m = try options.open()
        let rows = options.popularMovies(m)
        guard rows.count >= k else { throw CommandFailure("only \(rows.count) movies have ≥ \(options.minRatings) ratings, fewer than --k \(k)") }
        let result = try ClusterAnalysis.run(model: m, rows: rows, k: k, restarts: restarts, seed: options.seed, threads: options.workerThreads)
        try result.write(into: options.out)
        try options.writeParameters(["k": k, "restarts": restarts, "method": method, "inertia": result.kmeans.inertia,
                                     "purity": result.agreement.purity, "nmi": result.agreement.normalisedMutualInformation,
                                     "ari": result.agreement.adjustedRandIndex], to: options.out + "/clusters.json")
        let bar = ProgressBar("\(method) map", quiet: quiet)
        let map = try EmbeddingMap.compute(vectors: m.movieFactors, rows: rows, method: ProjectionMethod(rawValue: method)!,
                                           perplexity: 30, seed: options.seed, threads: options.workerThreads) { bar.update($0) }
        bar.finish()
        try result.mapChart(map).write(to: options.out + "/clusters.png")
        if !quiet {
            print(result.table)
            print("\n" + result.agreementLine)
            print("Wrote clusters.csv, cluster-summary.csv, genre-similarity.png and clusters.png to \(options.out)/")
        }
    }
}
