import Testing
@testable import Projection
import Core
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

@Suite struct NeighbourAndAffinityTests {
    @Test func exactNeighboursAgreeWithBruteForce() {
        for (n, d, k) in [(203, 5, 7), (64, 33, 10), (9, 3, 8)] {
            let m = PlantedPoints.gaussian(rows: n, columns: d, seed: UInt64(n))
            let found = ExactNeighbours.euclidean(m, k: k, threads: 2)
            let truth = PlantedPoints.bruteForceNeighbours(m, k: k)
            for i in 0..<n {
                #expect(found.neighbours(of: i).map(Int.init) == truth[i])
            }
            for (t, v) in found.values.enumerated() where t % k > 0 { #expect(found.values[t - 1] <= v) }
        }
    }

    @Test func topKDoesNotDependOnThreads() {
        let m = PlantedPoints.gaussian(rows: 300, columns: 16, seed: 3)
        let one = BlockedTopK.search(queries: m, candidates: m, k: 12, excludeSelf: true, threads: 1)
        let two = BlockedTopK.search(queries: m, candidates: m, k: 12, excludeSelf: true, threads: 2)
        #expect(one == two)
        #expect((0..<300).allSatisfy { i in !one.neighbours(of: i).contains(Int32(i)) })
    }

    @Test func cosineNeighboursIgnoreLength() {
        var m = PlantedPoints.gaussian(rows: 120, columns: 6, seed: 9)
        let plain = ExactNeighbours.cosine(m, k: 5)
        for r in 0..<m.rows { for c in 0..<m.columns { m[r, c] *= Float(1 + r % 7) } }
        let scaled = ExactNeighbours.cosine(m, k: 5)
        #expect(plain.indices == scaled.indices)
    }

    @Test func conditionalRowsSumToOneAndMeetThePerplexity() {
        let (m, _) = PlantedPoints.gaussianMixture(clusters: 3, perCluster: 60, dim: 5, separation: 6, seed: 2)
        let nn = ExactNeighbours.euclidean(m, k: 45)
        for perplexity in [5.0, 15.0] {
            let rows = PerplexityCalibration.calibrate(nn, perplexity: perplexity)
            for i in 0..<m.rows {
                let row = rows.probabilities[(i * 45)..<((i + 1) * 45)]
                #expect(abs(row.reduce(0, +) - 1) < 1e-12)
                let entropy = row.reduce(0.0) { $1 > 0 ? $0 - $1 * log($1) : $0 }
                #expect(abs(exp(entropy) - perplexity) / perplexity < 1e-4)
                #expect(abs(rows.perplexities[i] - perplexity) / perplexity < 1e-4)
            }
        }
    }

    @Test func jointAffinitiesAreSymmetricAndSumToOne() {
        let m = PlantedPoints.gaussian(rows: 150, columns: 4, seed: 4)
        let nn = ExactNeighbours.euclidean(m, k: 20)
        let p = SparseAffinities(conditional: PerplexityCalibration.calibrate(nn, perplexity: 6), neighbours: nn)
        var dense = [Double](repeating: 0, count: 150 * 150)
        var total = 0.0
        for i in 0..<150 {
            let cols = p.columns[p.rowStart[i]..<p.rowStart[i + 1]]
            #expect(zip(cols, cols.dropFirst()).allSatisfy { $0 < $1 })
            for e in p.rowStart[i]..<p.rowStart[i + 1] {
                dense[i * 150 + Int(p.columns[e])] = Double(p.values[e])
                total += Double(p.values[e])
            }
        }
        #expect(abs(total - 1) < 1e-5)
        for i in 0..<150 { for j in 0..<150 { #expect(abs(dense[i * 150 + j] - dense[j * 150 + i]) < 1e-9) } }
    }
}


/// The neighbour-preservation score of the t-SNE benchmark, as a library call.
struct NeighbourPreservationTests {
    @Test func anIdenticalLayoutKeepsEveryNeighbourhoodAndAShuffledOneFewer() {
        // Points on a line: the layout itself keeps every neighbourhood.
        let line = Matrix(rows: 40, columns: 2, values: (0..<40).flatMap { [Float($0), 0] })
        let high = ExactNeighbours.euclidean(line, k: 3)
        #expect(NeighbourPreservation.score(high: high, low: line, k: 3) == 1)
        // Reversing the order of every other point breaks most neighbourhoods.
        let scrambled = Matrix(rows: 40, columns: 2, values: (0..<40).flatMap { [Float($0 % 2 == 0 ? $0 : 39 - $0), 0] })
        #expect(NeighbourPreservation.score(high: high, low: scrambled, k: 3) < 0.6)
    }
}
