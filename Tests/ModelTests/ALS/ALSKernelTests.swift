import ALSKernels
import Core
import Testing
import TestSupport
@testable import Model

/// The C kernels against straightforward reference computations, in both their AVX2 and
/// portable versions (serialised: the switch between them is global).
@Suite(.serialized) struct ALSKernelTests {
    /// Random rows of a factor matrix with padded stride; padding columns zero.
    func factors(rows: Int, k: Int, stride: Int, seed: UInt64) -> [Float] {
        var rng = SplitMix64(seed: seed)
        var f = [Float](repeating: 0, count: rows * stride)
        for r in 0..<rows { for c in 0..<k { f[r * stride + c] = Float(rng.nextGaussian()) } }
        return f
    }

    @Test(arguments: [(1, 3), (5, 1), (8, 300), (13, 130), (32, 257), (40, 9)], [false, true])
    func normalMatrixMatchesReference(shape: (k: Int, n: Int), portable: Bool) {
        cmx_force_portable(portable ? 1 : 0)
        defer { cmx_force_portable(0) }
        let (k, n) = shape
        let kp = paddedRank(k), rows = 50
        let q = factors(rows: rows, k: k, stride: kp, seed: UInt64(k * 1000 + n))
        var rng = SplitMix64(seed: 99)
        let idx = (0..<n).map { _ in Int32(rng.next() % UInt64(rows)) }
        let target = (0..<n).map { _ in Float(rng.nextGaussian()) }
        let s = SolverScratch(stride: kp, maxRowLength: n)
        s.gram.update(repeating: 0, count: kp * kp)
        s.sum.update(repeating: 0, count: kp)
        s.rhs.update(repeating: 0, count: kp)
        q.withUnsafeBufferPointer { qp in
            cmx_accumulate_normal(qp.baseAddress!, kp, kp, idx, target, n, s.gram, s.sum, s.rhs, s.tile)
        }
        for i in 0..<k {
            var sum: Double = 0, rhs: Double = 0
            for t in 0..<n { let v = Double(q[Int(idx[t]) * kp + i]); sum += v; rhs += Double(target[t]) * v }
            #expect(abs(Double(s.sum[i]) - sum) < 1e-3 * Double(n))
            #expect(abs(Double(s.rhs[i]) - rhs) < 1e-3 * Double(n))
            for j in i..<k {
                var g: Double = 0
                for t in 0..<n { g += Double(q[Int(idx[t]) * kp + i]) * Double(q[Int(idx[t]) * kp + j]) }
                #expect(abs(Double(s.gram[i * kp + j]) - g) < 1e-4 * Double(n) + 1e-4, "entry \(i),\(j)")
            }
        }
    }

    @Test(arguments: [1, 7, 16, 33], [false, true])
    func choleskySolveAndInverseHaveSmallResiduals(k: Int, portable: Bool) {
        cmx_force_portable(portable ? 1 : 0)
        defer { cmx_force_portable(0) }
        let kp = paddedRank(k)
        // A = M Mᵀ + I is symmetric positive definite.
        let m = factors(rows: k, k: k, stride: kp, seed: UInt64(k))
        var a = [Float](repeating: 0, count: kp * kp)
        for i in 0..<k { for j in 0..<k {
            var s: Float = i == j ? 1 : 0
            for c in 0..<k { s += m[i * kp + c] * m[j * kp + c] }
            a[i * kp + j] = s
        } }
        let original = a
        var b = (0..<kp).map { Float($0 % 5) - 2 }
        let rhs = b
        var c = (0..<kp).map { Float($0 % 3) + 1 }
        let rhs2 = c
        var inverse = [Float](repeating: 0, count: kp * kp), work = [Float](repeating: 0, count: kp * kp)
        #expect(cmx_cholesky(&a, kp, k) == 0)
        cmx_cholesky_solve2(a, kp, k, &b, &c)
        cmx_cholesky_inverse(a, kp, k, &inverse, kp, &work)
        let scale = original.map { abs($0) }.max()!
        for i in 0..<k {
            var r: Float = -rhs[i]
            for j in 0..<k { r += original[i * kp + j] * b[j] }
            #expect(abs(r) < 1e-4 * scale * Float(k), "solve residual row \(i)")
            var r2: Float = -rhs2[i]
            for j in 0..<k { r2 += original[i * kp + j] * c[j] }
            #expect(abs(r2) < 1e-4 * scale * Float(k), "second solve residual row \(i)")
            for j in 0..<k {
                var p: Float = 0
                for c in 0..<k { p += original[i * kp + c] * inverse[c * kp + j] }
                #expect(abs(p - (i == j ? 1 : 0)) < 1e-3 * Float(k), "A·A⁻¹ entry \(i),\(j)")
            }
        }
    }

