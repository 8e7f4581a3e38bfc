import Model

/// The movies most similar to a title, among those above a popularity floor: the work of
/// `cinematrix similar` and of the report's neighbour tables, so the two always agree.
/// The query itself may be any movie; it is never listed.
public struct SimilarMovies: Sendable {
    public let model: FactorModel
    public let minRatings: Int
    public let similarity: Similarity
    private let index: NeighbourIndex

    /// One listed movie: dense index and similarity score.
    public struct Hit: Sendable, Equatable {
        public var movie: Int
        public var score: Float
    }

    /// An index over all of `model`'s movie vectors (O(movies · K) to normalise for cosine).
    public init(model: FactorModel, minRatings: Int, similarity: Similarity = .cosine) {
        self.model = model
        self.minRatings = minRatings
        self.similarity = similarity
        self.index = NeighbourIndex(vectors: model.movieFactors, similarity: similarity)
    }

    /// The `top` movies (at most the catalogue) most similar to `movie` with at least
    /// `minRatings` training ratings, best first: one top-k pass over all movies with the
    /// popularity floor as its filter (as implicit's `similar_items(filter_items=)`). Cost
    /// O(movies · K).
    public func mostSimilar(to movie: Int, top: Int) -> [Hit] {
        guard top > 0, model.movieCount > 1 else { return [] }
        let counts = model.movieRatingCounts, floor = minRatings
        return index.mostSimilar(toRow: movie, k: min(top, model.movieCount - 1), excluding: { Int(counts[$0]) < floor })
            .map { Hit(movie: $0.index, score: $0.score) }
    }
}
