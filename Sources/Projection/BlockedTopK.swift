import ALSKernels
import Core

/// Exact top-k of `score(i, j) = ⟨aᵢ, bⱼ⟩ + biasⱼ` over all candidate rows j, by a blocked
/// matrix product that never materialises the N × M score matrix.
///
/// Candidates are packed once into panels of 8 rows stored feature-major; query blocks of
/// 64 rows run in parallel against cache-sized chunks of 64 panels. The C kernel
/// `cmx_panel_scores` (AVX2+FMA when the CPU has it) scores 6 queries × 16 candidates per
/// register block, and each score is offered to its row's top-k list (`TopK.offer`) only when it
/// beats the row's current k-th score. Scores are single precision (callers that need exact
/// values rescore the winners). Ties keep the lower candidate index; the result does not depend
/// on `threads`. Cost: N·M·D multiply-adds plus O(N·k·log(M/k)) insertions; memory M·D floats
/// for the packed copy.
public enum BlockedTopK {
    static let queryBlock = 64
    static let chunkPanels = 64

    /// Which candidates a query's list may not hold: `exclude(query, candidate)` (row indices).
    public typealias Exclusion = (_ query: Int, _ candidate: Int) -> Bool

    /// For each row of `queries` (N × D), the `k` candidates (rows of `candidates`, M × D) with
    /// the largest score, best first. `bias` (length M) is added to every score of candidate j;
    /// `excludeSelf` skips candidate i for query i (queries and candidates are the same rows), and
    /// `exclude`, when given, skips the candidates it names (implicit's `filter_items`; asked
    /// only about candidates that would make the list). When exclusions leave fewer than k
    /// candidates, the rest of the list is index −1 with score −∞.
    public static func search(queries: Matrix, candidates: Matrix, bias: [Float]? = nil, k: Int,
                              excludeSelf: Bool, exclude: Exclusion? = nil, threads: Int = availableCores) -> NeighbourLists {
        search(queries: queries, in: Candidates(candidates, bias: bias), k: k, excludeSelf: excludeSelf, exclude: exclude,
               threads: threads)
    }

    /// As `search(queries:candidates:…)` against candidates packed once in advance, for many
    /// small queries (one query of 87,585 × 32 candidates takes well under a millisecond).
    public static func search(queries: Matrix, in packed: Candidates, k: Int, excludeSelf: Bool,
                              exclude: Exclusion? = nil, threads: Int = availableCores) -> NeighbourLists {
        precondition(queries.columns == packed.dimension, "top-k: queries and candidates differ in width")
        precondition(k >= 1 && k <= packed.count - (excludeSelf ? 1 : 0), "top-k: k = \(k) exceeds the candidates")
        let n = queries.rows, d = queries.columns
        var indices = [Int32](repeating: -1, count: n * k)
        var scores = [Float](repeating: -.infinity, count: n * k)
        let skip: Exclusion? = excludeSelf ? { q, c in q == c || exclude?(q, c) == true } : exclude
        let blocks = (n + queryBlock - 1) / queryBlock
        indices.withUnsafeMutableBufferPointer { outIndex in
            scores.withUnsafeMutableBufferPointer { outScore in
                queries.values.withUnsafeBufferPointer { q in
                    packed.panels.withUnsafeBufferPointer { panels in
                        packed.bias.withUnsafeBufferPointer { panelBias in
                            parallelForEach(count: blocks, threads: threads, grain: 1) { block, _ in
                                let start = block * queryBlock
                                let top = TopKRows(rows: min(queryBlock, n - start), k: k, scores: outScore.baseAddress! + start * k,
                                                   indices: outIndex.baseAddress! + start * k, firstRow: start, exclude: skip)
                                defer { top.deallocate() }
                                searchBlock(q: q.baseAddress! + start * d, dim: d, panels: panels.baseAddress!,
                                            panelBias: panelBias.baseAddress!, panelCount: packed.panelCount, into: top)
                            }
                        }
                    }
                }
            }
        }
        return NeighbourLists(count: n, k: k, indices: indices, values: scores)
    }

