/// Eigen-decomposition of a small real symmetric matrix by the cyclic Jacobi method.
///
/// For `A` (K × K, symmetric) it finds orthonormal `v₁ … v_K` and real `λ₁ ≥ … ≥ λ_K` with
/// `A vᵢ = λᵢ vᵢ`. Jacobi is accurate to working precision in every eigenvalue, including the
/// small ones, which suits covariance matrices of embeddings (K ≤ a few hundred). Cost: about
/// 6–10 sweeps of 4K³ multiply-adds each, so ~0.1 s for K = 256; memory 2K² doubles.
public struct SymmetricEigen: Sendable, Equatable {
    /// Eigenvalues in descending order.
    public var values: [Double]
    /// Eigenvectors, row `i` (`vectors[i * size ..< (i + 1) * size]`) belongs to `values[i]`.
    /// Each has unit length; its sign is chosen so its largest-magnitude coordinate is positive.
    public var vectors: [Double]
    /// The order K of the matrix.
    public var size: Int
    /// Number of Jacobi sweeps used.
    public var sweeps: Int

    /// Decomposes the symmetric row-major `matrix` of order `size`. Only symmetric input is
    /// meaningful; the strictly lower triangle is read as the mirror of the upper one.
    /// Stops when the off-diagonal Frobenius norm is below 1e-15 of the total, or after 100 sweeps.
    public init(symmetric matrix: [Double], size k: Int) {
        precondition(matrix.count == k * k, "eigensolver: matrix storage does not match size \(k)")
        var a = matrix
        for i in 0..<k { for j in 0..<i { a[i * k + j] = a[j * k + i] } }
        var v = [Double](repeating: 0, count: k * k)
        for i in 0..<k { v[i * k + i] = 1 }
        var total = 0.0
        for x in a { total += x * x }
        var sweep = 0
        while sweep < 100 {
            var off = 0.0
            for p in 0..<k { for q in (p + 1)..<max(p + 1, k) { off += 2 * a[p * k + q] * a[p * k + q] } }
            if off <= 1e-30 * total || off == 0 { break }
            sweep += 1
            for p in 0..<k {
                for q in (p + 1)..<max(p + 1, k) {
                    let apq = a[p * k + q]
                    if apq == 0 { continue }
                    let app = a[p * k + p], aqq = a[q * k + q]
                    // Rotation angle that annihilates a[p][q] (Rutishauser's stable form).
                    let theta = (aqq - app) / (2 * apq)
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    Self.rotate(&a, &v, k: k, p: p, q: q, c: c, s: s, t: t)
                }
            }
        }
        // Sort by descending eigenvalue; eigenvectors are the columns of v.
        let order = (0..<k).sorted { a[$0 * k + $0] > a[$1 * k + $1] || (a[$0 * k + $0] == a[$1 * k + $1] && $0 < $1) }
        values = order.map { a[$0 * k + $0] }
        vectors = [Double](repeating: 0, count: k * k)
        for (row, col) in order.enumerated() {
            var best = 0.0
            for i in 0..<k where abs(v[i * k + col]) > abs(best) { best = v[i * k + col] }
            let sign: Double = best < 0 ? -1 : 1
            for i in 0..<k { vectors[row * k + i] = sign * v[i * k + col] }
        }
        size = k
        sweeps = sweep
    }

    /// Applies the Jacobi rotation (p, q) to `a` (both sides) and accumulates it into `v`.
    private static func rotate(_ a: inout [Double], _ v: inout [Double], k: Int, p: Int, q: Int,
                               c: Double, s: Double, t: Double) {
        let apq = a[p * k + q]
        let tau = s / (1 + c)
        a[p * k + p] -= t * apq
        a[q * k + q] += t * apq
        a[p * k + q] = 0
        a[q * k + p] = 0
        for r in 0..<k where r != p && r != q {
            let arp = a[r * k + p], arq = a[r * k + q]
            let nrp = arp - s * (arq + tau * arp)
            let nrq = arq + s * (arp - tau * arq)
            a[r * k + p] = nrp; a[p * k + r] = nrp
            a[r * k + q] = nrq; a[q * k + r] = nrq
        }
        for r in 0..<k {
            let vrp = v[r * k + p], vrq = v[r * k + q]
            v[r * k + p] = vrp - s * (vrq + tau * vrp)
            v[r * k + q] = vrq + s * (vrp - tau * vrq)
        }
    }

    /// The eigenvector belonging to `values[i]`.
    public func vector(_ i: Int) -> [Double] { Array(vectors[(i * size)..<((i + 1) * size)]) }
}
