import Core

/// Exact k-nearest neighbours of every row among the other rows, for t-SNE affinities.
///
/// Candidates are found with `BlockedTopK` on `⟨x, y⟩ − ½‖y‖²` (which ranks like −‖x − y‖²),
/// taking a few more than k; those are rescored exactly in double precision and the best k
/// kept, sorted by distance then index. Cosine input is the same search on unit-normalised
/// rows, where ‖x − y‖² = 2 − 2 cos(x, y). Cost: N²·D multiply-adds (parallel) + N·k·D.
public enum ExactNeighbours {
    /// Extra candidates taken from the single-precision pass before exact rescoring.
    static let margin = 4

    /// The `k` nearest other rows of each row of `data` by Euclidean distance; `values` are
    /// squared Euclidean distances. Requires `k < data.rows`.
    public static func euclidean(_ data: Matrix, k: Int, threads: Int = availableCores) -> NeighbourLists {
        let n = data.rows, d = data.columns
        precondition(k >= 1 && k < n, "nearest neighbours: k = \(k) needs more than k rows (have \(n))")
        let wide = min(n - 1, k + margin)
        let bias = data.values.withUnsafeBufferPointer { x in
            (0..<n).map { r in d == 0 ? 0 : -0.5 * Dot.product(x.baseAddress! + r * d, x.baseAddress! + r * d, count: d) }
        }
        let coarse = BlockedTopK.search(queries: data, candidates: data, bias: bias, k: wide, excludeSelf: true, threads: threads)
        var indices = [Int32](repeating: 0, count: n * k)
        var values = [Float](repeating: 0, count: n * k)
        indices.withUnsafeMutableBufferPointer { outI in
            values.withUnsafeMutableBufferPointer { outV in
                data.values.withUnsafeBufferPointer { x in
                    parallelForEach(count: n, threads: threads, grain: 256) { i, _ in
                        // Nearest first is highest −distance first, ties by lower index.
                        let scored = coarse.neighbours(of: i).map { c -> (index: Int, score: Double) in
                            let j = Int(c)
                            var s = 0.0
                            for t in 0..<d {
                                let diff = Double(x[i * d + t]) - Double(x[j * d + t])
                                s += diff * diff
                            }
                            return (j, -s)
                        }
                        for (t, e) in TopK.best(scored, k: k).enumerated() {
                            outI[i * k + t] = Int32(e.index)
                            outV[i * k + t] = Float(-e.score)
                        }
                    }
                }
            }
        }
        return NeighbourLists(count: n, k: k, indices: indices, values: values)
    }

    /// The `k` nearest other rows by cosine distance, as squared Euclidean distances between
    /// unit-normalised rows (`2 − 2 cos`). Zero rows are left at zero (distance 1 to all).
    public static func cosine(_ data: Matrix, k: Int, threads: Int = availableCores) -> NeighbourLists {
        euclidean(normalisedRows(data), k: k, threads: threads)
    }

    /// Each row divided by its Euclidean norm (norm computed in double precision); zero rows stay zero.
    public static func normalisedRows(_ data: Matrix) -> Matrix {
        var out = data
        let d = data.columns
        guard d > 0 else { return out }
        for r in 0..<data.rows {
            let s = data.values.withUnsafeBufferPointer { Dot.exact($0.baseAddress! + r * d, $0.baseAddress! + r * d, count: d) }
            guard s > 0 else { continue }
            let inv = 1 / s.squareRoot()
            for j in 0..<d { out.values[r * d + j] = Float(Double(data.values[r * d + j]) * inv) }
        }
        return out
    }
}
