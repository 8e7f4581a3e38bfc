import Core

/// Exact top-k of `score(i, j) = ⟨aᵢ, bⱼ⟩ + biasⱼ` over all candidate rows j, by a blocked
/// matrix product that never materialises the N × M score matrix.
///
/// Candidates are packed once into panels of 8 rows stored feature-major; query blocks of
/// 64 rows run in parallel against cache-sized candidate chunks with a 6 × 16 register
/// micro-kernel, and each score is offered to a per-row sorted top-k buffer only when it beats
/// the row's current k-th score (a SIMD comparison). Scores are single precision (callers that
/// need exact values rescore the winners). Ties keep the lower candidate index; the result does
/// not depend on `threads`. Cost: N·M·D multiply-adds plus O(N·k·log(M/k)) insertions;
/// memory M·D floats for the packed copy.
public enum BlockedTopK {
    static let queryBlock = 64
    static let chunkPanels = 64

    /// For each row of `queries` (N × D), the `k` candidates (rows of `candidates`, M × D) with
    /// the largest score, best first. `bias` (length M) is added to every score of candidate j;
    /// `excludeSelf` skips candidate i for query i (queries and candidates are the same rows).
    public static func search(queries: Matrix, candidates: Matrix, bias: [Float]? = nil, k: Int,
                              excludeSelf: Bool, threads: Int = availableCores) -> NeighbourLists {
        search(queries: queries, in: Candidates(candidates, bias: bias), k: k, excludeSelf: excludeSelf, threads: threads)
    }

    /// As `search(queries:candidates:…)` against candidates packed once in advance, for many
    /// small queries (one query of 87,585 × 32 candidates takes well under a millisecond).
    public static func search(queries: Matrix, in packed: Candidates, k: Int,
                              excludeSelf: Bool, threads: Int = availableCores) -> NeighbourLists {
        precondition(queries.columns == packed.dimension, "top-k: queries and candidates differ in width")
        precondition(k >= 1 && k <= packed.count - (excludeSelf ? 1 : 0), "top-k: k = \(k) exceeds the candidates")
        let n = queries.rows, d = queries.columns
        var indices = [Int32](repeating: -1, count: n * k)
        var scores = [Float](repeating: -.infinity, count: n * k)
        let blocks = (n + queryBlock - 1) / queryBlock
        indices.withUnsafeMutableBufferPointer { outIndex in
            scores.withUnsafeMutableBufferPointer { outScore in
                queries.values.withUnsafeBufferPointer { q in
                    packed.panels.withUnsafeBufferPointer { panels in
                        packed.bias.withUnsafeBufferPointer { panelBias in
                            parallelForEach(count: blocks, threads: threads, grain: 1) { block, _ in
                                let start = block * queryBlock
                                let rows = min(queryBlock, n - start)
                                searchBlock(q: q.baseAddress! + start * d, rows: rows, firstRow: start, dim: d,
                                            panels: panels.baseAddress!, panelBias: panelBias.baseAddress!,
                                            panelCount: packed.panelCount, k: k, excludeSelf: excludeSelf,
                                            outIndex: outIndex.baseAddress! + start * k,
                                            outScore: outScore.baseAddress! + start * k)
                            }
                        }
                    }
                }
            }
        }
        return NeighbourLists(count: n, k: k, indices: indices, values: scores)
    }

