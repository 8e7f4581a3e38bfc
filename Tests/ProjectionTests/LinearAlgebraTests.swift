import Core
import Testing
import TestSupport
@testable import Projection

@Suite struct LinearAlgebraTests {
    @Test func jacobiEigenpairsHaveSmallResidualAndAreOrthonormal() {
        var rng = SplitMix64(seed: 11)
        let k = 24
        var a = [Double](repeating: 0, count: k * k)
        for i in 0..<k { for j in i..<k { let v = rng.nextGaussian(); a[i * k + j] = v; a[j * k + i] = v } }
        let eigen = SymmetricEigen(symmetric: a, size: k)
        #expect(zip(eigen.values, eigen.values.dropFirst()).allSatisfy { $0 >= $1 })
        for e in 0..<k {
            let v = eigen.vector(e)
            for i in 0..<k {
                var av = 0.0
                for j in 0..<k { av += a[i * k + j] * v[j] }
                #expect(abs(av - eigen.values[e] * v[i]) < 1e-10)
            }
            for f in 0..<k {
                let w = eigen.vector(f)
                let dot = zip(v, w).reduce(0) { $0 + $1.0 * $1.1 }
                #expect(abs(dot - (e == f ? 1 : 0)) < 1e-12)
            }
        }
    }

    @Test func pcaRecoversPlantedDirectionsAndVariances() {
        // Three planted axes (a random orthonormal basis) with standard deviations 5, 2, 1 and
        // isotropic noise of 0.1 in 8 dimensions.
        let d = 8, n = 4000
        var rng = SplitMix64(seed: 5)
        var sym = [Double](repeating: 0, count: d * d)
        for i in 0..<d { for j in i..<d { let v = rng.nextGaussian(); sym[i * d + j] = v; sym[j * d + i] = v } }
        let basis = SymmetricEigen(symmetric: sym, size: d)
        let sds = [5.0, 2.0, 1.0]
        var values: [Float] = []
        for _ in 0..<n {
            var x = (0..<d).map { _ in 0.1 * rng.nextGaussian() + 3 }
            for (a, sd) in sds.enumerated() {
                let c = sd * rng.nextGaussian()
                for j in 0..<d { x[j] += c * basis.vector(a)[j] }
            }
            values += x.map { Float($0) }
        }
        let pca = PCA(fitting: Matrix(rows: n, columns: d, values: values), components: 3, threads: 2)
        for a in 0..<3 {
            let planted = basis.vector(a)
            let found = pca.components.row(a).map(Double.init)
            let cosine = abs(zip(planted, found).reduce(0) { $0 + $1.0 * $1.1 })
            #expect(cosine > 0.999)
            let expected = sds[a] * sds[a] + 0.01
            #expect(abs(pca.explainedVariance[a] - expected) / expected < 0.08)
        }
        let totalPlanted = sds.reduce(0) { $0 + $1 * $1 } + Double(d) * 0.01
        #expect(abs(pca.explainedVarianceRatio[0] - 25.01 / totalPlanted) < 0.02)
        #expect(pca.explainedVarianceRatio.reduce(0, +) <= 1 + 1e-12)
        let projected = pca.project(Matrix(rows: 1, columns: d, values: pca.mean.map { Float($0) }))
        #expect(projected.values.allSatisfy { abs($0) < 1e-5 })
    }
}
