/// The k nearest (or most similar) candidates of each query, best first.
///
/// Row `i` occupies `indices[i * k ..< (i + 1) * k]` and `values[i * k ..< (i + 1) * k]`.
/// What `values` holds (a squared distance, a cosine, a dot product) is stated by whoever
/// builds it. Ties are broken by the lower candidate index, so lists are deterministic.
public struct NeighbourLists: Sendable, Equatable {
    /// Number of queries.
    public var count: Int
    /// Neighbours per query.
    public var k: Int
    /// Candidate row index of each neighbour.
    public var indices: [Int32]
    /// Distance or score of each neighbour.
    public var values: [Float]

    /// Wraps row-major lists; both arrays must hold `count * k` entries.
    public init(count: Int, k: Int, indices: [Int32], values: [Float]) {
        precondition(indices.count == count * k && values.count == count * k, "neighbour lists do not match their shape")
        self.count = count
        self.k = k
        self.indices = indices
        self.values = values
    }

    /// Neighbour indices of query `i`, best first.
    public func neighbours(of i: Int) -> ArraySlice<Int32> { indices[(i * k)..<((i + 1) * k)] }
}
