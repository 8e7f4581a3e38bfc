import ArgumentParser
import Foundation
import Model
import Projection
import Analyze
import Render

/// `cinematrix project`: a 2-D map (PCA or t-SNE) of the movie or user vectors of a model.
struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Map movie or user vectors to 2-D by PCA or t-SNE: a CSV of coordinates and a scatter PNG.",
        discussion: """
        Movies are coloured by primary genre (the movie's rarest genre) with well-known titles
        labelled; users by their favourite genre (most common among movies they rated ≥ 4).
          cinematrix project outputs/run1 --of movies --method tsne --min-ratings 20
          cinematrix project outputs/run1 --of users --method pca
        Writes DIR/<of>-<method>.csv (id,title,genres,x,y; users: id,favourite genre,x,y),
        DIR/<of>-<method>.png and DIR/<of>-<method>.txt (parameters, seed, KL divergence).
        """
    )

    enum Population: String, ExpressibleByArgument, CaseIterable { case movies, users }
    enum Method: String, ExpressibleByArgument, CaseIterable { case pca, tsne }

    @Argument(help: "The model: an experiment folder or its model.cmxm file.") var model: String
    @Option(help: "movies or users.") var of: Population = .movies
    @Option(help: "pca or tsne.") var method: Method = .tsne
    @OptionGroup var map: MapOptions

    func validate() throws { try map.check() }

    func run() throws {
        let m = try ModelFile.read(path: ModelFile.resolve(model), includeUserRatings: of == .users)
        let out = map.out ?? "outputs/project"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let base = "\(out)/\(of.rawValue)-\(method.rawValue)"
        switch of {
        case .movies:
            let selection = try MovieSelection(model: m, minRatings: map.minRatings)
            let result = try map.embed(selection.vectors, method: method)
            try selection.writeCoordinates(result.coordinates, to: base + ".csv")
            try selection.scatter(result.coordinates, title: "Movies, \(method == .tsne ? "t-SNE" : "PCA") of the \(m.rank)-d factors")
                .render(style: chartStyle()).write(to: base + ".png")
            try AtomicFile.write(map.summary(result, method: method, count: selection.rows.count), to: base + ".txt")
            print("\(selection.rows.count) movies → \(base).csv, \(base).png")
        case .users:
            let users = try UserSelection(model: m, minRatings: map.minRatings)
            let result = try map.embed(users.vectors, method: method)
            try users.writeCoordinates(result.coordinates, to: base + ".csv")
            try users.scatter(result.coordinates, title: "Users, \(method == .tsne ? "t-SNE" : "PCA"), by favourite genre")
                .render(style: chartStyle()).write(to: base + ".png")
            try AtomicFile.write(map.summary(result, method: method, count: users.rows.count), to: base + ".txt")
            print("\(users.rows.count) users → \(base).csv, \(base).png")
        }
    }
}

/// Options shared by the map-drawing commands.
struct MapOptions: ParsableArguments {
    @Option(help: "Only movies (users) with at least this many training ratings; rarely rated vectors are mostly prior.")
    var minRatings: Int = 20
    @Option(help: "t-SNE perplexity (effective number of neighbours).") var perplexity: Double = 30
    @Option(help: "t-SNE input distance: cosine or euclidean.") var metric: String = "cosine"
    @Option(help: "t-SNE iterations after the 250 of early exaggeration.") var iterations: Int = 500
    @Option(help: "Seed for t-SNE's random initialisation (with --random-init); recorded in the outputs.") var seed: UInt64 = 1
    @Flag(help: "Start t-SNE from random positions instead of PCA.") var randomInit = false
    @Option(help: "Folder to write into (default: outputs/<command>).") var out: String?

    func check() throws {
        guard minRatings >= 0 else { throw ValidationError("--min-ratings must be 0 or more") }
        guard perplexity >= 2 else { throw ValidationError("--perplexity must be at least 2 (try 30)") }
        guard TSNE.Metric(rawValue: metric) != nil else { throw ValidationError("--metric must be cosine or euclidean") }
        guard iterations >= 0 else { throw ValidationError("--iterations must be 0 or more") }
    }

