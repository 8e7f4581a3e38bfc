import Core

/// Principal component analysis of the rows of a matrix (N observations × D features).
///
/// Fitting centres the rows, forms the D × D sample covariance (divided by N − 1) in double
/// precision, and decomposes it with `SymmetricEigen`. Cost: N·D²/2 multiply-adds for the
/// covariance (split over `threads`) plus O(D³) for the eigensolver; memory O(D²).
public struct PCA: Sendable, Equatable {
    /// Column means subtracted before projecting (length D).
    public var mean: [Double]
    /// Principal axes, `components.rows` of them, each a unit row vector of length D,
    /// in order of decreasing explained variance.
    public var components: Matrix
    /// Variance along each kept axis (eigenvalues of the covariance), same units as the data².
    public var explainedVariance: [Double]
    /// Each kept axis' share of the total variance (sum over all D axes is 1).
    public var explainedVarianceRatio: [Double]

    /// Fits `count` principal axes (default: all D) to the rows of `data` (at least 2 rows).
    public init(fitting data: Matrix, components count: Int? = nil, threads: Int = availableCores) {
        let n = data.rows, d = data.columns
        precondition(n >= 2 && d >= 1, "PCA needs at least two rows and one column")
        let keep = min(count ?? d, d)
        let mean = Self.columnMeans(data, threads: threads)
        let covariance = Self.covariance(data, mean: mean, threads: threads)
        let eigen = SymmetricEigen(symmetric: covariance, size: d)
        let values = eigen.values.map { max($0, 0) }
        let total = values.reduce(0, +)
        self.mean = mean
        self.explainedVariance = Array(values.prefix(keep))
        self.explainedVarianceRatio = values.prefix(keep).map { total > 0 ? $0 / total : 0 }
        self.components = Matrix(rows: keep, columns: d, values: eigen.vectors.prefix(keep * d).map { Float($0) })
    }

    /// Coordinates of the rows of `data` on the kept axes: `(x − mean) · componentsᵀ`,
    /// an N × `components.rows` matrix. Cost N·D·K multiply-adds.
    public func project(_ data: Matrix) -> Matrix {
        precondition(data.columns == mean.count, "PCA.project: expected \(mean.count) columns, got \(data.columns)")
        let d = data.columns, k = components.rows
        var out = Matrix(rows: data.rows, columns: k)
        let comps = components.values.map { Double($0) }
        data.values.withUnsafeBufferPointer { x in
            out.values.withUnsafeMutableBufferPointer { o in
                for r in 0..<data.rows {
                    for c in 0..<k {
                        var s = 0.0
                        for j in 0..<d { s += (Double(x[r * d + j]) - mean[j]) * comps[c * d + j] }
                        o[r * k + c] = Float(s)
                    }
                }
            }
        }
        return out
    }

    /// Column means in double precision, summed per chunk and combined in chunk order.
    static func columnMeans(_ data: Matrix, threads: Int) -> [Double] {
        let n = data.rows, d = data.columns
        let ranges = chunkRanges(count: n, parts: threads)
        var partial = [[Double]](repeating: [Double](repeating: 0, count: d), count: ranges.count)
        partial.withUnsafeMutableBufferPointer { parts in
            data.values.withUnsafeBufferPointer { x in
                parallelChunks(count: ranges.count, threads: threads) { _, chunkRange in
                    for c in chunkRange {
                        var sums = [Double](repeating: 0, count: d)
                        for r in ranges[c] { for j in 0..<d { sums[j] += Double(x[r * d + j]) } }
                        parts[c] = sums
                    }
                }
            }
        }
        var mean = [Double](repeating: 0, count: d)
        for p in partial { for j in 0..<d { mean[j] += p[j] } }
        return mean.map { $0 / Double(n) }
    }

    /// Sample covariance (divisor N − 1), row-major D × D, accumulated per chunk in doubles.
    static func covariance(_ data: Matrix, mean: [Double], threads: Int) -> [Double] {
        let n = data.rows, d = data.columns
        let ranges = chunkRanges(count: n, parts: threads)
        var partial = [[Double]](repeating: [], count: ranges.count)
        partial.withUnsafeMutableBufferPointer { parts in
            data.values.withUnsafeBufferPointer { x in
                parallelChunks(count: ranges.count, threads: threads) { _, chunkRange in
                    for c in chunkRange {
                        var acc = [Double](repeating: 0, count: d * d)
                        var centred = [Double](repeating: 0, count: d)
                        for r in ranges[c] {
                            for j in 0..<d { centred[j] = Double(x[r * d + j]) - mean[j] }
                            for i in 0..<d {
                                let ci = centred[i]
                                for j in i..<d { acc[i * d + j] += ci * centred[j] }
                            }
                        }
                        parts[c] = acc
                    }
                }
            }
        }
        var cov = [Double](repeating: 0, count: d * d)
        for p in partial { for i in 0..<(d * d) { cov[i] += p[i] } }
        for i in 0..<d {
            for j in i..<d {
                let v = cov[i * d + j] / Double(n - 1)
                cov[i * d + j] = v
                cov[j * d + i] = v
            }
        }
        return cov
    }
}
