import ArgumentParser
import Core
import Foundation
import Model

extension RankingRule: ExpressibleByArgument {}

/// `cinematrix recommend`: ranked recommendations for a known user or a new user who rates a few titles.
struct RecommendCommand: ContractCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Recommend movies for a known user, or for a new user who rates a few titles.",
        discussion: CommandHelp.discussion("""
            A known user is named by their raw MovieLens id. A new user rates a few titles: case, accents, \
            punctuation, "Matrix, The" vs "The Matrix" and the year are all forgiving, and ambiguous or unknown \
            titles stop with the closest matches. The ratings file is CSV with a header naming a title or movieId \
            column and a rating column. The new user's bias and taste vector are solved with every movie fixed: \
            for a Gibbs-trained model from its learned prior (the users' mean taste and spread, and the noise \
            level), for a MAP model by the same ridge regression as in training.

            Ranking (--rank-by): a known user's list is ordered by predicted rating; a new user's by taste, what \
            their ratings add to the average user's opinion, so that one film's fan gets its sequels rather than \
            everyone's favourite classics. Gibbs-trained models print each prediction as mean ± the posterior \
            predictive standard deviation. Movies with fewer than --min-ratings training ratings are left out, so \
            obscure titles cannot top the list on a handful of enthusiastic ratings; --min-ratings 0 turns it off.
            """, examples: [
                "cinematrix recommend outputs/run1 --user 42",
                "cinematrix recommend outputs/run1 --rate \"Toy Story (1995)=5\" --rate \"the matrix=4.5\" --rate \"Heat=2\"",
                "cinematrix recommend outputs/run1 --ratings my-ratings.csv --explain --json",
            ]))

    @Argument(help: "The model: an experiment folder or its model.cmxm file.") var model: String
    @Option(help: "Raw MovieLens id of a user in the training data.") var user: Int64?
    @Option(name: .customLong("rate"), help: ArgumentHelp("A rating as \"TITLE=STARS\" (repeatable); TITLE may be #ID.", valueName: "TITLE=STARS"))
    var rates: [String] = []
    @Option(help: "CSV file of a new user's ratings (title or movieId, rating).") var ratings: String?
    @Option(help: "How many movies to list.") var top = 10
    @Option(help: "Only movies of this genre, e.g. Comedy.") var genre: String?
    @Option(help: ArgumentHelp("Only movies with at least this many training ratings. Default: \(PopularityFloor.description).", valueName: "n"))
    var minRatings: Int?
    @Option(name: .customLong("rank-by"), help: ArgumentHelp("How to order the movies: rating (the predicted stars), taste (what this user's taste adds to the average user's opinion) or taste+W (taste + W × the movie's appeal to the average user). Default: rating for --user, taste for a new user.", valueName: "rule"))
    var rankBy: RankingRule?
    @Flag(help: "Also list movies the user has already rated.") var includeRated = false
    @Flag(help: "For each movie, list the rated movies that pushed it up most.") var explain = false
    @OptionGroup var output: OutputOptions

    func validate() throws {
        let modes = (user != nil ? 1 : 0) + (rates.isEmpty && ratings == nil ? 0 : 1)
        guard modes == 1 else {
            throw ValidationError("give either --user ID, or a new user's ratings with --rate \"TITLE=STARS\" (repeatable) or --ratings FILE")
        }
        guard top > 0 else { throw ValidationError("--top must be at least 1") }
        if let m = minRatings, m < 0 { throw ValidationError("--min-ratings must be 0 or more") }
    }

    func execute(_ console: Console) throws -> CommandOutcome {
        // Only what this user needs is read: one user's row, or for a new user the movie side.
        let m = try ModelFile.read(path: model, users: user.map { .one(id: $0) } ?? .none)
        var filter = RankingFilter(minRatings: minRatings ?? PopularityFloor.default(for: m), includeRated: includeRated,
                                   top: min(top, m.movieCount), rule: rankBy ?? (user != nil ? .standard : .standardForNewUsers))
        if let genre { filter.genre = try Int32(m.catalog.genreIndex(named: genre)) }
        let list: RecommendationList
        if let user {
            list = try RecommendationList.forKnownUser(id: user, model: m, filter: filter, explain: explain)
        } else {
            var entries = try RatingList.parse(arguments: rates, source: "--rate")
            try RatingList.check(entries, on: m.scale, source: "--rate")
            if let ratings { entries += try RatingList.read(file: ratings, scale: m.scale) }
            list = try RecommendationList.forNewUser(entries, model: m, filter: filter, explain: explain)
        }
        return CommandOutcome(json: json(list, m), text: text(list, m, filter: filter))
    }

    private func json(_ list: RecommendationList, _ m: FactorModel) -> JSONValue {
        let c = m.catalog
        let items: [JSONValue] = list.items.enumerated().map { i, item in
            let r = item.recommendation
            var fields: [(String, JSONValue)] = [
                ("rank", .int(i + 1)), ("movieId", .int(c.movieIDs[r.movie])), ("title", .string(c.titles[r.movie])),
                ("year", .int(c.years[r.movie])), ("genres", .array(c.genres(of: r.movie).map { .string(c.genreNames[Int($0)]) })),
                ("predicted", .float(r.predicted)), ("predictedSD", .optional(item.deviation, JSONValue.float)),
                ("movieBias", .float(r.movieBias)), ("tasteMatch", .float(r.tasteMatch)), ("score", .float(r.score)),
                ("ratings", .int(m.movieRatingCounts[r.movie])),
            ]
            if explain {
                fields.append(("because", .array(item.reasons.map {
                    .object([("movieId", .int(c.movieIDs[$0.movie])), ("title", .string(c.displayTitle($0.movie))), ("contribution", .float($0.contribution))])
                })))
            }
            return .object(fields)
        }
        return .object([("for", .string(list.heading)), ("rankBy", .string(list.rule.label)), ("minRatings", .int(list.minRatings)),
                        ("recommendations", .array(items))])
    }

    private func text(_ list: RecommendationList, _ m: FactorModel, filter: RankingFilter) -> String {
        var heading = list.heading
        if filter.minRatings > 0 { heading += "; movies with ≥ \(filter.minRatings) ratings" }
        if let g = filter.genre { heading += "; genre \(m.catalog.genreNames[Int(g)])" }
        var out = [heading, ""]
        guard !list.items.isEmpty else {
            return (out + ["No movie passes the filters; lower --min-ratings or drop --genre."]).joined(separator: "\n")
        }
        let appeal = m.posterior != nil ? "Appeal" : "Movie bias"
        var table = TextTable(header: ["#", "Title", "Year", "Genres", "Predicted", appeal, "Taste"], numeric: [0, 2, 4, 5, 6])
        for (i, item) in list.items.enumerated() {
            let r = item.recommendation, year = m.catalog.years[r.movie]
            table.add(["\(i + 1)", m.catalog.titles[r.movie], year > 0 ? "\(year)" : "", m.catalog.genreList(r.movie),
                       item.deviation.map { String(format: "%.2f ± %.2f", r.predicted, $0) } ?? String(format: "%.2f", r.predicted),
                       String(format: "%+.2f", r.movieBias), String(format: "%+.2f", r.tasteMatch)])
        }
        out.append(table.rendered)
        if list.items.contains(where: { $0.deviation != nil }) {
            out.append("(± one posterior predictive standard deviation; ranked by \(list.rule.label))")
        } else if list.rule != .predictedRating {
            out.append("(ranked by \(list.rule.label))")
        }
        if explain {
            out.append("\nWhy: the rated movies that raised each taste match most (a low rating of an opposite-taste movie raises it too)")
            for (i, item) in list.items.enumerated() {
                let why = item.reasons.map {
                    "\(m.catalog.displayTitle($0.movie)) rated \(list.given[$0.movie].map { String(format: "%g", $0) } ?? "?") (\(String(format: "%+.2f", $0.contribution)))"
                }
                out.append("  \(i + 1). \(m.catalog.displayTitle(item.recommendation.movie)): \(why.isEmpty ? "its movie bias, not your ratings" : why.joined(separator: ", "))")
            }
        }
        return out.joined(separator: "\n")
    }
}