    struct Embedding { var coordinates: Matrix; var kl: Double?; var seconds: Double; var explained: [Double] }

    /// PCA or t-SNE of `vectors`, printing t-SNE progress to standard error.
    func embed(_ vectors: Matrix, method: ProjectCommand.Method) throws -> Embedding {
        let start = Date()
        switch method {
        case .pca:
            guard vectors.rows >= 2 else { throw ValidationError("only \(vectors.rows) rows pass --min-ratings \(minRatings); lower it") }
            let pca = PCA(fitting: vectors, components: min(2, vectors.columns))
            return Embedding(coordinates: pca.project(vectors), kl: nil, seconds: Date().timeIntervalSince(start),
                             explained: pca.explainedVarianceRatio)
        case .tsne:
            var p = TSNE.Parameters()
            p.perplexity = min(perplexity, Double(max(1, vectors.rows - 2)) / 3)
            p.metric = TSNE.Metric(rawValue: metric) ?? .cosine
            p.iterations = iterations
            if randomInit { p.initialisation = .random(seed: seed) }
            let total = p.earlyExaggerationIterations + p.iterations
            let bar = ProgressBar("t-SNE")
            let result: TSNE.Result
            do {
                result = try TSNE.embed(vectors, parameters: p) { iteration, kl, _ in
                    bar.update(Double(iteration) / Double(total), detail: kl.map { String(format: "KL %.3f", $0) } ?? "")
                    return false
                }
            } catch let error as ProjectionError {
                throw ValidationError("\(error)")
            }
            bar.finish()
            return Embedding(coordinates: result.embedding, kl: result.klDivergence, seconds: Date().timeIntervalSince(start), explained: [])
        }
    }

