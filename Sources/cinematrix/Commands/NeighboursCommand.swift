import Analyze
import ArgumentParser
import Core
import Foundation
import Model

/// `cinematrix neighbours`: the nearest-neighbour table of every movie, as CSV.
struct NeighboursCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neighbours",
        abstract: "Write every movie's most similar movies as one CSV table (exact, by blocked matrix products).",
        discussion: """
          cinematrix neighbours outputs/run1 --top 10                 # OUT/neighbours.csv
          cinematrix neighbours outputs/run1 --min-ratings 50 --similarity dot
        Columns: movieId,title,rank,neighbourId,neighbourTitle,similarity. Only movies
        with at least --min-ratings training ratings take part (default 20), as
        queries and as neighbours.
        """
    )

    @OptionGroup var options: AnalysisOptions

    @Option(help: "Neighbours per movie.")
    var top = 10

    @Option(help: "cosine (default) or dot.")
    var similarity: String = "cosine"

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
        guard Similarity(rawValue: similarity) != nil else { throw ValidationError("--similarity takes cosine or dot, not '\(similarity)'") }
    }

    func run() throws {
        let m = try options.open()
        let rows = options.popularMovies(m)
        guard rows.count > top else { throw CommandFailure("only \(rows.count) movies have ≥ \(options.minRatings) ratings; lower --min-ratings or --top") }
        let start = Date()
        let index = NeighbourIndex(vectors: m.movieFactors.selectingRows(rows), similarity: Similarity(rawValue: similarity)!)
        let table = index.table(k: min(top, max(0, m.movieCount - 1)), threads: options.workerThreads)
        let seconds = Date().timeIntervalSince(start)
        var csv = "movieId,title,rank,neighbourId,neighbourTitle,similarity\n"
        csv.reserveCapacity(rows.count * top * 60)
        for (q, movie) in rows.enumerated() {
            let head = "\(m.catalog.movieIDs[movie]),\(csvField(m.catalog.displayTitle(movie))),"
            for r in 0..<top {
                let n = rows[Int(table.indices[q * top + r])]
                csv += head + "\(r + 1),\(m.catalog.movieIDs[n]),\(csvField(m.catalog.displayTitle(n))),\(table.values[q * top + r])\n"
            }
        }
        let path = options.out + "/neighbours.csv"
        try OutputFile.write(csv, to: path)
        if !quiet { print(String(format: "Top %d neighbours of %d movies in %.2f s → %@", top, rows.count, seconds, path)) }
    }
}
