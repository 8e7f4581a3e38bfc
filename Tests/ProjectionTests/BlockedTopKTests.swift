import ALSKernels
import Core
@testable import Projection
import Testing
import TestSupport

@Suite struct BlockedTopKTests {
    /// Small integers: every score is exact in single precision whatever the kernel (AVX2+FMA or
    /// portable) and the order of its sums, and ties are common.
    static func integers(rows: Int, columns: Int, seed: UInt64) -> Matrix {
        var rng = SplitMix64(seed: seed)
        return Matrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in Float(Int(rng.next() % 7) - 3) })
    }

    /// Every candidate scored, excluded ones dropped, sorted by score then index: the top k.
    static func bruteForce(_ q: Matrix, _ c: Matrix, bias: [Float], k: Int,
                           exclude: (Int, Int) -> Bool) -> [[(index: Int, score: Float)]] {
        (0..<q.rows).map { i in
            let scored = (0..<c.rows).filter { !exclude(i, $0) }.map { j -> (index: Int, score: Float) in
                (j, (0..<q.columns).reduce(Float(0)) { $0 + q[i, $1] * c[j, $1] } + bias[j])
            }
            return Array(scored.sorted { $0.score > $1.score || ($0.score == $1.score && $0.index < $1.index) }.prefix(k))
        }
    }

    // Candidate counts around panel (8), pair (16) and chunk (64 panels = 512) boundaries; query
    // counts around the register block (6) and the query block (64).
    @Test(arguments: [false, true])
    func searchAgreesWithBruteForce(portable: Bool) {
        cmx_force_portable(portable ? 1 : 0)
        defer { cmx_force_portable(0) }
        for (m, n, d, k) in [(1, 1, 3, 1), (9, 7, 1, 4), (17, 6, 8, 16), (520, 13, 5, 10), (1031, 65, 33, 3), (24, 130, 2, 24)] {
            let candidates = Self.integers(rows: m, columns: d, seed: UInt64(m))
            let queries = Self.integers(rows: n, columns: d, seed: UInt64(n) + 100)
            var rng = SplitMix64(seed: UInt64(d))
            let bias = (0..<m).map { _ in Float(Int(rng.next() % 5) - 2) }
            let found = BlockedTopK.search(queries: queries, candidates: candidates, bias: bias, k: k, excludeSelf: false, threads: 1)
            let truth = Self.bruteForce(queries, candidates, bias: bias, k: k) { _, _ in false }
            for i in 0..<n {
                #expect(found.neighbours(of: i).map(Int.init) == truth[i].map(\.index), "m \(m) n \(n) d \(d) query \(i)")
                #expect(Array(found.values[(i * k)..<((i + 1) * k)]) == truth[i].map(\.score))
            }
        }
    }

    @Test func exclusionsLeaveOutWhatTheyNameAndPadShortLists() {
        let m = Self.integers(rows: 40, columns: 4, seed: 5)
        let bias = [Float](repeating: 0, count: 40)
        // Query i may not list candidates j with i + j divisible by 3, nor itself.
        let exclude = { (i: Int, j: Int) in (i + j) % 3 == 0 }
        let found = BlockedTopK.search(queries: m, candidates: m, k: 9, excludeSelf: true, exclude: exclude, threads: 2)
        let truth = Self.bruteForce(m, m, bias: bias, k: 9) { i, j in i == j || exclude(i, j) }
        for i in 0..<40 { #expect(found.neighbours(of: i).map(Int.init) == truth[i].map(\.index)) }
        // Only candidates 0 and 1 are allowed: the rest of each list is index −1, score −∞.
        let few = BlockedTopK.search(queries: m, candidates: m, k: 4, excludeSelf: false, exclude: { _, j in j > 1 }, threads: 1)
        for i in 0..<40 {
            #expect(Set(few.neighbours(of: i).prefix(2)) == [0, 1])
            #expect(Array(few.neighbours(of: i).suffix(2)) == [-1, -1])
            #expect(few.values[i * 4 + 3] == -.infinity)
        }
    }
}
