import Core
import Testing
@testable import Model
import TestSupport

@Suite struct RecommendTests {
    /// A converged bias-uv-genre model on planted data where genres shape the movie vectors.
    static let model: FactorModel = {
        let planted = PlantedRatings.make(users: 300, movies: 200, genreStrength: 1.5)
        return try! ALSTrainer.train(planted.dataset, settings: testSettings(.biasUVGenre, epochs: 60), threads: 2).model
    }()

    @Test func foldingInATrainingUsersRatingsReproducesTheirTrainedParameters() throws {
        let m = Self.model
        for u in [0, 17, 123, 250] {
            let fit = try m.foldIn(m.ratings(ofUser: u)!)
            #expect(abs(fit.bias - m.userBias[u]) < 2e-3, "user \(u) bias \(fit.bias) vs \(m.userBias[u])")
            let trained = m.userFactors.row(u)
            let gap = zip(fit.vector, trained).map { abs($0 - $1) }.max()!
            let size = trained.map(abs).max()!
            #expect(gap < 2e-3 * max(1, size), "user \(u) vector differs by \(gap)")
        }
    }

    @Test func knownUsersNeverGetWhatTheyRatedUnlessAsked() throws {
        let m = Self.model
        let u = 42
        let rated = Set(m.ratings(ofUser: u)!.map(\.movie))
        let all = try m.recommend(user: u, filter: RankingFilter(top: m.movieCount))
        #expect(all.count == m.movieCount - rated.count)
        #expect(all.allSatisfy { !rated.contains($0.movie) })
        #expect(zip(all, all.dropFirst()).allSatisfy { $0.score >= $1.score })
        let with = try m.recommend(user: u, filter: RankingFilter(includeRated: true, top: m.movieCount))
        #expect(with.count == m.movieCount)
        for r in with.prefix(20) {
            #expect(abs(r.score - m.score(user: u, movie: r.movie)) < 1e-4)
            #expect(abs(r.score - (m.globalMean + m.userBias[u] + r.movieBias + r.tasteMatch)) < 1e-4)
        }
    }

    @Test func genreAndPopularityFiltersHold() throws {
        let m = Self.model
        let recs = try m.recommend(user: 7, filter: RankingFilter(genre: 2, minRatings: 15, top: 25))
        #expect(!recs.isEmpty)
        #expect(recs.allSatisfy { m.catalog.genres(of: $0.movie).contains(2) && m.movieRatingCounts[$0.movie] >= 15 })
        // The filtered list is the unfiltered ranking restricted to the filter, in order.
        let unfiltered = try m.recommend(user: 7, filter: RankingFilter(top: m.movieCount))
            .filter { m.catalog.genres(of: $0.movie).contains(2) && m.movieRatingCounts[$0.movie] >= 15 }
        #expect(recs.map(\.movie) == Array(unfiltered.prefix(25).map(\.movie)))
    }

    @Test func aUserWhoLovesOneGenreIsRecommendedThatGenre() throws {
        let m = Self.model
        let loved: Int32 = 0
        let popular = (0..<m.movieCount).sorted { m.movieRatingCounts[$0] > m.movieRatingCounts[$1] }
        let fans = popular.filter { m.catalog.genres(of: $0) == [loved] }.prefix(8)
        let others = popular.filter { !m.catalog.genres(of: $0).isEmpty && !m.catalog.genres(of: $0).contains(loved) }.prefix(8)
        let ratings = fans.map { ($0, Float(6)) } + others.map { ($0, Float(1.5)) }
        let fit = try m.foldIn(ratings)
        let recs = m.recommend(bias: fit.bias, vector: fit.vector, rated: fit.rated, filter: RankingFilter(minRatings: 5, top: 10))
        let hits = recs.filter { m.catalog.genres(of: $0.movie).contains(loved) }.count
        #expect(hits >= 8, "only \(hits) of 10 recommendations have the loved genre")
        #expect(recs.allSatisfy { !fit.rated.contains(Int32($0.movie)) })
    }

    @Test func explanationsAddUpToTheTasteMatch() throws {
        let m = Self.model
        let ratings = m.ratings(ofUser: 5)!
        let fit = try m.foldIn(ratings)
        let top = m.recommend(bias: fit.bias, vector: fit.vector, rated: fit.rated, filter: RankingFilter(top: 3))
        for r in top {
            let parts = fit.contributions(toTasteOf: m.movieFactors.row(r.movie), movieFactors: m.movieFactors)
            #expect(abs(parts.reduce(0, +) - r.tasteMatch) < 1e-3 * max(1, abs(r.tasteMatch)))
            let reasons = m.explain(movie: r.movie, fit: fit, limit: 3)
            #expect(reasons.count <= 3 && zip(reasons, reasons.dropFirst()).allSatisfy { $0.contribution >= $1.contribution })
            #expect(reasons.allSatisfy { reason in ratings.contains { $0.movie == reason.movie } })
        }
    }

    @Test func badRatingsAreRefusedWithTheReason() throws {
        let m = Self.model
        #expect { try m.foldIn([]) } throws: { ($0 as? FoldInError) == .noRatings }
        #expect { try m.foldIn([(3, 500)]) } throws: { "\($0)".contains("off the scale") }
        #expect { try m.foldIn([(3, 4), (3, 5)]) } throws: { ($0 as? FoldInError) == .duplicate(movie: m.catalog.displayTitle(3)) }
        #expect { try m.userIndex(id: 999_999) } throws: { "\($0)".contains("no user with id 999999") }
        var bare = m
        bare.userRatings = nil
        #expect { try bare.recommend(user: 1, filter: RankingFilter()) } throws: { ($0 as? UserLookupError) == .noRatingsInModel }
    }
}
