import ArgumentParser
import Foundation
import Model
import Analyze

/// `cinematrix similar`: the movies whose vectors are closest to a given title's.
struct SimilarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar",
        abstract: "List the movies most similar to a title (cosine of the factor vectors).",
        discussion: """
          cinematrix similar outputs/run1 "The Matrix"
          cinematrix similar outputs/run1 "matrix, the (1999)" --top 20 --json
        Titles are matched forgivingly (case, punctuation, "Matrix, The" ↔ "The Matrix", year
        optional); an ambiguous title lists the candidates. Only movies with at least
        --min-ratings training ratings are listed.
        """
    )

    @Argument(help: "The model: an experiment folder or its model.cmxm file.") var model: String
    @Argument(help: "A movie title (or #ID for a raw MovieLens id).") var title: String
    @Option(help: "How many movies to list.") var top = 10
    @Option(help: "cosine or dot.") var similarity: String = "cosine"
    @Option(help: "Only list movies with at least this many training ratings.") var minRatings = 20
    @Flag(help: "Print JSON instead of a table.") var json = false

    func validate() throws {
        guard top > 0 else { throw ValidationError("--top must be at least 1") }
        guard Similarity(rawValue: similarity) != nil else { throw ValidationError("--similarity must be cosine or dot") }
        guard minRatings >= 0 else { throw ValidationError("--min-ratings must be 0 or more") }
    }

    func run() throws {
        let m = try ModelFile.read(path: ModelFile.resolve(model))
        let movie: Int
        do { movie = try TitleIndex(catalog: m.catalog, popularity: m.movieRatingCounts).resolve(title) } catch let error as TitleLookupError {
            throw ValidationError("\(error)")
        }
        // Candidates: the popular movies, plus the query itself (which may be below the floor).
        var rows = popularItems(ratingCounts: m.movieRatingCounts.map(Int.init), minimum: minRatings)
        if !rows.contains(movie) { rows.append(movie); rows.sort() }
        guard rows.count >= 2 else { throw ValidationError("no other movie has ≥ \(minRatings) ratings; lower --min-ratings") }
        let index = NeighbourIndex(vectors: m.movieFactors.selectingRows(rows), similarity: Similarity(rawValue: similarity)!)
        let found = index.mostSimilar(toRow: rows.firstIndex(of: movie)!, k: top).map { (movie: rows[$0.index], score: $0.score) }
        let genres = { (i: Int) in m.catalog.genres(of: i).map { m.catalog.genreNames[Int($0)] }.joined(separator: "|") }
        if json {
            let items = found.map { f -> [String: Any] in
                ["movieId": m.catalog.movieIDs[f.movie], "title": m.catalog.displayTitle(f.movie), "genres": genres(f.movie),
                 "similarity": Double(f.score), "ratings": Int(m.movieRatingCounts[f.movie])]
            }
            let object: [String: Any] = ["query": ["movieId": m.catalog.movieIDs[movie], "title": m.catalog.displayTitle(movie)],
                                         "similarity": similarity, "minRatings": minRatings, "similar": items]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print("Movies most similar to \(m.catalog.displayTitle(movie)) (\(similarity); movies with ≥ \(minRatings) ratings)\n")
        var table = TextTable(header: ["#", "Title", "Genres", similarity == "cosine" ? "Cosine" : "Dot", "Ratings"], numeric: [0, 3, 4])
        for (i, f) in found.enumerated() {
            table.add(["\(i + 1)", m.catalog.displayTitle(f.movie), genres(f.movie), String(format: "%.3f", f.score), "\(m.movieRatingCounts[f.movie])"])
        }
        print(table.rendered)
    }
}
