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
    /// `minRatings` training ratings, best first. Cost O(movies · K) per pass; a pass asks for
    /// four times as many as the last until enough pass the floor.
    public func mostSimilar(to movie: Int, top: Int) -> [Hit] {
        let count = model.movieCount
        let top = min(top, count)
        guard top > 0, count > 1 else { return [] }
        var want = min(top + 1, count - 1)
        while true {
            let hits = index.mostSimilar(toRow: movie, k: want).filter { Int(model.movieRatingCounts[$0.index]) >= minRatings }
            if hits.count >= top || want >= count - 1 {
                return hits.prefix(top).map { Hit(movie: $0.index, score: $0.score) }
            }
            want = min(count - 1, want.multipliedReportingOverflow(by: 4).partialValue)
        }
    }
}