    /// The block of `top.rows` queries at `q` (at most `queryBlock`) against every panel: six
    /// queries at a time (a single query alone), one chunk of panels at a time.
    static func searchBlock(q: UnsafePointer<Float>, dim d: Int, panels: UnsafePointer<Float>,
                            panelBias: UnsafePointer<Float>, panelCount: Int, into top: TopKRows) {
        let group = top.rows == 1 ? 1 : 6
        let padded = (top.rows + group - 1) / group * group
        let queries = UnsafeMutablePointer<Float>.allocate(capacity: padded * d)
        defer { queries.deallocate() }
        queries.initialize(repeating: 0, count: padded * d)
        queries.update(from: q, count: top.rows * d)
        let tile = UnsafeMutablePointer<Float>.allocate(capacity: group * 16 * ((chunkPanels + 1) / 2))
        defer { tile.deallocate() }
        var chunk = 0
        while chunk < panelCount {
            let count = min(chunkPanels, panelCount - chunk)
            let width = 16 * ((count + 1) / 2)
            var g = 0
            while g < padded {
                cmx_panel_scores(queries + g * d, group, d, panels + chunk * d * 8, panelBias + chunk * 8, count, tile)
                var p = 0
                while p < count {
                    let lanes = p + 1 < count ? 16 : 8
                    for r in 0..<group { top.offer(tile + r * width + 8 * p, count: lanes, row: g + r, base: (chunk + p) * 8) }
                    p += 2
                }
                g += group
            }
            chunk += count
        }
    }
}

extension BlockedTopK {
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

/// The top-k lists of a block of queries, written straight into the output rows, with each
/// row's admission threshold (its k-th score once full; +∞ for the padding rows of the last
/// register block, which accept nothing).
struct TopKRows {
    let rows: Int, k: Int
    let scores: UnsafeMutablePointer<Float>
    let indices: UnsafeMutablePointer<Int32>
    let thresholds: UnsafeMutablePointer<Float>
    let filled: UnsafeMutablePointer<Int>
    /// The query index of row 0, for `exclude`.
    let firstRow: Int
    let exclude: BlockedTopK.Exclusion?

    init(rows: Int, k: Int, scores: UnsafeMutablePointer<Float>, indices: UnsafeMutablePointer<Int32>, firstRow: Int,
         exclude: BlockedTopK.Exclusion?) {
        self.rows = rows; self.k = k; self.scores = scores; self.indices = indices
        self.firstRow = firstRow; self.exclude = exclude
        thresholds = .allocate(capacity: rows + 6)
        thresholds.initialize(repeating: -.infinity, count: rows + 6)
        for r in rows..<(rows + 6) { thresholds[r] = .infinity }
        filled = .allocate(capacity: rows)
        filled.initialize(repeating: 0, count: rows)
    }

    func deallocate() { thresholds.deallocate(); filled.deallocate() }

    /// Offers `count` consecutive candidates `base ..< base + count` (scores at `s`, 16 readable)
    /// to `row`. Candidates arrive in increasing index order, so beating the threshold is the
    /// test for entering the list.
    @inline(__always)
    func offer(_ s: UnsafePointer<Float>, count: Int, row: Int, base: Int) {
        let t = thresholds[row]
        var hit = false
        for l in 0..<16 { hit = hit || (s[l] > t) }   // branch-free: reads 16 lanes always
        guard hit else { return }
        for l in 0..<count where s[l] > thresholds[row] { insert(s[l], index: base + l, row: row) }
    }

    /// Enters candidate `j` into `row`'s list unless excluded.
    @inline(never)
    func insert(_ s: Float, index j: Int, row: Int) {
        if let exclude, exclude(firstRow + row, j) { return }
        var n = filled[row]
        TopK.offer(s, index: Int32(j), scores: scores + row * k, indices: indices + row * k, filled: &n, k: k)
        filled[row] = n
        if n == k { thresholds[row] = scores[row * k + k - 1] }
    }
}
