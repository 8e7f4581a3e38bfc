import ALSKernels

/// In-place Cholesky factorisation A = UᵀU of a symmetric positive-definite n×n matrix in
/// double precision (row-major, upper triangle read and overwritten with U, true diagonal;
/// entries below the diagonal untouched), and the solve with it: the one Swift face of the C
/// kernels `cmx_cholesky_f64` and `cmx_cholesky_solve_f64` (AVX2+FMA when the CPU has it). Used
/// for the genre system (n = G·K, a few hundred), the Gibbs hyperparameters (n = K) and fold-in
/// (n = K + 1). Cost n³/6 FMAs to factor, n² to solve.
enum DenseCholesky {
    /// Factors `a` (n × n) in place; returns the index of the first pivot that is not positive
    /// and finite, or nil on success.
    static func factor(_ a: UnsafeMutablePointer<Double>, n: Int) -> Int? {
        let failed = cmx_cholesky_f64(a, n)
        return failed == 0 ? nil : failed - 1
    }

    /// `factor` of an array of n × n values.
    static func factor(_ a: inout [Double], n: Int) -> Int? {
        precondition(a.count >= n * n, "Cholesky: \(a.count) values for a \(n) × \(n) matrix")
        guard n > 0 else { return nil }
        return a.withUnsafeMutableBufferPointer { factor($0.baseAddress!, n: n) }
    }

    /// Solves UᵀU x = b in place, U from `factor`.
    static func solve(_ u: UnsafePointer<Double>, n: Int, _ b: UnsafeMutablePointer<Double>) {
        cmx_cholesky_solve_f64(u, n, b)
    }

    /// `solve` with arrays: `u` holds n × n values, `b` n.
    static func solve(_ u: [Double], n: Int, _ b: inout [Double]) {
        precondition(u.count >= n * n && b.count >= n, "Cholesky solve: shapes do not match n = \(n)")
        guard n > 0 else { return }
        u.withUnsafeBufferPointer { up in b.withUnsafeMutableBufferPointer { solve(up.baseAddress!, n: n, $0.baseAddress!) } }
    }
}
