import Core
import Testing
import TestSupport

@Suite struct TopKTests {
    /// Scores from a handful of values, so that ties are common, in a shuffled index order.
    static func candidates(_ n: Int, seed: UInt64) -> [(index: Int, score: Float)] {
        var rng = SplitMix64(seed: seed)
        var list = (0..<n).map { i in (index: i * 3 + 1, score: Float(rng.next() % 5) - 2) }
        list.shuffle(using: &rng)
        return list
    }

    /// What every top-k must equal: all candidates sorted by score descending, then index.
    static func sortedTruth(_ c: [(index: Int, score: Float)], k: Int) -> [Int] {
        c.sorted { $0.score > $1.score || ($0.score == $1.score && $0.index < $1.index) }.prefix(k).map(\.index)
    }

    @Test(arguments: [0, 1, 5, 40, 57])
    func bestEqualsASortOfEveryCandidate(k: Int) {
        for seed in 1...5 as ClosedRange<UInt64> {
            let c = Self.candidates(40, seed: seed)
            let best = TopK.best(c, k: k)
            #expect(best.map(\.index) == Self.sortedTruth(c, k: k))
            #expect(best.count == min(k, 40))
            for e in best { #expect(c.contains { $0.index == e.index && $0.score == e.score }) }
        }
    }

    @Test func selectScoresOnlyWhatTheFilterAdmits() {
        let scores: [Float] = [5, 1, 5, 9, 3, 9, 0, 7]
        var asked: [Int] = []
        let best = TopK.select(count: scores.count, k: 3, include: { $0 % 2 == 0 }) { i -> Float in
            asked.append(i)
            return scores[i]
        }
        #expect(asked == [0, 2, 4, 6])
        #expect(best.map(\.index) == [0, 2, 4])  // 5, 5 (tie: lower index first), 3
        #expect(best.map(\.score) == [5, 5, 3])
        #expect(TopK.select(count: 8, k: 3, include: { _ in false }) { scores[$0] }.isEmpty)
        #expect(TopK.select(count: 8, k: 3, include: { _ in true }) { scores[$0] }.map(\.index) == [3, 5, 7])
    }

    @Test func nanRanksAfterEveryNumber() {
        let c: [(index: Int, score: Double)] = [(3, .nan), (1, 2), (2, -.infinity), (0, .nan), (4, 1)]
        #expect(TopK.best(c, k: 2).map(\.index) == [1, 4])
        #expect(TopK.best(c, k: 3).map(\.index) == [1, 4, 2])
        #expect(TopK.best(c, k: 5).map(\.index) == [1, 4, 2, 0, 3])
    }

    @Test func offerKeepsARawListSortedAndReportsWhatItKept() {
        var scores = [Float](repeating: 0, count: 3), indices = [Int32](repeating: 0, count: 3)
        var filled = 0
        var kept: [Bool] = []
        for (i, s) in [Float(2), 8, 2, 5, 1, 8].enumerated() {
            kept.append(TopK.offer(s, index: Int32(i), scores: &scores, indices: &indices, filled: &filled, k: 3))
        }
        #expect(kept == [true, true, true, true, false, true])
        #expect(filled == 3 && indices == [1, 5, 3] && scores == [8, 8, 5])
    }
}
