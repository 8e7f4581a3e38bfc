import ArgumentParser
import Core
import Foundation
import Model

/// `cinematrix recommend`: ranked recommendations for a known user or a new user who rates a few titles.
struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Recommend movies for a known user, or for a new user who rates a few titles.",
        discussion: """
        A known user (raw MovieLens id):
          cinematrix recommend outputs/run1 --user 42
        A new user rates a few titles (case, accents, punctuation, "Matrix, The" vs
        "The Matrix" and the year are all forgiving; ambiguous or unknown titles stop
        with the closest matches):
          cinematrix recommend outputs/run1 --rate "Toy Story (1995)=5" \\
            --rate "the matrix=4.5" --rate "Heat=2"
          cinematrix recommend outputs/run1 --ratings my-ratings.csv --explain
        The ratings file is CSV with a header naming a title or movieId column and a
        rating column. The new user's bias and taste vector are solved with every
        movie fixed: for a Gibbs-trained model from its learned prior (the users'
        mean taste and spread, and the noise level), for a MAP model by the same
        ridge regression as in training.

        Ranking (--rank-by): a known user's list is ordered by predicted rating; a new
        user's by taste, what their ratings add to the average user's opinion, so that
        one film's fan gets its sequels rather than everyone's favourite classics.
        Gibbs-trained models print each prediction as mean ± the posterior predictive
        standard deviation. Movies with fewer than --min-ratings training ratings are
        left out (default: max(10, users/1000)), so obscure titles cannot top the
        list on a handful of enthusiastic ratings; --min-ratings 0 turns it off.
        """
    )

    @Argument(help: "The model: an experiment folder or its model.cmxm file.")
    var model: String

    @Option(help: "Raw MovieLens id of a user in the training data.")
    var user: Int64?

    @Option(name: .customLong("rate"), help: ArgumentHelp("A rating as \"TITLE=STARS\" (repeatable).", valueName: "TITLE=STARS"))
    var rates: [String] = []

    @Option(help: "CSV file of a new user's ratings (title or movieId, rating).")
    var ratings: String?

    @Option(help: "How many movies to list.")
    var top = 10

    @Option(help: "Only movies of this genre, e.g. Comedy.")
    var genre: String?

    @Option(help: "Only movies with at least this many training ratings (default: max(10, users/1000)).")
    var minRatings: Int?

    @Option(name: .customLong("rank-by"), help: ArgumentHelp("How to order the movies: rating (the predicted stars), taste (what this user's taste adds to the average user's opinion) or taste+W (taste + W × the movie's appeal to the average user). Default: rating for --user, taste for a new user.", valueName: "rule"))
    var rankBy: RankingRule?

    @Flag(help: "Also list movies the user has already rated.")
    var includeRated = false

    @Flag(help: "For each movie, list the rated movies that pushed it up most.")
    var explain = false

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        let modes = (user != nil ? 1 : 0) + (rates.isEmpty && ratings == nil ? 0 : 1)
        guard modes == 1 else {
            throw ValidationError("give either --user ID, or a new user's ratings with --rate \"TITLE=STARS\" (repeatable) or --ratings FILE")
        }
        guard top > 0 else { throw ValidationError("--top must be at least 1") }
        if let m = minRatings, m < 0 { throw ValidationError("--min-ratings must be 0 or more") }
    }

    func run() throws {
        // Only what this user needs is read: one user's row, or for a new user the movie side.
        let m: FactorModel
        do {
            m = try ModelFile.read(path: model, users: user.map { .one(id: $0) } ?? .none)
        } catch let error as UserLookupError {
            throw ValidationError("\(error)")
        }
        let rule = rankBy ?? (user != nil ? .standard : .standardForNewUsers)
        var filter = RankingFilter(minRatings: minRatings ?? RankingFilter.defaultMinRatings(userCount: m.trainingUserCount),
                                   includeRated: includeRated, top: min(top, m.movieCount), rule: rule)
        if let genre {
            guard let g = m.catalog.genreNames.firstIndex(where: { $0.lowercased() == genre.lowercased() }) else {
                throw ValidationError("unknown genre '\(genre)'. Genres in this model: \(m.catalog.genreNames.joined(separator: ", ")).")
            }
            filter.genre = Int32(g)
        }
        let recs: [Recommendation]
        var fit: UserFit?
        var heading: String
        var given: [Int: Float] = [:]
        if let user {
            let u = try m.userIndex(id: user)
            recs = try m.recommend(user: u, filter: filter)
            let rated = m.ratings(ofUser: u) ?? []
            for r in rated { given[r.movie] = r.stars }
            if explain, !rated.isEmpty { fit = try m.foldIn(rated) }
            heading = "Recommendations for user \(user) (\(rated.count) ratings)"
        } else {
            var entries = try RatingList.parse(arguments: rates)
            try RatingList.check(entries, on: m.scale, source: "--rate")
            if let ratings {
                guard let text = try? String(contentsOfFile: ratings, encoding: .utf8) else {
                    throw ValidationError("cannot read \(ratings) as UTF-8 text")
                }
                let fromFile = try RatingList.parse(csv: text, source: ratings)
                try RatingList.check(fromFile, on: m.scale, source: ratings)
                entries += fromFile
            }
            // Raw ids (#ID) need no title index; building one costs a pass over every title.
            var index: TitleIndex?
            let resolved = try entries.map { e -> (movie: Int, stars: Float) in
                if e.query.hasPrefix("#"), let id = Int64(e.query.dropFirst()) {
                    guard let movie = m.catalog.index(ofMovieID: id) else { throw ValidationError("no movie with id \(id) in this model") }
                    return (movie, e.stars)
                }
                if index == nil { index = TitleIndex(catalog: m.catalog, popularity: m.movieRatingCounts) }
                do { return (try index!.resolve(e.query), e.stars) } catch let error as TitleLookupError {
                    throw ValidationError("\(error)")
                }
            }
            for r in resolved { given[r.movie] = r.stars }
            let f = try m.foldIn(resolved)
            fit = f
            recs = m.recommend(bias: f.bias, vector: f.vector, rated: f.rated, filter: filter)
            heading = "Recommendations for a new user who rated " + resolved.map { "\(m.catalog.displayTitle($0.movie)) \($0.stars)" }.joined(separator: ", ")
        }
        if filter.minRatings > 0 { heading += "; movies with ≥ \(filter.minRatings) ratings" }
        if let g = filter.genre { heading += "; genre \(m.catalog.genreNames[Int(g)])" }
        let reasons = recs.map { r in explain ? fit.map { m.explain(movie: r.movie, fit: $0) } ?? [] : [] }
        // Gibbs models: each prediction's posterior predictive standard deviation.
        let spread: [Float?] = recs.map { r in
            if user != nil { return m.predictiveDeviation(user: 0, movie: r.movie) }
            return fit.flatMap { m.predictiveDeviation(fit: $0, movie: r.movie) }
        }
        if json {
            printJSON(recs, reasons: reasons, spread: spread, model: m)
        } else {
            printTable(recs, reasons: reasons, spread: spread, given: given, model: m, heading: heading, rule: filter.rule)
        }
    }

    private func printTable(_ recs: [Recommendation], reasons: [[(movie: Int, contribution: Float)]], spread: [Float?],
                            given: [Int: Float], model m: FactorModel, heading: String, rule: RankingRule) {
        print(heading + "\n")
        if recs.isEmpty {
            print("No movie passes the filters; lower --min-ratings or drop --genre.")
            return
        }
        let appeal = m.posterior != nil ? "Appeal" : "Movie bias"
        var table = TextTable(header: ["#", "Title", "Year", "Genres", "Predicted", appeal, "Taste"], numeric: [0, 2, 4, 5, 6])
        for (i, r) in recs.enumerated() {
            let year = m.catalog.years[r.movie]
            table.add(["\(i + 1)", m.catalog.titles[r.movie], year > 0 ? "\(year)" : "", genreList(m, r.movie),
                       spread[i].map { String(format: "%.2f ± %.2f", r.predicted, $0) } ?? String(format: "%.2f", r.predicted),
                       String(format: "%+.2f", r.movieBias), String(format: "%+.2f", r.tasteMatch)])
        }
        print(table.rendered)
        if spread.contains(where: { $0 != nil }) {
            print("(± one posterior predictive standard deviation; ranked by \(rule.label))")
        } else if rule != .predictedRating {
            print("(ranked by \(rule.label))")
        }
        if explain {
            print("\nWhy: the rated movies that raised each taste match most (a low rating of an opposite-taste movie raises it too)")
            for (i, r) in recs.enumerated() {
                let why = reasons[i].map {
                    "\(m.catalog.displayTitle($0.movie)) rated \(given[$0.movie].map { String(format: "%g", $0) } ?? "?") (\(String(format: "%+.2f", $0.contribution)))"
                }
                print("  \(i + 1). \(m.catalog.displayTitle(r.movie)): \(why.isEmpty ? "its movie bias, not your ratings" : why.joined(separator: ", "))")
            }
        }
    }

    private func printJSON(_ recs: [Recommendation], reasons: [[(movie: Int, contribution: Float)]], spread: [Float?], model m: FactorModel) {
        let items: [[String: Any]] = recs.enumerated().map { i, r in
            var item: [String: Any] = [
                "rank": i + 1, "movieId": m.catalog.movieIDs[r.movie], "title": m.catalog.titles[r.movie],
                "year": Int(m.catalog.years[r.movie]), "genres": m.catalog.genres(of: r.movie).map { m.catalog.genreNames[Int($0)] },
                "predicted": Double(r.predicted), "movieBias": Double(r.movieBias), "tasteMatch": Double(r.tasteMatch),
                "ratings": Int(m.movieRatingCounts[r.movie]),
            ]
            item["score"] = Double(r.score)
            if let sd = spread[i] { item["predictedSD"] = Double(sd) }
            if explain {
                item["because"] = reasons[i].map { ["movieId": m.catalog.movieIDs[$0.movie], "title": m.catalog.displayTitle($0.movie), "contribution": Double($0.contribution)] as [String: Any] }
            }
            return item
        }
        let data = (try? JSONSerialization.data(withJSONObject: items, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        print(String(decoding: data, as: UTF8.self))
    }
}
