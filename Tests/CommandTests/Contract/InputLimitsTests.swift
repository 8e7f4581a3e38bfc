import Foundation
import Testing

/// Command-line values that once crashed the tool or exhausted memory (issue 16): each now gives
/// a clear error or a bounded, correct result.
@Suite(.serialized) struct InputLimitsTests {
    /// A tiny dataset and a quickly trained model in a fresh folder.
    static let trained: (folder: String, model: String) = {
        let (folder, data) = try! TrainEndToEndTests.preparedDataset()
        let r = try! runCinematrix(["train", data, "-k", "4", "--burn-in", "2", "--samples", "3", "--threads", "100000", "--out", folder + "/m"])
        precondition(r.status == 0, r.stderr)
        return (folder, folder + "/m")
    }()

    @Test func tooManyThreadsAreLoweredWithANote() throws {
        let config = try String(contentsOfFile: Self.trained.model + "/config.json", encoding: .utf8)
        #expect(!config.contains("\"threads\" : 100000"), "\(config)")
    }

    @Test func starsOffTheScaleStepOrWrittenOddlyAreRefused() throws {
        for (value, message) in [("4.3", "off this model's scale"), ("0x5", "not a number of stars"), ("inf", "not a number of stars"),
                                 ("7", "off this model's scale")] {
            let r = try runCinematrix(["recommend", Self.trained.model, "--rate", "#1=\(value)"])
            #expect(r.status == 1 && r.stderr.contains(message), "\(value): \(r.stderr)")
        }
    }

    @Test func hugeTopIsCappedByTheCatalogue() throws {
        let rec = try runCinematrix(["recommend", Self.trained.model, "--user", "1", "--top", "9223372036854775807",
                                     "--min-ratings", "0", "--json"])
        #expect(rec.status == 0, "\(rec.stderr)")
        let items = rec.jsonObject?["recommendations"] as? [[String: Any]] ?? []
        #expect(!items.isEmpty && items.count <= 150)
        let similar = try runCinematrix(["similar", Self.trained.model, "#1", "--top", "9223372036854775807", "--min-ratings", "0"])
        #expect(similar.status == 0, "\(similar.stderr)")
    }

    @Test func overlongTitlesAreRefusedAtOnce() throws {
        let title = String(repeating: "a", count: 100_000)
        let r = try runCinematrix(["similar", Self.trained.model, title])
        #expect(r.status == 1 && r.stderr.contains("at most 500 characters"), "\(r.stderr.prefix(200))")
    }
}
