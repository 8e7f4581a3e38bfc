/// The headline numbers of a prepared dataset, as printed by `prepare` and `info`.
///
/// Computed in one pass over the training and test ratings: O(ratings + users + movies).
public struct DatasetSummary: Sendable, Equatable, Codable {
    /// Number of ratings with one rating value.
    public struct RatingCount: Sendable, Equatable, Codable {
        public var rating: Float
        public var count: Int
    }

    /// Number of movies carrying one genre token.
    public struct GenreCount: Sendable, Equatable, Codable {
        public var genre: String
        public var movies: Int
    }

    /// Users, movies (catalogue size, including movies without ratings) and ratings (train + test).
    public var users: Int
    public var movies: Int
    public var ratings: Int
    /// Movies with at least one rating (train or test).
    public var ratedMovies: Int
    /// ratings / (users × movies).
    public var density: Double
    /// Mean rating over all ratings.
    public var meanRating: Double
    /// Ratings per distinct value, ascending.
    public var histogram: [RatingCount]
    /// Movies per genre token in catalogue order, then "(no genres listed)" when some movie has
    /// no genre. MovieLens counts "(no genres listed)" as a genre token; so does `genreTokens`.
    public var genres: [GenreCount]
    /// Distinct genre tokens, "(no genres listed)" included when present (ml-latest-small: 20).
    public var genreTokens: Int
    /// Training and test ratings.
    public var trainRatings: Int
    public var testRatings: Int
    /// Test ratings whose user, or whose movie, has no training rating (cold start).
    public var coldStartTestRatings: Int
    /// Of those, how many because of the user, and how many because of the movie (both may hold).
    public var coldUserTestRatings: Int
    public var coldMovieTestRatings: Int
    /// Rating scale.
    public var scale: RatingScale
    /// Where the data came from and how it was split.
    public var source: String

    /// The summary of `d`.
    public init(_ d: Dataset) {
        // Half stars 0…127.5 are counted in an array (all MovieLens data); anything else in a
        // dictionary. A dictionary alone costs ~20 ns a rating, 0.7 s at 32 M.
        var halves = [Int](repeating: 0, count: 256)
        var others: [Float: Int] = [:]
        var sum = 0.0
        func count(_ values: [Float]) {
            for v in values {
                sum += Double(v)
                let h = v * 2
                if h >= 0, h < 256, h == h.rounded(.towardZero) { halves[Int(h)] += 1 } else { others[v, default: 0] += 1 }
            }
        }
        count(d.trainByUser.value)
        count(d.test.ratings)
        var rated = (0..<d.movieCount).map { d.trainByMovie.rowLength($0) > 0 }
        var cold = ColdStart()
        for i in 0..<d.test.count {
            cold.add(userCold: d.trainByUser.rowLength(Int(d.test.users[i])) == 0, movieCold: !rated[Int(d.test.movies[i])])
        }
        for m in d.test.movies { rated[Int(m)] = true }
        self.init(users: d.userCount, catalog: d.catalog, trainRatings: d.trainByUser.count, testRatings: d.test.count,
                  halves: halves, others: others, sum: sum, ratedMovies: rated.lazy.filter { $0 }.count, cold: cold,
                  scale: d.scale, source: d.source)
    }

    /// Counts of test ratings whose user, or movie, has no training rating.
    struct ColdStart {
        var any = 0, user = 0, movie = 0
        /// Counts `n` test ratings of one kind.
        mutating func add(userCold: Bool, movieCold: Bool, _ n: Int = 1) {
            if userCold { user += n }
            if movieCold { movie += n }
            if userCold || movieCold { any += n }
        }
    }

