import Core

/// Gradient descent with momentum and per-coordinate gains for t-SNE (Jacobs 1988, as in
/// bhtsne and openTSNE): a coordinate's gain grows by 0.2 while its step keeps opposing the
/// gradient's sign and otherwise shrinks to 0.8× (+ `minGain`); each point's step is clipped to
/// length `maxStepNorm`; the embedding is re-centred after each step.
struct TSNEOptimiser {
    var update: [Double]
    var gains: [Double]
    let minGain: Double
    let maxStepNorm: Double?

    init(count n: Int, minGain: Double, maxStepNorm: Double?) {
        update = [Double](repeating: 0, count: 2 * n)
        gains = [Double](repeating: 1, count: 2 * n)
        self.minGain = minGain
        self.maxStepNorm = maxStepNorm
    }

    /// One step: updates `y` in place from `gradient`.
    mutating func step(_ y: inout [Double], gradient: [Double], learningRate: Double, momentum: Double) {
        let n = y.count / 2
        for t in 0..<(2 * n) {
            let g = gradient[t]
            if (update[t] > 0) != (g > 0) || (update[t] == 0) != (g == 0) {
                gains[t] += 0.2
            } else {
                gains[t] = gains[t] * 0.8 + minGain
            }
            update[t] = momentum * update[t] - learningRate * gains[t] * g
        }
        var mx = 0.0, my = 0.0
        for i in 0..<n {
            if let limit = maxStepNorm {
                let norm = (update[2 * i] * update[2 * i] + update[2 * i + 1] * update[2 * i + 1]).squareRoot()
                if norm > limit {
                    update[2 * i] *= limit / norm
                    update[2 * i + 1] *= limit / norm
                }
            }
            y[2 * i] += update[2 * i]
            y[2 * i + 1] += update[2 * i + 1]
            mx += y[2 * i]; my += y[2 * i + 1]
        }
        mx /= Double(n); my /= Double(n)
        for i in 0..<n { y[2 * i] -= mx; y[2 * i + 1] -= my }
    }
}
