import Core
import Testing
import Model
@testable import Analyze

@Suite struct GenreAnalysisTests {
    // Items 0–1: genre 0 only; items 2–3: genre 1 only; item 4: genres 0 and 2; item 5: none.
    let membership = GenreMembership(start: [0, 1, 2, 3, 4, 6, 6], genres: [0, 0, 1, 1, 0, 2], genreCount: 4)

    @Test func centroidCosinesFollowPlantedDirections() {
        let vectors = Matrix(rows: 6, columns: 2, values: [1, 0, 3, 0, 0, 2, 0, 1, 1, 1, 5, 5])
        let g = GenreCentroids(vectors: vectors, membership: membership)
        #expect(g.sizes == [3, 2, 1, 0])
        // Genre 0 mean (5/3, 1/3); genre 1 mean (0, 3/2); genre 2 mean (1, 1).
        #expect(abs(g.cosine[0, 1] - Float((1.0 / 3.0) / (26.0 / 9.0).squareRoot())) < 1e-6)
        #expect(abs(g.cosine[1, 2] - Float(1 / 2.0.squareRoot())) < 1e-6)
        #expect(g.cosine[0, 0] == 1 && g.cosine[3, 3] == 0 && g.cosine[0, 3] == 0)
        #expect(g.cosine[2, 0] == g.cosine[0, 2])
    }

    @Test func primaryGenreIsTheRarestOne() {
        #expect(membership.primaryGenres() == [0, 0, 1, 1, 2, -1])
        #expect(membership.selecting([4, 2]).genres == [0, 2, 1])
    }

    @Test func summariesReportSizeLiftAndPopularMembers() {
        let summary = ClusterSummary.summarise(assignments: [0, 0, 1, 1, 0, 1], k: 2, membership: membership,
                                               ratingCounts: [5, 50, 7, 7, 20, 1], topGenres: 2, topItems: 2)
        #expect(summary.map(\.size) == [3, 3])
        // Cluster 0 = items 0, 1, 4: genre 0 in 3/3 (overall 3/6 → lift 2), genre 2 in 1/3 (overall 1/6 → lift 2).
        #expect(summary[0].topGenres.map(\.genre) == [0, 2])
        #expect(summary[0].topGenres.allSatisfy { abs($0.lift - 2) < 1e-12 })
        #expect(summary[0].mostPopular == [1, 4])
        #expect(summary[1].mostPopular == [2, 3])   // tie on 7 ratings: lower index first
        #expect(popularItems(ratingCounts: [5, 50, 7, 7, 20, 1], minimum: 7) == [1, 2, 3, 4])
    }
}
