/// In-place Cholesky factorisation A = UᵀU of a symmetric positive-definite n×n matrix in
/// double precision (row-major, upper triangle read and overwritten with U), and the solve.
/// Used for the genre system (n = G·K, a few hundred). Cost n³/6 FMAs; solve n² FMAs.
struct DenseCholesky {
    /// Factors `a` in place; returns the failing pivot index, or nil on success.
    static func factor(_ a: UnsafeMutablePointer<Double>, n: Int) -> Int? {
        for i in 0..<n {
            let ri = a + i * n
            let d = ri[i]
            if !(d > 0) || !d.isFinite { return i }
            let root = d.squareRoot(), inv = 1 / root
            ri[i] = root
            for j in (i + 1)..<max(i + 1, n) { ri[j] *= inv }
            for r in (i + 1)..<max(i + 1, n) {
                let f = ri[r]
                if f == 0 { continue }
                let rr = a + r * n
                for j in r..<n { rr[j] -= f * ri[j] }
            }
        }
        return nil
    }

    /// Solves UᵀU x = b in place, U from `factor`.
    static func solve(_ u: UnsafePointer<Double>, n: Int, _ b: UnsafeMutablePointer<Double>) {
        for i in 0..<n {
            let ui = u + i * n
            let z = b[i] / ui[i]
            b[i] = z
            for j in (i + 1)..<max(i + 1, n) { b[j] -= z * ui[j] }
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            let ui = u + i * n
            var s = b[i]
            for j in (i + 1)..<max(i + 1, n) { s -= ui[j] * b[j] }
            b[i] = s / ui[i]
        }
    }
}
