/// Ratings as parallel arrays of (user, movie, rating, timestamp), in dense indices.
/// Used for held-out test sets and as the intermediate form while reading files.
public struct RatingTriplets: Sendable, Equatable {
    /// Dense user index of each rating.
    public var users: [Int32]
    /// Dense movie index of each rating.
    public var movies: [Int32]
    /// Rating in stars.
    public var ratings: [Float]
    /// Seconds since 1970 (0 when the source has none).
    public var timestamps: [Int64]

    /// Wraps parallel arrays of equal length.
    public init(users: [Int32] = [], movies: [Int32] = [], ratings: [Float] = [], timestamps: [Int64] = []) {
        precondition(users.count == movies.count && users.count == ratings.count && users.count == timestamps.count)
        self.users = users
        self.movies = movies
        self.ratings = ratings
        self.timestamps = timestamps
    }

    /// Number of ratings.
    public var count: Int { users.count }
}