    /// One block of at most `queryBlock` queries against every candidate panel.
    static func searchBlock(q: UnsafePointer<Float>, rows: Int, firstRow: Int, dim d: Int,
                            panels: UnsafePointer<Float>, panelBias: UnsafePointer<Float>, panelCount: Int,
                            k: Int, excludeSelf: Bool,
                            outIndex: UnsafeMutablePointer<Int32>, outScore: UnsafeMutablePointer<Float>) {
        if rows == 1 {
            searchOne(q: q, row: firstRow, dim: d, panels: panels, panelBias: panelBias, panelCount: panelCount, k: k,
                      excludeSelf: excludeSelf, outIndex: outIndex, outScore: outScore)
            return
        }
        let padded = (rows + 5) / 6 * 6
        let qbuf = UnsafeMutablePointer<Float>.allocate(capacity: padded * d)
        defer { qbuf.deallocate() }
        qbuf.initialize(repeating: 0, count: padded * d)
        qbuf.update(from: q, count: rows * d)
        let tile = UnsafeMutablePointer<Float>.allocate(capacity: 96)
        defer { tile.deallocate() }
        let top = TopKRows(rows: rows, k: k, scores: outScore, indices: outIndex,
                           selfBase: excludeSelf ? firstRow : -1)
        defer { top.deallocate() }
        var chunk = 0
        while chunk < panelCount {
            let chunkEnd = min(panelCount, chunk + chunkPanels)
            var g = 0
            while g < padded {
                let q0 = qbuf + g * d, q1 = q0 + d, q2 = q1 + d, q3 = q2 + d, q4 = q3 + d, q5 = q4 + d
                var p = chunk
                while p < chunkEnd {
                    let pair = p + 1 < chunkEnd
                    let b0p = panels + p * d * 8
                    let b1p = pair ? b0p + d * 8 : b0p
                    // 6 rows × 16 candidates: 12 accumulators hide the FMA latency.
                    var a00 = SIMD8<Float>(), a01 = SIMD8<Float>(), a10 = SIMD8<Float>(), a11 = SIMD8<Float>()
                    var a20 = SIMD8<Float>(), a21 = SIMD8<Float>(), a30 = SIMD8<Float>(), a31 = SIMD8<Float>()
                    var a40 = SIMD8<Float>(), a41 = SIMD8<Float>(), a50 = SIMD8<Float>(), a51 = SIMD8<Float>()
                    for j in 0..<d {
                        let b0 = UnsafeRawPointer(b0p + j * 8).loadUnaligned(as: SIMD8<Float>.self)
                        let b1 = UnsafeRawPointer(b1p + j * 8).loadUnaligned(as: SIMD8<Float>.self)
                        var x = SIMD8<Float>(repeating: q0[j])
                        a00 = fusedMultiplyAdd(a00, x, b0); a01 = fusedMultiplyAdd(a01, x, b1)
                        x = SIMD8<Float>(repeating: q1[j])
                        a10 = fusedMultiplyAdd(a10, x, b0); a11 = fusedMultiplyAdd(a11, x, b1)
                        x = SIMD8<Float>(repeating: q2[j])
                        a20 = fusedMultiplyAdd(a20, x, b0); a21 = fusedMultiplyAdd(a21, x, b1)
                        x = SIMD8<Float>(repeating: q3[j])
                        a30 = fusedMultiplyAdd(a30, x, b0); a31 = fusedMultiplyAdd(a31, x, b1)
                        x = SIMD8<Float>(repeating: q4[j])
                        a40 = fusedMultiplyAdd(a40, x, b0); a41 = fusedMultiplyAdd(a41, x, b1)
                        x = SIMD8<Float>(repeating: q5[j])
                        a50 = fusedMultiplyAdd(a50, x, b0); a51 = fusedMultiplyAdd(a51, x, b1)
                    }
                    let c0 = UnsafeRawPointer(panelBias + p * 8).loadUnaligned(as: SIMD8<Float>.self)
                    let c1 = UnsafeRawPointer(panelBias + (pair ? p + 1 : p) * 8).loadUnaligned(as: SIMD8<Float>.self)
                    // Spill the 6 × 16 tile and test it with scalar code (Swift's generic SIMD
                    // comparisons go through memory lane by lane).
                    let raw = UnsafeMutableRawPointer(tile)
                    raw.storeBytes(of: a00 + c0, toByteOffset: 0, as: SIMD8<Float>.self)
                    raw.storeBytes(of: a01 + c1, toByteOffset: 32, as: SIMD8<Float>.self)
                    raw.storeBytes(of: a10 + c0, toByteOffset: 64, as: SIMD8<Float>.self)
                    raw.storeBytes(of: a11 + c1, toByteOffset: 96, as: SIMD8<Float>.self)
                    raw.storeBytes(of: a20 + c0, toByteOffset: 128, as: SIMD8<Float>.self)
                    raw.storeBytes(of: a21 + c1, toByteOffset: 160, as: SIMD8<Float>.self)
                    raw.storeBytes(of: a30 + c0, toByteOffset: 192, as: SIMD8<Float>.self)
                    raw.storeBytes(of: a31 + c1, toByteOffset: 224, as: SIMD8<Float>.self)
                    raw.storeBytes(of: a40 + c0, toByteOffset: 256, as: SIMD8<Float>.self)
                    raw.storeBytes(of: a41 + c1, toByteOffset: 288, as: SIMD8<Float>.self)
                    raw.storeBytes(of: a50 + c0, toByteOffset: 320, as: SIMD8<Float>.self)
                    raw.storeBytes(of: a51 + c1, toByteOffset: 352, as: SIMD8<Float>.self)
                    let width = pair ? 16 : 8
                    for r in 0..<6 { top.offer(tile + 16 * r, count: width, row: g + r, base: p * 8) }
                    p += 2
                }
                g += 6
            }
            chunk = chunkEnd
        }
    }
}

