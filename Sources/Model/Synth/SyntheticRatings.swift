import Core
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A synthetic MovieLens-like dataset drawn from a `PlantedModel`.
///
/// Users 1…U rate movies drawn from a long-tailed popularity law (weight ∝ (rank + 50)^−1.1 over
/// a random popularity order); user activity is 20 + a log-normal share of the remaining
/// ratings (so every user has at least 20); ratings are the planted model's prediction plus
/// Gaussian noise, rounded to half stars in 0.5…5; timestamps spread over each user's active
/// period. Everything is a function of the config's seed: user `u`'s ratings come from their
/// own random stream, so generation in parallel gives the same result.
///
/// Building costs O((users + movies) · rank); each user's ratings cost O(n · rank) to draw.
public struct SyntheticRatings: Sendable {
    /// The requested size and seed.
    public let config: SynthConfig
    /// The hidden parameters.
    public let model: PlantedModel
    /// Movies with raw ids, titles, years and genres (what `movies.csv` holds).
    public let catalog: MovieCatalog
    /// Number of ratings of each user (sums to `config.ratings`).
    public let ratingsPerUser: [Int]
    private let popularity: AliasTable
    private let activeStart: [UInt32]
    private let activeSpan: [UInt32]

    /// Draws the planted model, catalogue and user activity. Precondition: `config.problem == nil`.
    public init(config: SynthConfig) {
        precondition(config.problem == nil, config.problem ?? "")
        self.config = config
        var rng = SplitMix64(seed: config.seed).substream(1)
        let catalog = SyntheticCatalog.make(count: config.movies, rng: &rng)
        self.catalog = catalog
        let k = config.rank
        let g = catalog.genreNames.count
        func gaussian(_ n: Int, _ sd: Float) -> [Float] { (0..<n).map { _ in Float(rng.nextGaussian()) * sd } }
        let genreFactors = Matrix(rows: g, columns: k, values: gaussian(g * k, PlantedScales.genreFactor))
        var movieFactors = Matrix(rows: config.movies, columns: k, values: gaussian(config.movies * k, PlantedScales.movieResidual))
        for i in 0..<config.movies {
            let gs = catalog.genres(of: i)
            guard !gs.isEmpty else { continue }
            let w = 1 / Float(gs.count).squareRoot()
            for genre in gs { for d in 0..<k { movieFactors[i, d] += w * genreFactors[Int(genre), d] } }
        }
        let movieBias = gaussian(config.movies, PlantedScales.movieBias)
        let userBias = gaussian(config.users, PlantedScales.userBias)
        let userFactors = Matrix(rows: config.users, columns: k, values: gaussian(config.users * k, PlantedScales.userFactor))
        model = PlantedModel(globalMean: PlantedScales.globalMean, userBias: userBias, movieBias: movieBias,
                             userFactors: userFactors, movieFactors: movieFactors, genreFactors: genreFactors,
                             noise: config.noise)
        // Popularity: a random order, weight (rank + 50)^-1.1.
        var order = Array(0..<config.movies)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        var weights = [Double](repeating: 0, count: config.movies)
        for (rank, movie) in order.enumerated() { weights[movie] = pow(Double(rank) + 50, -1.1) }
        popularity = AliasTable(weights: weights)
        // Activity: 20 each plus a log-normal share of the rest, capped at half the movies.
        ratingsPerUser = Self.activity(users: config.users, total: config.ratings, cap: config.movies / 2, rng: &rng)
        var starts: [UInt32] = [], spans: [UInt32] = []
        for _ in 0..<config.users {
            let start = 820_454_400 + UInt32(rng.nextUnit() * 860_000_000)  // 1996 … 2023
            let span = UInt32(min(-log(max(rng.nextUnit(), 1e-9)) * 31_536_000, 1_700_000_000 - Double(start)))
            starts.append(start)
            spans.append(max(span, 3600))
        }
        activeStart = starts
        activeSpan = spans
    }

