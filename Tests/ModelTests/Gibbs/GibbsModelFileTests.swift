import Core
import Foundation
import Testing
@testable import Model
import TestSupport

/// Gibbs-trained models in files: the posterior spread survives a round trip, files without it
/// (every file written before Gibbs sampling) still read, and folding in a new user uses the
/// learned prior.
@Suite struct GibbsModelFileTests {
    static let run: TrainingRun = {
        let data = PlantedRatings.make(users: 120, movies: 90).dataset
        return try! GibbsTrainer.train(data, settings: GibbsSamplerTests.gibbsSettings(.biasUVGenre, burnIn: 4, samples: 6), threads: 2)
    }()

    static func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "cmx-gibbs-\(getpid())-\(name).cmxm"
    }

    @Test func posteriorSpreadRoundTrips() throws {
        let path = Self.temporaryPath("round")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ModelFile.write(Self.run.model, to: path)
        let read = try ModelFile.read(path: path, includeUserRatings: true)
        #expect(read == Self.run.model)
        let spread = try #require(read.posterior)
        #expect(spread.samples == 6)
        #expect(spread.movieFactorVariance.values.contains { $0 > 0 })
        // One user: that user's rows of the spread; no users: none.
        let one = try ModelFile.read(path: path, users: .one(id: read.userIDs[7]))
        #expect(one.posterior?.userBiasVariance == [spread.userBiasVariance[7]])
        #expect(one.posterior?.userFactorVariance.values == read.posterior?.userFactorVariance.row(7))
        #expect(one.predictiveDeviation(user: 0, movie: 3) == read.predictiveDeviation(user: 7, movie: 3))
        let none = try ModelFile.read(path: path, users: .none)
        #expect(none.posterior?.userBiasVariance.isEmpty == true)
        #expect(none.posterior?.movieBiasVariance == spread.movieBiasVariance)
    }

    @Test func mapModelsAndOldSettingsReadAsBefore() throws {
        // A MAP model has no posterior sections; its settings JSON as written before Gibbs
        // sampling (no inference, burnIn, samples keys) decodes as MAP.
        let data = PlantedRatings.make(users: 60, movies: 40).dataset
        let map = try ALSTrainer.train(data, settings: testSettings(.biasUV, epochs: 2), threads: 2).model
        let path = Self.temporaryPath("map")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ModelFile.write(map, to: path)
        let read = try ModelFile.read(path: path)
        #expect(read.posterior == nil && read.hyperparameters.inference == .map)
        #expect(read.predictiveDeviation(user: 0, movie: 0) == nil)
        let old = #"{"epochs":15,"gamma":3,"initScale":0.1,"kind":"bias-uv-genre","lambda":1,"rank":32,"seed":1,"tau":15}"#
        let decoded = try JSONDecoder().decode(Hyperparameters.self, from: Data(old.utf8))
        #expect(decoded.inference == .map && decoded.rank == 32 && decoded.tau == 15 && decoded.kind == .biasUVGenre)
    }

    @Test func foldInUsesTheLearnedPriorAndGivesASpread() throws {
        let m = Self.run.model
        let spread = try #require(m.posterior)
        let ratings = [(movie: 0, stars: Float(4.5)), (movie: 1, stars: Float(2)), (movie: 5, stars: Float(4))]
        let fit = try m.foldIn(ratings)
        // The same solve by hand: prior blockdiag(Λ_x, β_b)/α, term (Λ_x μ_x/α, 0).
        let prior = FoldInPrior.posterior(spread, rank: m.rank)
        let byHand = try FoldIn.solve(movies: ratings.map { Int32($0.movie) }, ratings: ratings.map(\.stars), globalMean: m.globalMean,
                                      movieBias: m.movieBias, movieFactors: m.movieFactors, prior: prior)
        #expect(fit.vector == byHand.vector && fit.bias == byHand.bias)
        let ridge = try FoldIn.solve(movies: ratings.map { Int32($0.movie) }, ratings: ratings.map(\.stars), globalMean: m.globalMean,
                                     movieBias: m.movieBias, movieFactors: m.movieFactors,
                                     vectorRidge: m.hyperparameters.vectorRidge, biasRidge: m.hyperparameters.biasRidge)
        #expect(fit.vector != ridge.vector, "a Gibbs model must not fold in with the MAP ridge")
        let deviation = try #require(m.predictiveDeviation(fit: fit, movie: 10))
        #expect(deviation >= 1 / spread.noisePrecision.squareRoot() && deviation.isFinite)
    }
}
