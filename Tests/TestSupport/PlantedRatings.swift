import Core
import Model

/// A small planted dataset for training tests: ratings generated exactly by the genre model
/// r = μ + b_u + c_i + x_u·(g_i + z_i) + noise, with a known noise level.
public struct PlantedRatings {
    public var dataset: Dataset
    /// Standard deviation of the rating noise.
    public var noise: Float

    /// Generates a planted dataset. `genreStrength` scales the genre part of the movie vectors
    /// relative to the per-movie part; `ratingsPerUser` is the range of ratings per user.
    /// Ratings are not rounded or clamped (the scale is wide), so the noise stays Gaussian.
    /// `emptyUsers`/`emptyMovies` extra users/movies get no ratings at all (test or train).
    public static func make(users: Int = 300, movies: Int = 200, genres: Int = 6, rank: Int = 4,
                            ratingsPerUser: ClosedRange<Int> = 8...40, noise: Float = 0.3,
                            genreStrength: Float = 1, movieStrength: Float = 0.4, testFraction: Double = 0.15,
                            emptyUsers: Int = 0, emptyMovies: Int = 0, seed: UInt64 = 11) -> PlantedRatings {
        var rng = SplitMix64(seed: seed)
        func gauss(_ s: Float) -> Float { s * Float(rng.nextGaussian()) }
        let w = (0..<genres).map { _ in (0..<rank).map { _ in gauss(genreStrength) } }
        var genreStart = [0], genreIndex: [Int32] = []
        var y: [[Float]] = []
        for i in 0..<(movies + emptyMovies) {
            var set = Set<Int32>()
            let n = i % 7 == 0 ? 0 : 1 + Int(rng.next() % 3)   // every seventh movie has no genre
            while set.count < n { set.insert(Int32(rng.next() % UInt64(genres))) }
            let sorted = set.sorted()
            genreIndex += sorted
            genreStart.append(genreIndex.count)
            var v = (0..<rank).map { _ in gauss(movieStrength) }
            let d = sorted.isEmpty ? 0 : 1 / Float(sorted.count).squareRoot()
            for f in sorted { for c in 0..<rank { v[c] += d * w[Int(f)][c] } }
            y.append(v)
        }
        let x = (0..<(users + emptyUsers)).map { _ in (0..<rank).map { _ in gauss(0.8) } }
        let b = (0..<(users + emptyUsers)).map { _ in gauss(0.3) }
        let c = (0..<(movies + emptyMovies)).map { _ in gauss(0.4) }
        let mu: Float = 3.5
        var tu: [Int32] = [], tm: [Int32] = [], tv: [Float] = []
        var su: [Int32] = [], sm: [Int32] = [], sv: [Float] = []
        for u in 0..<users {
            let n = ratingsPerUser.lowerBound + Int(rng.next() % UInt64(ratingsPerUser.count))
            var chosen = Set<Int>()
            while chosen.count < min(n, movies) {
                // Skewed popularity: low movie indices are rated more often.
                let r = rng.nextUnit()
                chosen.insert(Int(r * r * Double(movies)))
            }
            for i in chosen.sorted() {
                var dot: Float = 0
                for k in 0..<rank { dot += x[u][k] * y[i][k] }
                let rating = mu + b[u] + c[i] + dot + gauss(noise)
                if rng.nextUnit() < testFraction {
                    su.append(Int32(u)); sm.append(Int32(i)); sv.append(rating)
                } else {
                    tu.append(Int32(u)); tm.append(Int32(i)); tv.append(rating)
                }
            }
        }
        let allMovies = movies + emptyMovies, allUsers = users + emptyUsers
        let catalog = MovieCatalog(
            movieIDs: (0..<allMovies).map { Int64($0 * 10 + 1) },
            titles: (0..<allMovies).map { "Movie \($0)" },
            years: (0..<allMovies).map { Int32(1950 + $0 % 70) },
            genreNames: (0..<genres).map { "Genre\($0)" }, genreStart: genreStart, genreIndex: genreIndex)
        let byUser = RatingMatrix.fromTriplets(rows: tu, columns: tm, values: tv, rowCount: allUsers, columnCount: allMovies)
        let dataset = Dataset(
            userIDs: (0..<allUsers).map { Int64($0 + 1) }, catalog: catalog,
            scale: RatingScale(minimum: -100, maximum: 100, step: 0.01), trainByUser: byUser,
            test: RatingTriplets(users: su, movies: sm, ratings: sv, timestamps: [Int64](repeating: 0, count: su.count)),
            source: "planted seed \(seed)")
        return PlantedRatings(dataset: dataset, noise: noise)
    }
}
