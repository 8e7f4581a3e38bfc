import Core
import Model

/// Mean vector of each genre's items and the cosine similarity between every two genre means:
/// which genres the model places close together.
public struct GenreCentroids: Sendable, Equatable {
    /// genreCount × D; a genre without items has a zero row.
    public var centroids: Matrix
    /// Items per genre.
    public var sizes: [Int]
    /// genreCount × genreCount cosine similarities of the centroids (symmetric, diagonal 1 for
    /// non-empty genres, 0 involving an empty or zero centroid).
    public var cosine: Matrix

    /// Averages the rows of `vectors` (N × D) per genre of `membership` (N items).
    /// Cost O(N·D·genres per item + G²·D), in double precision.
    public init(vectors: Matrix, membership: GenreMembership) {
        precondition(vectors.rows == membership.count, "genre centroids: \(vectors.rows) vectors but \(membership.count) items")
        let d = vectors.columns, g = membership.genreCount
        var sums = [Double](repeating: 0, count: g * d)
        var sizes = [Int](repeating: 0, count: g)
        for i in 0..<vectors.rows {
            for genre in membership.genres(of: i) {
                let c = Int(genre)
                sizes[c] += 1
                for j in 0..<d { sums[c * d + j] += Double(vectors.values[i * d + j]) }
            }
        }
        var means = [Double](repeating: 0, count: g * d)
        for c in 0..<g where sizes[c] > 0 { for j in 0..<d { means[c * d + j] = sums[c * d + j] / Double(sizes[c]) } }
        let norms = (0..<g).map { c in (0..<d).reduce(0.0) { $0 + means[c * d + $1] * means[c * d + $1] } }
        var cosine = Matrix(rows: g, columns: g)
        for a in 0..<g {
            for b in 0..<g where norms[a] > 0 && norms[b] > 0 {
                var dot = 0.0
                for j in 0..<d { dot += means[a * d + j] * means[b * d + j] }
                cosine[a, b] = a == b ? 1 : Float(dot / (norms[a] * norms[b]).squareRoot())
            }
        }
        self.centroids = Matrix(rows: g, columns: d, values: means.map { Float($0) })
        self.sizes = sizes
        self.cosine = cosine
    }
}
