import Core
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The t-SNE objective and its gradient for a 2-D embedding (interleaved x, y per point).
///
/// With `wᵢⱼ = 1 / (1 + ‖yᵢ − yⱼ‖²)`, `Z = Σ_{i≠j} wᵢⱼ` and `qᵢⱼ = wᵢⱼ / Z`, the cost is
/// `KL(P ‖ Q) = Σ pᵢⱼ log(pᵢⱼ / qᵢⱼ)` (nats). Its gradient is `4 Σⱼ (pᵢⱼ − qᵢⱼ) wᵢⱼ (yᵢ − yⱼ)`;
/// like bhtsne and openTSNE, the functions here return it *without* the factor 4 (the learning
/// rate absorbs it), and multiply P by the exaggeration in the attractive term only.
public enum TSNEGradient {
    /// Gradient (÷4) by Barnes-Hut, written into `gradient` (2N). Attraction is exact over the
    /// stored entries of P; repulsion uses a quadtree with opening angle `theta`. Returns the
    /// approximate KL divergence of the un-exaggerated P when `evaluateKL`, using the Barnes-Hut Z.
    /// Cost: O(nnz(P) + N log N) per call, parallel over points; deterministic for any `threads`.
    public static func barnesHut(embedding y: [Double], affinities p: SparseAffinities, exaggeration: Double,
                                 theta: Double, evaluateKL: Bool, threads: Int,
                                 gradient: inout [Double]) -> Double? {
        var order: [Int32] = []
        return barnesHut(embedding: y, affinities: p, exaggeration: exaggeration, theta: theta, evaluateKL: evaluateKL,
                         threads: threads, gradient: &gradient, treeOrder: &order)
    }

