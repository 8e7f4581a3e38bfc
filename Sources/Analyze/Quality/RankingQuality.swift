import Core
import Model

/// How well a model's top-k recommendations find the movies users went on to like: the model
/// judged as a user sees it, by the short list it shows, rather than by rating error.
///
/// A user is evaluated when they rated at least one held-out (test) movie at or above a
/// threshold; those movies are the user's relevant set R. The user's list L holds the `cutoff`
/// best movies by a `RankingRule` among all movies they did not rate in training (and that
/// pass a training-rating-count floor). Per-user precision, recall and NDCG are defined in
/// `TopListScore`; here they are averaged over evaluated users, each user weighing the same.
public struct RankingQuality: Sendable, Equatable {
    /// The rule the lists were ranked by.
    public var rule: RankingRule
    /// k, the length of each list.
    public var cutoff: Int
    /// Number of users evaluated (those with at least one relevant test movie).
    public var usersEvaluated: Int
    /// Mean precision@k = hits / k, in [0, 1].
    public var precision: Double
    /// Mean recall@k = hits / |R|, in [0, 1].
    public var recall: Double
    /// Mean NDCG@k (binary gain, log₂ discount), in [0, 1].
    public var ndcg: Double
    /// Catalogue coverage: distinct movies in any list / movies in the catalogue, in [0, 1].
    public var coverage: Double
    /// Mean number of training ratings of the recommended movies, over every place of every
    /// list (a movie shown to 100 users counts 100 times): how mainstream the lists are.
    public var meanPopularity: Double
}

extension RankingQuality {
    /// Ranks every evaluated user's unrated movies by `rule` and scores the top `cutoff`.
    ///
    /// - `train`: the training ratings by user (rows = the model's users, columns = its movies);
    ///   a user's rated movies are never recommended.
    /// - `test`: held-out ratings in the same dense indices; a movie is relevant to a user when
    ///   rated ≥ `relevantAtLeast` stars (repeats count once). Relevant movies no list can hold
    ///   (below the `minRatings` floor, or also rated in `train`) still count in R.
    /// - `minRatings`: only movies with at least this many training ratings
    ///   (`model.movieRatingCounts`) are recommended.
    ///
    /// With no user evaluated, precision, recall, NDCG and mean popularity are NaN and coverage
    /// is 0. Deterministic: each user's list is computed alone and the sums are taken in user
    /// order, so the result does not depend on `threads`. Cost O(users · movies · K) multiply-adds
    /// (one dot product per user and candidate, through `Ranking.rank`) plus O(test ratings);
    /// memory O(movies + users · cutoff).
    public static func evaluate(
        model: FactorModel, train: RatingMatrix, test: RatingTriplets, rule: RankingRule,
        cutoff: Int = 10, relevantAtLeast: Float = 4, minRatings: Int = 0, threads: Int
    ) -> RankingQuality {
        precondition(cutoff > 0, "ranking quality: the cutoff must be at least 1, not \(cutoff)")
        precondition(train.rowCount == model.userCount && train.columnCount == model.movieCount,
                     "ranking quality: training ratings are \(train.rowCount)×\(train.columnCount), the model has \(model.userCount) users × \(model.movieCount) movies")
        let relevant = relevantMovies(test, atLeast: relevantAtLeast, users: model.userCount, movies: model.movieCount)
        let users = (0..<model.userCount).filter { relevant.rowLength($0) > 0 }
        let filter = RankingFilter(minRatings: minRatings, top: cutoff, rule: rule)
        var scores = [TopListScore?](repeating: nil, count: users.count)
        var lists = [Int32](repeating: -1, count: users.count * cutoff)  // −1: an empty place
        scores.withUnsafeMutableBufferPointer { outScore in
            lists.withUnsafeMutableBufferPointer { outList in
                parallelForEach(count: users.count, threads: threads, grain: 8) { j, _ in
                    let u = users[j]
                    let rated = Array(train.columnIndex[train.rowStart[u]..<train.rowStart[u + 1]])
                    let top = model.recommend(bias: model.userBias[u], vector: model.userFactors.row(u), rated: rated, filter: filter)
                    for (r, rec) in top.enumerated() { outList[j * cutoff + r] = Int32(rec.movie) }
                    outScore[j] = TopListScore(list: top.lazy.map { Int32($0.movie) },
                                               relevant: relevant.columnIndex[relevant.rowStart[u]..<relevant.rowStart[u + 1]],
                                               cutoff: cutoff)
                }
            }
        }
        var hits = 0, recall = 0.0, ndcg = 0.0
        for case let s? in scores {
            hits += s.hits
            recall += Double(s.hits) / Double(s.relevant)
            ndcg += s.ndcg
        }
        var shown = [Bool](repeating: false, count: model.movieCount)
        var places = 0, popularity = 0
        for m in lists where m >= 0 {
            shown[Int(m)] = true
            places += 1
            popularity += Int(model.movieRatingCounts[Int(m)])
        }
        let n = Double(users.count)
        return RankingQuality(
            rule: rule, cutoff: cutoff, usersEvaluated: users.count,
            precision: Double(hits) / (n * Double(cutoff)), recall: recall / n, ndcg: ndcg / n,
            coverage: model.movieCount == 0 ? 0 : Double(shown.lazy.filter { $0 }.count) / Double(model.movieCount),
            meanPopularity: Double(popularity) / Double(places))
    }

    /// Each user's test movies rated ≥ `atLeast`, as rows of movie indices ascending without
    /// repeats (values unused). Cost O(test ratings + users).
    static func relevantMovies(_ test: RatingTriplets, atLeast: Float, users: Int, movies: Int) -> RatingMatrix {
        var rows: [Int32] = [], columns: [Int32] = []
        for t in 0..<test.count where test.ratings[t] >= atLeast {
            let u = test.users[t], m = test.movies[t]
            precondition(u >= 0 && Int(u) < users && m >= 0 && Int(m) < movies,
                         "ranking quality: test rating \(t) is for user \(u), movie \(m), outside the model's \(users) users × \(movies) movies")
            rows.append(u)
            columns.append(m)
        }
        let sorted = RatingMatrix.fromTriplets(rows: rows, columns: columns, values: [Float](repeating: 0, count: rows.count),
                                               rowCount: users, columnCount: movies)
        var start = [0], kept: [Int32] = []
        kept.reserveCapacity(sorted.count)
        for u in 0..<users {
            let rowBegin = kept.count
            for p in sorted.rowStart[u]..<sorted.rowStart[u + 1] where kept.count == rowBegin || kept.last! != sorted.columnIndex[p] {
                kept.append(sorted.columnIndex[p])
            }
            start.append(kept.count)
        }
        return RatingMatrix(rowCount: users, columnCount: movies, rowStart: start, columnIndex: kept,
                            value: [Float](repeating: 0, count: kept.count))
    }
}
