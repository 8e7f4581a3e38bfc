import ALSKernels
import Core

/// Solves rows 8g ..< min(8g + 8, rowCount) of `p` together, each exactly as `solveRow` does
/// (same method, same outputs), with the dense algebra of the eight rows interleaved across
/// vector lanes (`cmx_cholesky8`, `cmx_cholesky_solve2_8`, `cmx_cholesky_inverse8`): every
/// operation is one 8-wide vertical op, so the eight latency-bound dependency chains overlap.
/// Lanes never mix, so each row's result is independent of the other rows in its group.
/// Unused lanes of the last group solve an identity system and are discarded.
///
/// Returns a mask with bit m set when row 8g + m's Cholesky factorisation failed (nothing
/// is written for that row). Requires rank > 0. Cost per row n·K²/2 + K³/6 FMAs (+ K³/3 for
/// the inverse), at about an eighth of the single-row kernels' latency.
func solveRowGroup(_ g: Int, _ p: SideProblem, _ out: SideOutput, _ s: SolverScratch) -> Int {
    let first = 8 * g, lanes = min(8, p.rows.rowCount - first)
    let k = p.rank, kp = p.stride, ld = s.batchStride
    for m in 0..<8 {
        let gram = s.laneGram + m * kp * kp, sum = s.laneSum + m * kp, rhs = s.laneRhs + m * kp
        if m < lanes {
            let built = buildRowNormal(first + m, p, target: s.target, gram: gram, sum: sum, rhs: rhs, tile: s.tile)
            s.laneTotal[m] = built.targetSum
        } else {
            fillUnusedLane(gram: gram, sum: sum, rhs: rhs, rank: k, stride: kp)
            s.laneTotal[m] = 0
        }
    }
    let failed = factorAndSolveLanes(s, rank: k, stride: kp, lanes: lanes)
    var wanted = 0
    for m in 0..<lanes where failed >> m & 1 == 0 {
        let r = first + m
        let sum = s.laneSum + m * kp, v = s.laneV + m * kp, u = s.laneU + m * kp
        let denominator = Float(p.rows.rowLength(r)) + p.biasRidge
        let sigma = denominator - Dot.product(sum, v, count: k)
        var b: Float = 0
        let biasDetermined = denominator > 0 && sigma > 1e-6 * denominator
        if biasDetermined {
            b = (Float(s.laneTotal[m]) - Dot.product(sum, u, count: k)) / sigma
        }
        let x = out.factors + r * kp
        for i in 0..<k { x[i] = u[i] - b * v[i] }
        out.bias[r] = b
        if let coupling = out.coupling, out.inverse != nil, out.wantsInverse?[r] ?? true {
            let h = s.laneH + m * kp
            for i in 0..<kp { h[i] = biasDetermined && i < k ? v[i] / sigma : 0 }
            (coupling + r * kp).update(from: h, count: k)
            wanted |= 1 << m
        }
    }
    if wanted != 0, let inverse = out.inverse {
        // B_r = A_r⁻¹ + v hᵀ for the rows that want it, written whole (padding zero).
        cmx_interleave8(s.laneH, kp, kp, s.batchH)
        cmx_cholesky_inverse8(s.batchMatrix, ld, k, s.batchV, s.batchH, s.batchInverse, s.batchWork)
        cmx_scatter_symmetric8(s.batchInverse, ld, k, kp, inverse + first * kp * kp, kp * kp, wanted)
    }
    return failed
}

/// An unused lane of a group of eight: the identity system with zero right-hand sides, which
/// factors and solves harmlessly and is discarded.
@inline(__always)
func fillUnusedLane(gram: UnsafeMutablePointer<Float>, sum: UnsafeMutablePointer<Float>, rhs: UnsafeMutablePointer<Float>,
                    rank k: Int, stride kp: Int) {
    gram.update(repeating: 0, count: kp * kp)
    sum.update(repeating: 0, count: kp)
    rhs.update(repeating: 0, count: kp)
    for i in 0..<k { gram[i * kp + i] = 1 }
}

/// The dense part of a group of eight rows, shared by the ALS and Gibbs row steps: interleaves
/// the lanes' normal matrices A (`laneGram`) and right-hand sides s (`laneSum`) and r
/// (`laneRhs`), factors A = UᵀU in place (`batchMatrix` then holds U) and writes v = A⁻¹s to
/// `laneV` and u = A⁻¹r to `laneU`. Returns the mask of the first `lanes` lanes whose
/// factorisation failed. Cost K³/6 + 2K² 8-wide FMAs.
@inline(__always)
func factorAndSolveLanes(_ s: SolverScratch, rank k: Int, stride kp: Int, lanes: Int) -> Int {
    let ld = s.batchStride
    cmx_interleave_upper8(s.laneGram, kp, k, ld, s.batchMatrix)
    cmx_interleave8(s.laneSum, kp, kp, s.batchV)
    cmx_interleave8(s.laneRhs, kp, kp, s.batchU)
    let failed = cmx_cholesky8(s.batchMatrix, ld, k) & ((1 << lanes) - 1)
    cmx_cholesky_solve2_8(s.batchMatrix, ld, k, s.batchV, s.batchU)
    cmx_deinterleave8(s.batchV, kp, s.laneV, kp)
    cmx_deinterleave8(s.batchU, kp, s.laneU, kp)
    return failed
}
