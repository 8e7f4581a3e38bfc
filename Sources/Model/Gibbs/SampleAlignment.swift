import Core

/// Aligns each Gibbs sample's latent space with a reference before it is averaged.
///
/// The model is unchanged when every user vector, movie vector, genre vector and the
/// hyperparameters are turned by the same orthogonal K × K matrix R (x·y = xR·yR, and the
/// priors are rotation invariant), so the chain wanders slowly through such turns. Averaging
/// unaligned samples would blur the posterior-mean vectors, and with them every map and
/// neighbour table, though not the averaged predictions. Each sample is therefore turned by
/// the R that best maps its movie vectors onto the reference's (orthogonal Procrustes, movies
/// weighted by their rating counts): R is the orthogonal polar factor of M = Σ_i n_i y_iᵀ r_i,
/// found by Newton–Schulz iteration. Cost movies·K² for M, users·K² to turn the sample, and
/// a few dozen K³ for R.
struct SampleAlignment {
    /// The reference movie vectors (movies × stride).
    let reference: [Float]
    let weights: [Float]
    let rank: Int
    let stride: Int

    /// The orthogonal K × K matrix (row-major, double) turning `vectors` (movies × stride) onto
    /// the reference, or nil when M is too close to singular to define it.
    func rotation(for vectors: [Float], threads: Int) -> [Double]? {
        let k = rank, kp = stride, movies = weights.count, blocks = kp / 8
        let parts = chunkRanges(count: movies, parts: 16)
        // Per piece in single precision, 8 lanes at a time (M[a, :] += n_i y_ia r_i); pieces
        // added in double in order, so M does not depend on the thread count.
        var partial = [Float](repeating: 0, count: max(1, parts.count) * k * kp)
        vectors.withUnsafeBufferPointer { yb in
            reference.withUnsafeBufferPointer { rb in
                partial.withUnsafeMutableBufferPointer { buffer in
                    let y = yb.baseAddress!, ref = UnsafeRawPointer(rb.baseAddress!), base = UnsafeMutableRawPointer(buffer.baseAddress!)
                    parallelForEach(count: parts.count, threads: threads, grain: 1) { c, _ in
                        let m = base + c * k * kp * 4
                        for i in parts[c] where weights[i] > 0 {
                            let w = weights[i]
                            for block in 0..<blocks {
                                let r = ref.loadUnaligned(fromByteOffset: (i * kp + block * 8) * 4, as: SIMD8<Float>.self)
                                for a in 0..<k {
                                    let offset = (a * kp + block * 8) * 4
                                    let row = m.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                                    m.storeBytes(of: row + (w * y[i * kp + a]) * r, toByteOffset: offset, as: SIMD8<Float>.self)
                                }
                            }
                        }
                    }
                }
            }
        }
        var m = [Double](repeating: 0, count: k * k)
        for c in 0..<parts.count { for a in 0..<k { for b in 0..<k { m[a * k + b] += Double(partial[(c * k + a) * kp + b]) } } }
        return Self.polarFactor(m, n: k)
    }

    /// The orthogonal factor Q of M = QH (H symmetric positive semi-definite) by Newton–Schulz
    /// iteration X ← X(3I − XᵀX)/2 from X = M/‖M‖_F, which converges when M is non-singular;
    /// nil when it has not converged (‖XᵀX − I‖ > 1e-9) after 100 steps. Cost 2n³ per step.
    static func polarFactor(_ m: [Double], n: Int) -> [Double]? {
        let norm = m.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0, norm.isFinite else { return nil }
        var x = m.map { $0 / norm }
        for _ in 0..<100 {
            let gram = multiply(x, transposeA: true, x, n: n)
            var error = 0.0
            var step = gram
            for i in 0..<n {
                for j in 0..<n {
                    let identity = i == j ? 1.0 : 0.0
                    error = max(error, abs(gram[i * n + j] - identity))
                    step[i * n + j] = (3 * identity - gram[i * n + j]) / 2
                }
            }
            if error < 1e-9 { return x }
            x = multiply(x, transposeA: false, step, n: n)
        }
        return nil
    }

    /// A·B or Aᵀ·B for n × n row-major matrices.
    static func multiply(_ a: [Double], transposeA: Bool, _ b: [Double], n: Int) -> [Double] {
        var out = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for m in 0..<n {
                let aim = transposeA ? a[m * n + i] : a[i * n + m]
                if aim == 0 { continue }
                for j in 0..<n { out[i * n + j] += aim * b[m * n + j] }
            }
        }
        return out
    }

    /// `vectors` (rows × stride) turned by R: each row v becomes vR, as Σ_a v_a R_a (rows of
    /// R as 8-lane vectors). Cost rows·K² multiply-adds.
    static func rotate(_ vectors: [Float], by r: [Double], rank k: Int, stride kp: Int, threads: Int) -> [Float] {
        var out = vectors
        let rows = kp == 0 ? 0 : vectors.count / kp, blocks = kp / 8
        var padded = [Float](repeating: 0, count: k * kp)
        for a in 0..<k { for b in 0..<k { padded[a * kp + b] = Float(r[a * k + b]) } }
        vectors.withUnsafeBufferPointer { source in
            padded.withUnsafeBufferPointer { rotation in
                out.withUnsafeMutableBufferPointer { o in
                    let src = UnsafeRawPointer(source.baseAddress!), rot = UnsafeRawPointer(rotation.baseAddress!)
                    let dst = UnsafeMutableRawPointer(o.baseAddress!)
                    parallelForEach(count: rows, threads: threads, grain: 2048) { row, _ in
                        let v = row * kp
                        for block in 0..<blocks {
                            var acc = SIMD8<Float>()
                            for a in 0..<k {
                                let x = src.load(fromByteOffset: (v + a) * 4, as: Float.self)
                                acc += x * rot.loadUnaligned(fromByteOffset: (a * kp + block * 8) * 4, as: SIMD8<Float>.self)
                            }
                            dst.storeBytes(of: acc, toByteOffset: (v + block * 8) * 4, as: SIMD8<Float>.self)
                        }
                    }
                }
            }
        }
        return out
    }
}
