import Core

/// One ranked movie for a user, with the parts of its score.
public struct Recommendation: Sendable, Equatable {
    /// Dense movie index.
    public var movie: Int
    /// μ + b_u + c_i + x·y clamped to the rating scale (stars).
    public var predicted: Float
    /// The score the filter's ranking rule gave the movie, by which the list is ordered (stars);
    /// with the default rule `.predictedRating` it is μ + b_u + c_i + x·y unclamped.
    public var score: Float
    /// c_i, the movie's bias: how much better it is rated than average by everyone (stars).
    public var movieBias: Float
    /// x·y, how well the movie matches this user's taste (stars).
    public var tasteMatch: Float
}

/// Which movies may be recommended.
public struct RankingFilter: Sendable, Equatable {
    /// Keep only movies with this genre index.
    public var genre: Int32?
    /// Keep only movies with at least this many training ratings.
    public var minRatings: Int
    /// Also rank movies the user has already rated.
    public var includeRated: Bool
    /// How many to return.
    public var top: Int
    /// How the kept movies are ordered.
    public var rule: RankingRule = .predictedRating

    /// A filter; see the properties.
    public init(genre: Int32? = nil, minRatings: Int = 0, includeRated: Bool = false, top: Int = 10,
                rule: RankingRule = .predictedRating) {
        self.genre = genre
        self.minRatings = minRatings
        self.includeRated = includeRated
        self.top = top
        self.rule = rule
    }

    /// The default popularity floor for a dataset with `userCount` users: max(10, users/1000)
    /// ratings. Movies below it have vectors and biases that are mostly prior, and ranking them
    /// lets obscure titles with a handful of enthusiastic ratings float to the top.
    public static func defaultMinRatings(userCount: Int) -> Int { max(10, userCount / 1000) }
}

/// Ranks every movie for a user with bias b and vector x. Pure: arrays in, ranked list out.
/// Cost O(movies · K) plus O(movies · log top) for the selection.
public enum Ranking {
    /// ⟨a, b⟩ over `k` floats, eight lanes at a time (the order of additions is fixed, so the
    /// result is deterministic). Cost k multiply-adds.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ k: Int) -> Float {
        var acc = SIMD8<Float>()
        var c = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        while c + 8 <= k {
            acc += ra.loadUnaligned(fromByteOffset: c * 4, as: SIMD8<Float>.self) * rb.loadUnaligned(fromByteOffset: c * 4, as: SIMD8<Float>.self)
            c += 8
        }
        var sum = acc.sum()
        while c < k { sum += a[c] * b[c]; c += 1 }
        return sum
    }

    /// The `filter.top` best movies by `filter.rule` (by default μ + b + c_i + x·y_i), best
    /// first; ties by lower index. Each keeps its clamped predicted rating whatever the rule.
    public static func rank(
        userBias: Float, userVector: [Float], globalMean: Float, movieBias: [Float], movieFactors: Matrix,
        ratingCounts: [Int32], catalog: MovieCatalog, scale: RatingScale, rated: [Int32], filter: RankingFilter
    ) -> [Recommendation] {
        let k = movieFactors.columns, n = movieBias.count
        var excluded = [Bool](repeating: false, count: n)
        if !filter.includeRated { for m in rated { excluded[Int(m)] = true } }
        var best: [(score: Float, movie: Int, dot: Float)] = []  // kept sorted, worst last
        best.reserveCapacity(min(filter.top, n) + 1)
        let base = globalMean + userBias
        userVector.withUnsafeBufferPointer { x in
            movieFactors.values.withUnsafeBufferPointer { y in
                for i in 0..<n {
                    if excluded[i] || Int(ratingCounts[i]) < filter.minRatings { continue }
                    if let g = filter.genre, !catalog.genres(of: i).contains(g) { continue }
                    let dot = Self.dot(x.baseAddress!, y.baseAddress! + i * k, k)
                    let s = filter.rule.score(base: base, movieBias: movieBias[i], taste: dot)
                    if best.count == filter.top, let last = best.last, !(s > last.score) { continue }
                    var p = best.count
                    while p > 0 && best[p - 1].score < s { p -= 1 }
                    best.insert((s, i, dot), at: p)
                    if best.count > filter.top { best.removeLast() }
                }
            }
        }
        return best.map { e in
            Recommendation(movie: e.movie, predicted: scale.clamp(base + movieBias[e.movie] + e.dot), score: e.score,
                           movieBias: movieBias[e.movie], tasteMatch: e.dot)
        }
    }
}
