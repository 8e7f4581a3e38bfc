import Core
import Foundation
import Testing
import Model
@testable import Analyze
import TestSupport

@Suite struct RankingQualityTests {
    /// K = 1, no biases: movie i has y = 6 − i, so a user with x = 1 ranks the movies 0, 1, …, 5
    /// and one with x = −1 ranks them 5, 4, …, 0. User 3 (x = 0) has no relevant test movie.
    static let model = HandBuiltModel.make(
        userFactors: [[1], [-1], [1], [0]], movieFactors: [[6], [5], [4], [3], [2], [1]],
        ratingCounts: [10, 20, 30, 40, 50, 60])
    static let train = HandBuiltModel.ratings([(0, 0), (1, 5), (2, 1), (2, 2), (3, 0)], users: 4, movies: 6)
    static let test = HandBuiltModel.test([
        (0, 2, 5), (0, 4, 4.5), (0, 3, 2), (0, 2, 4),   // user 0: R = {2, 4} (movie 2 twice)
        (1, 4, 4), (1, 0, 3.5),                          // user 1: R = {4} (4 stars is enough)
        (2, 5, 4),                                       // user 2: R = {5}
        (3, 1, 3.5),                                     // user 3: nothing relevant
    ])

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-12 }

    @Test func topTwoListsOfAHandBuiltModelScoreAsWorkedOut() {
        let q = RankingQuality.evaluate(model: Self.model, train: Self.train, test: Self.test, rule: .predictedRating,
                                        cutoff: 2, threads: 1)
        // Lists: user 0 [1, 2] (hit at rank 2 of R = {2, 4}); user 1 [4, 3] (hit at rank 1 of
        // R = {4}); user 2 [0, 3] (no hit of R = {5}).
        #expect(q.usersEvaluated == 3 && q.cutoff == 2 && q.rule == .predictedRating)
        #expect(Self.close(q.precision, (0.5 + 0.5 + 0) / 3))
        #expect(Self.close(q.recall, (0.5 + 1 + 0) / 3))
        let user0 = (1 / log2(3.0)) / (1 + 1 / log2(3.0))
        #expect(Self.close(q.ndcg, (user0 + 1 + 0) / 3))
        // Movies shown: {0, 1, 2, 3, 4} of 6; counts 20 + 30 + 50 + 40 + 10 + 40 over 6 places.
        #expect(Self.close(q.coverage, 5.0 / 6))
        #expect(Self.close(q.meanPopularity, 190.0 / 6))
    }

    @Test func thePopularityFloorNarrowsTheCandidates() {
        // Only movies 2…5 (≥ 25 ratings) may be shown. Lists: user 0 [2, 3] (hit at rank 1 of
        // R = {2, 4}); user 1 [4, 3] (hit at rank 1); user 2 [3, 4] (no hit).
        let q = RankingQuality.evaluate(model: Self.model, train: Self.train, test: Self.test, rule: .taste,
                                        cutoff: 2, minRatings: 25, threads: 1)
        #expect(q.usersEvaluated == 3)
        #expect(Self.close(q.precision, 2.0 / 6))
        #expect(Self.close(q.recall, (0.5 + 1 + 0) / 3))
        #expect(Self.close(q.ndcg, (1 / (1 + 1 / log2(3.0)) + 1 + 0) / 3))
        #expect(Self.close(q.coverage, 3.0 / 6))
        #expect(Self.close(q.meanPopularity, 250.0 / 6))   // 30 + 40, 50 + 40, 40 + 50
    }

    @Test func aListShorterThanTheCutoffCountsItsEmptyPlacesAsMisses() {
        // User 2 may only be shown movies 0, 3, 4, 5: with k = 6 the list holds those four.
        let test = HandBuiltModel.test([(2, 5, 4)])
        let q = RankingQuality.evaluate(model: Self.model, train: Self.train, test: test, rule: .taste, cutoff: 6, threads: 1)
        #expect(q.usersEvaluated == 1)
        #expect(Self.close(q.precision, 1.0 / 6))
        #expect(q.recall == 1)
        #expect(Self.close(q.ndcg, 1 / log2(5.0)))   // the hit is 4th: DCG 1/log₂ 5, IDCG 1
        #expect(q.meanPopularity == 160.0 / 4)   // 10 + 40 + 50 + 60
    }

    @Test func listScoresMatchTheirDefinitions() {
        let s = TopListScore(list: [7, 3, 9], relevant: [3, 9, 11, 12, 13], cutoff: 3)
        #expect(s.hits == 2 && s.relevant == 5)
        let dcg = 1 / log2(3.0) + 1 / log2(4.0), ideal = 1 + 1 / log2(3.0) + 1 / log2(4.0)
        #expect(Self.close(s.ndcg, dcg / ideal))
        #expect(TopListScore(list: [5], relevant: [5], cutoff: 3).ndcg == 1)   // ideal over min(k, |R|) = 1
        #expect(TopListScore(list: [], relevant: [5], cutoff: 3).ndcg == 0)
    }

    @Test func tasteFindsTheNicheMovieThatPredictedRatingBuriesUnderTheBlockbuster() {
        // Movie 0: a blockbuster (c = 1.5, 1000 ratings) nobody's taste matches; movie 1: a niche
        // film (c = 0, 10 ratings) every user's taste matches; each user rated it 5 in the test.
        let model = HandBuiltModel.make(
            userFactors: [[1], [1], [1]], movieFactors: [[0], [1], [0.5]], movieBias: [1.5, 0, 0],
            ratingCounts: [1000, 10, 50])
        let train = HandBuiltModel.ratings([], users: 3, movies: 3)
        let test = HandBuiltModel.test([(0, 1, 5), (1, 1, 5), (2, 1, 5)])
        func quality(_ rule: RankingRule) -> RankingQuality {
            RankingQuality.evaluate(model: model, train: train, test: test, rule: rule, cutoff: 1, threads: 1)
        }
        let rating = quality(.predictedRating), taste = quality(.taste)
        #expect(rating.precision == 0 && rating.meanPopularity == 1000 && rating.coverage == 1.0 / 3)
        #expect(taste.precision == 1 && taste.ndcg == 1 && taste.meanPopularity == 10)
        #expect(quality(.tasteAndBias(weight: 0.5)).precision == 1)   // 1 > 0.75
        #expect(quality(.tasteAndBias(weight: 1)).precision == 0)     // 1.5 > 1
    }

    @Test func aBiasOnlyModelRecommendsTheHighestBiasUnratedMovies() {
        let model = HandBuiltModel.make(userFactors: [[], []], movieFactors: [[], [], [], []], rank: 0,
                                        movieBias: [0.5, -1, 2, 1], ratingCounts: [4, 3, 2, 1])
        let train = HandBuiltModel.ratings([(0, 2), (1, 0)], users: 2, movies: 4)
        let test = HandBuiltModel.test([(0, 3, 5), (1, 1, 4), (1, 3, 5)])
        let q = RankingQuality.evaluate(model: model, train: train, test: test, rule: .predictedRating, cutoff: 1, threads: 1)
        // User 0 is shown movie 3 (a hit); user 1 movie 2 (R = {1, 3}, no hit).
        #expect(q.usersEvaluated == 2 && q.precision == 0.5 && q.recall == 0.5 && q.ndcg == 0.5)
        #expect(q.coverage == 0.5 && q.meanPopularity == 1.5)
    }

    @Test func withNobodyToEvaluateTheMeansAreNaN() {
        let test = HandBuiltModel.test([(0, 1, 3), (2, 5, 1)])
        let q = RankingQuality.evaluate(model: Self.model, train: Self.train, test: test, rule: .taste, threads: 2)
        #expect(q.usersEvaluated == 0 && q.coverage == 0)
        #expect(q.precision.isNaN && q.recall.isNaN && q.ndcg.isNaN && q.meanPopularity.isNaN)
    }

    static let rules: [RankingRule] = [.predictedRating, .taste, .tasteAndBias(weight: 0.5)]

    @Test(arguments: rules)
    func randomModelsAgreeWithAPlainReferenceAtAnyThreadCount(rule: RankingRule) {
        let (model, train, test) = HandBuiltModel.random(users: 240, movies: 300, rank: 8, seed: 17)
        let q = RankingQuality.evaluate(model: model, train: train, test: test, rule: rule, cutoff: 10, minRatings: 30, threads: 1)
        let expected = Self.reference(model: model, train: train, test: test, rule: rule, cutoff: 10, threshold: 4, minRatings: 30)
        #expect(q.usersEvaluated == expected.usersEvaluated && q.usersEvaluated > 200)
        for (name, got, want) in [("precision", q.precision, expected.precision), ("recall", q.recall, expected.recall),
                                  ("ndcg", q.ndcg, expected.ndcg), ("coverage", q.coverage, expected.coverage),
                                  ("popularity", q.meanPopularity, expected.meanPopularity)] {
            #expect(abs(got - want) < 1e-9 * max(1, abs(want)), "\(name): \(got) vs \(want)")
        }
        #expect(q.precision > 0 && q.coverage < 1)
        #expect(RankingQuality.evaluate(model: model, train: train, test: test, rule: rule, cutoff: 10, minRatings: 30, threads: 4) == q)
    }

    /// Every definition spelled out the plain way: all candidates scored in double precision,
    /// sorted (ties to the lower index), cut to k; sets for the relevant movies.
    static func reference(model: FactorModel, train: RatingMatrix, test: RatingTriplets, rule: RankingRule,
                          cutoff: Int, threshold: Float, minRatings: Int) -> RankingQuality {
        var relevant = [Set<Int>](repeating: [], count: model.userCount)
        for t in 0..<test.count where test.ratings[t] >= threshold { relevant[Int(test.users[t])].insert(Int(test.movies[t])) }
        var precision = 0.0, recall = 0.0, ndcg = 0.0, users = 0, places = 0, popularity = 0
        var shown = Set<Int>()
        for u in 0..<model.userCount where !relevant[u].isEmpty {
            let rated = Set(train.columnIndex[train.rowStart[u]..<train.rowStart[u + 1]].map(Int.init))
            let scored = (0..<model.movieCount).filter { !rated.contains($0) && model.movieRatingCounts[$0] >= minRatings }.map { m in
                let taste = (0..<model.rank).reduce(0.0) { $0 + Double(model.userFactors[u, $1]) * Double(model.movieFactors[m, $1]) }
                let c = Double(model.movieBias[m]), base = Double(model.globalMean) + Double(model.userBias[u])
                switch rule {
                case .predictedRating: return (m, base + c + taste)
                case .taste: return (m, taste)
                case let .tasteAndBias(w): return (m, taste + Double(w) * c)
                }
            }
            let top = scored.sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }.prefix(cutoff).map(\.0)
            let hitRanks = top.indices.filter { relevant[u].contains(top[$0]) }
            let dcg = hitRanks.reduce(0.0) { $0 + 1 / log2(Double($1 + 2)) }
            let ideal = (0..<min(cutoff, relevant[u].count)).reduce(0.0) { $0 + 1 / log2(Double($1 + 2)) }
            users += 1
            precision += Double(hitRanks.count) / Double(cutoff)
            recall += Double(hitRanks.count) / Double(relevant[u].count)
            ndcg += dcg / ideal
            shown.formUnion(top)
            places += top.count
            popularity += top.reduce(0) { $0 + Int(model.movieRatingCounts[$1]) }
        }
        let n = Double(users)
        return RankingQuality(rule: rule, cutoff: cutoff, usersEvaluated: users, precision: precision / n, recall: recall / n,
                              ndcg: ndcg / n, coverage: Double(shown.count) / Double(model.movieCount),
                              meanPopularity: Double(popularity) / Double(places))
    }
}
