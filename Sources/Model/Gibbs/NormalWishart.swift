import ALSKernels
import Core

/// The Normal–Wishart hyperprior of BPMF (Salakhutdinov & Mnih 2008) on the mean μ and precision
/// Λ of a set of K-vectors v_1 … v_N ~ N(μ, Λ⁻¹): μ | Λ ~ N(μ₀, (β₀Λ)⁻¹), Λ ~ W(W₀, ν₀), with
/// μ₀ = 0, W₀ = I, β₀ = 2 and ν₀ = K as in the paper. Its posterior given the vectors is again
/// Normal–Wishart, with
///   β* = β₀ + N,  ν* = ν₀ + N,  μ* = N v̄ / (β₀ + N),
///   W*⁻¹ = W₀⁻¹ + Σ (v − v̄)(v − v̄)ᵀ + β₀N/(β₀ + N) v̄ v̄ᵀ.
/// Everything here is double precision and dense K × K; the scatter costs N·K²/2 FMAs (in 64
/// fixed pieces, so the sums do not depend on the thread count), the draw O(K³).
struct NormalWishart {
    /// β₀, the prior's pseudo-count on μ.
    var beta0: Double = 2

    /// Σ v and Σ v vᵀ (upper triangle, K × K) over `rows` vectors at stride `kp`, each minus
    /// its `offset` row when given (for movie vectors, y_i − g_i). The sums of 64 fixed pieces
    /// are taken by the ALS normal-matrix kernel (single precision within a piece) and added
    /// in double in piece order, so they do not depend on the thread count. Cost rows·K²/2 FMAs.
    static func moments(_ v: UnsafePointer<Float>, offsets: UnsafePointer<Float>?, rows: Int, rank k: Int, stride kp: Int,
                        threads: Int) -> (sum: [Double], scatter: [Double]) {
        var shifted: [Float] = []
        if let offsets {
            shifted = [Float](repeating: 0, count: rows * kp)
            for i in 0..<(rows * kp) { shifted[i] = v[i] - offsets[i] }
        }
        let parts = chunkRanges(count: rows, parts: 64)
        let longest = parts.map(\.count).max() ?? 0
        var partial = [Float](repeating: 0, count: max(1, parts.count) * (kp + kp * kp))
        let index = (0..<Int32(clamping: rows)).map { $0 }
        let zeros = [Float](repeating: 0, count: max(1, longest))
        shifted.withUnsafeBufferPointer { sh in
            index.withUnsafeBufferPointer { idx in
                zeros.withUnsafeBufferPointer { target in
                    partial.withUnsafeMutableBufferPointer { buffer in
                        let base = buffer.baseAddress!, source = offsets == nil ? v : sh.baseAddress!
                        parallelForEach(count: parts.count, threads: threads, grain: 1) { c, _ in
                            let gram = base + c * (kp + kp * kp), sum = gram + kp * kp
                            let tile = UnsafeMutablePointer<Float>.allocate(capacity: Int(CMX_TILE_ROWS) * kp)
                            let rhs = UnsafeMutablePointer<Float>.allocate(capacity: kp)
                            rhs.initialize(repeating: 0, count: kp)
                            defer { tile.deallocate(); rhs.deallocate() }
                            cmx_accumulate_normal(source, kp, kp, idx.baseAddress! + parts[c].lowerBound, target.baseAddress!,
                                                  parts[c].count, gram, sum, rhs, tile)
                        }
                    }
                }
            }
        }
        var sum = [Double](repeating: 0, count: k), scatter = [Double](repeating: 0, count: k * k)
        for c in 0..<parts.count {
            let off = c * (kp + kp * kp)
            for a in 0..<k {
                sum[a] += Double(partial[off + kp * kp + a])
                for b in a..<k { scatter[a * k + b] += Double(partial[off + a * kp + b]) }
            }
        }
        return (sum, scatter)
    }

