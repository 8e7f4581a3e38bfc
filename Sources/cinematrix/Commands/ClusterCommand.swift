import ArgumentParser
import Foundation
import Model
import Projection
import Analyze
import Render

/// `cinematrix cluster`: k-means on movie vectors, compared with the genres.
struct ClusterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Cluster movie vectors by k-means++ and compare the clusters with the genres.",
        discussion: """
          cinematrix cluster outputs/run1 --k 12 --min-ratings 20 --out outputs/cluster
        Prints each cluster's size, most over-represented genres (share and lift) and most rated
        titles, and the agreement with each movie's primary genre (its rarest genre): purity,
        normalised mutual information and adjusted Rand index. Writes DIR/clusters.csv
        (movieId,title,genres,x,y,cluster), DIR/cluster-summary.csv, DIR/genre-cosine.csv and
        .png (cosine between genre centroids) and DIR/clusters-tsne.png (clusters on the t-SNE map).
        Vectors are normalised to unit length first (clusters by direction, like cosine
        similarity) unless --metric euclidean.
        """
    )

    @Argument(help: "The model: an experiment folder or its model.cmxm file.") var model: String
    @Option(name: .customShort("k"), help: "Number of clusters.") var k: Int
    @Option(help: "k-means++ restarts; the lowest inertia wins.") var restarts = 8
    @Option(help: "Maximum Lloyd iterations per restart.") var maxIterations = 100
    @Flag(help: "Skip the t-SNE map (faster).") var noMap = false
    @OptionGroup var map: MapOptions

    func validate() throws {
        try map.check()
        guard k >= 2 else { throw ValidationError("--k must be at least 2") }
        guard restarts >= 1 else { throw ValidationError("--restarts must be at least 1") }
    }

    func run() throws {
        let m = try ModelFile.read(path: ModelFile.resolve(model))
        let out = map.out ?? "outputs/cluster"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let selection = try MovieSelection(model: m, minRatings: map.minRatings)
        guard selection.rows.count >= k else { throw ValidationError("only \(selection.rows.count) movies pass --min-ratings; lower --k or --min-ratings") }
        let raw = selection.vectors
        let vectors = map.metric == "euclidean" ? raw : ExactNeighbours.normalisedRows(raw)
        let clustering = KMeans.fit(vectors, k: k, restarts: restarts, maxIterations: maxIterations, seed: map.seed)
        let labels = clustering.assignments.map(Int.init)
        let agreement = ClusterAgreement(clusters: labels, classes: selection.primary)
        let counts = selection.rows.map { Int(m.movieRatingCounts[$0]) }
        let summaries = ClusterSummary.summarise(assignments: clustering.assignments, k: k, membership: selection.membership,
                                                 ratingCounts: counts, topGenres: 3, topItems: 4)
        let names = m.catalog.genreNames
        let title = { (p: Int) in m.catalog.displayTitle(selection.rows[p]) }
        let genreText = { (s: ClusterSummary) in
            s.topGenres.map { "\(names[$0.genre]) \(Int(($0.share * 100).rounded()))% ×\(String(format: "%.1f", $0.lift))" }.joined(separator: ", ")
        }

        print("k-means++ on \(selection.rows.count) movies (≥ \(map.minRatings) ratings), k = \(k), \(restarts) restarts, seed \(map.seed): inertia \(String(format: "%.2f", clustering.inertia))\n")
        var table = TextTable(header: ["Cluster", "Size", "Top genres (share, lift)", "Most rated"], numeric: [0, 1])
        table.maxWidth = 70
        for s in summaries {
            table.add(["\(s.cluster)", "\(s.size)", genreText(s), s.mostPopular.map(title).joined(separator: "; ")])
        }
        print(table.rendered)
        print(String(format: "\nAgreement with primary genre: purity %.3f, NMI %.3f, ARI %.3f",
                     agreement.purity, agreement.normalisedMutualInformation, agreement.adjustedRandIndex))

        var summaryCSV = "cluster,size,topGenres,mostRated\n"
        for s in summaries {
            summaryCSV += "\(s.cluster),\(s.size),\(csvField(genreText(s))),\(csvField(s.mostPopular.map(title).joined(separator: "; ")))\n"
        }
        summaryCSV += String(format: "# purity %.4f nmi %.4f ari %.4f inertia %.4f seed %llu\n", agreement.purity,
                             agreement.normalisedMutualInformation, agreement.adjustedRandIndex, clustering.inertia, map.seed)
        try AtomicFile.write(summaryCSV, to: out + "/cluster-summary.csv")

        let centroids = GenreCentroids(vectors: raw, membership: selection.membership)
        let present = (0..<names.count).filter { centroids.sizes[$0] > 0 }
        var cosineCSV = "genre," + present.map { csvField(names[$0]) }.joined(separator: ",") + "\n"
        for a in present { cosineCSV += csvField(names[a]) + "," + present.map { "\(centroids.cosine[a, $0])" }.joined(separator: ",") + "\n" }
        try AtomicFile.write(cosineCSV, to: out + "/genre-cosine.csv")
        try Heatmap(title: "Cosine between genre centroids", values: present.map { a in present.map { Double(centroids.cosine[a, $0]) } },
                    rowLabels: present.map { names[$0] }, columnLabels: present.map { names[$0] }, annotate: present.count <= 20,
                    decimals: 2, colourBarLabel: "cosine", range: -1...1)
            .render(style: chartStyle(width: 1000, height: 900)).write(to: out + "/genre-cosine.png")

        var coordinates = Matrix(rows: selection.rows.count, columns: 2, repeating: .nan)
        if !noMap {
            let embedding = try map.embed(raw, method: .tsne)
            coordinates = embedding.coordinates
            try ScatterPlot(title: "k-means clusters (k = \(k)) on the t-SNE map", x: (0..<coordinates.rows).map { Double(coordinates[$0, 0]) },
                            y: (0..<coordinates.rows).map { Double(coordinates[$0, 1]) }, categories: labels,
                            categoryNames: (0..<k).map { "cluster \($0)" },
                            labels: selection.wellKnown(12).map { PointLabel(index: $0, text: title($0)) })
                .render(style: chartStyle()).write(to: out + "/clusters-tsne.png")
        }
        try selection.writeCoordinates(coordinates, to: out + "/clusters.csv", extra: ("cluster", labels.map(String.init)))
        print("\nWrote \(out)/clusters.csv, cluster-summary.csv, genre-cosine.csv/.png" + (noMap ? "" : ", clusters-tsne.png"))
    }
}
