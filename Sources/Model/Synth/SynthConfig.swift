import Core

/// The size and shape of a synthetic MovieLens-like dataset.
public struct SynthConfig: Sendable, Equatable {
    /// Number of users (ids 1…users).
    public var users: Int
    /// Number of movies in `movies.csv` (ids increasing with small gaps).
    public var movies: Int
    /// Number of ratings; must be at least 20 per user and at most half of users × movies.
    public var ratings: Int
    /// Seed: the same config and seed give the same bytes.
    public var seed: UInt64
    /// Rank of the planted user and movie factors.
    public var rank: Int
    /// Standard deviation of the Gaussian noise added before rounding to half stars.
    public var noise: Float
    /// Threads used to generate (the output does not depend on it).
    public var threads: Int

    public init(users: Int, movies: Int, ratings: Int, seed: UInt64 = 1, rank: Int = 8,
                noise: Float = 0.5, threads: Int = availableCores) {
        self.users = users
        self.movies = movies
        self.ratings = ratings
        self.seed = seed
        self.rank = rank
        self.noise = noise
        self.threads = threads
    }

    /// The default: about the size of ml-latest-small (610 users, 9,742 movies, 100,836 ratings).
    public static let small = SynthConfig(users: 610, movies: 9_742, ratings: 100_836)
    /// The size of ml-32m: 200,948 users, 87,585 movies, 32,000,204 ratings (~850 MB of CSV).
    public static let ml32m = SynthConfig(users: 200_948, movies: 87_585, ratings: 32_000_204)

    /// Named sizes accepted by `synth --size`.
    public static let named: [String: SynthConfig] = ["small": small, "ml-latest-small": small, "ml-32m": ml32m]

    /// Smallest number of ratings per user.
    public static let minimumPerUser = 20

    /// Why the config cannot be generated, or nil when it can.
    public var problem: String? {
        if users < 1 || movies < 1 { return "users and movies must be positive" }
        if movies < 2 * Self.minimumPerUser { return "need at least \(2 * Self.minimumPerUser) movies so every user can rate \(Self.minimumPerUser)" }
        if ratings < users * Self.minimumPerUser { return "need at least \(Self.minimumPerUser) ratings per user: \(users * Self.minimumPerUser) ratings or more" }
        if ratings > users * (movies / 2) { return "at most half of all (user, movie) pairs can be rated: \(users * (movies / 2)) ratings or fewer" }
        if rank < 1 || rank > 64 { return "rank must be 1…64" }
        if !(noise >= 0) { return "noise must be non-negative" }
        return nil
    }
}
