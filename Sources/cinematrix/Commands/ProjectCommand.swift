import ArgumentParser
import Core
import Foundation
import Model

/// `cinematrix project`: a 2-D map of movie or user vectors by PCA or t-SNE, as CSV and PNG.
struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Map movie or user vectors to 2-D with PCA or t-SNE; write coordinates (CSV) and a scatter plot (PNG).",
        discussion: """
        Movies are coloured by their primary genre (the rarest of their genres, the
        most specific) and the dozen most-rated are labelled; users are coloured by
        their favourite genre (the one most over-represented among the movies they
        rated at or above their own mean).
          cinematrix project outputs/run1 --of movies --method tsne
          cinematrix project outputs/run1 --of users --method pca --out outputs/maps
        Writes OUT/<movies|users>-<pca|tsne>.csv, .png and .json (the settings and
        seed).
        """
    )

    @OptionGroup var options: AnalysisOptions

    @Option(help: "movies or users.")
    var of: String = "movies"

    @Option(help: "pca or tsne.")
    var method: String = "tsne"

    @Option(help: "t-SNE perplexity (effective number of neighbours).")
    var perplexity: Double = 30

    @Flag(help: "Start t-SNE from random positions drawn from --seed instead of the PCA layout.")
    var randomStart = false

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard EmbeddingKind(rawValue: of) != nil else { throw ValidationError("--of takes movies or users, not '\(of)'") }
        guard ProjectionMethod(rawValue: method) != nil else { throw ValidationError("--method takes pca or tsne, not '\(method)'") }
        guard perplexity >= 2 else { throw ValidationError("--perplexity must be at least 2 (30 is usual)") }
    }

    func run() throws {
        let kind = EmbeddingKind(rawValue: of)!, how = ProjectionMethod(rawValue: method)!
        let m = try options.open(ratings: kind == .users)
        let rows: [Int]
        let vectors: Matrix
        switch kind {
        case .movies:
            rows = options.popularMovies(m)
            vectors = m.movieFactors
        case .users:
            let counts = m.userRatings.map { r in (0..<m.userCount).map { r.rowLength($0) } } ?? [Int](repeating: Int.max, count: m.userCount)
            rows = (0..<m.userCount).filter { counts[$0] >= options.minRatings }
            vectors = m.userFactors
        }
        let bar = ProgressBar("\(how.rawValue) of \(rows.count) \(kind.rawValue)", quiet: quiet)
        let map = try EmbeddingMap.compute(vectors: vectors, rows: rows, method: how, perplexity: perplexity,
                                           randomStart: randomStart, seed: options.seed, threads: options.workerThreads) { bar.update($0) }
        bar.finish()
        let stem = "\(options.out)/\(kind.rawValue)-\(how.rawValue)"
        var csv: String
        switch kind {
        case .movies:
            csv = "movieId,title,year,genres,ratings,x,y\n"
            for (p, i) in map.rows.enumerated() {
                csv += "\(m.catalog.movieIDs[i]),\(csvField(m.catalog.titles[i])),\(m.catalog.years[i]),\(csvField(genreList(m, i))),\(m.movieRatingCounts[i]),\(map.x[p]),\(map.y[p])\n"
            }
            try EmbeddingCharts.movies(map, model: m).write(to: stem + ".png")
        case .users:
            let favourite = favouriteGenres(model: m)
            csv = "userId,favouriteGenre,x,y\n"
            for (p, u) in map.rows.enumerated() {
                csv += "\(m.userIDs[u]),\(favourite[u] >= 0 ? m.catalog.genreNames[favourite[u]] : ""),\(map.x[p]),\(map.y[p])\n"
            }
            try EmbeddingCharts.users(map, model: m).write(to: stem + ".png")
        }
        try OutputFile.write(csv, to: stem + ".csv")
        try options.writeParameters(["of": of, "method": method, "perplexity": perplexity, "randomStart": randomStart,
                                     "points": map.rows.count, "detail": map.detail], to: stem + ".json")
        if !quiet { print("\(map.detail): \(map.rows.count) \(kind.rawValue) → \(stem).csv, \(stem).png") }
    }
}
