import Core
import Model
import Projection

/// One model as the explorer shows it: the model, which movies and users are mapped, the
/// movie and user maps (t-SNE, then PCA), every mapped movie's nearest neighbours, and the
/// k-means clusters. Built by `compute` for `cinematrix explore`, or from a report's
/// `ModelAnalysis` (whose maps it reuses rather than running t-SNE again).
public struct ExplorerEntry: Sendable {
    /// Name for the page's model switch, e.g. "bias-uv-genre MAP".
    public var name: String
    public var model: FactorModel
    /// The popularity floor of the movie map and of the neighbour lists.
    public var minRatings: Int
    /// Dense indices of the mapped movies (ascending) and users (ascending).
    public var movieRows: [Int]
    public var userRows: [Int]
    /// t-SNE then PCA maps of `movieRows` and of `userRows`.
    public var movieMaps: [EmbeddingMap]
    public var userMaps: [EmbeddingMap]
    /// The `k` most similar mapped movies of each mapped movie, by cosine: indices into
    /// `movieRows`, best first, exact scores (`NeighbourIndex.table`), the lists `similar`
    /// prints at the same floor.
    public var neighbours: NeighbourLists
    /// k-means clusters of the mapped movies (in `movieRows` order).
    public var clusters: ClusterAnalysis
    /// The index of an earlier entry with identical vectors, whose maps this entry shares.
    public var sameAs: Int?

    /// How many neighbours each movie lists (as `similar`'s default `--top`).
    public static let neighbourCount = 10

    /// Settings of the computation.
    public struct Settings: Sendable {
        /// Popularity floor; nil for the default of each model (`RankingFilter.defaultMinRatings`).
        public var minRatings: Int?
        /// At most this many users are mapped (a seeded sample of those above the floor).
        public var maxUsers: Int
        public var clusters: Int
        public var perplexity: Double
        public var seed: UInt64
        public var threads: Int

        public init(minRatings: Int?, maxUsers: Int, clusters: Int, perplexity: Double = 30, seed: UInt64, threads: Int) {
            self.minRatings = minRatings
            self.maxUsers = maxUsers
            self.clusters = clusters
            self.perplexity = perplexity
            self.seed = seed
            self.threads = threads
        }
    }

    /// Maps, neighbours and clusters of `model`. `step` is told each stage and `progress` the
    /// fraction done within it. Cost: two t-SNE runs (O(n log n) per iteration), the neighbour
    /// table (O(movies² · K)) and k-means (O(restarts · iterations · movies · k · K)).
    public static func compute(name: String, model m: FactorModel, settings s: Settings,
                               step: (String) -> Void, progress: @escaping (Double) -> Void) throws -> ExplorerEntry {
        guard m.rank > 0 else { throw AnalysisError.noVectors(nil) }
        let floor = s.minRatings ?? RankingFilter.defaultMinRatings(userCount: m.trainingUserCount)
        let movies = MapProjection.rows(of: .movies, model: m, minRatings: floor)
        guard movies.count >= 5 else { throw AnalysisError.tooFew(movies.count, needed: 5, what: "movies") }
        let users = sampledUsers(MapProjection.rows(of: .users, model: m, minRatings: floor), atMost: s.maxUsers, seed: s.seed)
        var movieMaps: [EmbeddingMap] = [], userMaps: [EmbeddingMap] = []
        for method in [ProjectionMethod.tsne, .pca] {
            step("\(method.rawValue) of \(movies.count) movies")
            movieMaps.append(try EmbeddingMap.compute(vectors: m.movieFactors, rows: movies, method: method, perplexity: s.perplexity,
                                                      seed: s.seed, threads: s.threads, progress: progress))
        }
        if users.count >= 5 {
            for method in [ProjectionMethod.tsne, .pca] {
                step("\(method.rawValue) of \(users.count) users")
                userMaps.append(try EmbeddingMap.compute(vectors: m.userFactors, rows: users, method: method, perplexity: s.perplexity,
                                                         seed: s.seed, threads: s.threads, progress: progress))
            }
        }
        step("neighbours of \(movies.count) movies")
        let neighbours = neighbourTable(m, rows: movies, threads: s.threads)
        step("k-means clusters")
        let clusters = try ClusterAnalysis.run(model: m, rows: movies, k: min(s.clusters, movies.count), restarts: 8, seed: s.seed,
                                               threads: s.threads)
        return ExplorerEntry(name: name, model: m, minRatings: floor, movieRows: movies, userRows: userMaps.isEmpty ? [] : users,
                             movieMaps: movieMaps, userMaps: userMaps, neighbours: neighbours, clusters: clusters)
    }

    /// The neighbour lists of `rows` among `rows` (cosine, `neighbourCount` each, fewer when
    /// there are fewer other movies). Cost O(rows² · K), parallel.
    public static func neighbourTable(_ m: FactorModel, rows: [Int], threads: Int) -> NeighbourLists {
        NeighbourIndex(vectors: m.movieFactors.selectingRows(rows), similarity: .cosine).table(k: neighbourCount, threads: threads)
    }

    /// At most `limit` of `rows`, drawn without replacement with `seed` and kept in ascending
    /// order; all of them when there are no more than `limit`. Cost O(rows).
    public static func sampledUsers(_ rows: [Int], atMost limit: Int, seed: UInt64) -> [Int] {
        guard rows.count > limit else { return rows }
        var pool = rows
        var rng = SplitMix64(seed: seed ^ 0x5553_4552_5341_4D50)  // "USERSAMP": a stream apart from t-SNE's
        for i in 0..<max(0, limit) {
            let j = i + Int(rng.next() % UInt64(pool.count - i))
            pool.swapAt(i, j)
        }
        return pool.prefix(max(0, limit)).sorted()
    }
}