    /// A small text record of how a map was made (so the seed travels with the picture).
    func summary(_ e: Embedding, method: ProjectCommand.Method, count: Int) -> String {
        var lines = ["cinematrix \(Cinematrix.version) " + CommandLine.arguments.dropFirst().joined(separator: " "),
                     "method \(method.rawValue)", "points \(count)", "min-ratings \(minRatings)",
                     String(format: "seconds %.2f", e.seconds)]
        if method == .tsne {
            lines += ["perplexity \(perplexity)", "metric \(metric)", "iterations \(250 + iterations)",
                      "initialisation \(randomInit ? "random, seed \(seed)" : "pca")", "seed \(seed)",
                      String(format: "kl-divergence %.4f", e.kl ?? .nan)]
        } else {
            lines.append("explained-variance-ratio " + e.explained.map { String(format: "%.4f", $0) }.joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The movies kept for analysis (enough training ratings) and what is drawn for them.
struct MovieSelection {
    let model: FactorModel
    /// Dense movie indices kept, ascending.
    let rows: [Int]
    let membership: GenreMembership
    let primary: [Int]

    init(model: FactorModel, minRatings: Int) throws {
        self.model = model
        rows = popularItems(ratingCounts: model.movieRatingCounts.map(Int.init), minimum: minRatings)
        guard rows.count >= 5 else {
            throw ValidationError("only \(rows.count) movies have ≥ \(minRatings) ratings; lower --min-ratings")
        }
        let all = GenreMembership(catalog: model.catalog)
        membership = all.selecting(rows)
        // Primary genre = rarest genre over the whole catalogue, so labels do not shift with the filter.
        let primaryAll = all.primaryGenres()
        primary = rows.map { primaryAll[$0] }
    }

    var vectors: Matrix { model.movieFactors.selectingRows(rows) }
    var genreNames: [String] { model.catalog.genreNames }

    func genres(_ movie: Int) -> String {
        model.catalog.genres(of: movie).map { model.catalog.genreNames[Int($0)] }.joined(separator: "|")
    }

    /// The `count` most rated selected movies (positions in `rows`).
    func wellKnown(_ count: Int) -> [Int] {
        rows.indices.sorted { model.movieRatingCounts[rows[$0]] > model.movieRatingCounts[rows[$1]] || (model.movieRatingCounts[rows[$0]] == model.movieRatingCounts[rows[$1]] && $0 < $1) }
            .prefix(count).map { $0 }
    }

    func writeCoordinates(_ xy: Matrix, to path: String, extra: (name: String, values: [String])? = nil) throws {
        var text = "movieId,title,genres,x,y" + (extra.map { ",\($0.name)" } ?? "") + "\n"
        for (p, movie) in rows.enumerated() {
            text += "\(model.catalog.movieIDs[movie]),\(csvField(model.catalog.displayTitle(movie))),\(csvField(genres(movie))),\(xy[p, 0]),\(xy[p, 1])"
            text += extra.map { ",\(csvField($0.values[p]))" } ?? ""
            text += "\n"
        }
        try AtomicFile.write(text, to: path)
    }

    /// Scatter coloured by primary genre ("(none)" last), a dozen well-known titles labelled.
    func scatter(_ xy: Matrix, title: String) -> ScatterPlot {
        let noneIndex = genreNames.count
        return ScatterPlot(title: title, x: (0..<xy.rows).map { Double(xy[$0, 0]) }, y: (0..<xy.rows).map { Double(xy[$0, 1]) },
                           categories: primary.map { $0 < 0 ? noneIndex : $0 }, categoryNames: genreNames + ["(none)"],
                           labels: wellKnown(12).map { PointLabel(index: $0, text: model.catalog.displayTitle(rows[$0])) })
    }
}

/// The users kept for a user map, with each one's favourite genre.
struct UserSelection {
    let model: FactorModel
    let rows: [Int]
    let favourite: [Int]

    init(model: FactorModel, minRatings: Int) throws {
        guard let ratings = model.userRatings else {
            throw ValidationError("this model file holds no user ratings, so favourite genres are unknown; retrain with a current cinematrix")
        }
        self.model = model
        rows = (0..<model.userCount).filter { ratings.rowStart[$0 + 1] - ratings.rowStart[$0] >= minRatings }
        guard rows.count >= 5 else { throw ValidationError("only \(rows.count) users have ≥ \(minRatings) ratings; lower --min-ratings") }
        let g = model.catalog.genreNames.count
        favourite = rows.map { u in
            var liked = [Int](repeating: 0, count: g), all = [Int](repeating: 0, count: g)
            for p in ratings.rowStart[u]..<ratings.rowStart[u + 1] {
                let movie = Int(ratings.columnIndex[p])
                for genre in model.catalog.genres(of: movie) {
                    all[Int(genre)] += 1
                    if ratings.value[p] >= 4 { liked[Int(genre)] += 1 }
                }
            }
            let counts = liked.contains { $0 > 0 } ? liked : all
            guard let best = counts.indices.max(by: { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }),
                  counts[best] > 0 else { return -1 }
            return best
        }
    }

    var vectors: Matrix { model.userFactors.selectingRows(rows) }

    func writeCoordinates(_ xy: Matrix, to path: String) throws {
        var text = "userId,favouriteGenre,x,y\n"
        for (p, u) in rows.enumerated() {
            let genre = favourite[p] >= 0 ? model.catalog.genreNames[favourite[p]] : ""
            text += "\(model.userIDs[u]),\(csvField(genre)),\(xy[p, 0]),\(xy[p, 1])\n"
        }
        try AtomicFile.write(text, to: path)
    }

    func scatter(_ xy: Matrix, title: String) -> ScatterPlot {
        let names = model.catalog.genreNames
        return ScatterPlot(title: title, x: (0..<xy.rows).map { Double(xy[$0, 0]) }, y: (0..<xy.rows).map { Double(xy[$0, 1]) },
                           categories: favourite.map { $0 < 0 ? names.count : $0 }, categoryNames: names + ["(none)"])
    }
}

/// A CSV field, quoted when it holds a comma, quote or line break.
func csvField(_ s: String) -> String {
    s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
}

/// Chart style with this run's command line recorded in the PNG metadata.
func chartStyle(width: Double = 900, height: Double = 700) -> ChartStyle {
    ChartStyle(width: width, height: height,
               metadata: [("Parameters", "cinematrix " + CommandLine.arguments.dropFirst().joined(separator: " "))],
               software: "cinematrix \(Cinematrix.version)")
}
