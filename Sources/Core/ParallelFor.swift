import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Runs `body` over `0..<count` split into contiguous chunks, on up to `threads` threads.
///
/// The partition depends only on `count` and `threads`, never on timing, so any per-chunk
/// result combined in chunk order is deterministic. `body` receives the chunk index and its
/// range. With `threads <= 1` (or a single chunk) it runs inline on the caller's thread.
/// Cost: one dispatch per chunk; choose `count / threads` large enough to amortise it.
/// Inlinable, so the caller's `body` is specialised into the loop.
@inlinable
public func parallelChunks(
    count: Int, threads: Int, body: (_ chunk: Int, _ range: Range<Int>) -> Void
) {
    let chunks = chunkRanges(count: count, parts: max(1, threads))
    if chunks.count <= 1 {
        if let only = chunks.first { body(0, only) }
        return
    }
    DispatchQueue.concurrentPerform(iterations: chunks.count) { c in body(c, chunks[c]) }
}

/// Runs `body(i)` for every `i` in `0..<count` using dynamic scheduling in blocks of `grain`,
/// on up to `threads` threads; suited to uneven work (rows of very different lengths).
///
/// `body` must write only to outputs owned by index `i`, which keeps the result independent
/// of scheduling. `worker` identifies the calling thread's slot in `0..<threads` so it can use
/// its own pre-allocated scratch space. Inlinable, so the caller's `body` is specialised into
/// the loop.
@inlinable
public func parallelForEach(
    count: Int, threads: Int, grain: Int = 64,
    body: (_ index: Int, _ worker: Int) -> Void
) {
    let workers = max(1, min(threads, (count + grain - 1) / max(grain, 1)))
    if workers <= 1 {
        for i in 0..<count { body(i, 0) }
        return
    }
    let next = Locked(0)  // the first index not yet handed out; contention is per block
    DispatchQueue.concurrentPerform(iterations: workers) { w in
        while true {
            let start = next.withLock { n in defer { n += grain }; return n }
            if start >= count { break }
            for i in start..<min(count, start + grain) { body(i, w) }
        }
    }
}

/// Splits `0..<count` into `parts` contiguous, nearly equal ranges (empty ranges dropped).
@inlinable
public func chunkRanges(count: Int, parts: Int) -> [Range<Int>] {
    guard count > 0 else { return [] }
    let p = max(1, min(parts, count))
    return (0..<p).map { i in (count * i / p)..<(count * (i + 1) / p) }
}

/// The number of cores this process may use (at least 1).
public var availableCores: Int { max(1, ProcessInfoCores.count) }

enum ProcessInfoCores {
    static let count: Int = {
        #if canImport(Glibc)
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return 1
        #endif
    }()
}
