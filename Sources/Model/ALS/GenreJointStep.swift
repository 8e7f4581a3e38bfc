import Core

/// The exact joint minimisation of L over movie biases c, movie vectors Y and genre vectors W
/// with the users fixed — the step that lets the genre model converge as fast as plain ALS.
///
/// For fixed W each movie's (c_i, y_i) solves a ridge problem whose prior mean on y_i is
/// m_i = D_i W (D_i = |F_i|^(−1/2) on the movie's genres). With z̃_i = Ã_i⁻¹ q̃_i its solution
/// at m = 0 (computed by `solveRowGroup`, or `solveRow`, which also store B_i, the vector
/// block of Ã_i⁻¹, and h_i = v/σ), the solution for any m is y_i = y⁰_i + τ' B_i m_i, c_i = c⁰_i − τ' h_iᵀ m_i, and
/// the minimum over (c_i, y_i) is, up to a constant, ½ m_iᵀ S_i m_i − τ' m_iᵀ y⁰_i with
/// S_i = τ' I − τ'² B_i (positive semi-definite). Minimising Σ_i of that plus τ'/2 |W|² over W
/// is one dense (G·K)-dimensional system
///   (Σ_i D_iᵀD_i ⊗ S_i + τ' I) vec W = τ' Σ_i D_iᵀ y⁰_i,
/// solved by Cholesky in double precision. Substituting W back gives the joint minimiser, so
/// L cannot increase. Cost: K³/3 per movie for B_i, Σ_i |F_i|² K² to assemble, (GK)³/6 to solve.
enum GenreJointStep {
    /// Assembles and solves the genre system. `y0` and `inverse` hold y⁰ (movies × stride) and
    /// B (movies × stride × stride, rows of movies without genres unused). Returns W as
    /// G × stride floats, or nil when the system is not positive definite.
    ///
    /// Movies with the same genre list share D_i, so their B_i and y⁰_i are summed first, per
    /// set, in parallel (K² per movie), and each set's sums enter the blocks of its genre pairs
    /// once (task f writes block row f, sets in order, so the result does not depend on
    /// `threads`). Cost K² per movie, + Σ_sets |F|² K² to assemble, + (GK)³/6 to solve.
    static func solveGenreVectors(design: GenreDesign, y0: UnsafePointer<Float>, inverse: UnsafePointer<Float>,
                                  ridge tau: Float, rank k: Int, stride kp: Int, threads: Int) -> [Float]? {
        let g = design.genreCount, n = g * k, sets = design.setCount
        guard n > 0 else { return [] }
        let t = Double(tau)
        // Per set: Σ B_i (K × K) and Σ y⁰_i (K), in double.
        var setB = [Double](repeating: 0, count: max(1, sets * k * k))
        var setY = [Double](repeating: 0, count: max(1, sets * k))
        setB.withUnsafeMutableBufferPointer { bb in
            setY.withUnsafeMutableBufferPointer { yb in
                let bp = bb.baseAddress!, yp = yb.baseAddress!
                parallelForEach(count: sets, threads: threads, grain: 1) { s, _ in
                    let sb = bp + s * k * k, sy = yp + s * k
                    for q in design.setStart[s]..<design.setStart[s + 1] {
                        let i = Int(design.setMovies[q])
                        let b = inverse + i * kp * kp, y = y0 + i * kp
                        for c in 0..<k { sy[c] += Double(y[c]) }
                        for a in 0..<k {
                            let row = sb + a * k, br = b + a * kp
                            for c in 0..<k { row[c] += Double(br[c]) }
                        }
                    }
                }
            }
        }
        var h = [Double](repeating: 0, count: n * n)
        var rhs = [Double](repeating: 0, count: n)
        let failed: Bool = h.withUnsafeMutableBufferPointer { hb in
            rhs.withUnsafeMutableBufferPointer { rb in
                setB.withUnsafeBufferPointer { bb in
                    let hp = hb.baseAddress!, rp = rb.baseAddress!, setSums = bb.baseAddress!
                    // Block row f (blocks (f, g') with g' ≥ f, and rhs_f) is written only by task f.
                    parallelForEach(count: g, threads: threads, grain: 1) { f, _ in
                        var weightSum = [Double](repeating: 0, count: g)
                        for s in 0..<sets {
                            let genres = design.setGenreStart[s]..<design.setGenreStart[s + 1]
                            let count = design.setStart[s + 1] - design.setStart[s]
                            let d = Double(design.weight[Int(design.setMovies[design.setStart[s]])]), d2 = d * d
                            let sb = setSums + s * k * k
                            for p in genres where Int(design.setGenres[p]) == f {
                                for c in 0..<k { rp[f * k + c] += d * t * setY[s * k + c] }
                                for q in genres {
                                    let f2 = Int(design.setGenres[q])
                                    if f2 < f { continue }
                                    weightSum[f2] += Double(count) * d2
                                    let block = hp + (f * k) * n + f2 * k
                                    for a in 0..<k {
                                        let row = block + a * n, br = sb + a * k
                                        for c in 0..<k { row[c] -= d2 * br[c] }
                                    }
                                }
                            }
                        }
                        // Block (f, f2) = τ' δ Σ d² − τ'² Σ d² B_i (+ τ' I on the diagonal for |w|²).
                        for f2 in f..<g {
                            let block = hp + (f * k) * n + f2 * k
                            for a in 0..<k {
                                let row = block + a * n
                                for c in 0..<k { row[c] *= t * t }
                                row[a] += t * weightSum[f2]
                                if f2 == f { row[a] += t }
                            }
                        }
                    }
                    if DenseCholesky.factor(hp, n: n) != nil { return true }
                    DenseCholesky.solve(hp, n: n, rp)
                    return false
                }
            }
        }
        if failed { return nil }
        var w = [Float](repeating: 0, count: g * kp)
        for f in 0..<g { for c in 0..<k { w[f * kp + c] = Float(rhs[f * k + c]) } }
        return w
    }

    /// Moves every movie with genres from its m = 0 solution to the solution for prior means
    /// `prior` (= D W): y_i += τ' B_i m_i, c_i −= τ' h_iᵀ m_i. Cost K² per movie.
    static func applyPrior(design: GenreDesign, prior: UnsafePointer<Float>, inverse: UnsafePointer<Float>,
                           coupling: UnsafePointer<Float>, ridge tau: Float, rank k: Int, stride kp: Int,
                           factors: UnsafeMutablePointer<Float>, bias: UnsafeMutablePointer<Float>, threads: Int) {
        parallelForEach(count: design.weight.count, threads: threads, grain: 256) { i, _ in
            guard design.hasGenres(i) else { return }
            let m = prior + i * kp, b = inverse + i * kp * kp, y = factors + i * kp, hv = coupling + i * kp
            var shift: Float = 0
            for a in 0..<k {
                let row = b + a * kp
                var s: Float = 0
                for c in 0..<k { s += row[c] * m[c] }
                y[a] += tau * s
                shift += hv[a] * m[a]
            }
            bias[i] -= tau * shift
        }
    }
}
