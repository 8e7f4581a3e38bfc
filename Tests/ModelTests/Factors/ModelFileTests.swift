import Core
import Foundation
import Testing
@testable import Model
import TestSupport

/// Saving and loading trained models.
@Suite struct ModelFileTests {
    /// A model of `kind` trained on planted data and written to `<dir>/m.cmxm`.
    func savedModel(_ kind: ModelKind, users: Int, movies: Int, epochs: Int)
        throws -> (model: FactorModel, planted: PlantedRatings, dir: String, path: String) {
        let planted = PlantedRatings.make(users: users, movies: movies)
        let model = try ALSTrainer.train(planted.dataset, settings: testSettings(kind, epochs: epochs), threads: 1).model
        let dir = temporaryDirectory()
        try ModelFile.write(model, to: dir + "/m.cmxm")
        return (model, planted, dir, dir + "/m.cmxm")
    }

    func temporaryDirectory() -> String {
        let dir = NSTemporaryDirectory() + "cinematrix-modelfile-\(UInt64.random(in: 0...UInt64.max))"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test(arguments: ModelKind.allCases)
    func roundTripIsBitExact(kind: ModelKind) throws {
        let planted = PlantedRatings.make(users: 50, movies: 40)
        let model = try ALSTrainer.train(planted.dataset, settings: testSettings(kind, epochs: 2), threads: 2).model
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/m.cmxm"
        try ModelFile.write(model, to: path)
        let back = try ModelFile.read(path: path, includeUserRatings: true)
        #expect(back == model)
        #expect(back.userFactors.values.map(\.bitPattern) == model.userFactors.values.map(\.bitPattern))
        #expect(back.predict(user: 3, movie: 5) == model.predict(user: 3, movie: 5))
    }

    @Test func experimentFolderHoldsModelMetricsAndConfig() throws {
        let planted = PlantedRatings.make(users: 50, movies: 40)
        let settings = testSettings(.biasUVGenre, epochs: 3)
        let run = try ALSTrainer.train(planted.dataset, settings: settings, threads: 2)
        let dir = temporaryDirectory() + "/experiment"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = ExperimentConfig(hyperparameters: settings, threads: 2, dataset: "planted", datasetChecksum: 0xABC,
                                      toolVersion: "test", final: run.history.last)
        try ExperimentFolder.write(run, config: config, to: dir)
        #expect(ModelFile.resolve(dir) == dir + "/model.cmxm")
        #expect(try ModelFile.read(path: dir, includeUserRatings: true) == run.model)
        let csv = try String(contentsOfFile: dir + "/metrics.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.first == "epoch,loss,train_rmse,test_rmse,seconds")
        #expect(csv.count == 4)
        let back = try JSONDecoder().decode(ExperimentConfig.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/config.json")))
        #expect(back.hyperparameters == settings && back.datasetChecksum == "abc")
    }

    @Test func aDatasetWithoutTestRatingsGivesNullTestRMSE() throws {
        var planted = PlantedRatings.make(users: 40, movies: 30)
        planted.dataset.test = RatingTriplets()
        let settings = testSettings(.biasUV, epochs: 2)
        let run = try ALSTrainer.train(planted.dataset, settings: settings, threads: 2)
        #expect(run.history.last!.testRMSE.isNaN)
        let dir = temporaryDirectory() + "/experiment"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = ExperimentConfig(hyperparameters: settings, threads: 2, dataset: "planted", datasetChecksum: 1,
                                      toolVersion: "test", final: run.history.last)
        try ExperimentFolder.write(run, config: config, to: dir)
        let text = try String(contentsOfFile: dir + "/config.json", encoding: .utf8)
        #expect(text.contains("\"testRMSE\" : null"))
        let back = try JSONDecoder().decode(ExperimentConfig.self, from: Data(text.utf8))
        #expect(back.final?.testRMSE.isNaN == true && back.final?.loss == run.history.last!.loss)
    }

    @Test func damagedOrForeignFilesAreRefused() throws {
        let (_, _, dir, path) = try savedModel(.biasUV, users: 30, movies: 20, epochs: 1)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count / 2] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(throws: ContainerError.self) { try ModelFile.read(path: path) }
        var other = ContainerWriter(kind: "DATA", version: 1)
        other.add("x", [Int32(1)])
        try other.write(to: dir + "/d.cmx")
        #expect(throws: ContainerError.self) { try ModelFile.read(path: dir + "/d.cmx") }
        #expect(throws: ContainerError.self) { try ModelFile.read(path: dir + "/missing.cmxm") }
    }
}

extension ModelFileTests {
    @Test func ratingsAreLeftOutUnlessAskedFor() throws {
        let (model, planted, dir, _) = try savedModel(.biasUV, users: 30, movies: 20, epochs: 2)
        #expect(model.userRatings == planted.dataset.trainByUser)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try ModelFile.read(path: dir + "/m.cmxm").userRatings == nil)
        #expect(try ModelFile.read(path: dir + "/m.cmxm", includeUserRatings: true).userRatings == planted.dataset.trainByUser)
    }
}

extension ModelFileTests {
    @Test func readingNoUserOrOneUserGivesTheSameMovieSideAndThatUsersRow() throws {
        let (model, _, dir, path) = try savedModel(.biasUVGenre, users: 40, movies: 30, epochs: 2)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        let movies = try ModelFile.read(path: path, users: .none)
        #expect(movies.userCount == 0 && movies.trainingUserCount == model.userCount)
        #expect(movies.movieFactors == model.movieFactors && movies.movieBias == model.movieBias)
        #expect(movies.genreFactors == model.genreFactors && movies.catalog == model.catalog)
        #expect(movies.movieRatingCounts == model.movieRatingCounts && movies.globalMean == model.globalMean)

        for u in [0, 17, model.userCount - 1] {
            let id = model.userIDs[u]
            let one = try ModelFile.read(path: path, users: .one(id: id))
            #expect(one.userIDs == [id] && one.trainingUserCount == model.userCount)
            #expect(one.userBias == [model.userBias[u]] && one.userFactors.values == model.userFactors.row(u))
            #expect(one.ratings(ofUser: 0)!.map(\.movie) == model.ratings(ofUser: u)!.map(\.movie))
            #expect(one.ratings(ofUser: 0)!.map(\.stars) == model.ratings(ofUser: u)!.map(\.stars))
            // Recommendations from the one-user model are those of the full model.
            let filter = RankingFilter(minRatings: 0, top: 5)
            #expect(try one.recommend(user: 0, filter: filter) == model.recommend(user: u, filter: filter))
        }
        #expect(throws: UserLookupError.unknownUser(id: -5, userCount: model.userCount)) {
            try ModelFile.read(path: path, users: .one(id: -5))
        }
    }

    @Test func aDamagedUserSectionStopsAOneUserReadButNotAMovieSideRead() throws {
        let (model, _, dir, path) = try savedModel(.biasUV, users: 30, movies: 20, epochs: 1)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Flip a byte inside the user vectors: find the section in the table.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let count = Int(bytes[16]) | Int(bytes[17]) << 8
        var offset = -1
        for i in 0..<count {
            let e = 64 + i * 40
            let name = String(decoding: bytes[e..<(e + 16)].prefix { $0 != 0 }, as: UTF8.self)
            if name == "userF" { offset = bytes[(e + 16)..<(e + 24)].reversed().reduce(0) { $0 << 8 | Int($1) } }
        }
        #expect(offset > 0)
        bytes[offset + 4] ^= 0x10
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(try ModelFile.read(path: path, users: .none).movieFactors == model.movieFactors)
        #expect(throws: ContainerError.self) { try ModelFile.read(path: path, users: .one(id: model.userIDs[3])) }
        #expect(throws: ContainerError.self) { try ModelFile.read(path: path) }
    }
}
