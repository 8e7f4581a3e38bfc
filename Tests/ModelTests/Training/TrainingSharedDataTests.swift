import Core
import Foundation
import Testing
@testable import Model
import TestSupport

/// Accuracy on the real ml-latest-small split (`../shared/data/ml-latest-small-split`, the
/// movie list from `ml-latest-small`). Skipped, with a message, when the shared data is absent
/// (set CINEMATRIX_SHARED to the folder holding `data/`).
@Suite struct TrainingSharedDataTests {
    static func load() throws -> Dataset {
        let split = SharedData.path("ml-latest-small-split")
        return try MovieLensReader.read(directory: SharedData.path("ml-latest-small"),
                                        options: ReadOptions(trainFile: split + "/train.csv", testFile: split + "/test.csv"))
    }

    @Test(.needsSharedData("ml-latest-small", "ml-latest-small-split"))
    func defaultsMeetTheAccuracyTargetAndTheModelsAreOrdered() throws {
        let data = try Self.load()
        var rmse: [ModelKind: Double] = [:]
        for kind in ModelKind.allCases {
            let run = try ALSTrainer.train(data, settings: .defaults(for: kind), threads: availableCores)
            rmse[kind] = run.history.last!.testRMSE
        }
        #expect(rmse[.biasUVGenre]! <= 0.835, "bias-uv-genre with defaults: \(rmse[.biasUVGenre]!)")
        #expect(rmse[.bias]! > rmse[.biasUV]! && rmse[.biasUV]! > rmse[.biasUVGenre]!, "\(rmse)")
    }
}