    /// Draws (μ, Λ) from the posterior given the first moments of N vectors (`moments`).
    /// Returns μ (K) and Λ (K × K, full, symmetric), or nil when the moments are not finite.
    func draw(sum: [Double], scatter: [Double], count n: Int, rank k: Int, generator g: inout SplitMix64)
        -> (mean: [Double], precision: [Double])? {
        let count = Double(n)
        let mean = sum.map { $0 / max(count, 1) }
        // W*⁻¹ = I + Σ v vᵀ − N v̄ v̄ᵀ + β₀N/(β₀+N) v̄ v̄ᵀ (upper triangle, then mirrored).
        var inverseScale = [Double](repeating: 0, count: k * k)
        let shrink = beta0 * count / (beta0 + count) - count
        for a in 0..<k {
            for b in a..<k {
                let value = scatter[a * k + b] + shrink * mean[a] * mean[b] + (a == b ? 1 : 0)
                inverseScale[a * k + b] = value
                inverseScale[b * k + a] = value
            }
        }
        guard inverseScale.allSatisfy(\.isFinite), let scale = SymmetricMatrix.inverse(inverseScale, n: k),
              let precision = Self.wishart(scale: scale, degrees: Double(k) + count, rank: k, generator: &g) else { return nil }
        // μ ~ N(μ*, (β*Λ)⁻¹): μ* + U⁻¹ z / √β* with Λ = UᵀU.
        let betaStar = beta0 + count
        var u = precision
        guard DenseCholesky.factor(&u, n: k) == nil else { return nil }
        var z = (0..<k).map { _ in g.nextGaussian() / betaStar.squareRoot() }
        SymmetricMatrix.solveUpper(u, n: k, &z)
        let posteriorMean = (0..<k).map { count * mean[$0] / betaStar + z[$0] }
        return (posteriorMean, precision)
    }

    /// A Wishart W(scale, degrees) draw by the Bartlett decomposition: with scale = L Lᵀ and A
    /// lower triangular, A_ii = √χ²(degrees − i), A_ij ~ N(0, 1) below the diagonal, the draw is
    /// (LA)(LA)ᵀ. Requires degrees > K − 1. Cost O(K³).
    static func wishart(scale: [Double], degrees: Double, rank k: Int, generator g: inout SplitMix64) -> [Double]? {
        var u = scale
        guard degrees > Double(k - 1),
              DenseCholesky.factor(&u, n: k) == nil else { return nil }
        // L = Uᵀ (lower); B = L A, lower triangular.
        var a = [Double](repeating: 0, count: k * k)
        for i in 0..<k {
            a[i * k + i] = g.nextGamma(shape: (degrees - Double(i)) / 2, rate: 0.5).squareRoot()
            for j in 0..<i { a[i * k + j] = g.nextGaussian() }
        }
        var b = [Double](repeating: 0, count: k * k)
        for i in 0..<k {
            for j in 0...i {
                var s = 0.0
                for m in j...i { s += u[m * k + i] * a[m * k + j] }  // L[i][m] = U[m][i]
                b[i * k + j] = s
            }
        }
        var out = [Double](repeating: 0, count: k * k)
        for i in 0..<k {
            for j in 0...i {
                var s = 0.0
                for m in 0...j { s += b[i * k + m] * b[j * k + m] }
                out[i * k + j] = s
                out[j * k + i] = s
            }
        }
        return out
    }
}

/// The Gamma–Normal update of a scalar precision: with values v_1 … v_N ~ N(0, 1/β) and
/// β ~ Gamma(a₀, b₀) (shape, rate), β | v ~ Gamma(a₀ + N/2, b₀ + Σv²/2). Used for the bias
/// precisions, the genre-vector precision and the noise precision α (with residuals as v).
enum GammaPrecision {
    /// The prior shape a₀ and rate b₀: Gamma(1, 1), mean 1, weak against any real data set.
    static let shape0 = 1.0, rate0 = 1.0

    /// One draw of β given N values whose squares sum to `sumOfSquares`.
    static func draw(count: Int, sumOfSquares: Double, generator g: inout SplitMix64) -> Double {
        g.nextGamma(shape: shape0 + Double(count) / 2, rate: rate0 + sumOfSquares / 2)
    }
}

/// Small dense symmetric positive-definite algebra in double precision (K × K, row-major).
enum SymmetricMatrix {
    /// The inverse of the SPD matrix `a` (full storage), or nil when it is not positive
    /// definite. Cost n³/2 FMAs.
    static func inverse(_ a: [Double], n: Int) -> [Double]? {
        var u = a
        guard DenseCholesky.factor(&u, n: n) == nil else { return nil }
        var out = [Double](repeating: 0, count: n * n)
        var column = [Double](repeating: 0, count: n)
        for j in 0..<n {
            for i in 0..<n { column[i] = i == j ? 1 : 0 }
            DenseCholesky.solve(u, n: n, &column)
            for i in 0..<n { out[i * n + j] = column[i] }
        }
        for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { let s = (out[i * n + j] + out[j * n + i]) / 2; out[i * n + j] = s; out[j * n + i] = s } }
        return out
    }

    /// Solves U x = b in place by back substitution, U upper triangular from
    /// `DenseCholesky.factor` (row-major, true diagonal). With b standard normal, x has
    /// covariance (UᵀU)⁻¹. Cost n²/2 FMAs.
    static func solveUpper(_ u: [Double], n: Int, _ b: inout [Double]) {
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = b[i]
            for j in (i + 1)..<max(i + 1, n) { s -= u[i * n + j] * b[j] }
            b[i] = s / u[i * n + i]
        }
    }
}
