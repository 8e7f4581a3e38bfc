import Core
import Model

/// k-means clustering (Lloyd's algorithm) with k-means++ seeding and restarts.
///
/// Each restart seeds by k-means++ (first centre uniform, then each next centre drawn with
/// probability ∝ squared distance to the nearest chosen one, Arthur & Vassilvitskii 2007) from
/// its own SplitMix64 sub-stream of `seed`, then alternates assignment and centroid update until
/// no assignment changes or `maxIterations`. The restart with the lowest inertia (sum of squared
/// distances to the assigned centroid) wins; ties go to the earlier restart. Sums are taken in
/// double precision over a fixed partition of the rows, so the result depends only on the input
/// and seed, never on `threads`. An emptied cluster is re-seeded with the point farthest from
/// its centroid. Cost per iteration N·k·D multiply-adds (parallel).
public enum KMeans {
    /// A clustering.
    public struct Result: Sendable, Equatable {
        /// k × D cluster centres.
        public var centroids: Matrix
        /// Cluster of each row, in 0..<k.
        public var assignments: [Int32]
        /// Sum over rows of the squared Euclidean distance to the assigned centre.
        public var inertia: Double
        /// Lloyd iterations of the winning restart.
        public var iterations: Int
        /// Index of the winning restart.
        public var restart: Int
    }

    static let partitions = 32

    /// Clusters the rows of `data` into `k` groups (1 ≤ k ≤ N).
    public static func fit(_ data: Matrix, k: Int, restarts: Int = 4, maxIterations: Int = 100,
                           seed: UInt64, threads: Int = availableCores) -> Result {
        precondition(k >= 1 && k <= data.rows, "k-means: k = \(k) must be in 1...\(data.rows)")
        let root = SplitMix64(seed: seed)
        var best: Result?
        for r in 0..<max(1, restarts) {
            var rng = root.substream(UInt64(r))
            let start = seedPlusPlus(data, k: k, rng: &rng)
            var result = lloyd(data, centroids: start, maxIterations: maxIterations, threads: threads)
            result.restart = r
            if best == nil || result.inertia < best!.inertia { best = result }
        }
        return best!
    }

    /// k-means++ seeding: k rows of `data` chosen by D² sampling.
    static func seedPlusPlus(_ data: Matrix, k: Int, rng: inout SplitMix64) -> Matrix {
        let n = data.rows, d = data.columns
        var centres = Matrix(rows: k, columns: d)
        var nearest = [Double](repeating: .infinity, count: n)
        var chosen = Int(rng.next() % UInt64(n))
        for c in 0..<k {
            for j in 0..<d { centres[c, j] = data[chosen, j] }
            var total = 0.0
            for i in 0..<n {
                var s = 0.0
                for j in 0..<d { let x = Double(data.values[i * d + j]) - Double(centres[c, j]); s += x * x }
                nearest[i] = min(nearest[i], s)
                total += nearest[i]
            }
            guard c + 1 < k else { break }
            if total <= 0 { chosen = Int(rng.next() % UInt64(n)); continue }
            var target = rng.nextUnit() * total
            chosen = n - 1
            for i in 0..<n {
                target -= nearest[i]
                if target < 0 { chosen = i; break }
            }
        }
        return centres
    }

    /// Lloyd iterations from `centroids` until assignments stop changing.
    static func lloyd(_ data: Matrix, centroids start: Matrix, maxIterations: Int, threads: Int) -> Result {
        let n = data.rows, d = data.columns, k = start.rows
        var centroids = start
        var assignments = [Int32](repeating: -1, count: n)
        var distances = [Double](repeating: 0, count: n)
        let parts = chunkRanges(count: n, parts: partitions)
        var iterations = 0
        while true {
            // Assignment step (parallel, each row writes only its own slots).
            var changed = [Int](repeating: 0, count: parts.count)
            assignments.withUnsafeMutableBufferPointer { assign in
                distances.withUnsafeMutableBufferPointer { dist in
                    changed.withUnsafeMutableBufferPointer { changedOut in
                        parallelForEach(count: parts.count, threads: threads, grain: 1) { p, _ in
                            var count = 0
                            for i in parts[p] {
                                var bestC = 0, bestD = Double.infinity
                                for c in 0..<k {
                                    var s = 0.0
                                    for j in 0..<d {
                                        let x = Double(data.values[i * d + j]) - Double(centroids.values[c * d + j])
                                        s += x * x
                                    }
                                    if s < bestD { bestD = s; bestC = c }
                                }
                                if assign[i] != Int32(bestC) { count += 1; assign[i] = Int32(bestC) }
                                dist[i] = bestD
                            }
                            changedOut[p] = count
                        }
                    }
                }
            }
            if changed.reduce(0, +) == 0 || iterations == maxIterations { break }
            iterations += 1
            centroids = updatedCentroids(data, assignments: assignments, distances: &distances, k: k, old: centroids)
        }
        let inertia = distances.reduce(0, +)
        return Result(centroids: centroids, assignments: assignments, inertia: inertia, iterations: iterations, restart: 0)
    }

    /// Means of the assigned rows; an empty cluster takes the row farthest from its centre.
    static func updatedCentroids(_ data: Matrix, assignments: [Int32], distances: inout [Double], k: Int, old: Matrix) -> Matrix {
        let n = data.rows, d = data.columns
        var sums = [Double](repeating: 0, count: k * d)
        var counts = [Int](repeating: 0, count: k)
        for i in 0..<n {
            let c = Int(assignments[i])
            counts[c] += 1
            for j in 0..<d { sums[c * d + j] += Double(data.values[i * d + j]) }
        }
        var out = old
        for c in 0..<k {
            if counts[c] > 0 {
                for j in 0..<d { out[c, j] = Float(sums[c * d + j] / Double(counts[c])) }
            } else {
                var far = 0
                for i in 1..<n where distances[i] > distances[far] { far = i }
                for j in 0..<d { out[c, j] = data[far, j] }
                distances[far] = 0
            }
        }
        return out
    }
}
