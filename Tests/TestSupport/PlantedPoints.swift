import Core

/// Points with known structure (Gaussian clusters), for the projection and neighbour tests.
public enum PlantedPoints {
    /// `clusters` isotropic Gaussian blobs (unit spread) in `dim` dimensions whose centres are
    /// `separation` apart along distinct axes; returns the matrix and each row's cluster.
    public static func gaussianMixture(clusters: Int, perCluster: Int, dim: Int, separation: Float, seed: UInt64) -> (Matrix, [Int]) {
        var rng = SplitMix64(seed: seed)
        var values: [Float] = []
        var labels: [Int] = []
        for c in 0..<clusters {
            for _ in 0..<perCluster {
                for j in 0..<dim {
                    let centre: Float = (j == c % dim) ? separation * Float(1 + c / dim) : 0
                    values.append(centre + Float(rng.nextGaussian()))
                }
                labels.append(c)
            }
        }
        return (Matrix(rows: clusters * perCluster, columns: dim, values: values), labels)
    }

    /// A random `n` × `dim` matrix of standard normal entries.
    public static func gaussian(rows n: Int, columns dim: Int, seed: UInt64) -> Matrix {
        var rng = SplitMix64(seed: seed)
        return Matrix(rows: n, columns: dim, values: (0..<(n * dim)).map { _ in Float(rng.nextGaussian()) })
    }

    /// Brute-force k nearest other rows by squared Euclidean distance (double precision).
    public static func bruteForceNeighbours(_ m: Matrix, k: Int) -> [[Int]] {
        (0..<m.rows).map { i in
            let d = (0..<m.rows).map { j -> (Double, Int) in
                var s = 0.0
                for t in 0..<m.columns { let x = Double(m[i, t]) - Double(m[j, t]); s += x * x }
                return (s, j)
            }
            return d.filter { $0.1 != i }.sorted { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }.prefix(k).map { $0.1 }
        }
    }
}
