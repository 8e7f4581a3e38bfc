import Foundation
import Testing
import TestSupport

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
        // Re-rendering from metrics.csv (and the model beside it, for the titles) gives the
        // same pictures: the same bytes in every chunk but the tEXt chunk in which plot names
        // its own command line, which train does not write.
        let charts = ["loss.png", "rmse.png"]
        let drawn = try charts.map { try PNGChunks(contentsOf: dir + "/run/" + $0) }
        let plot = try runCinematrix(["plot", dir + "/run"])
        #expect(plot.status == 0, "\(plot.stderr)")
        let redrawn = try charts.map { try PNGChunks(contentsOf: dir + "/run/" + $0) }
        for (name, (a, b)) in zip(charts, zip(drawn, redrawn)) {
            #expect(a.chunks.contains { $0.type == "IDAT" } && a.chunks.allSatisfy { $0.textKeyword != "Parameters" }, "\(name)")
            #expect(b.chunks.contains { $0.textKeyword == "Parameters" }, "\(name): plot names its command")
            #expect(a.dropping(text: ["Parameters"]) == b.dropping(text: ["Parameters"]), "\(name) differs after plot")
        }
    }
}
