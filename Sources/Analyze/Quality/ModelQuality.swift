import Model

/// A trained model judged the way users judge it: rating error, the top-10 lists it would
/// show (precision, recall, NDCG, coverage, popularity) and how much its movie map merely
/// restates the genre tags (genre echo).
public struct ModelQuality: Sendable, Equatable {
    /// RMSE on the held-out ratings (stars), as the trainer reported it (for Gibbs models the
    /// posterior predictive mean's).
    public var testRMSE: Double
    /// Ranking quality of the top-10 lists for test ratings ≥ 4, ranking each user's unrated
    /// movies above the popularity floor by the rule.
    public var ranking: RankingQuality
    /// Share of each movie's 10 nearest neighbours (movies with ≥ 20 ratings) with the same
    /// genre list; NaN without vectors.
    public var genreEcho: Double

    /// The most users whose lists are scored; larger datasets are scored on an evenly spaced,
    /// fixed subset of users (every ⌈users/limit⌉-th dense index), so the cost stays bounded
    /// (O(limit · movies · K)) and the result deterministic.
    public static let userLimit = 5_000

    /// Measures `model` on `dataset`'s held-out ratings, ranking by `rule` with the popularity
    /// floor `minRatings`. `testRMSE` is passed through. Cost O(min(users, 5000) · movies · K)
    /// for the lists plus O(movies² · K) for the genre echo.
    public static func measure(model: FactorModel, dataset: Dataset, testRMSE: Double, rule: RankingRule, minRatings: Int,
                               threads: Int) -> ModelQuality {
        ModelQuality(testRMSE: testRMSE,
                     ranking: ranking(model: model, dataset: dataset, rule: rule, minRatings: minRatings, threads: threads),
                     genreEcho: GenreEcho.measure(model: model, minRatings: 20, neighbours: 10, threads: threads))
    }

    /// Ranking quality on at most `userLimit` users (see there).
    public static func ranking(model: FactorModel, dataset: Dataset, rule: RankingRule, minRatings: Int, threads: Int) -> RankingQuality {
        var test = dataset.test
        let step = (dataset.userCount + userLimit - 1) / userLimit
        if step > 1 {
            let keep = test.users.indices.filter { Int(test.users[$0]) % step == 0 }
            test = RatingTriplets(users: keep.map { test.users[$0] }, movies: keep.map { test.movies[$0] },
                                  ratings: keep.map { test.ratings[$0] }, timestamps: keep.map { test.timestamps[$0] })
        }
        return RankingQuality.evaluate(model: model, train: dataset.trainByUser, test: test, rule: rule, cutoff: 10,
                                       relevantAtLeast: 4, minRatings: minRatings, threads: threads)
    }
}
