import ALSKernels
import Core

/// One side of a Gibbs sweep (users, or movies), described by raw buffers: the CSR rows being
/// sampled, the other side's current vectors and biases, and the row priors scaled by 1/α.
///
/// Row r's bias b_r and vector x_r are drawn jointly from their Gaussian conditional. With
/// e_j = v_j − μ − d_j over the row's n entries (q_j, d_j the other side's vector and bias),
/// prior x_r ~ N(m_r, Λ⁻¹), b_r ~ N(0, 1/β) and noise precision α, the conditional precision
/// of (b_r, x_r) is α·[[n + β/α, sᵀ], [s, A]] with s = Σ q_j and A = Σ q qᵀ + Λ/α, and its
/// mean solves the same system as an ALS row with right-hand side (Σ e, Σ e q + Λm_r/α).
struct GibbsSideProblem {
    var rows: RatingMatrix
    var otherFactors: UnsafePointer<Float>
    var otherBias: UnsafePointer<Float>
    var mean: Float
    var rank: Int
    var stride: Int
    /// Λ/α (stride × stride, full; padding zero).
    var priorPrecision: UnsafePointer<Float>
    /// Λ m_r / α: one stride-vector per row, or one shared by all rows when
    /// `priorTermStride` is 0.
    var priorTerm: UnsafePointer<Float>
    var priorTermStride: Int
    /// β/α, the bias prior's precision relative to the noise.
    var biasPrecision: Float
    /// 1/√α: the scale of the conditional's random part.
    var noiseScale: Float
    /// The counter-based stream key of this side in this sweep.
    var seed: UInt64
    var sweep: Int
    var block: CounterRandom.Block
    /// When given, each row's sum of squared residuals Σ (v − μ − d_j − b_r − x_r·q_j)² under
    /// the drawn (b_r, x_r) is written here (one double per row), from the row's normal
    /// equations: Σe² − 2bΣe − 2 x·Σeq + n b² + 2b x·s + xᵀ(Σ q qᵀ)x. Cost K² per row.
    var rowSquares: UnsafeMutablePointer<Double>? = nil
}

/// Samples rows 8g ..< min(8g + 8, rowCount) of `p` (rank > 0) together, with the dense
/// algebra of the eight rows interleaved across vector lanes, as `solveRowGroup` does for ALS.
///
/// Method, per row: A = UᵀU (`cmx_cholesky8`); v = A⁻¹s and u = A⁻¹(Σ e q + Λm/α)
/// (`cmx_cholesky_solve2_8`); the Schur complement σ = n + β/α − sᵀv is the precision of b
/// (in units of α) once x is integrated out, so b = (Σe − sᵀu)/σ + z₀/√(ασ); then
/// x | b ~ N(u − b v, (αA)⁻¹), drawn as u − b v + U⁻¹z/√α (`cmx_upper_solve8`), z standard
/// normal from the row's counter-based stream. Writes b and x (padding zero).
///
/// Returns a mask with bit m set when row 8g + m failed: its matrix was not positive definite
/// or the draw was not finite (nothing is written for that row). Cost per row
/// n·K²/2 + K³/6 + 3K² FMAs plus K normal deviates.
func sampleRowGroup(_ g: Int, _ p: GibbsSideProblem, _ out: SideOutput, _ s: SolverScratch) -> Int {
    let first = 8 * g, lanes = min(8, p.rows.rowCount - first)
    let k = p.rank, kp = p.stride, ld = s.batchStride
    var biasNoise = SIMD8<Float>()
    for m in 0..<8 {
        let gram = s.laneGram + m * kp * kp, sum = s.laneSum + m * kp, rhs = s.laneRhs + m * kp, noise = s.laneH + m * kp
        noise.update(repeating: 0, count: kp)
        if m < lanes {
            let r = first + m
            let built = accumulateRowNormal(r, p.rows, otherFactors: p.otherFactors, otherBias: p.otherBias, mean: p.mean,
                                            rank: k, stride: kp, target: s.target, gram: gram, sum: sum, rhs: rhs, tile: s.tile)
            s.laneTotal[m] = built.targetSum
            s.laneTotal[8 + m] = built.targetSquares
            for i in 0..<k {
                let row = gram + i * kp, prior = p.priorPrecision + i * kp
                for j in i..<k { row[j] += prior[j] }
            }
            let term = p.priorTerm + r * p.priorTermStride
            for i in 0..<k { rhs[i] += term[i] }
            var stream = CounterRandom.stream(seed: p.seed, sweep: p.sweep, block: p.block, row: r)
            biasNoise[m] = Float(stream.nextGaussian())
            stream.fillGaussian(noise, count: k)
        } else {
            fillUnusedLane(gram: gram, sum: sum, rhs: rhs, rank: k, stride: kp)
            s.laneTotal[m] = 0
        }
    }
    var failed = factorAndSolveLanes(s, rank: k, stride: kp, lanes: lanes)
    cmx_interleave8(s.laneH, kp, kp, s.batchH)
    cmx_upper_solve8(s.batchMatrix, ld, k, s.batchH)
    cmx_deinterleave8(s.batchH, kp, s.laneH, kp)
    for m in 0..<lanes where failed >> m & 1 == 0 {
        let r = first + m
        let sum = s.laneSum + m * kp, v = s.laneV + m * kp, u = s.laneU + m * kp, z = s.laneH + m * kp
        let denominator = Float(p.rows.rowLength(r)) + p.biasPrecision
        let sigma = denominator - Dot.product(sum, v, count: k)
        guard sigma > 1e-6 * denominator, sigma.isFinite else { failed |= 1 << m; continue }
        let b = (Float(s.laneTotal[m]) - Dot.product(sum, u, count: k)) / sigma + biasNoise[m] * p.noiseScale / sigma.squareRoot()
        let x = out.factors + r * kp
        var finite = b.isFinite
        for i in 0..<k {
            x[i] = u[i] - b * v[i] + p.noiseScale * z[i]
            finite = finite && x[i].isFinite
        }
        guard finite else { failed |= 1 << m; continue }
        out.bias[r] = b
        if let squares = p.rowSquares {
            squares[r] = rowSquaredResiduals(r, p, x: x, b: b, gram: s.laneGram + m * kp * kp, sum: sum, rhs: s.laneRhs + m * kp,
                                             targetSum: s.laneTotal[m], targetSquares: s.laneTotal[8 + m])
        }
    }
    return failed
}

