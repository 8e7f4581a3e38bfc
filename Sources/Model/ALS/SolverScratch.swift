import ALSKernels

/// Per-thread work space of the row solver, allocated once per training run so the inner
/// loop never allocates: the padded K×K normal matrix, three K-vectors, the gather tile,
/// the inverse work area and the row's regression targets; and for the eight-row group
/// solver (`solveRowGroup`) eight of each per-row buffer plus the interleaved (8-lane)
/// matrices and vectors of `cmx_cholesky8` and friends, about 8·kp² + 3·8·(kp+8)² floats.
final class SolverScratch: @unchecked Sendable {
    /// Padded rank (multiple of 8).
    let stride: Int
    let gram: UnsafeMutablePointer<Float>
    let sum: UnsafeMutablePointer<Float>
    let rhs: UnsafeMutablePointer<Float>
    let coupling: UnsafeMutablePointer<Float>
    let tile: UnsafeMutablePointer<Float>
    let work: UnsafeMutablePointer<Float>
    let target: UnsafeMutablePointer<Float>
    /// Eight normal matrices (kp×kp each, one after another), and eight of each K-vector
    /// (stride kp): Σq, Σe·q (then u), A⁻¹Σq (v) and the coupling h.
    let laneGram, laneSum, laneRhs, laneV, laneU, laneH: UnsafeMutablePointer<Float>
    /// The eight rows' target sums Σe, then (for the Gibbs sampler) their sums of squares Σe².
    let laneTotal: UnsafeMutablePointer<Double>
    /// Leading dimension of the interleaved matrices: kp + 8 (see `CMX_BATCH_LD`).
    let batchStride: Int
    /// Interleaved matrices ((kp+8)² entries of 8 floats): the normal matrices then their
    /// Cholesky factors; the inverse; the inverse work area (below its diagonal always zero).
    let batchMatrix, batchInverse, batchWork: UnsafeMutablePointer<Float>
    /// Interleaved vectors (kp+8 entries of 8 floats): Σq then v, Σe·q then u, and h.
    let batchV, batchU, batchH: UnsafeMutablePointer<Float>
    private let raw: [UnsafeMutableRawPointer]

    /// Space for rows of up to `maxRowLength` entries at padded rank `stride`.
    init(stride: Int, maxRowLength: Int) {
        self.stride = stride
        func floats(_ n: Int) -> UnsafeMutableRawPointer {
            let p = UnsafeMutableRawPointer.allocate(byteCount: max(n, 16) * 4, alignment: 64)
            p.initializeMemory(as: Float.self, repeating: 0, count: max(n, 16))
            return p
        }
        let ld = stride + 8, square = ld * ld * 8
        batchStride = ld
        let parts = [floats(stride * stride), floats(stride), floats(stride), floats(stride),
                     floats(Int(CMX_TILE_ROWS) * stride), floats(stride * stride), floats(maxRowLength),
                     floats(8 * stride * stride), floats(8 * stride), floats(8 * stride), floats(8 * stride),
                     floats(8 * stride), floats(8 * stride), floats(4 * 8),
                     floats(square), floats(square), floats(square), floats(ld * 8), floats(ld * 8), floats(ld * 8)]
        raw = parts
        gram = parts[0].assumingMemoryBound(to: Float.self)
        sum = parts[1].assumingMemoryBound(to: Float.self)
        rhs = parts[2].assumingMemoryBound(to: Float.self)
        coupling = parts[3].assumingMemoryBound(to: Float.self)
        tile = parts[4].assumingMemoryBound(to: Float.self)
        work = parts[5].assumingMemoryBound(to: Float.self)
        target = parts[6].assumingMemoryBound(to: Float.self)
        laneGram = parts[7].assumingMemoryBound(to: Float.self)
        laneSum = parts[8].assumingMemoryBound(to: Float.self)
        laneRhs = parts[9].assumingMemoryBound(to: Float.self)
        laneV = parts[10].assumingMemoryBound(to: Float.self)
        laneU = parts[11].assumingMemoryBound(to: Float.self)
        laneH = parts[12].assumingMemoryBound(to: Float.self)
        laneTotal = parts[13].bindMemory(to: Double.self, capacity: 16)
        batchMatrix = parts[14].assumingMemoryBound(to: Float.self)
        batchInverse = parts[15].assumingMemoryBound(to: Float.self)
        batchWork = parts[16].assumingMemoryBound(to: Float.self)
        batchV = parts[17].assumingMemoryBound(to: Float.self)
        batchU = parts[18].assumingMemoryBound(to: Float.self)
        batchH = parts[19].assumingMemoryBound(to: Float.self)
    }

    deinit { for p in raw { p.deallocate() } }

    /// One scratch per worker thread.
    static func pool(count: Int, stride: Int, maxRowLength: Int) -> [SolverScratch] {
        (0..<max(1, count)).map { _ in SolverScratch(stride: stride, maxRowLength: maxRowLength) }
    }
}

/// The padded row width used for factor storage: K rounded up to a multiple of 8 floats, so
/// every vector starts on a 32-byte boundary relative to the buffer and the SIMD kernels need
/// no tail handling. Padding columns are always zero.
@inlinable func paddedRank(_ k: Int) -> Int { k == 0 ? 0 : (k + 7) / 8 * 8 }
