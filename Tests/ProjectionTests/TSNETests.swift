import Core
import Testing
@testable import Projection
import TestSupport

@Suite struct TSNETests {
    /// A small P from planted data plus a random spread-out embedding.
    static func tinyProblem(n: Int, spread: Double, seed: UInt64) -> (SparseAffinities, [Double]) {
        let (m, _) = PlantedPoints.gaussianMixture(clusters: 2, perCluster: n / 2, dim: 3, separation: 4, seed: seed)
        let nn = ExactNeighbours.euclidean(m, k: min(n - 1, 12))
        let p = SparseAffinities(conditional: PerplexityCalibration.calibrate(nn, perplexity: 3), neighbours: nn)
        var rng = SplitMix64(seed: seed + 1)
        return (p, (0..<(2 * n)).map { _ in spread * rng.nextGaussian() })
    }

    @Test func exactGradientMatchesFiniteDifferencesOfKL() {
        let (p, y) = Self.tinyProblem(n: 10, spread: 1.5, seed: 1)
        let analytic = TSNEGradient.exact(embedding: y, affinities: p).gradient
        let h = 1e-6
        for t in 0..<y.count {
            var up = y, down = y
            up[t] += h; down[t] -= h
            let numeric = (TSNEGradient.exact(embedding: up, affinities: p).kl
                - TSNEGradient.exact(embedding: down, affinities: p).kl) / (2 * h)
            // The returned gradient omits the factor 4 of dKL/dy.
            #expect(abs(4 * analytic[t] - numeric) < 1e-6 * max(1, abs(numeric)))
        }
    }

    @Test func barnesHutIsCloseToExact() {
        let (p, y) = Self.tinyProblem(n: 400, spread: 10, seed: 2)
        let exact = TSNEGradient.exact(embedding: y, affinities: p)
        var bh = [Double](repeating: 0, count: y.count)
        let kl = TSNEGradient.barnesHut(embedding: y, affinities: p, exaggeration: 1, theta: 0.5, evaluateKL: true,
                                        threads: 2, gradient: &bh)!
        var err = 0.0, norm = 0.0
        for t in 0..<y.count { err += (bh[t] - exact.gradient[t]) * (bh[t] - exact.gradient[t]); norm += exact.gradient[t] * exact.gradient[t] }
        #expect((err / norm).squareRoot() < 0.05)
        #expect(abs(kl - exact.kl) < 0.01 * exact.kl)
        // θ = 0 opens every cell: the Barnes-Hut sum becomes exact.
        _ = TSNEGradient.barnesHut(embedding: y, affinities: p, exaggeration: 1, theta: 0, evaluateKL: false, threads: 2, gradient: &bh)
        for t in 0..<y.count { #expect(abs(bh[t] - exact.gradient[t]) < 1e-9 * max(1, abs(exact.gradient[t]))) }
        #expect(abs(TSNEGradient.exactKL(embedding: y, affinities: p) - exact.kl) < 1e-9)
    }

    static func quickParameters() -> TSNE.Parameters {
        var parameters = TSNE.Parameters()
        parameters.perplexity = 10
        parameters.earlyExaggerationIterations = 100
        parameters.iterations = 150
        return parameters
    }

    @Test func separatesPlantedClustersAndIsDeterministic() throws {
        let (m, labels) = PlantedPoints.gaussianMixture(clusters: 4, perCluster: 40, dim: 8, separation: 10, seed: 8)
        var klSeen: [Double] = []
        let result = try TSNE.embed(m, parameters: Self.quickParameters()) { _, kl, _ in
            if let kl { klSeen.append(kl) }
            return false
        }
        #expect(result.iterations == 250)
        #expect(klSeen.count == 5)
        #expect(result.klDivergence.isFinite && result.klDivergence > 0)
        // 10-NN preservation at the level of the planted clusters: a point's 10 nearest
        // neighbours in the map belong to its own cluster.
        let mapNeighbours = PlantedPoints.bruteForceNeighbours(result.embedding, k: 10)
        var same = 0
        for i in 0..<m.rows { same += mapNeighbours[i].filter { labels[$0] == labels[i] }.count }
        #expect(Double(same) / Double(10 * m.rows) >= 0.9)
        var single = Self.quickParameters()
        single.threads = 1
        let again = try TSNE.embed(m, parameters: single)
        #expect(again.embedding == result.embedding)
    }

    @Test func progressClosureCanStopEarly() throws {
        let (m, _) = PlantedPoints.gaussianMixture(clusters: 2, perCluster: 20, dim: 4, separation: 8, seed: 3)
        var parameters = Self.quickParameters()
        parameters.perplexity = 5
        let result = try TSNE.embed(m, parameters: parameters) { iteration, _, embedding in
            #expect(embedding.count == 80)
            return iteration == 30
        }
        #expect(result.iterations == 30)
    }

    @Test func rejectsBadInput() {
        let m = Matrix(rows: 3, columns: 2, values: [0, 1, 2, 3, 4, .nan])
        #expect(throws: ProjectionError.self) { try TSNE.embed(m) }
        let ok = PlantedPoints.gaussian(rows: 20, columns: 2, seed: 1)
        #expect(throws: ProjectionError.self) { try TSNE.embed(ok) }   // perplexity 30 ≥ N − 1
    }
}
