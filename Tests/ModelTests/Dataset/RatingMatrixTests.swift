import Core
import Testing
import TestSupport
@testable import Model

@Suite struct RatingMatrixTests {
    @Test func tripletsBecomeSortedRowsAndTransposeRoundTrips() {
        var rng = SplitMix64(seed: 7)
        var rows: [Int32] = [], cols: [Int32] = [], vals: [Float] = []
        var seen = Set<Int>()
        while rows.count < 300 {
            let r = Int(rng.next() % 40), c = Int(rng.next() % 25)
            if seen.insert(r * 100 + c).inserted {
                rows.append(Int32(r)); cols.append(Int32(c)); vals.append(Float(rng.next() % 10) / 2 + 0.5)
            }
        }
        let m = RatingMatrix.fromTriplets(rows: rows, columns: cols, values: vals, rowCount: 40, columnCount: 25)
        #expect(m.count == 300)
        var lookup: [Int: Float] = [:]
        for i in 0..<rows.count { lookup[Int(rows[i]) * 100 + Int(cols[i])] = vals[i] }
        for r in 0..<m.rowCount {
            let range = m.rowStart[r]..<m.rowStart[r + 1]
            #expect(zip(range.dropFirst(), range).allSatisfy { m.columnIndex[$0] > m.columnIndex[$1] })
            for p in range { #expect(lookup[r * 100 + Int(m.columnIndex[p])] == m.value[p]) }
        }
        let t = m.transposed()
        #expect(t.rowCount == 25 && t.columnCount == 40 && t.count == 300)
        #expect(t.transposed() == m)
    }

    @Test func parallelChunksCoverTheRangeOnce() {
        for (n, p) in [(0, 3), (1, 4), (10, 3), (1000, 7)] {
            let ranges = chunkRanges(count: n, parts: p)
            #expect(ranges.flatMap { Array($0) } == Array(0..<n))
        }
    }
}
