import ArgumentParser
import Core
import Foundation
import Model

/// Options shared by the commands that analyse a trained model's embeddings.
struct AnalysisOptions: ParsableArguments {
    @Argument(help: "The model: an experiment folder or its model.cmxm file.")
    var model: String

    @Option(help: "Folder for the CSV and PNG files (default: outputs/analysis).")
    var out: String = "outputs/analysis"

    @Option(help: "Only movies with at least this many training ratings; rarely rated movies' vectors are mostly prior. Default 20.")
    var minRatings: Int = 20

    @Option(help: "Seed for every random choice (k-means restarts, t-SNE random start).")
    var seed: UInt64 = 1

    @Option(help: "Threads to use (default: all cores; at most 4 per core).")
    var threads: Int = availableCores

    /// `threads`, at most `maximumThreads`.
    var workerThreads: Int { boundedThreads(threads) }

    func validate() throws {
        guard minRatings >= 0 else { throw ValidationError("--min-ratings must be 0 or more") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    /// Reads the model (with its ratings when `ratings` is set) and creates the output folder.
    func open(ratings: Bool = false) throws -> FactorModel {
        let m = try ModelFile.read(path: model, includeUserRatings: ratings)
        guard m.rank > 0 else { throw CommandFailure("\(model): the bias model has no vectors to analyse; train bias-uv or bias-uv-genre") }
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure("\(out): cannot create the output folder (\(error.localizedDescription))")
        }
        return m
    }

    /// Dense movie indices passing the popularity floor.
    func popularMovies(_ m: FactorModel) -> [Int] {
        (0..<m.movieCount).filter { Int(m.movieRatingCounts[$0]) >= minRatings }
    }
}

extension AnalysisOptions {
    /// Writes what produced an output (model, seed, popularity floor and `extra` settings) as
    /// JSON to `path`, so every random choice's seed travels with the files it made.
    func writeParameters(_ extra: [String: Any], to path: String) throws {
        var all: [String: Any] = ["model": model, "seed": seed, "minRatings": minRatings, "tool": "cinematrix \(Cinematrix.version)"]
        for (k, v) in extra { all[k] = v }
        try OutputFile.write(try JSONSerialization.data(withJSONObject: all, options: [.prettyPrinted, .sortedKeys]), to: path)
    }
}

/// Formats a CSV field (quoted when needed, RFC 4180).
func csvField(_ s: String) -> String {
    s.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
}

/// "Action|Comedy" for a movie.
func genreList(_ m: FactorModel, _ movie: Int) -> String {
    m.catalog.genres(of: movie).map { m.catalog.genreNames[Int($0)] }.joined(separator: "|")
}
