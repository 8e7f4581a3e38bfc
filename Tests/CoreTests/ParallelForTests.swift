import Core
import Dispatch
import Testing

@Suite struct ParallelForTests {
    @Test(arguments: [1, 2, 4])
    func everyIndexRunsExactlyOnce(threads: Int) {
        for (count, grain) in [(0, 1), (1, 64), (10_001, 7), (513, 512)] {
            let visits = Locked([Int](repeating: 0, count: count))
            parallelForEach(count: count, threads: threads, grain: grain) { i, w in
                precondition(w < max(1, threads))
                visits.withLock { $0[i] += 1 }
            }
            #expect(visits.withLock { $0.allSatisfy { $0 == 1 } }, "count \(count), grain \(grain)")
        }
    }

    @Test func chunksCoverTheRangeInOrder() {
        let ranges = chunkRanges(count: 10, parts: 4)
        #expect(ranges == [0..<2, 2..<5, 5..<7, 7..<10])
        #expect(chunkRanges(count: 3, parts: 8) == [0..<1, 1..<2, 2..<3])
        #expect(chunkRanges(count: 0, parts: 3).isEmpty)
    }

    @Test func lockedUpdatesFromManyThreadsAreNotLost() {
        let total = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<10_000 { total.withLock { $0 += 1 } }
        }
        #expect(total.withLock { $0 } == 80_000)
    }

    @Test func countingSortOffsetsAreStableRowStarts() {
        // Two chunks, three rows: chunk 0 holds 2, 0, 1 entries per row, chunk 1 holds 1, 3, 0.
        var counts = [[2, 0, 1], [1, 3, 0]]
        let start = countingSortOffsets(&counts, rows: 3)
        #expect(start == [0, 3, 6, 7])
        #expect(counts == [[0, 3, 6], [2, 3, 7]])  // each chunk's first slot in each row, chunk 0 first
    }

    @Test func allFiniteRefusesNaNAndInfinities() {
        #expect(allFinite([0, -0.0, 1, .greatestFiniteMagnitude, .leastNonzeroMagnitude]))
        #expect(allFinite([]))
        for bad: Float in [.nan, .infinity, -.infinity, .signalingNaN] { #expect(!allFinite([1, bad, 2])) }
    }
}
