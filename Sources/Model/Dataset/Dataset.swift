/// The range and granularity of ratings in a dataset, e.g. 0.5…5 in steps of 0.5.
public struct RatingScale: Sendable, Equatable, Codable {
    /// Lowest allowed rating.
    public var minimum: Float
    /// Highest allowed rating.
    public var maximum: Float
    /// Smallest difference between ratings (0.5 for half stars, 1 for whole stars).
    public var step: Float

    /// A scale from `minimum` to `maximum` in steps of `step`.
    public init(minimum: Float, maximum: Float, step: Float) {
        self.minimum = minimum
        self.maximum = maximum
        self.step = step
    }

    /// Clamps a prediction to the scale.
    @inlinable public func clamp(_ x: Float) -> Float { min(maximum, max(minimum, x)) }
}

/// A prepared MovieLens dataset: dense id maps, the movie catalogue, training ratings in both
/// orientations and held-out test ratings.
///
/// Users and movies are numbered densely from 0; every user and movie that appears anywhere
/// (train, test or the movie list) has an index, so some may have no training ratings.
public struct Dataset: Sendable, Equatable {
    /// Raw MovieLens user id of each dense user index.
    public var userIDs: [Int64]
    /// Titles, years and genres by dense movie index.
    public var catalog: MovieCatalog
    /// Rating scale of the source data.
    public var scale: RatingScale
    /// Training ratings by user (rows = users, columns = movies).
    public var trainByUser: RatingMatrix
    /// Training ratings by movie (rows = movies, columns = users): the transpose of `trainByUser`.
    public var trainByMovie: RatingMatrix
    /// Held-out ratings.
    public var test: RatingTriplets
    /// Free-form provenance: the layout detected and how the split was made.
    public var source: String

    /// Assembles a dataset; `trainByMovie` is derived from `trainByUser` when omitted.
    public init(userIDs: [Int64], catalog: MovieCatalog, scale: RatingScale,
                trainByUser: RatingMatrix, trainByMovie: RatingMatrix? = nil,
                test: RatingTriplets, source: String) {
        precondition(trainByUser.rowCount == userIDs.count && trainByUser.columnCount == catalog.count)
        self.userIDs = userIDs
        self.catalog = catalog
        self.scale = scale
        self.trainByUser = trainByUser
        self.trainByMovie = trainByMovie ?? trainByUser.transposed()
        self.test = test
        self.source = source
    }

    /// Number of users.
    public var userCount: Int { userIDs.count }
    /// Number of movies.
    public var movieCount: Int { catalog.count }
}
