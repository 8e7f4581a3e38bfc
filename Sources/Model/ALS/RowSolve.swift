import ALSKernels
import Core

/// One side of an ALS half-step, described by raw buffers: the CSR rows being solved (users,
/// or movies), the fixed factors and biases of the other side, and the priors.
///
/// For each row r with entries (j, v) it minimises over (b_r, x_r), jointly and exactly,
/// Σ_j (v − μ − d_j − b_r − x_r·q_j)² + γ' b_r² + τ' |x_r − m_r|², where q_j and d_j are the
/// other side's vector and bias, τ' = τ/λ, γ' = γ/λ and m_r the prior mean (zero unless
/// given). Vectors have padded stride `stride`, of which the first `rank` entries are used.
struct SideProblem {
    var rows: RatingMatrix
    var otherFactors: UnsafePointer<Float>
    var otherBias: UnsafePointer<Float>
    var mean: Float
    var rank: Int
    var stride: Int
    var vectorRidge: Float
    var biasRidge: Float
    /// Prior means m_r (rows × stride), or nil for zero.
    var priorMean: UnsafePointer<Float>?
}

/// Where a row solve writes: the new vector and bias, and optionally (for the joint genre
/// step) the vector block B_r of the inverse of the row's augmented normal matrix and the
/// coupling h_r = v/σ between bias and vector (see `GenreJointStep`).
struct SideOutput {
    var factors: UnsafeMutablePointer<Float>
    var bias: UnsafeMutablePointer<Float>
    var inverse: UnsafeMutablePointer<Float>? = nil
    var coupling: UnsafeMutablePointer<Float>? = nil
    var wantsInverse: UnsafePointer<Bool>? = nil
}

/// Builds row r's normal equations in caller-owned buffers: fills `target` with the
/// regression targets e = v − μ − d_j, and (for rank > 0) sets `gram` (kp×kp, upper triangle)
/// to Σ q qᵀ + τ' I, `sum` to Σ q and `rhs` to Σ e q + τ' m (all zeroed first; padding stays
/// zero). Returns Σ e (in double) and the row length n. Cost n·K²/2 FMAs.
@inline(__always)
func buildRowNormal(_ r: Int, _ p: SideProblem, target: UnsafeMutablePointer<Float>, gram: UnsafeMutablePointer<Float>,
                    sum: UnsafeMutablePointer<Float>, rhs: UnsafeMutablePointer<Float>,
                    tile: UnsafeMutablePointer<Float>) -> (targetSum: Double, count: Int) {
    let k = p.rank, kp = p.stride
    let (targetSum, _, n) = accumulateRowNormal(r, p.rows, otherFactors: p.otherFactors, otherBias: p.otherBias, mean: p.mean,
                                                rank: k, stride: kp, target: target, gram: gram, sum: sum, rhs: rhs, tile: tile)
    if k == 0 { return (targetSum, n) }
    var ridge = p.vectorRidge
    if !(ridge > 0) {
        // τ = 0: a tiny ridge keeps rows with fewer than K ratings solvable (minimum-norm-like).
        var trace: Float = 0
        for i in 0..<k { trace += gram[i * kp + i] }
        ridge = max(1e-4 * trace / Float(k), 1e-12)
    }
    for i in 0..<k { gram[i * kp + i] += ridge }
    if let m = p.priorMean, p.vectorRidge > 0 {
        for i in 0..<k { rhs[i] += p.vectorRidge * m[r * kp + i] }
    }
    return (targetSum, n)
}

/// The data part of row r's normal equations, shared by the ALS and Gibbs row steps: fills
/// `target` with e = v − μ − d_j and (for rank > 0) sets `gram` (kp×kp, upper triangle) to
/// Σ q qᵀ, `sum` to Σ q and `rhs` to Σ e q, zeroed first (padding stays zero). Returns Σ e and
/// Σ e² (in double) and the row length n. Cost n·K²/2 FMAs.
@inline(__always)
func accumulateRowNormal(_ r: Int, _ rows: RatingMatrix, otherFactors: UnsafePointer<Float>, otherBias: UnsafePointer<Float>,
                         mean: Float, rank k: Int, stride kp: Int, target: UnsafeMutablePointer<Float>,
                         gram: UnsafeMutablePointer<Float>, sum: UnsafeMutablePointer<Float>, rhs: UnsafeMutablePointer<Float>,
                         tile: UnsafeMutablePointer<Float>) -> (targetSum: Double, targetSquares: Double, count: Int) {
    let start = rows.rowStart[r], n = rows.rowStart[r + 1] - start
    var targetSum: Double = 0, targetSquares: Double = 0
    rows.columnIndex.withUnsafeBufferPointer { cols in
        rows.value.withUnsafeBufferPointer { vals in
            for t in 0..<n {
                let e = vals[start + t] - mean - otherBias[Int(cols[start + t])]
                target[t] = e
                targetSum += Double(e)
                targetSquares += Double(e) * Double(e)
            }
        }
    }
    if k == 0 { return (targetSum, targetSquares, n) }
    gram.update(repeating: 0, count: kp * kp)
    sum.update(repeating: 0, count: kp)
    rhs.update(repeating: 0, count: kp)
    rows.columnIndex.withUnsafeBufferPointer { cols in
        cmx_accumulate_normal(otherFactors, kp, kp, cols.baseAddress! + start, target, n, gram, sum, rhs, tile)
    }
    return (targetSum, targetSquares, n)
}