    static func activity(users: Int, total: Int, cap: Int, rng: inout SplitMix64) -> [Int] {
        let base = SynthConfig.minimumPerUser
        let weights = (0..<users).map { _ in exp(1.2 * rng.nextGaussian()) }
        let sum = weights.reduce(0, +)
        let extra = Double(total - base * users)
        var counts = weights.map { min(cap, base + Int(extra * $0 / sum)) }
        var missing = total - counts.reduce(0, +)
        var u = 0
        while missing > 0 {  // hand out what rounding and the cap left, round robin
            if counts[u] < cap { counts[u] += 1; missing -= 1 }
            u = (u + 1) % users
        }
        return counts
    }

    /// Ratings of dense user `u` (0-based), movies ascending: dense movie indices, ratings in
    /// half-star units (rating × 2), Unix timestamps. `seen` is scratch of `config.movies`
    /// entries, all different from `u + 1` on entry (use one zeroed array per thread).
    public func ratings(ofUser u: Int, seen: inout [Int32]) -> (movies: [Int32], halves: [UInt8], times: [UInt32]) {
        var rng = SplitMix64(seed: config.seed).substream(0x1000_0000 + UInt64(u))
        let n = ratingsPerUser[u]
        var movies: [Int32] = []
        movies.reserveCapacity(n)
        let mark = Int32(u + 1)
        while movies.count < n {
            let i = popularity.sample(&rng)
            if seen[i] != mark { seen[i] = mark; movies.append(Int32(i)) }
        }
        movies.sort()
        var halves = [UInt8](repeating: 0, count: n), times = [UInt32](repeating: 0, count: n)
        let noise = Double(model.noise)
        for j in 0..<n {
            let r = Double(model.predict(user: u, movie: Int(movies[j]))) + noise * rng.nextGaussian()
            halves[j] = UInt8(min(10, max(1, (r * 2).rounded())))
            times[j] = activeStart[u] &+ UInt32(rng.nextUnit() * Double(activeSpan[u]))
        }
        return (movies, halves, times)
    }

    /// Raw user id of dense user `u`.
    public func userID(_ u: Int) -> Int64 { Int64(u + 1) }

    /// All ratings in memory, users in order (for tests and small data), with dense indices.
    public func triplets() -> RatingTriplets {
        var seen = [Int32](repeating: 0, count: config.movies)
        var t = RatingTriplets()
        for u in 0..<config.users {
            let r = ratings(ofUser: u, seen: &seen)
            t.users += [Int32](repeating: Int32(u), count: r.movies.count)
            t.movies += r.movies
            t.ratings += r.halves.map { Float($0) * 0.5 }
            t.timestamps += r.times.map(Int64.init)
        }
        return t
    }

    /// The dataset these ratings make once split by `split`, exactly as `prepare` would build it
    /// from the written CSV files (same ids, catalogue, split and matrices).
    public func dataset(split: SplitSpec = SplitSpec(), threads: Int = availableCores) throws -> Dataset {
        var seen = [Int32](repeating: 0, count: config.movies)
        var users: [UInt32] = [], movies: [UInt32] = [], halves: [UInt8] = [], times: [UInt32] = []
        for u in 0..<config.users {
            let r = ratings(ofUser: u, seen: &seen)
            users += [UInt32](repeating: UInt32(u + 1), count: r.movies.count)
            movies += r.movies.map { UInt32(catalog.movieIDs[Int($0)]) }
            halves += r.halves
            times += r.times
        }
        var builder = CatalogBuilder()
        for i in 0..<catalog.count {
            builder.add(id: catalog.movieIDs[i], title: catalog.titles[i], year: catalog.years[i],
                        genres: catalog.genres(of: i).map { catalog.genreNames[Int($0)] })
        }
        let settings = AssemblySettings(
            split: split, skipBadLines: false, threads: max(1, threads), scale: RatingLineFormat.halfStars,
            source: "synthetic (seed \(config.seed)); split \(split.method.rawValue), test fraction \(split.testFraction), seed \(split.seed)",
            locateDuplicate: { u, m in .badLine(file: "synthetic", line: 0, kind: .duplicatePair, detail: "user \(u), movie \(m)") })
        return try IngestPipeline.dataset(from: [RatingChunk(users: users, movies: movies, halves: halves, times: times)],
                                          catalog: builder, settings: settings)
    }
}
