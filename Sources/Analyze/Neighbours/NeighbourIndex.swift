import Core
import Model
import Projection

/// How two item vectors are compared.
public enum Similarity: String, Sendable, CaseIterable {
    /// `⟨a, b⟩ / (‖a‖ ‖b‖)`; 0 when either vector is zero.
    case cosine
    /// `⟨a, b⟩`, what an ALS model's scores are made of.
    case dot
}

/// Exact top-k most similar rows of a matrix (e.g. movie factors) by cosine or dot product.
///
/// Candidates are found in single precision by `BlockedTopK` (blocked matrix product over rows
/// packed once), taking a few more than asked; the winners are rescored in double precision and
/// re-sorted (score descending, then index), so reported scores are exact to float rounding
/// and the self-similarity of any non-zero vector is exactly 1. Cost: N·D multiply-adds per
/// query; N²·D for the whole table (parallel).
public struct NeighbourIndex: Sendable {
    /// The vectors as given.
    public let vectors: Matrix
    public let similarity: Similarity
    let packed: BlockedTopK.Candidates
    let norms: [Double]
    static let margin = 4

    /// Prepares `vectors` (N × D) for queries.
    public init(vectors: Matrix, similarity: Similarity) {
        self.vectors = vectors
        self.similarity = similarity
        let d = vectors.columns
        norms = vectors.values.withUnsafeBufferPointer { x in
            (0..<vectors.rows).map { r in d == 0 ? 0 : Dot.exact(x.baseAddress! + r * d, x.baseAddress! + r * d, count: d).squareRoot() }
        }
        packed = BlockedTopK.Candidates(similarity == .cosine ? ExactNeighbours.normalisedRows(vectors) : vectors)
    }

    /// Number of rows.
    public var count: Int { vectors.rows }

    /// Exact similarity of rows `i` and `j` in double precision, rounded to float.
    public func score(_ i: Int, _ j: Int) -> Float {
        let d = vectors.columns
        return vectors.values.withUnsafeBufferPointer { x in
            Float(exactScore(x.baseAddress! + i * d, x.baseAddress! + j * d, normA: norms[i], normB: norms[j]))
        }
    }

    /// Exact similarity of an outside `query` vector with row `j`.
    public func score(query: [Float], _ j: Int) -> Float {
        let d = vectors.columns
        let nq = query.withUnsafeBufferPointer { q in q.isEmpty ? 0 : Dot.exact(q.baseAddress!, q.baseAddress!, count: q.count) }.squareRoot()
        return query.withUnsafeBufferPointer { q in
            vectors.values.withUnsafeBufferPointer { x in
                Float(exactScore(q.baseAddress!, x.baseAddress! + j * d, normA: nq, normB: norms[j]))
            }
        }
    }

    @inline(__always)
    func exactScore(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, normA: Double, normB: Double) -> Double {
        let dot = Dot.exact(a, b, count: vectors.columns)
        switch similarity {
        case .dot: return dot
        case .cosine:
            guard normA > 0, normB > 0 else { return 0 }
            // a == b gives dot == normA² exactly as summed, and sqrt(x²) == x in IEEE arithmetic.
            return dot / (normA * normA * normB * normB).squareRoot()
        }
    }

    /// The `k` rows most similar to row `row`, excluding the row itself and every row
    /// `excluding` names (e.g. movies under a popularity floor), best first; fewer than `k`
    /// when too few rows are left.
    public func mostSimilar(toRow row: Int, k: Int, excluding: ((Int) -> Bool)? = nil) -> [(index: Int, score: Float)] {
        precondition(row >= 0 && row < count, "neighbours: row \(row) outside 0..<\(count)")
        let k = min(k, count - 1)
        guard k > 0 else { return [] }
        let wide = min(count - 1, k + Self.margin)
        let q = Matrix(rows: 1, columns: vectors.columns, values: vectors.row(row))
        let found = BlockedTopK.search(queries: normalisedIfNeeded(q), in: packed, k: wide, excludeSelf: false,
                                       exclude: { _, j in j == row || excluding?(j) == true }, threads: 1)
        return rescore(found.indices.filter { $0 >= 0 }.map { (Int($0), score(row, Int($0))) }, k: k)
    }

    /// The `k` rows most similar to an outside `query` vector, best first (nothing excluded).
    public func mostSimilar(to query: [Float], k: Int) -> [(index: Int, score: Float)] {
        precondition(query.count == vectors.columns, "neighbours: query has \(query.count) values, rows have \(vectors.columns)")
        let k = min(k, count)
        guard k > 0 else { return [] }
        let wide = min(count, k + Self.margin)
        let q = Matrix(rows: 1, columns: vectors.columns, values: query)
        let found = BlockedTopK.search(queries: normalisedIfNeeded(q), in: packed, k: wide, excludeSelf: false, threads: 1)
        return rescore(found.indices.map { (Int($0), score(query: query, Int($0))) }, k: k)
    }

    /// The table of every row's `k` most similar other rows (`values` are exact scores).
    public func table(k: Int, threads: Int = availableCores) -> NeighbourLists {
        let n = count
        let k = min(k, n - 1)
        let wide = min(n - 1, k + Self.margin)
        let coarse = BlockedTopK.search(queries: normalisedIfNeeded(vectors), in: packed, k: wide, excludeSelf: true, threads: threads)
        var indices = [Int32](repeating: 0, count: n * k)
        var values = [Float](repeating: 0, count: n * k)
        indices.withUnsafeMutableBufferPointer { outI in
            values.withUnsafeMutableBufferPointer { outV in
                parallelForEach(count: n, threads: threads, grain: 512) { i, _ in
                    let best = rescore(coarse.neighbours(of: i).map { (Int($0), score(i, Int($0))) }, k: k)
                    for (t, b) in best.enumerated() { outI[i * k + t] = Int32(b.index); outV[i * k + t] = b.score }
                }
            }
        }
        return NeighbourLists(count: n, k: k, indices: indices, values: values)
    }

    func normalisedIfNeeded(_ m: Matrix) -> Matrix {
        similarity == .cosine ? ExactNeighbours.normalisedRows(m) : m
    }

    /// The best `k` of exactly rescored candidates: score descending, then index.
    func rescore(_ scored: [(index: Int, score: Float)], k: Int) -> [(index: Int, score: Float)] {
        TopK.best(scored, k: k)
    }
}
