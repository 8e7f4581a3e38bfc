import Analyze
import ArgumentParser
import Foundation
import Model

extension Similarity: ExpressibleByArgument {}

/// `cinematrix neighbours`: the nearest-neighbour table of every movie, as CSV.
struct NeighboursCommand: ContractCommand {
    static let configuration = CommandConfiguration(
        commandName: "neighbours",
        abstract: "Write every movie's most similar movies as one CSV table (exact, by blocked matrix products).",
        discussion: CommandHelp.discussion("""
            Writes OUT/neighbours.csv with the columns movieId, title, rank, neighbourId, neighbourTitle and \
            similarity. Only movies with at least --min-ratings training ratings take part, as queries and as \
            neighbours.
            """, examples: [
                "cinematrix neighbours outputs/run1 --top 10",
                "cinematrix neighbours outputs/run1 --min-ratings 50 --similarity dot",
            ]))

    @OptionGroup var options: AnalysisOptions
    @Option(help: "Neighbours per movie.") var top = 10
    @Option(help: "How similarity is measured.") var similarity: Similarity = .cosine
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
    }

    func execute(_ console: Console) throws -> CommandOutcome {
        let m = try options.open()
        let written = try NeighbourTableFile.write(model: m, modelPath: options.model, top: min(top, m.movieCount), similarity: similarity,
                                                   minRatings: options.floor(m), threads: options.workerThreads, out: options.out)
        return CommandOutcome(
            json: .object([("file", .string(written.path)), ("movies", .int(written.movies)), ("top", .int(written.top)),
                           ("similarity", .string(similarity.rawValue)), ("minRatings", .int(options.floor(m))),
                           ("seconds", .double(written.seconds))]),
            text: String(format: "Top %d neighbours of %d movies in %.2f s → %@", written.top, written.movies, written.seconds, written.path))
    }
}