/// Solves one row in closed form (see `SideProblem`), one matrix at a time: the reference
/// path, and the one used for rank 0 (bias only). Returns false when the Cholesky
/// factorisation of the row's normal matrix failed.
///
/// Method: A = Σ q qᵀ + τ' I (Cholesky), s = Σ q, v = A⁻¹ s, u = A⁻¹(Σ e q + τ' m), with
/// e = v − μ − d; the bias follows from the Schur complement σ = n + γ' − sᵀv as
/// b = (Σ e − sᵀu)/σ, then x = u − b v. Cost n·K²/2 + K³/6 FMAs (+ K³/3 for the inverse).
@inline(__always)
func solveRow(_ r: Int, _ p: SideProblem, _ out: SideOutput, _ s: SolverScratch) -> Bool {
    let k = p.rank, kp = p.stride
    let (targetSum, n) = buildRowNormal(r, p, target: s.target, gram: s.gram, sum: s.sum, rhs: s.rhs, tile: s.tile)
    let count = Float(n)
    if k == 0 {
        let denominator = count + p.biasRidge
        out.bias[r] = denominator > 0 ? Float(targetSum) / denominator : 0
        return true
    }
    if cmx_cholesky(s.gram, kp, k) != 0 { return false }
    let v = s.coupling
    v.update(from: s.sum, count: kp)
    cmx_cholesky_solve2(s.gram, kp, k, v, s.rhs)
    let denominator = count + p.biasRidge
    let sigma = denominator - Dot.product(s.sum, v, count: k)
    var b: Float = 0
    let biasDetermined = denominator > 0 && sigma > 1e-6 * denominator
    if biasDetermined {
        b = (Float(targetSum) - Dot.product(s.sum, s.rhs, count: k)) / sigma
    }
    let x = out.factors + r * kp
    for i in 0..<k { x[i] = s.rhs[i] - b * v[i] }
    out.bias[r] = b
    if let inverse = out.inverse, let coupling = out.coupling, out.wantsInverse?[r] ?? true {
        let B = inverse + r * kp * kp
        cmx_cholesky_inverse(s.gram, kp, k, B, kp, s.work)
        let h = coupling + r * kp
        if biasDetermined {
            for i in 0..<k { h[i] = v[i] / sigma }
            for i in 0..<k {
                for j in 0..<k { B[i * kp + j] += v[i] * h[j] }
            }
        } else {
            for i in 0..<k { h[i] = 0 }
        }
    }
    return true
}

/// Solves every row of `problem` in parallel (dynamic scheduling; each row writes only its
/// own outputs, so the result does not depend on the schedule). With rank > 0 the rows go in
/// fixed groups of eight (rows 8g ..< 8g + 8, `solveRowGroup`), so the grouping, too, is the
/// same at any thread count; `batched: false` solves one row at a time (`solveRow`) instead.
/// Returns the smallest row whose Cholesky factorisation failed, or nil.
func solveSide(_ problem: SideProblem, into out: SideOutput, scratch: [SolverScratch], threads: Int,
               batched: Bool = true) -> Int? {
    updateRows(count: problem.rows.rowCount, workers: min(threads, scratch.count), grouped: problem.rank > 0 && batched,
               grain: 32, row: { r, w in solveRow(r, problem, out, scratch[w]) },
               group: { g, w in solveRowGroup(g, problem, out, scratch[w]) })
}

/// Updates the `count` rows of one side in parallel (the loop that ALS solves and Gibbs draws
/// share) and returns the smallest failed row, or nil: `row(r, w)` for every row, in dynamic
/// blocks of `grain` rows, when `grouped` is false; else `group(g, w)` for every group of eight
/// rows 8g ..< 8g + 8, returning the mask of its failed lanes. `w` is the calling worker's slot
/// (below `workers`), whose scratch the call may use. Each row writes only its own outputs, so
/// the result does not depend on the schedule.
func updateRows(count: Int, workers: Int, grouped: Bool, grain: Int, row: (_ r: Int, _ worker: Int) -> Bool,
                group: (_ g: Int, _ worker: Int) -> Int) -> Int? {
    let failures = FailedRows(workers: workers)
    if !grouped {
        parallelForEach(count: count, threads: workers, grain: grain) { r, w in
            if !row(r, w) { failures.record(r, worker: w) }
        }
    } else {
        parallelForEach(count: (count + 7) / 8, threads: workers, grain: 4) { g, w in
            let failed = group(g, w)
            for m in 0..<8 where failed >> m & 1 != 0 { failures.record(8 * g + m, worker: w) }
        }
    }
    return failures.first
}

/// The smallest failing row seen by each worker (each worker writes only its own slot).
final class FailedRows: @unchecked Sendable {
    private let rows: UnsafeMutableBufferPointer<Int>
    init(workers: Int) {
        rows = .allocate(capacity: max(1, workers))
        rows.initialize(repeating: .max)
    }
    deinit { rows.deallocate() }
    func record(_ row: Int, worker: Int) { rows[worker] = min(rows[worker], row) }
    var first: Int? { let m = rows.min() ?? .max; return m == .max ? nil : m }
}
