import Analyze
import ArgumentParser
import Core
import Foundation
import Model

/// `cinematrix similar`: the movies most similar to one title.
struct SimilarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar",
        abstract: "List the movies whose vectors are most similar to a title's.",
        discussion: """
        Titles are matched forgivingly (case, accents, punctuation, "Matrix, The" vs
        "The Matrix", year optional); an ambiguous title lists the candidates.
          cinematrix similar outputs/run1 "the matrix"
          cinematrix similar outputs/run1 "Toy Story (1995)" --top 20 --json
        Movies with fewer than --min-ratings training ratings are left out (default:
        max(10, users/1000), as for recommendations); the title itself may be any
        movie.
        """
    )

    @Argument(help: "The model: an experiment folder or its model.cmxm file.")
    var model: String

    @Argument(help: "A movie title (or #ID for a raw MovieLens id).")
    var title: String

    @Option(help: "How many similar movies to list.")
    var top = 10

    @Option(help: "cosine (default) or dot.")
    var similarity: String = "cosine"

    @Option(help: "Only list movies with at least this many training ratings.")
    var minRatings: Int?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
        guard Similarity(rawValue: similarity) != nil else { throw ValidationError("--similarity takes cosine or dot, not '\(similarity)'") }
    }

    func run() throws {
        let m = try ModelFile.read(path: model, users: .none)
        guard m.rank > 0 else { throw CommandFailure("\(model): the bias model has no vectors; train bias-uv or bias-uv-genre") }
        let index = TitleIndex(catalog: m.catalog, popularity: m.movieRatingCounts)
        let movie: Int
        do { movie = try index.resolve(title) } catch let e as TitleLookupError { throw CommandFailure("\(e)") }
        let floor = minRatings ?? RankingFilter.defaultMinRatings(userCount: m.trainingUserCount)
        let neighbours = NeighbourIndex(vectors: m.movieFactors, similarity: Similarity(rawValue: similarity)!)
        // Ask for more than needed, then drop those under the popularity floor. No list is longer
        // than the catalogue, so --top is capped by it.
        let top = min(self.top, m.movieCount)
        var want = top + 1
        var hits: [(index: Int, score: Float)] = []
        while true {
            hits = neighbours.mostSimilar(toRow: movie, k: min(want, m.movieCount - 1))
                .filter { Int(m.movieRatingCounts[$0.index]) >= floor }
            if hits.count >= top || want >= m.movieCount - 1 { break }
            want = min(m.movieCount, want * 4)
        }
        hits = Array(hits.prefix(top))
        if json {
            let items: [[String: Any]] = hits.enumerated().map { r, h in
                ["rank": r + 1, "movieId": m.catalog.movieIDs[h.index], "title": m.catalog.titles[h.index], "year": Int(m.catalog.years[h.index]),
                 "genres": m.catalog.genres(of: h.index).map { m.catalog.genreNames[Int($0)] }, "similarity": Double(h.score),
                 "ratings": Int(m.movieRatingCounts[h.index])]
            }
            let doc: [String: Any] = ["query": ["movieId": m.catalog.movieIDs[movie], "title": m.catalog.displayTitle(movie)], "similar": items]
            print(String(decoding: try JSONSerialization.data(withJSONObject: doc, options: [.prettyPrinted, .sortedKeys]), as: UTF8.self))
            return
        }
        print("Most similar to \(m.catalog.displayTitle(movie)) [\(genreList(m, movie))] by \(similarity)" + (floor > 0 ? ", movies with ≥ \(floor) ratings" : "") + "\n")
        var table = TextTable(header: ["#", "Title", "Year", "Genres", "Similarity", "Ratings"], numeric: [0, 2, 4, 5])
        for (r, h) in hits.enumerated() {
            table.add(["\(r + 1)", m.catalog.titles[h.index], m.catalog.years[h.index] > 0 ? "\(m.catalog.years[h.index])" : "",
                       genreList(m, h.index), String(format: "%.3f", h.score), "\(m.movieRatingCounts[h.index])"])
        }
        print(table.rendered)
    }
}