    /// As above, reusing and updating the Morton order of the previous call (`treeOrder`),
    /// which makes rebuilding the tree nearly linear between optimiser steps.
    static func barnesHut(embedding y: [Double], affinities p: SparseAffinities, exaggeration: Double,
                          theta: Double, evaluateKL: Bool, threads: Int,
                          gradient: inout [Double], treeOrder: inout [Int32]) -> Double? {
        let n = p.count
        precondition(y.count == 2 * n && gradient.count == 2 * n, "t-SNE gradient: embedding must be N × 2")
        var zs = [Double](repeating: 0, count: n)
        var logTerms = [Double](repeating: 0, count: evaluateKL ? n : 0)
        var repulsion = [Double](repeating: 0, count: 2 * n)
        let theta2 = Float(theta * theta)
        let workers = max(1, threads)
        let scratch = (0..<workers).map { _ in BarnesHutRepulsion.Scratch() }
        // The tree build (serial) and the attraction (serial, SIMD8 over entries of P, single
        // precision) are independent: run them side by side, then the repulsion in parallel.
        let xs = (0..<n).map { Float(y[2 * $0]) }, ys = (0..<n).map { Float(y[2 * $0 + 1]) }
        var built: QuadTree?
        let previous = treeOrder
        gradient.withUnsafeMutableBufferPointer { grad in
            logTerms.withUnsafeMutableBufferPointer { logOut in
                p.rowStart.withUnsafeBufferPointer { rowStart in
                    p.columns.withUnsafeBufferPointer { cols in
                        p.values.withUnsafeBufferPointer { vals in
                            xs.withUnsafeBufferPointer { xs in
                                ys.withUnsafeBufferPointer { ys in
                                    parallelChunks(count: 2, threads: min(2, workers)) { _, tasks in
                                        for task in tasks {
                                            if task == 0 {
                                                built = QuadTree(positions: y, previousOrder: previous)
                                                continue
                                            }
                                            for i in 0..<n {
                                                let a = attraction(i, rowStart: rowStart, cols: cols, vals: vals,
                                                                   xs: xs, ys: ys, evaluateKL: evaluateKL)
                                                grad[2 * i] = exaggeration * a.x
                                                grad[2 * i + 1] = exaggeration * a.y
                                                if evaluateKL { logOut[i] = a.logSum }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        let tree = built!
        treeOrder = tree.order
        y.withUnsafeBufferPointer { pos in
            zs.withUnsafeMutableBufferPointer { zOut in
                repulsion.withUnsafeMutableBufferPointer { rep in
                    parallelForEach(count: (n + 7) / 8, threads: workers, grain: 16) { g, worker in
                        BarnesHutRepulsion.group(start: 8 * g, tree: tree, positions: pos, theta2: theta2,
                                                 scratch: scratch[worker], z: zOut, force: rep)
                    }
                }
            }
        }
        var z = 0.0
        for v in zs { z += v }
        let invZ = 1 / z
        for t in 0..<(2 * n) { gradient[t] -= repulsion[t] * invZ }
        guard evaluateKL else { return nil }
        var sumPLogW = 0.0
        for v in logTerms { sumPLogW += v }
        return entropyTerm(p) - sumPLogW + log(z)
    }

    /// `Σⱼ pᵢⱼ wᵢⱼ (yᵢ − yⱼ)` over row i of P (and `Σⱼ pᵢⱼ log wᵢⱼ` when asked), SIMD8 over entries.
    @inline(__always)
    static func attraction(_ i: Int, rowStart: UnsafeBufferPointer<Int>, cols: UnsafeBufferPointer<Int32>,
                           vals: UnsafeBufferPointer<Float>, xs: UnsafeBufferPointer<Float>, ys: UnsafeBufferPointer<Float>,
                           evaluateKL: Bool) -> (x: Double, y: Double, logSum: Double) {
        let px = xs[i], py = ys[i]
        let vx = SIMD8(repeating: px), vy = SIMD8(repeating: py)
        var ax = SIMD8<Float>(), ay = SIMD8<Float>()
        var e = rowStart[i]
        let end = rowStart[i + 1]
        var logSum = 0.0
        while e + 8 <= end {
            let c = cols.baseAddress! + e
            let qx = SIMD8(xs[Int(c[0])], xs[Int(c[1])], xs[Int(c[2])], xs[Int(c[3])],
                           xs[Int(c[4])], xs[Int(c[5])], xs[Int(c[6])], xs[Int(c[7])])
            let qy = SIMD8(ys[Int(c[0])], ys[Int(c[1])], ys[Int(c[2])], ys[Int(c[3])],
                           ys[Int(c[4])], ys[Int(c[5])], ys[Int(c[6])], ys[Int(c[7])])
            let pv = UnsafeRawPointer(vals.baseAddress! + e).loadUnaligned(as: SIMD8<Float>.self)
            let dx = vx - qx, dy = vy - qy
            let w = 1 / (1 + dx * dx + dy * dy)
            let pw = pv * w
            ax += pw * dx; ay += pw * dy
            if evaluateKL { for l in 0..<8 { logSum += Double(pv[l]) * log(Double(w[l])) } }
            e += 8
        }
        var sx = Double(ax.sum()), sy = Double(ay.sum())
        while e < end {
            let j = Int(cols[e])
            let dx = px - xs[j], dy = py - ys[j]
            let w = 1 / (1 + dx * dx + dy * dy)
            sx += Double(vals[e] * w * dx); sy += Double(vals[e] * w * dy)
            if evaluateKL { logSum += Double(vals[e]) * log(Double(w)) }
            e += 1
        }
        return (sx, sy, logSum)
    }

    /// `Σ pᵢⱼ log pᵢⱼ` over the stored entries (the constant part of the KL divergence).
    public static func entropyTerm(_ p: SparseAffinities) -> Double {
        var s = 0.0
        for v in p.values where v > 0 { s += Double(v) * log(Double(v)) }
        return s
    }

    /// Exact gradient (÷4) and KL divergence by summing over all pairs. Cost O(N²); for tests
    /// and tiny inputs.
    public static func exact(embedding y: [Double], affinities p: SparseAffinities,
                             exaggeration: Double = 1) -> (gradient: [Double], kl: Double) {
        let n = p.count
        var z = 0.0
        for i in 0..<n {
            for j in 0..<n where j != i {
                let dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1]
                z += 1 / (1 + dx * dx + dy * dy)
            }
        }
        var gradient = [Double](repeating: 0, count: 2 * n)
        var sumPLogW = 0.0
        for i in 0..<n {
            for j in 0..<n where j != i {
                let dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1]
                let w = 1 / (1 + dx * dx + dy * dy)
                gradient[2 * i] -= w * w / z * dx
                gradient[2 * i + 1] -= w * w / z * dy
            }
            for e in p.rowStart[i]..<p.rowStart[i + 1] {
                let j = Int(p.columns[e])
                let dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1]
                let w = 1 / (1 + dx * dx + dy * dy)
                gradient[2 * i] += exaggeration * Double(p.values[e]) * w * dx
                gradient[2 * i + 1] += exaggeration * Double(p.values[e]) * w * dy
                sumPLogW += Double(p.values[e]) * log(w)
            }
        }
        return (gradient, entropyTerm(p) - sumPLogW + log(z))
    }

    /// Exact KL divergence of `P` from the embedding's Q, with Z summed over all pairs in
    /// parallel (chunk sums combined in order). Cost O(N²) (≈ 4 s for N = 87,585 on 2 cores);
    /// used by benchmarks to score embeddings from any tool on equal terms.
    public static func exactKL(embedding y: [Double], affinities p: SparseAffinities, threads: Int = availableCores) -> Double {
        let n = p.count
        let blocks = (n + 127) / 128
        var partial = [Double](repeating: 0, count: blocks)
        partial.withUnsafeMutableBufferPointer { out in
            y.withUnsafeBufferPointer { pos in
                parallelForEach(count: blocks, threads: threads, grain: 1) { b, _ in
                    var s = 0.0
                    for i in (b * 128)..<min(n, (b + 1) * 128) {
                        let px = pos[2 * i], py = pos[2 * i + 1]
                        var row = 0.0
                        for j in (i + 1)..<max(i + 1, n) {
                            let dx = px - pos[2 * j], dy = py - pos[2 * j + 1]
                            row += 1 / (1 + dx * dx + dy * dy)
                        }
                        s += 2 * row
                    }
                    out[b] = s
                }
            }
        }
        let z = partial.reduce(0, +)
        var sumPLogW = 0.0
        for i in 0..<n {
            for e in p.rowStart[i]..<p.rowStart[i + 1] {
                let j = Int(p.columns[e])
                let dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1]
                sumPLogW += Double(p.values[e]) * log(1 / (1 + dx * dx + dy * dy))
            }
        }
        return entropyTerm(p) - sumPLogW + log(z)
    }
}
