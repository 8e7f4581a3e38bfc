import ALSKernels
import Core

/// Sums of squared residuals over a set of ratings.
struct ResidualSums: Sendable {
    /// Σ (r − r̂)² with r̂ unclamped (enters the objective).
    var squared: Double = 0
    /// Σ (r − clamp(r̂))² (gives the reported RMSE).
    var clampedSquared: Double = 0
    /// Number of ratings summed.
    var count: Int = 0

    /// √(clampedSquared / count), NaN when empty.
    var rmse: Double { count > 0 ? (clampedSquared / Double(count)).squareRoot() : .nan }

    /// The sums of `parts` pieces, computed on `threads` threads and added in piece order, so
    /// the total depends only on how the work is cut into pieces.
    static func combined(parts: Int, threads: Int, _ piece: (Int) -> ResidualSums) -> ResidualSums {
        var partial = [ResidualSums](repeating: ResidualSums(), count: parts)
        partial.withUnsafeMutableBufferPointer { out in
            let o = out.baseAddress!
            parallelForEach(count: parts, threads: threads, grain: 1) { c, _ in o[c] = piece(c) }
        }
        return partial.reduce(into: ResidualSums()) {
            $0.squared += $1.squared; $0.clampedSquared += $1.clampedSquared; $0.count += $1.count
        }
    }
}

/// The factors of a model in training, as the evaluation kernels see them.
struct FactorView {
    var userFactors: UnsafePointer<Float>
    var movieFactors: UnsafePointer<Float>
    var userBias: UnsafePointer<Float>
    var movieBias: UnsafePointer<Float>
    var mean: Float
    var rank: Int
    var stride: Int
}

/// Residual sums over the training ratings (by user). Rows are split into `pieces` fixed
/// chunks (default four per thread) and the chunk sums added in order, so the result depends
/// only on the inputs and the number of pieces. Cost nnz·K FMAs.
func trainingResiduals(_ byUser: RatingMatrix, _ f: FactorView, scale: RatingScale, threads: Int, pieces: Int? = nil) -> ResidualSums {
    let parts = chunkRanges(count: byUser.rowCount, parts: pieces ?? max(1, threads) * 4)
    return byUser.columnIndex.withUnsafeBufferPointer { cols in
        byUser.value.withUnsafeBufferPointer { vals in
            ResidualSums.combined(parts: parts.count, threads: threads) { c in
                var sums = ResidualSums()
                for u in parts[c] {
                    let a = byUser.rowStart[u], n = byUser.rowStart[u + 1] - a
                    if n == 0 { continue }
                    var clipped: Double = 0
                    sums.squared += cmx_row_residuals(
                        f.userFactors + u * f.stride, f.movieFactors, f.stride, f.rank,
                        cols.baseAddress! + a, vals.baseAddress! + a, n,
                        f.mean + f.userBias[u], f.movieBias, scale.minimum, scale.maximum, &clipped)
                    sums.clampedSquared += clipped
                    sums.count += n
                }
                return sums
            }
        }
    }
}

/// Residual sums over held-out triplets, on `threads` threads. The triplets are cut into 64
/// fixed pieces whose sums are added in order, so the result does not depend on `threads`.
/// Cost count·K FMAs (two random vector reads per triplet).
func heldOutResiduals(_ test: RatingTriplets, _ f: FactorView, scale: RatingScale, threads: Int) -> ResidualSums {
    let parts = chunkRanges(count: test.count, parts: 64)
    return test.users.withUnsafeBufferPointer { users in
        test.movies.withUnsafeBufferPointer { movies in
            test.ratings.withUnsafeBufferPointer { ratings in
                ResidualSums.combined(parts: parts.count, threads: threads) { c in
                    var sums = ResidualSums()
                    for t in parts[c] {
                        let u = Int(users[t]), i = Int(movies[t])
                        let dot = f.rank > 0 ? Dot.product(f.userFactors + u * f.stride, f.movieFactors + i * f.stride, count: f.rank) : 0
                        let p = f.mean + f.userBias[u] + f.movieBias[i] + dot
                        let e = Double(ratings[t] - p), ec = Double(ratings[t] - scale.clamp(p))
                        sums.squared += e * e
                        sums.clampedSquared += ec * ec
                        sums.count += 1
                    }
                    return sums
                }
            }
        }
    }
}

/// Σ |a − b|² over `count` floats.
func squaredDistance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Double {
    var s: Double = 0
    for i in 0..<count { let d = Double(a[i]) - Double(b[i]); s += d * d }
    return s
}
