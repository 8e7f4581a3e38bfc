import Core

/// The Gibbs draw of the genre vectors W (Macau-style side features, Simm et al. 2015) given
/// the movie vectors: with y_i = μ_y + D_i W + N(0, Λ⁻¹) for every movie with genres (D_i =
/// |F_i|^(−1/2) on its genres) and the prior w_f ~ N(0, β_w⁻¹ I), vec W is Gaussian with
///   precision P = C ⊗ Λ + β_w I,   C[f, f'] = Σ_i D_i[f] D_i[f'],
///   mean P⁻¹ vec(Λ R),              R_f = Σ_i D_i[f] (y_i − μ_y).
/// C and R are summed per genre list (movies with the same list share D_i), so the cost is
/// movies·K + Σ_lists |F|² + (GK)³/6 FMAs for the double-precision Cholesky of P.
enum GenreVectorSample {
    /// Draws W (G × stride floats, padding zero), or returns nil when P is not positive definite
    /// or the draw is not finite. `movieVectors` is movies × stride; `mean` and `precision` are
    /// μ_y (K) and Λ_y (K × K).
    static func draw(design: GenreDesign, movieVectors y: UnsafePointer<Float>, mean: [Double], precision lambda: [Double],
                     genrePrecision beta: Double, rank k: Int, stride kp: Int, generator g: inout SplitMix64) -> [Float]? {
        let genres = design.genreCount, n = genres * k
        guard n > 0 else { return [] }
        var c = [Double](repeating: 0, count: genres * genres)
        var r = [Double](repeating: 0, count: genres * k)
        var setSum = [Double](repeating: 0, count: k)
        for s in 0..<design.setCount {
            let members = design.setStart[s]..<design.setStart[s + 1]
            let d = Double(design.weight[Int(design.setMovies[members.lowerBound])])
            for a in 0..<k { setSum[a] = 0 }
            for q in members {
                let row = y + Int(design.setMovies[q]) * kp
                for a in 0..<k { setSum[a] += Double(row[a]) - mean[a] }
            }
            let list = design.setGenreStart[s]..<design.setGenreStart[s + 1]
            for p in list {
                let f = Int(design.setGenres[p])
                for a in 0..<k { r[f * k + a] += d * setSum[a] }
                for q in list { c[f * genres + Int(design.setGenres[q])] += d * d * Double(members.count) }
            }
        }
        var system = [Double](repeating: 0, count: n * n)
        var rhs = [Double](repeating: 0, count: n)
        for f in 0..<genres {
            for a in 0..<k {
                var t = 0.0
                for b in 0..<k { t += lambda[a * k + b] * r[f * k + b] }
                rhs[f * k + a] = t
                let row = (f * k + a) * n
                for f2 in f..<genres where c[f * genres + f2] != 0 {
                    for b in 0..<k { system[row + f2 * k + b] = c[f * genres + f2] * lambda[a * k + b] }
                }
                system[row + f * k + a] += beta
            }
        }
        guard DenseCholesky.factor(&system, n: n) == nil else { return nil }
        DenseCholesky.solve(system, n: n, &rhs)
        var z = (0..<n).map { _ in g.nextGaussian() }
        SymmetricMatrix.solveUpper(system, n: n, &z)
        var w = [Float](repeating: 0, count: genres * kp)
        for f in 0..<genres { for a in 0..<k { w[f * kp + a] = Float(rhs[f * k + a] + z[f * k + a]) } }
        return w.allSatisfy(\.isFinite) ? w : nil
    }
}
