import Core
import Testing
import TestSupport
import Model
@testable import Analyze
#if canImport(Glibc)
import Glibc
#endif

@Suite struct ClusteringTests {
    /// `k` well separated blobs of unequal sizes in 16 dimensions, rows shuffled.
    static func planted(k: Int, seed: UInt64) -> (Matrix, [Int]) {
        var rng = SplitMix64(seed: seed)
        let centres = (0..<k).map { _ in (0..<16).map { _ in 6 * rng.nextGaussian() } }
        var rows: [([Float], Int)] = []
        for c in 0..<k {
            for _ in 0..<(40 + 15 * c) { rows.append((centres[c].map { Float($0 + rng.nextGaussian()) }, c)) }
        }
        rows.shuffle(using: &rng)
        return (Matrix(rows: rows.count, columns: 16, values: rows.flatMap { $0.0 }), rows.map { $0.1 })
    }

    @Test func kMeansFindsPlantedClustersDeterministically() {
        let (m, truth) = Self.planted(k: 6, seed: 4)
        let result = KMeans.fit(m, k: 6, restarts: 4, seed: 99, threads: 2)
        let agreement = ClusterAgreement(clusters: result.assignments.map(Int.init), classes: truth)
        #expect(agreement.adjustedRandIndex >= 0.95)
        #expect(agreement.purity >= 0.95)
        #expect(KMeans.fit(m, k: 6, restarts: 4, seed: 99, threads: 1) == result)
        // Inertia is the sum of squared distances to the assigned centroids.
        var inertia = 0.0
        for i in 0..<m.rows {
            let c = Int(result.assignments[i])
            for j in 0..<16 { let x = Double(m[i, j]) - Double(result.centroids[c, j]); inertia += x * x }
        }
        #expect(abs(inertia - result.inertia) < 1e-6 * inertia)
    }

    @Test func moreRestartsNeverRaiseTheInertia() {
        let (m, _) = Self.planted(k: 5, seed: 12)
        let one = KMeans.fit(m, k: 8, restarts: 1, seed: 3)
        let many = KMeans.fit(m, k: 8, restarts: 6, seed: 3)
        #expect(many.inertia <= one.inertia)
    }

    @Test func agreementScoresOfIdenticalAndPermutedLabelingsAreOne() {
        let labels = [0, 0, 1, 1, 1, 2, 2, 3]
        let permuted = labels.map { [2: 0, 0: 3, 1: 1, 3: 2][$0]! }
        for other in [labels, permuted] {
            let a = ClusterAgreement(clusters: labels, classes: other)
            #expect(a.purity == 1)
            #expect(abs(a.normalisedMutualInformation - 1) < 1e-12)
            #expect(abs(a.adjustedRandIndex - 1) < 1e-12)
        }
    }

    @Test func agreementScoresMatchHandComputedValues() {
        // Clusters {0,1,2}, {3,4,5}; classes {0,1}, {2,3}, {4,5}.
        // Contingency [[2,1,0],[0,1,2]]: purity 4/6. Pairs: Σ C(n_ij,2) = 2, rows 3+3 = 6,
        // columns 1+1+1 = 3, all C(6,2) = 15 → ARI = (2 − 6·3/15) / ((6+3)/2 − 6·3/15) = 8/33.
        // MI = (2/3) ln 2, H(U) = ln 2, H(V) = ln 3 → NMI = (4/3) ln 2 / ln 6.
        let a = ClusterAgreement(clusters: [0, 0, 0, 1, 1, 1], classes: [0, 0, 1, 1, 2, 2])
        #expect(abs(a.purity - 4.0 / 6.0) < 1e-12)
        #expect(abs(a.adjustedRandIndex - 8.0 / 33.0) < 1e-12)
        #expect(abs(a.normalisedMutualInformation - (4.0 / 3.0) * log(2.0) / log(6.0)) < 1e-12)
        // Independent labelings: MI = 0; ARI = (0 − 2·2/6) / (2 − 2·2/6) = −1/2.
        let b = ClusterAgreement(clusters: [0, 0, 1, 1], classes: [0, 1, 0, 1])
        #expect(abs(b.normalisedMutualInformation) < 1e-12)
        #expect(abs(b.adjustedRandIndex + 0.5) < 1e-12)
        #expect(b.purity == 0.5)
        // Negative labels are left out.
        let c = ClusterAgreement(clusters: [0, 0, 1, -1], classes: [1, 1, 2, 5])
        #expect(c.count == 3 && c.purity == 1)
    }
}