extension BlockedTopK {
    /// One query against every panel: two panels (16 candidates) per step, so a query of
    /// 87,585 × 32 candidates costs ≈ 350,000 vector multiply-adds (well under a millisecond).
    static func searchOne(q: UnsafePointer<Float>, row: Int, dim d: Int, panels: UnsafePointer<Float>,
                          panelBias: UnsafePointer<Float>, panelCount: Int, k: Int, excludeSelf: Bool,
                          outIndex: UnsafeMutablePointer<Int32>, outScore: UnsafeMutablePointer<Float>) {
        let tile = UnsafeMutablePointer<Float>.allocate(capacity: 16)
        defer { tile.deallocate() }
        let top = TopKRows(rows: 1, k: k, scores: outScore, indices: outIndex, selfBase: excludeSelf ? row : -1)
        defer { top.deallocate() }
        var p = 0
        while p < panelCount {
            let pair = p + 1 < panelCount
            let b0p = panels + p * d * 8
            let b1p = pair ? b0p + d * 8 : b0p
            var a0 = SIMD8<Float>(), a1 = SIMD8<Float>()
            for j in 0..<d {
                let x = SIMD8<Float>(repeating: q[j])
                a0 = fusedMultiplyAdd(a0, x, UnsafeRawPointer(b0p + j * 8).loadUnaligned(as: SIMD8<Float>.self))
                a1 = fusedMultiplyAdd(a1, x, UnsafeRawPointer(b1p + j * 8).loadUnaligned(as: SIMD8<Float>.self))
            }
            let raw = UnsafeMutableRawPointer(tile)
            raw.storeBytes(of: a0 + UnsafeRawPointer(panelBias + p * 8).loadUnaligned(as: SIMD8<Float>.self),
                           toByteOffset: 0, as: SIMD8<Float>.self)
            raw.storeBytes(of: a1 + UnsafeRawPointer(panelBias + (pair ? p + 1 : p) * 8).loadUnaligned(as: SIMD8<Float>.self),
                           toByteOffset: 32, as: SIMD8<Float>.self)
            top.offer(tile, count: pair ? 16 : 8, row: 0, base: p * 8)
            p += 2
        }
    }
    /// Candidate rows packed for `BlockedTopK`: panel p holds rows 8p ..< 8p + 8 feature-major
    /// (`panels[(p * D + j) * 8 + lane]`); missing rows of the last panel are zero with bias −∞.
    /// Packing costs one pass over the M × D candidates.
    public struct Candidates: Sendable {
        /// Number of candidate rows M.
        public let count: Int
        /// Width D.
        public let dimension: Int
        let panelCount: Int
        var panels: [Float]
        var bias: [Float]

        /// Packs the rows of `m`; `bias` (one per row, default 0) is added to each row's scores.
        public init(_ m: Matrix, bias rowBias: [Float]? = nil) {
            if let rowBias { precondition(rowBias.count == m.rows, "top-k: one bias per candidate") }
            let d = m.columns
            count = m.rows
            dimension = d
            panelCount = (m.rows + 7) / 8
            var panels = [Float](repeating: 0, count: panelCount * d * 8)
            var bias = [Float](repeating: -.infinity, count: panelCount * 8)
            for r in 0..<m.rows {
                let p = r / 8, lane = r % 8
                for j in 0..<d { panels[(p * d + j) * 8 + lane] = m.values[r * d + j] }
                bias[r] = rowBias?[r] ?? 0
            }
            self.panels = panels
            self.bias = bias
        }
    }
}

/// Per-row sorted top-k buffers writing straight into the output rows.
struct TopKRows {
    let rows: Int, k: Int
    let scores: UnsafeMutablePointer<Float>
    let indices: UnsafeMutablePointer<Int32>
    let thresholds: UnsafeMutablePointer<Float>
    let filled: UnsafeMutablePointer<Int>
    let selfBase: Int

    init(rows: Int, k: Int, scores: UnsafeMutablePointer<Float>, indices: UnsafeMutablePointer<Int32>, selfBase: Int) {
        self.rows = rows; self.k = k; self.scores = scores; self.indices = indices; self.selfBase = selfBase
        thresholds = .allocate(capacity: rows + 6)
        thresholds.initialize(repeating: -.infinity, count: rows + 6)
        for r in rows..<(rows + 6) { thresholds[r] = .infinity }   // padding rows accept nothing
        filled = .allocate(capacity: rows)
        filled.initialize(repeating: 0, count: rows)
    }

    func deallocate() { thresholds.deallocate(); filled.deallocate() }

    /// Offers `count` consecutive candidates `base ..< base + count` (scores at `s`) to `row`.
    @inline(__always)
    func offer(_ s: UnsafePointer<Float>, count: Int, row: Int, base: Int) {
        let t = thresholds[row]
        var hit = false
        for l in 0..<16 { hit = hit || (s[l] > t) }   // branch-free: reads 16 lanes always
        guard hit else { return }
        for l in 0..<count where s[l] > thresholds[row] { insert(s[l], index: base + l, row: row) }
    }

    /// Inserts one candidate after every kept score ≥ `s` (so earlier indices win ties).
    @inline(never)
    func insert(_ s: Float, index j: Int, row: Int) {
        if selfBase >= 0 && j == selfBase + row { return }
        let sc = scores + row * k, ix = indices + row * k
        var pos = filled[row] < k ? filled[row] : k - 1
        if filled[row] < k { filled[row] += 1 }
        while pos > 0 && sc[pos - 1] < s {
            sc[pos] = sc[pos - 1]
            ix[pos] = ix[pos - 1]
            pos -= 1
        }
        sc[pos] = s
        ix[pos] = Int32(j)
        if filled[row] == k { thresholds[row] = sc[k - 1] }
    }
}
