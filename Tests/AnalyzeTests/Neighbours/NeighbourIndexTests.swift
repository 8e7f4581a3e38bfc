import Core
import Testing
import TestSupport
import Model
@testable import Analyze

@Suite struct NeighbourIndexTests {
    static func bruteForce(_ m: Matrix, query: [Float], similarity: Similarity, excluding: Int?) -> [(Int, Double)] {
        let qn = query.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        return (0..<m.rows).filter { $0 != excluding }.map { j -> (Int, Double) in
            let row = m.row(j)
            let dot = zip(query, row).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            let rn = row.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            return (j, similarity == .dot ? dot : dot / (qn * rn))
        }.sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
    }

    @Test(arguments: Similarity.allCases)
    func tableAndQueriesAgreeWithBruteForce(similarity: Similarity) {
        let m = PlantedPoints.gaussian(rows: 157, columns: 12, seed: 21)
        let index = NeighbourIndex(vectors: m, similarity: similarity)
        let table = index.table(k: 6, threads: 2)
        for i in 0..<m.rows {
            let truth = Self.bruteForce(m, query: m.row(i), similarity: similarity, excluding: i).prefix(6)
            #expect(table.neighbours(of: i).map(Int.init) == truth.map { $0.0 })
            for (t, expected) in truth.enumerated() { #expect(abs(Double(table.values[i * 6 + t]) - expected.1) < 1e-5) }
            #expect(index.mostSimilar(toRow: i, k: 6).map { $0.index } == truth.map { $0.0 })
        }
        let outside = PlantedPoints.gaussian(rows: 1, columns: 12, seed: 5).values
        #expect(index.mostSimilar(to: outside, k: 4).map { $0.index }
                == Self.bruteForce(m, query: outside, similarity: similarity, excluding: nil).prefix(4).map { $0.0 })
    }

    @Test func selfSimilarityOfANormalisedVectorIsExactlyOne() {
        let m = PlantedPoints.gaussian(rows: 50, columns: 32, seed: 8)
        let index = NeighbourIndex(vectors: m, similarity: .cosine)
        for i in 0..<m.rows {
            #expect(index.score(i, i) == 1)
            let best = index.mostSimilar(to: m.row(i), k: 1)
            #expect(best.first?.index == i && best.first?.score == 1)
        }
    }

    @Test func tableIsTheSameForOneOrTwoThreads() {
        let m = PlantedPoints.gaussian(rows: 400, columns: 20, seed: 2)
        let index = NeighbourIndex(vectors: m, similarity: .cosine)
        #expect(index.table(k: 10, threads: 1) == index.table(k: 10, threads: 2))
    }
}

extension NeighbourIndexTests {
    @Test(arguments: Similarity.allCases)
    func exclusionsAreAppliedInsideTheSearch(similarity: Similarity) {
        let m = PlantedPoints.gaussian(rows: 300, columns: 8, seed: 31)
        let index = NeighbourIndex(vectors: m, similarity: similarity)
        // Only every fifth row may be listed: a list of 7 must still be full and exact.
        for i in [0, 4, 151, 299] {
            let truth = Self.bruteForce(m, query: m.row(i), similarity: similarity, excluding: i)
                .filter { $0.0 % 5 == 0 }.prefix(7)
            let found = index.mostSimilar(toRow: i, k: 7, excluding: { $0 % 5 != 0 })
            #expect(found.map(\.index) == truth.map { $0.0 })
            for (f, t) in zip(found, truth) { #expect(abs(Double(f.score) - t.1) < 1e-5) }
        }
        // Fewer rows left than asked for: all of them.
        #expect(index.mostSimilar(toRow: 3, k: 5, excluding: { $0 > 2 }).map(\.index).sorted() == [0, 1, 2])
    }
}
