import ArgumentParser
import Core
import Foundation
import Model

/// `cinematrix bench recommend`: times opening a model and serving new users within one
/// process (fold in a few ratings, rank every movie), for `scripts/bench-recommend.sh`.
struct RecommendBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "recommend",
                                                    abstract: "Time model opening and per-user fold-in + ranking.")

    @Option(help: "Model file or experiment folder.") var model: String
    @Option(help: "New users to serve.") var users: Int = 200
    @Option(help: "Ratings per new user.") var ratings: Int = 10
    @Option(help: "Seed for the made-up users.") var seed: UInt64 = 1

    func run() throws {
        let (m, open) = try measure { try ModelFile.read(path: model, users: .none) }
        let floor = RankingFilter.defaultMinRatings(userCount: m.trainingUserCount)
        let popular = (0..<m.movieCount).filter { Int(m.movieRatingCounts[$0]) >= floor }
        var rng = SplitMix64(seed: seed)
        var times: [Double] = []
        var checksum = 0
        for _ in 0..<users {
            var chosen = Set<Int>()
            while chosen.count < min(ratings, popular.count) { chosen.insert(popular[Int(rng.next() % UInt64(popular.count))]) }
            let rated = chosen.sorted().map { (movie: $0, stars: Float(1 + rng.next() % 9) / 2 + 0.5) }
            let (recs, seconds) = try measure { () throws -> [Recommendation] in
                let fit = try m.foldIn(rated)
                return m.recommend(bias: fit.bias, vector: fit.vector, rated: fit.rated, filter: RankingFilter(minRatings: floor, top: 10))
            }
            checksum &+= recs.first?.movie ?? 0
            times.append(seconds)
        }
        times.sort()
        // Title look-ups: building the index, then resolving the display titles of popular movies.
        let (index, build) = measure { TitleIndex(catalog: m.catalog, popularity: m.movieRatingCounts) }
        var lookups: [Double] = []
        for movie in popular.prefix(200) {
            let title = m.catalog.displayTitle(movie)
            let (_, seconds) = measure { index.match(title) }
            lookups.append(seconds)
        }
        lookups.sort()
        print(String(format: "open_model_ms=%.2f users=%d movies=%d k=%d per_user_median_ms=%.3f per_user_p90_ms=%.3f title_index_ms=%.2f title_lookup_median_ms=%.3f (checksum %d)",
                     open * 1000, m.trainingUserCount, m.movieCount, m.rank, times[times.count / 2] * 1000, times[times.count * 9 / 10] * 1000,
                     build * 1000, lookups.isEmpty ? 0 : lookups[lookups.count / 2] * 1000, checksum))
    }
}