    @Test(arguments: [1, 9, 70], [false, true])
    func doubleCholeskySolvesTheGenreSystem(n: Int, portable: Bool) {
        cmx_force_portable(portable ? 1 : 0)
        defer { cmx_force_portable(0) }
        var rng = SplitMix64(seed: UInt64(n))
        let m = (0..<(n * n)).map { _ in rng.nextGaussian() }
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n {
            var s: Double = i == j ? 0.5 : 0
            for c in 0..<n { s += m[i * n + c] * m[j * n + c] }
            a[i * n + j] = s
        } }
        let original = a
        var b = (0..<n).map { Double($0 % 7) - 3 }
        let rhs = b
        #expect(DenseCholesky.factor(&a, n: n) == nil)
        DenseCholesky.solve(a, n: n, &b)
        for i in 0..<n {
            var r = -rhs[i]
            for j in 0..<n { r += original[i * n + j] * b[j] }
            #expect(abs(r) < 1e-8 * Double(n * n), "row \(i): residual \(r)")
        }
        var indefinite: [Double] = [1, 2, 2, 1]
        #expect(DenseCholesky.factor(&indefinite, n: 2) == 1)  // the second pivot, counted from 0
    }

    @Test func choleskyReportsTheFailingPivot() {
        // Second pivot is 1 − 2² < 0.
        var a: [Float] = [1, 2, 0, 0, 0, 0, 0, 0,
                          2, 1, 0, 0, 0, 0, 0, 0]
        #expect(cmx_cholesky(&a, 8, 2) == 2)
        var nan: [Float] = [.nan, 0, 0, 0, 0, 0, 0, 0]
        #expect(cmx_cholesky(&nan, 8, 1) == 1)
    }

    // MARK: Batched (eight interleaved problems) against the one-at-a-time kernels

    /// Eight SPD matrices A_m = M Mᵀ + I (kp×kp each, one after another, padding zero).
    func spdLanes(k: Int, kp: Int, seed: UInt64) -> [Float] {
        var all = [Float](repeating: 0, count: 8 * kp * kp)
        for m in 0..<8 {
            let f = factors(rows: k, k: k, stride: kp, seed: seed &+ UInt64(m) &* 7919)
            for i in 0..<k { for j in 0..<k {
                var s: Float = i == j ? 1 : 0
                for c in 0..<k { s += f[i * kp + c] * f[j * kp + c] }
                all[m * kp * kp + i * kp + j] = s
            } }
        }
        return all
    }

    /// Runs the batched factor/solve/inverse on eight lanes; returns (failure mask, solutions
    /// b and c per lane (kp each), inverse + v hᵀ per lane (kp×kp each), with v = x_b, h = v / 3).
    func batched(_ grams: [Float], k: Int, kp: Int, b: [Float], c: [Float])
        -> (failed: Int, b: [Float], c: [Float], inverse: [Float]) {
        let s = SolverScratch(stride: kp, maxRowLength: 1)
        let ld = s.batchStride
        #expect(ld == kp + 8)
        s.laneGram.update(from: grams, count: 8 * kp * kp)
        cmx_interleave_upper8(s.laneGram, kp, k, ld, s.batchMatrix)
        b.withUnsafeBufferPointer { cmx_interleave8($0.baseAddress!, kp, kp, s.batchV) }
        c.withUnsafeBufferPointer { cmx_interleave8($0.baseAddress!, kp, kp, s.batchU) }
        let failed = cmx_cholesky8(s.batchMatrix, ld, k)
        cmx_cholesky_solve2_8(s.batchMatrix, ld, k, s.batchV, s.batchU)
        var xb = [Float](repeating: 0, count: 8 * kp), xc = xb
        xb.withUnsafeMutableBufferPointer { cmx_deinterleave8(s.batchV, kp, $0.baseAddress!, kp) }
        xc.withUnsafeMutableBufferPointer { cmx_deinterleave8(s.batchU, kp, $0.baseAddress!, kp) }
        // h = v / 3: the update v hᵀ must be symmetric, as v vᵀ/σ is in the solver.
        for i in 0..<(kp * 8) { s.batchH[i] = s.batchV[i] / 3 }
        cmx_cholesky_inverse8(s.batchMatrix, ld, k, s.batchV, s.batchH, s.batchInverse, s.batchWork)
        var inverse = [Float](repeating: .nan, count: 8 * kp * kp)
        inverse.withUnsafeMutableBufferPointer {
            cmx_scatter_symmetric8(s.batchInverse, ld, k, kp, $0.baseAddress!, kp * kp, 0xFF)
        }
        return (failed, xb, xc, inverse)
    }

    /// (K, extra padding): kp is K rounded up to 8, plus 8 more in two cases (any multiple of 8
    /// at least K must work, its padding staying zero).
    @Test(arguments: [(1, 0), (5, 0), (5, 8), (8, 0), (13, 0), (13, 8), (32, 0), (64, 0)], [false, true])
    func batchedKernelsMatchOneAtATime(shape: (k: Int, pad: Int), portable: Bool) {
        cmx_force_portable(portable ? 1 : 0)
        defer { cmx_force_portable(0) }
        let k = shape.k, kp = paddedRank(k) + shape.pad
        let grams = spdLanes(k: k, kp: kp, seed: UInt64(k))
        var rng = SplitMix64(seed: 5)
        var b = [Float](repeating: 0, count: 8 * kp), c = b
        for m in 0..<8 { for i in 0..<k {
            b[m * kp + i] = Float(rng.nextGaussian()); c[m * kp + i] = Float(rng.nextGaussian())
        } }
        let got = batched(grams, k: k, kp: kp, b: b, c: c)
        #expect(got.failed == 0)
        for m in 0..<8 {
            // The single-matrix kernels on lane m.
            var a = Array(grams[(m * kp * kp)..<((m + 1) * kp * kp)])
            var bm = Array(b[(m * kp)..<((m + 1) * kp)]), cm = Array(c[(m * kp)..<((m + 1) * kp)])
            var inverse = [Float](repeating: 0, count: kp * kp), work = inverse
            #expect(cmx_cholesky(&a, kp, k) == 0)
            cmx_cholesky_solve2(a, kp, k, &bm, &cm)
            cmx_cholesky_inverse(a, kp, k, &inverse, kp, &work)
            let scale = max(1, bm.map(abs).max()!, cm.map(abs).max()!)
            for i in 0..<k {
                #expect(abs(got.b[m * kp + i] - bm[i]) < 2e-4 * scale * Float(k), "lane \(m) b[\(i)]")
                #expect(abs(got.c[m * kp + i] - cm[i]) < 2e-4 * scale * Float(k), "lane \(m) c[\(i)]")
            }
            let iscale = max(1, inverse.map(abs).max()!)
            for i in 0..<kp { for j in 0..<kp {
                let g = got.inverse[m * kp * kp + i * kp + j]
                if i < k && j < k {
                    let want = inverse[i * kp + j] + bm[i] * bm[j] / 3
                    #expect(abs(g - want) < 2e-4 * iscale * Float(k) * scale, "lane \(m) inverse \(i),\(j)")
                } else {
                    #expect(g == 0, "lane \(m) padding \(i),\(j)")
                }
            } }
            // Residual of the batched solve against the original matrix.
            let o = grams[(m * kp * kp)...]
            for i in 0..<k {
                var r = -Double(b[m * kp + i])
                for j in 0..<k { r += Double(o[o.startIndex + i * kp + j]) * Double(got.b[m * kp + j]) }
                #expect(abs(r) < 1e-3 * Double(k), "lane \(m) residual \(i)")
            }
        }
    }

    @Test(arguments: [5, 32], [false, true])
    func batchedLanesAreIndependentAndFailuresStayInTheirLane(k: Int, portable: Bool) {
        cmx_force_portable(portable ? 1 : 0)
        defer { cmx_force_portable(0) }
        let kp = paddedRank(k)
        let grams = spdLanes(k: k, kp: kp, seed: 77)
        let b = (0..<(8 * kp)).map { $0 % kp < k ? Float($0 % 5) - 2 : 0 }
        let c = (0..<(8 * kp)).map { $0 % kp < k ? Float($0 % 3) + 1 : 0 }
        let clean = batched(grams, k: k, kp: kp, b: b, c: c)
        #expect(clean.failed == 0)
        // Lane 3 indefinite (its pivot 1 is negative), lane 6 NaN: only those lanes fail, and
        // every other lane's results are bit for bit those of the clean batch.
        var broken = grams
        broken[3 * kp * kp + 1 * kp + 1] = -1e6
        broken[6 * kp * kp] = .nan
        let got = batched(broken, k: k, kp: kp, b: b, c: c)
        #expect(got.failed == (1 << 6) | (k > 1 ? 1 << 3 : 0))
        for m in [0, 1, 2, 4, 5, 7] {
            #expect(Array(got.b[(m * kp)..<((m + 1) * kp)]) == Array(clean.b[(m * kp)..<((m + 1) * kp)]))
            #expect(Array(got.c[(m * kp)..<((m + 1) * kp)]) == Array(clean.c[(m * kp)..<((m + 1) * kp)]))
            #expect(Array(got.inverse[(m * kp * kp)..<((m + 1) * kp * kp)])
                    == Array(clean.inverse[(m * kp * kp)..<((m + 1) * kp * kp)]))
        }
    }

    @Test(arguments: [false, true])
    func interleavingRoundTrips(portable: Bool) {
        cmx_force_portable(portable ? 1 : 0)
        defer { cmx_force_portable(0) }
        let n = 24
        let src = (0..<(8 * n)).map { Float($0) }
        var soa = [Float](repeating: 0, count: 8 * n), back = soa
        cmx_interleave8(src, n, n, &soa)
        for m in 0..<8 { for i in 0..<n { #expect(soa[i * 8 + m] == src[m * n + i]) } }
        cmx_deinterleave8(soa, n, &back, n)
        #expect(back == src)
    }

    /// A small side problem: `rows` rows over `columns` other-side vectors, random lengths.
    func sideFixture(rows: Int, columns: Int, k: Int, seed: UInt64) -> (RatingMatrix, [Float], [Float]) {
        var rng = SplitMix64(seed: seed)
        var start = [0], index: [Int32] = [], value: [Float] = []
        for r in 0..<rows {
            let n = r % 9 == 4 ? 0 : Int(rng.next() % 40)
            let cols = Set((0..<n).map { _ in Int32(rng.next() % UInt64(columns)) }).sorted()
            index += cols
            value += cols.map { _ in Float(1 + rng.next() % 5) }
            start.append(index.count)
        }
        let m = RatingMatrix(rowCount: rows, columnCount: columns, rowStart: start, columnIndex: index, value: value)
        return (m, factors(rows: columns, k: k, stride: paddedRank(k), seed: seed &+ 1),
                (0..<columns).map { _ in Float(rng.nextGaussian()) * 0.1 })
    }

    @Test(arguments: [0, 1, 5, 13, 32], [Float(0), 2])
    func groupedSideSolveMatchesRowByRow(k: Int, tau: Float) {
        let kp = paddedRank(k), rows = 45, columns = 60
        let (matrix, other, otherBias) = sideFixture(rows: rows, columns: columns, k: k, seed: UInt64(k + 3))
        let prior = factors(rows: rows, k: k, stride: kp, seed: 9)
        let wants = (0..<rows).map { $0 % 3 != 1 }
        func run(batched: Bool, threads: Int) -> (x: [Float], b: [Float], inverse: [Float], h: [Float], failed: Int?) {
            var x = [Float](repeating: 0, count: rows * kp), b = [Float](repeating: 0, count: rows)
            var inverse = [Float](repeating: 0, count: rows * kp * kp), h = [Float](repeating: 0, count: rows * kp)
            let scratch = SolverScratch.pool(count: threads, stride: kp, maxRowLength: 64)
            let failed = other.withUnsafeBufferPointer { q in otherBias.withUnsafeBufferPointer { d in
                prior.withUnsafeBufferPointer { m in wants.withUnsafeBufferPointer { want in
                    x.withUnsafeMutableBufferPointer { xp in b.withUnsafeMutableBufferPointer { bp in
                        inverse.withUnsafeMutableBufferPointer { ip in h.withUnsafeMutableBufferPointer { hp in
                            let problem = SideProblem(rows: matrix, otherFactors: q.baseAddress ?? UnsafePointer(bp.baseAddress!),
                                                      otherBias: d.baseAddress!, mean: 3, rank: k, stride: kp,
                                                      vectorRidge: tau, biasRidge: 1, priorMean: k > 0 ? m.baseAddress : nil)
                            var out = SideOutput(factors: xp.baseAddress ?? bp.baseAddress!, bias: bp.baseAddress!)
                            if k > 0 {
                                out.inverse = ip.baseAddress; out.coupling = hp.baseAddress; out.wantsInverse = want.baseAddress
                            }
                            return solveSide(problem, into: out, scratch: scratch, threads: threads, batched: batched)
                        } }
                    } }
                } }
            } }
            return (x, b, inverse, h, failed)
        }
        let reference = run(batched: false, threads: 1)
        let grouped = run(batched: true, threads: 2)
        #expect(reference.failed == nil && grouped.failed == nil)
        func close(_ a: [Float], _ b: [Float], _ what: String) {
            let scale = max(1, a.map(abs).max() ?? 1)
            for i in a.indices where !(abs(a[i] - b[i]) <= 1e-3 * scale) {
                Issue.record("\(what)[\(i)]: \(a[i]) vs \(b[i])"); return
            }
        }
        close(reference.x, grouped.x, "x"); close(reference.b, grouped.b, "b")
        close(reference.inverse, grouped.inverse, "B"); close(reference.h, grouped.h, "h")
        // The grouping is fixed by row index, so the thread count does not change a bit.
        let single = run(batched: true, threads: 1)
        #expect(single.x == grouped.x && single.b == grouped.b && single.inverse == grouped.inverse && single.h == grouped.h)
    }

    @Test(arguments: [false, true])
    func groupedSideSolveReportsTheSmallestFailingRow(batched: Bool) {
        let k = 8, kp = 8, rows = 30
        var (matrix, other, otherBias) = sideFixture(rows: rows, columns: 20, k: k, seed: 4)
        // Column 7's vector is NaN: rows 11 and 21 (and no row before 11) use it.
        for r in 0..<rows where r != 11 && r != 21 {
            for p in matrix.rowStart[r]..<matrix.rowStart[r + 1] where matrix.columnIndex[p] == 7 { matrix.columnIndex[p] = 6 }
        }
        for r in [11, 21] { matrix.columnIndex[matrix.rowStart[r + 1] - 1] = 7 }
        for i in 0..<k { other[7 * kp + i] = .nan }
        var x = [Float](repeating: 0, count: rows * kp), b = [Float](repeating: 0, count: rows)
        let scratch = SolverScratch.pool(count: 2, stride: kp, maxRowLength: 64)
        let failed = other.withUnsafeBufferPointer { q in otherBias.withUnsafeBufferPointer { d in
            x.withUnsafeMutableBufferPointer { xp in b.withUnsafeMutableBufferPointer { bp in
                let problem = SideProblem(rows: matrix, otherFactors: q.baseAddress!, otherBias: d.baseAddress!,
                                          mean: 3, rank: k, stride: kp, vectorRidge: 1, biasRidge: 1, priorMean: nil)
                return solveSide(problem, into: SideOutput(factors: xp.baseAddress!, bias: bp.baseAddress!),
                                 scratch: scratch, threads: 2, batched: batched)
            } }
        } }
        #expect(failed == 11)
    }
}
