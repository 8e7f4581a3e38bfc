import ALSKernels

/// Per-thread work space of the row solver, allocated once per training run so the inner
/// loop never allocates: the padded K×K normal matrix, three K-vectors, the gather tile,
/// the inverse work area and the row's regression targets.
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
    private let raw: [UnsafeMutableRawPointer]

    /// Space for rows of up to `maxRowLength` entries at padded rank `stride`.
    init(stride: Int, maxRowLength: Int) {
        self.stride = stride
        func floats(_ n: Int) -> UnsafeMutableRawPointer {
            let p = UnsafeMutableRawPointer.allocate(byteCount: max(n, 16) * 4, alignment: 64)
            p.initializeMemory(as: Float.self, repeating: 0, count: max(n, 16))
            return p
        }
        let parts = [floats(stride * stride), floats(stride), floats(stride), floats(stride),
                     floats(Int(CMX_TILE_ROWS) * stride), floats(stride * stride), floats(maxRowLength)]
        raw = parts
        gram = parts[0].assumingMemoryBound(to: Float.self)
        sum = parts[1].assumingMemoryBound(to: Float.self)
        rhs = parts[2].assumingMemoryBound(to: Float.self)
        coupling = parts[3].assumingMemoryBound(to: Float.self)
        tile = parts[4].assumingMemoryBound(to: Float.self)
        work = parts[5].assumingMemoryBound(to: Float.self)
        target = parts[6].assumingMemoryBound(to: Float.self)
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
