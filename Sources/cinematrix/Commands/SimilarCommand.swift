import Analyze
import ArgumentParser
import Core
import Foundation
import Model

/// `cinematrix similar`: the movies most similar to one title.
struct SimilarCommand: ContractCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar",
        abstract: "List the movies whose vectors are most similar to a title's.",
        discussion: CommandHelp.discussion("""
            Titles are matched forgivingly (case, accents, punctuation, "Matrix, The" vs "The Matrix", year \
            optional); an ambiguous title lists the candidates. Movies with fewer than --min-ratings training \
            ratings are left out; the title itself may be any movie.
            """, examples: [
                "cinematrix similar outputs/run1 \"the matrix\"",
                "cinematrix similar outputs/run1 \"Toy Story (1995)\" --top 20 --json",
            ]))

    @Argument(help: "The model: an experiment folder or its model.cmxm file.") var model: String
    @Argument(help: "A movie title (or #ID for a raw MovieLens id).") var title: String
    @Option(help: "How many similar movies to list.") var top = 10
    @Option(help: "How similarity is measured.") var similarity: Similarity = .cosine
    @Option(help: ArgumentHelp("Only list movies with at least this many training ratings. Default: \(PopularityFloor.description).", valueName: "n"))
    var minRatings: Int?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
        if let minRatings, minRatings < 0 { throw ValidationError("--min-ratings must be 0 or more") }
    }

    func execute(_ console: Console) throws -> CommandOutcome {
        let m = try ModelFile.read(path: model, users: .none)
        guard m.rank > 0 else { throw AnalysisError.noVectors(model) }
        var query = MovieQuery(model: m)
        let movie = try query.resolve(title)
        let floor = minRatings ?? PopularityFloor.default(for: m)
        let hits = SimilarMovies(model: m, minRatings: floor, similarity: similarity).mostSimilar(to: movie, top: top)
        let c = m.catalog
        let items: [JSONValue] = hits.enumerated().map { r, h in
            .object([("rank", .int(r + 1)), ("movieId", .int(c.movieIDs[h.movie])), ("title", .string(c.titles[h.movie])),
                     ("year", .int(c.years[h.movie])), ("genres", .array(c.genres(of: h.movie).map { .string(c.genreNames[Int($0)]) })),
                     ("similarity", .float(h.score)), ("ratings", .int(m.movieRatingCounts[h.movie]))])
        }
        var table = TextTable(header: ["#", "Title", "Year", "Genres", "Similarity", "Ratings"], numeric: [0, 2, 4, 5])
        for (r, h) in hits.enumerated() {
            table.add(["\(r + 1)", c.titles[h.movie], c.years[h.movie] > 0 ? "\(c.years[h.movie])" : "", c.genreList(h.movie),
                       String(format: "%.3f", h.score), "\(m.movieRatingCounts[h.movie])"])
        }
        let heading = "Most similar to \(c.displayTitle(movie)) [\(c.genreList(movie))] by \(similarity.rawValue)"
            + (floor > 0 ? ", movies with ≥ \(floor) ratings" : "")
        return CommandOutcome(
            json: .object([("query", .object([("movieId", .int(c.movieIDs[movie])), ("title", .string(c.displayTitle(movie)))])),
                           ("similarity", .string(similarity.rawValue)), ("minRatings", .int(floor)), ("similar", .array(items))]),
            text: heading + "\n\n" + table.rendered)
    }
}
