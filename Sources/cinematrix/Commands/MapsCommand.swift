import ArgumentParser
import Foundation
import Model

/// `cinematrix maps`: the embedding map per genre.
struct MapsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maps",
        abstract: "Draw the movie map once per genre (that genre's movies highlighted over the rest in grey) and a grid of all genres.",
        discussion: """
          cinematrix maps outputs/run1                  # t-SNE map,
          OUT/maps/<Genre>.png and OUT/maps/grid.png cinematrix maps outputs/run1
          --method pca --min-ratings 50
        """
    )

    @OptionGroup var options: AnalysisOptions

    @Option(help: "pca or tsne.")
    var method: String = "tsne"

    @Option(help: "t-SNE perplexity.")
    var perplexity: Double = 30

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard ProjectionMethod(rawValue: method) != nil else { throw ValidationError("--method takes pca or tsne, not '\(method)'") }
    }

    func run() throws {
        let m = try options.open()
        let rows = options.popularMovies(m)
        let bar = ProgressBar("\(method) of \(rows.count) movies", quiet: quiet)
        let map = try EmbeddingMap.compute(vectors: m.movieFactors, rows: rows, method: ProjectionMethod(rawValue: method)!,
                                           perplexity: perplexity, seed: options.seed, threads: options.workerThreads) { bar.update($0) }
        bar.finish()
        let written = try Self.write(map, model: m, into: options.out + "/maps")
        try options.writeParameters(["method": method, "perplexity": perplexity, "points": map.rows.count, "detail": map.detail],
                                    to: options.out + "/maps/parameters.json")
        if !quiet { print("\(map.detail): \(written.count - 1) genre maps and grid.png in \(options.out)/maps/") }
    }

    /// Writes one PNG per genre and `grid.png` into `folder`; returns the paths.
    static func write(_ map: EmbeddingMap, model m: FactorModel, into folder: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var paths: [String] = []
        for (genre, chart) in try EmbeddingCharts.genreMaps(map, model: m) {
            let name = genre.prefix { $0 != "(" }.trimmingCharacters(in: .whitespaces)
                .replacingOccurrences(of: "[^A-Za-z0-9-]+", with: "-", options: .regularExpression)
            let path = "\(folder)/\(name).png"
            try chart.write(to: path)
            paths.append(path)
        }
        try EmbeddingCharts.genreGrid(map, model: m).write(to: folder + "/grid.png")
        return paths + [folder + "/grid.png"]
    }
}