    /// The summary from counts: `halves[h]` ratings of h/2 stars and `others` of other values
    /// (all ratings summing to `sum`), the movies with any rating, and the cold-start test
    /// ratings. Cost O(movies + catalogue genres).
    init(users: Int, catalog c: MovieCatalog, trainRatings: Int, testRatings: Int, halves: [Int], others: [Float: Int],
         sum: Double, ratedMovies: Int, cold: ColdStart, scale: RatingScale, source: String) {
        self.users = users
        movies = c.count
        self.trainRatings = trainRatings
        self.testRatings = testRatings
        ratings = trainRatings + testRatings
        density = Double(ratings) / max(1, Double(users) * Double(movies))
        var values = others
        for (h, n) in halves.enumerated() where n > 0 { values[Float(h) / 2, default: 0] += n }
        meanRating = ratings > 0 ? sum / Double(ratings) : 0
        histogram = values.keys.sorted().map { RatingCount(rating: $0, count: values[$0]!) }
        self.ratedMovies = ratedMovies
        coldStartTestRatings = cold.any
        coldUserTestRatings = cold.user
        coldMovieTestRatings = cold.movie
        var perGenre = [Int](repeating: 0, count: c.genreNames.count)
        var none = 0
        for m in 0..<c.count {
            let g = c.genres(of: m)
            if g.isEmpty { none += 1 }
            for x in g { perGenre[Int(x)] += 1 }
        }
        genres = zip(c.genreNames, perGenre).map { GenreCount(genre: $0, movies: $1) }
        if none > 0 { genres.append(GenreCount(genre: "(no genres listed)", movies: none)) }
        genreTokens = genres.count
        self.scale = scale
        self.source = source
    }

    /// A plain-text report (a few dozen lines).
    public var text: String {
        func n(_ x: Int) -> String {
            let s = String(x)
            var out = ""
            for (i, ch) in s.reversed().enumerated() { if i > 0 && i % 3 == 0 { out.append(",") }; out.append(ch) }
            return String(out.reversed())
        }
        func pct(_ a: Int, _ b: Int) -> String { b == 0 ? "0.0%" : String(format1: 100 * Double(a) / Double(b)) + "%" }
        var lines: [String] = []
        lines.append("source:   \(source)")
        lines.append("users:    \(n(users))")
        lines.append("movies:   \(n(movies)) (\(n(ratedMovies)) rated)")
        lines.append("ratings:  \(n(ratings)), density \(String(format4: density * 100))%, mean \(String(format2: meanRating)), scale \(scale.minimum)–\(scale.maximum) by \(scale.step)")
        lines.append("split:    train \(n(trainRatings)) (\(pct(trainRatings, ratings))), test \(n(testRatings)) (\(pct(testRatings, ratings)))")
        lines.append("cold-start test ratings: \(n(coldStartTestRatings)) (user unseen in train: \(n(coldUserTestRatings)), movie unseen in train: \(n(coldMovieTestRatings)))")
        lines.append("rating histogram:")
        let top = histogram.map(\.count).max() ?? 1
        for h in histogram {
            let bar = String(repeating: "#", count: Int((Double(h.count) / Double(max(1, top)) * 40).rounded()))
            lines.append("  \(String(format1: Double(h.rating)).leftPadded(4)) \(n(h.count).leftPadded(12))  \(bar)")
        }
        lines.append("genres (\(genreTokens) tokens, movies each):")
        for g in genres.sorted(by: { $0.movies != $1.movies ? $0.movies > $1.movies : $0.genre < $1.genre }) {
            lines.append("  \(g.genre.rightPadded(20)) \(n(g.movies).leftPadded(9))")
        }
        return lines.joined(separator: "\n")
    }
}

fileprivate extension String {
    init(format1 x: Double) { self = Self.fixed(x, 1) }
    init(format2 x: Double) { self = Self.fixed(x, 2) }
    init(format4 x: Double) { self = Self.fixed(x, 4) }

    /// `x` with `digits` decimals, rounded half away from zero (no Foundation needed).
    static func fixed(_ x: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let v = (abs(x) * scale).rounded()
        let whole = Int(v / scale), frac = Int(v - Double(whole) * scale)
        var f = String(frac)
        while f.count < digits { f = "0" + f }
        return (x < 0 && v > 0 ? "-" : "") + String(whole) + (digits > 0 ? "." + f : "")
    }

    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
    func rightPadded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
