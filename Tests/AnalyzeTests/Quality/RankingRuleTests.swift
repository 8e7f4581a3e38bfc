import Core
import Foundation
import Testing
import Model
import TestSupport

@Suite struct RankingRuleTests {
    @Test func eachRuleScoresItsOwnSum() {
        // base 3, bias 0.5, taste 0.25 (all exact in binary).
        #expect(RankingRule.predictedRating.score(base: 3, movieBias: 0.5, taste: 0.25) == 3.75)
        #expect(RankingRule.taste.score(base: 3, movieBias: 0.5, taste: 0.25) == 0.25)
        #expect(RankingRule.tasteAndBias(weight: 0.5).score(base: 3, movieBias: 0.5, taste: 0.25) == 0.5)
        #expect(RankingRule.tasteAndBias(weight: -2).score(base: 3, movieBias: 0.5, taste: 0.25) == -0.75)
    }

    /// Movie 0 is a crowd favourite (c = 1.5) this user is indifferent to (x·y = 0.1); movie 1
    /// matches the user's taste (x·y = 1) with no bias; movie 2 has a middling taste match.
    static let model = HandBuiltModel.make(
        userFactors: [[1, 0]], movieFactors: [[0.1, 0], [1, 0], [0.5, 0]],
        userBias: [0.25], movieBias: [1.5, 0, 0.25], globalMean: 3.5)

    func order(_ rule: RankingRule) -> [Recommendation] {
        Self.model.recommend(bias: 0.25, vector: [1, 0], rated: [], filter: RankingFilter(top: 3, rule: rule))
    }

    @Test func aHighBiasMovieTopsThePredictedRatingButNotTheTaste() {
        // Predicted: 3.75 + 1.5 + 0.1 = 5.35, 3.75 + 1 = 4.75, 3.75 + 0.25 + 0.5 = 4.5.
        #expect(order(.predictedRating).map(\.movie) == [0, 1, 2])
        // Taste: 1 > 0.5 > 0.1.
        #expect(order(.taste).map(\.movie) == [1, 2, 0])
        // Taste + 0.25·bias: 1, 0.5625, 0.475.
        #expect(order(.tasteAndBias(weight: 0.25)).map(\.movie) == [1, 2, 0])
        // Taste + 1·bias orders as the predicted rating (the base is the same for every movie).
        #expect(order(.tasteAndBias(weight: 1)).map(\.movie) == [0, 1, 2])
    }

    @Test func everyRuleKeepsThePredictedRatingAndReportsItsOwnScore() {
        for rule in [RankingRule.predictedRating, .taste, .tasteAndBias(weight: 0.25)] {
            for r in order(rule) {
                let taste = Float(Self.model.movieFactors[r.movie, 0])
                #expect(r.tasteMatch == taste)
                #expect(r.movieBias == Self.model.movieBias[r.movie])
                #expect(r.predicted == min(5, 3.75 + Self.model.movieBias[r.movie] + taste))
                #expect(r.score == rule.score(base: 3.75, movieBias: r.movieBias, taste: taste))
            }
        }
        #expect(order(.predictedRating)[0].predicted == 5)   // 5.35 clamped to the scale
        let unclamped: Float = 3.75 + 1.5 + 0.1   // typed, or the macro reads the literals as Double
        #expect(order(.predictedRating)[0].score == unclamped)
    }

    @Test func theDefaultFilterRanksByPredictedRating() {
        #expect(RankingFilter().rule == .predictedRating)
        #expect(RankingFilter(minRatings: 0, top: 3) == RankingFilter(minRatings: 0, top: 3, rule: .predictedRating))
    }

    @Test func textFormsReadBackAndLabelsName() throws {
        let cases: [(String, RankingRule, String, String)] = [
            ("rating", .predictedRating, "rating", "predicted rating"),
            ("Taste", .taste, "taste", "taste"),
            ("taste+0.25", .tasteAndBias(weight: 0.25), "taste+0.25", "taste + 0.25·bias"),
            (" taste + 1 ", .tasteAndBias(weight: 1), "taste+1.0", "taste + 1.0·bias"),
            ("taste+-0.5", .tasteAndBias(weight: -0.5), "taste+-0.5", "taste − 0.5·bias"),
        ]
        for (text, rule, spelling, label) in cases {
            #expect(try RankingRule(parsing: text) == rule)
            #expect(RankingRule(text) == rule)
            #expect(rule.description == spelling)
            #expect(RankingRule(rule.description) == rule)
            #expect(rule.label == label)
        }
    }

    @Test func badTextIsRefusedWithTheFormsToUse() {
        for text in ["", "ratings", "taste+", "taste+x", "taste+nan", "taste+inf", "taste0.25", "bias"] {
            #expect(RankingRule(text) == nil, "'\(text)'")
            #expect { try RankingRule(parsing: text) } throws: { error in
                (error as? RankingRuleError)?.text == text && "\(error)".contains("taste+0.25")
            }
        }
    }

    @Test func rulesRoundTripThroughJSON() throws {
        for rule in [RankingRule.predictedRating, .taste, .tasteAndBias(weight: 0.25)] {
            let data = try JSONEncoder().encode(rule)
            #expect(try JSONDecoder().decode(RankingRule.self, from: data) == rule)
        }
    }
}
