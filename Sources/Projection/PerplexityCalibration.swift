import Core
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Conditional Gaussian affinities p(j | i) over each point's k nearest neighbours, with the
/// precision βᵢ of each Gaussian found by bisection so that the row's perplexity
/// `exp(H(Pᵢ))` (entropy in nats) equals the target.
///
/// `p(j | i) = exp(−βᵢ dᵢⱼ²) / Σₗ exp(−βᵢ dᵢₗ²)` over the neighbours; each row sums to 1. A
/// target above k (unreachable) gives the uniform row. Cost: O(k) per bisection step, at most
/// `maxSteps` steps per row; rows are independent and run in parallel.
public enum PerplexityCalibration {
    /// Result of calibrating every row.
    public struct Rows: Sendable {
        /// p(j | i) in the layout of the neighbour lists (row i, slot t ↔ neighbour `indices[i*k+t]`).
        public var probabilities: [Double]
        /// βᵢ of each row, in 1 / (input distance units)².
        public var betas: [Double]
        /// The perplexity each row reached.
        public var perplexities: [Double]
    }

    /// Calibrates every row of `neighbours`, whose `values` are squared distances.
    /// `tolerance` is on the entropy in nats.
    public static func calibrate(_ neighbours: NeighbourLists, perplexity: Double, tolerance: Double = 1e-5,
                                 maxSteps: Int = 200, threads: Int = availableCores) -> Rows {
        precondition(perplexity > 0, "perplexity must be positive")
        let n = neighbours.count, k = neighbours.k
        var probabilities = [Double](repeating: 0, count: n * k)
        var betas = [Double](repeating: 0, count: n)
        var reached = [Double](repeating: 0, count: n)
        let target = log(perplexity)
        probabilities.withUnsafeMutableBufferPointer { prob in
            betas.withUnsafeMutableBufferPointer { betaOut in
                reached.withUnsafeMutableBufferPointer { reachedOut in
                    parallelForEach(count: n, threads: threads, grain: 512) { i, _ in
                        let d = neighbours.values[(i * k)..<((i + 1) * k)].map(Double.init)
                        let dmin = d.min() ?? 0
                        let shifted = d.map { $0 - dmin }
                        let row = prob.baseAddress! + i * k
                        var beta = 1.0, lo = 0.0, hi = Double.infinity
                        var entropy = 0.0
                        for _ in 0..<maxSteps {
                            entropy = rowEntropy(shifted, beta: beta, into: row)
                            if abs(entropy - target) < tolerance { break }
                            if entropy > target {
                                lo = beta
                                beta = hi.isInfinite ? beta * 2 : (beta + hi) / 2
                            } else {
                                hi = beta
                                beta = (beta + lo) / 2
                            }
                        }
                        betaOut[i] = beta
                        reachedOut[i] = exp(entropy)
                    }
                }
            }
        }
        return Rows(probabilities: probabilities, betas: betas, perplexities: reached)
    }

    /// Writes the normalised row for `beta` into `row` and returns its entropy in nats.
    @inline(__always)
    static func rowEntropy(_ shifted: [Double], beta: Double, into row: UnsafeMutablePointer<Double>) -> Double {
        var sum = 0.0, weighted = 0.0
        for t in 0..<shifted.count {
            let w = exp(-beta * shifted[t])
            row[t] = w
            sum += w
            weighted += w * shifted[t]
        }
        for t in 0..<shifted.count { row[t] /= sum }
        return log(sum) + beta * weighted / sum
    }
}
