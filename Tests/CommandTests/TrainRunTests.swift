import Foundation
import Testing

/// `synth` → `prepare` → `train` → `plot` end to end on a small synthetic set.
@Suite(.serialized) struct TrainRunTests {
    @Test func trainingWritesModelMetricsConfigAndCharts() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cmx-train-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try runCinematrix(["synth", "--out", dir + "/data", "--users", "120", "--movies", "150", "--ratings", "6000", "--quiet"]).status == 0)
        let prep = try runCinematrix(["prepare", dir + "/data", "--out", dir + "/d.cmx", "--quiet"])
        #expect(prep.status == 0, "\(prep.stderr)")
        let train = try runCinematrix(["train", dir + "/d.cmx", "--model", "bias-uv-genre", "-k", "4", "--inference", "map", "--epochs", "4", "--out", dir + "/run", "--json"])
        #expect(train.status == 0, "\(train.stderr)")
        for f in ["model.cmxm", "metrics.csv", "config.json", "loss.png", "rmse.png"] {
            #expect(FileManager.default.fileExists(atPath: "\(dir)/run/\(f)"), "missing \(f)")
        }
        let config = train.jsonObject
        #expect(config?["datasetChecksum"] as? String != nil)
        let metrics = try String(contentsOfFile: dir + "/run/metrics.csv", encoding: .utf8).split(separator: "\n")
        #expect(metrics.count == 5)
        let losses = metrics.dropFirst().map { Double($0.split(separator: ",")[1])! }
        #expect(zip(losses, losses.dropFirst()).allSatisfy { $0 >= $1 }, "loss rose: \(losses)")
        // Re-rendering from metrics.csv gives the same pictures.
        let before = FileManager.default.contents(atPath: dir + "/run/rmse.png")
        #expect(try runCinematrix(["plot", dir + "/run"]).status == 0)
        #expect(FileManager.default.contents(atPath: dir + "/run/rmse.png") != nil && before != nil)
    }
}
