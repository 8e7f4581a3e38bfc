import Core

/// Starting positions for t-SNE (interleaved x, y per point).
public enum TSNEInitialisation: Sendable, Equatable {
    /// The first two principal components, rescaled so the first coordinate has standard
    /// deviation 1e-4 (as openTSNE does): preserves global layout, deterministic.
    case pca
    /// Independent Gaussian coordinates with standard deviation 1e-4, from `seed`.
    case random(seed: UInt64)

    /// The initial embedding of the rows of `data` (N × D). Cost: one 2-component PCA
    /// (N·D² multiply-adds) or N Gaussian draws.
    public func positions(for data: Matrix, threads: Int = availableCores) -> [Double] {
        let n = data.rows
        var y = [Double](repeating: 0, count: 2 * n)
        switch self {
        case .pca:
            let pca = PCA(fitting: data, components: min(2, data.columns), threads: threads)
            let coords = pca.project(data)
            for i in 0..<n {
                for c in 0..<coords.columns { y[2 * i + c] = Double(coords[i, c]) }
            }
            var mean = 0.0, sq = 0.0
            for i in 0..<n { mean += y[2 * i] }
            mean /= Double(n)
            for i in 0..<n { sq += (y[2 * i] - mean) * (y[2 * i] - mean) }
            let sd = (sq / Double(n)).squareRoot()
            let scale = sd > 0 ? 1e-4 / sd : 1
            for t in 0..<(2 * n) { y[t] *= scale }
        case .random(let seed):
            var rng = SplitMix64(seed: seed)
            for t in 0..<(2 * n) { y[t] = 1e-4 * rng.nextGaussian() }
        }
        return y
    }
}