/// Σ (e_j − b − x·q_j)² of row r from its normal equations (see `GibbsSideProblem.rowSquares`):
/// `gram` and `rhs` hold Σ q qᵀ + Λ/α (upper triangle) and Σ e q + Λm/α, so the prior parts are
/// taken off again. In double precision. Cost K² FMAs.
@inline(__always)
func rowSquaredResiduals(_ r: Int, _ p: GibbsSideProblem, x: UnsafePointer<Float>, b: Float, gram: UnsafePointer<Float>,
                         sum: UnsafePointer<Float>, rhs: UnsafePointer<Float>, targetSum: Double, targetSquares: Double) -> Double {
    let k = p.rank, kp = p.stride, bd = Double(b)
    let term = p.priorTerm + r * p.priorTermStride
    var quadratic = 0.0, crossTarget = 0.0, crossSum = 0.0
    for i in 0..<k {
        let xi = Double(x[i]), row = gram + i * kp, prior = p.priorPrecision + i * kp
        var partial = (Double(row[i]) - Double(prior[i])) * xi
        for j in (i + 1)..<max(i + 1, k) { partial += 2 * (Double(row[j]) - Double(prior[j])) * Double(x[j]) }
        quadratic += xi * partial
        crossTarget += xi * (Double(rhs[i]) - Double(term[i]))
        crossSum += xi * Double(sum[i])
    }
    let n = Double(p.rows.rowLength(r))
    return max(0, targetSquares - 2 * bd * targetSum - 2 * crossTarget + n * bd * bd + 2 * bd * crossSum + quadratic)
}

/// Samples every bias of a rank-0 side (the `bias` model): b_r ~ N(Σe/(n + β/α), 1/(α(n + β/α))).
/// Returns false when the draw is not finite. Cost n per row.
func sampleBiasRow(_ r: Int, _ p: GibbsSideProblem, _ out: SideOutput, _ s: SolverScratch) -> Bool {
    let built = accumulateRowNormal(r, p.rows, otherFactors: p.otherFactors, otherBias: p.otherBias, mean: p.mean,
                                    rank: 0, stride: 0, target: s.target, gram: s.gram, sum: s.sum, rhs: s.rhs, tile: s.tile)
    let precision = Float(built.count) + p.biasPrecision
    var stream = CounterRandom.stream(seed: p.seed, sweep: p.sweep, block: p.block, row: r)
    let b = Float(built.targetSum) / precision + Float(stream.nextGaussian()) * p.noiseScale / precision.squareRoot()
    guard b.isFinite else { return false }
    out.bias[r] = b
    let bd = Double(b)
    p.rowSquares?[r] = max(0, built.targetSquares - 2 * bd * built.targetSum + Double(built.count) * bd * bd)
    return true
}

/// Samples every row of `problem` in parallel (fixed groups of eight, dynamic scheduling; each
/// row writes only its own outputs and draws from its own stream, so the result does not
/// depend on the schedule or `threads`). Returns the smallest failed row, or nil.
func sampleSide(_ problem: GibbsSideProblem, into out: SideOutput, scratch: [SolverScratch], threads: Int) -> Int? {
    updateRows(count: problem.rows.rowCount, workers: min(threads, scratch.count), grouped: problem.rank > 0, grain: 256,
               row: { r, w in sampleBiasRow(r, problem, out, scratch[w]) },
               group: { g, w in sampleRowGroup(g, problem, out, scratch[w]) })
}
