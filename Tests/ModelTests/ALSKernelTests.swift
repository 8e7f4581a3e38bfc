import ALSKernels
import Testing
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

    @Test func choleskyReportsTheFailingPivot() {
        // Second pivot is 1 − 2² < 0.
        var a: [Float] = [1, 2, 0, 0, 0, 0, 0, 0,
                          2, 1, 0, 0, 0, 0, 0, 0]
        #expect(cmx_cholesky(&a, 8, 2) == 2)
        var nan: [Float] = [.nan, 0, 0, 0, 0, 0, 0, 0]
        #expect(cmx_cholesky(&nan, 8, 1) == 1)
    }
}
