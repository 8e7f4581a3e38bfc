import Foundation
import Testing
import TestSupport

/// `synth` → `prepare` → `train` / `compare` / `tune` with the built command on a tiny dataset.
@Suite struct TrainEndToEndTests {
    /// A prepared tiny synthetic dataset in a fresh temporary folder.
    static func preparedDataset() throws -> (folder: String, data: String) {
        let folder = NSTemporaryDirectory() + "cinematrix-train-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let synth = try runCinematrix(["synth", "--users", "120", "--movies", "150", "--ratings", "4000", "--out", folder + "/csv", "--quiet"])
        #expect(synth.status == 0, "\(synth.stderr)")
        let prepare = try runCinematrix(["prepare", folder + "/csv", "--out", folder + "/data.cmx", "--quiet"])
        #expect(prepare.status == 0, "\(prepare.stderr)")
        return (folder, folder + "/data.cmx")
    }

    @Test func trainWritesAnExperimentFolderAndJSON() throws {
        let (folder, data) = try Self.preparedDataset()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let out = folder + "/exp"
        let r = try runCinematrix(["train", data, "--model", "bias-uv-genre", "-k", "4", "--inference", "map", "--epochs", "3", "--threads", "2",
                                   "--out", out, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("test RMSE"))   // the live table goes to stderr with --json
        let json = r.jsonObject
        let settings = json?["hyperparameters"] as? [String: Any]
        #expect(settings?["rank"] as? Int == 4)
        #expect((json?["datasetChecksum"] as? String)?.isEmpty == false)
        for file in ["model.cmxm", "metrics.csv", "config.json"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + file), "missing \(file)")
        }
        let metrics = try String(contentsOfFile: out + "/metrics.csv", encoding: .utf8).split(separator: "\n")
        #expect(metrics.count == 4 && metrics[0] == "epoch,loss,train_rmse,test_rmse,seconds")
        // Same seed again: the model file is byte-identical.
        let again = try runCinematrix(["train", data, "--model", "bias-uv-genre", "-k", "4", "--inference", "map", "--epochs", "3", "--threads", "1",
                                       "--out", folder + "/exp2"])
        #expect(again.status == 0)
        #expect(FileManager.default.contentsEqual(atPath: out + "/model.cmxm", andPath: folder + "/exp2/model.cmxm"))
    }

    @Test func gibbsTrainingWritesSweepsAndRecommendPrintsTheSpread() throws {
        let (folder, data) = try Self.preparedDataset()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let out = folder + "/gibbs"
        let r = try runCinematrix(["train", data, "-k", "4", "--burn-in", "3", "--samples", "5", "--threads", "2", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("burn-in") && r.stdout.contains("sample"))
        let metrics = try String(contentsOfFile: out + "/metrics.csv", encoding: .utf8).split(separator: "\n")
        #expect(metrics.count == 9 && metrics[0] == "sweep,burn_in,train_rmse,test_rmse,alpha,seconds")
        #expect(metrics[3].hasPrefix("3,1,") && metrics[4].hasPrefix("4,0,"))
        for file in ["loss.png", "rmse.png", "model.cmxm", "config.json"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + file), "missing \(file)")
        }
        let config = try String(contentsOfFile: out + "/config.json", encoding: .utf8)
        #expect(config.contains("\"inference\" : \"gibbs\"") && config.contains("\"samples\" : 5"))
        // Re-drawn from metrics.csv and the model beside it, the charts have the same pixels (the
        // same image data; only the text metadata naming the command differs).
        let drawn = try ["loss.png", "rmse.png"].map { try PNGChunks(contentsOf: out + "/" + $0).imageData }
        #expect(try runCinematrix(["plot", out]).status == 0)
        let redrawn = try ["loss.png", "rmse.png"].map { try PNGChunks(contentsOf: out + "/" + $0).imageData }
        #expect(drawn == redrawn && !drawn[0].isEmpty)
        let rec = try runCinematrix(["recommend", out, "--user", "3", "--min-ratings", "0"])
        #expect(rec.status == 0, "\(rec.stderr)")
        #expect(rec.stdout.contains(" ± "), "\(rec.stdout)")
        let json = try runCinematrix(["recommend", out, "--user", "3", "--min-ratings", "0", "--json"])
        let items = json.jsonObject?["recommendations"] as? [[String: Any]]
        #expect(items?.first?["predictedSD"] as? Double ?? 0 > 0)
    }

    @Test func aKilledGibbsRunLeavesNoModel() throws {
        let (folder, data) = try Self.preparedDataset()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let process = Process()
        process.executableURL = productsDirectory.appendingPathComponent("cinematrix")
        process.arguments = ["train", data, "-k", "4", "--burn-in", "100000", "--samples", "10", "--out", folder + "/killed"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/killed")) ?? []
        #expect(!left.contains { $0.hasPrefix("model.cmxm") }, "left behind: \(left)")
    }

    @Test(arguments: [
        (["--samples", "0"], "average at least 1 sample"),
        (["--burn-in=-2"], "burn-in"),
        (["--epochs", "5"], "Add --inference map"),
        (["--inference", "map", "--samples", "5"], "a setting of Gibbs sampling"),
        (["--inference", "bayes"], "bayes"),
    ])
    func gibbsSettingsAreCheckedBeforeAnyWork(arguments: [String], message: String) throws {
        let r = try runCinematrix(["train", "/nonexistent/data.cmx"] + arguments)
        #expect(r.status != 0)
        #expect(r.stderr.contains(message), "stderr: \(r.stderr)")
    }

    @Test func compareAndTuneWriteTheirTables() throws {
        let (folder, data) = try Self.preparedDataset()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let c = try runCinematrix(["compare", data, "-k", "4", "--inference", "map", "--epochs", "3", "--out", folder + "/cmp"])
        #expect(c.status == 0, "\(c.stderr)")
        #expect(c.stdout.contains("bias-uv-genre"))
        let csv = try String(contentsOfFile: folder + "/cmp/comparison.csv", encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 4)
        // Both inferences side by side, judged by ranking quality and genre echo too.
        let both = try runCinematrix(["compare", data, "-k", "4", "--epochs", "3", "--burn-in", "2", "--samples", "3", "--out", folder + "/both"])
        #expect(both.status == 0, "\(both.stderr)")
        let bothRows = try String(contentsOfFile: folder + "/both/comparison.csv", encoding: .utf8).split(separator: "\n")
        #expect(bothRows.count == 7)
        #expect(bothRows[0] == "model,inference,k,epochs,train_rmse,test_rmse,precision_at_10,recall_at_10,ndcg_at_10,coverage,mean_popularity,genre_echo,seconds_per_epoch")
        #expect(bothRows.dropFirst().filter { $0.contains(",gibbs,") }.count == 3 && bothRows.dropFirst().filter { $0.contains(",map,") }.count == 3)
        for row in bothRows.dropFirst() {
            let precision = Double(row.split(separator: ",")[6]) ?? -1
            #expect(precision >= 0 && precision <= 1, "\(row)")
        }
        let rules = try String(contentsOfFile: folder + "/both/ranking-rules.csv", encoding: .utf8).split(separator: "\n")
        #expect(rules.count == 6 && rules[1].hasPrefix("taste,") && rules[5].hasPrefix("rating,"))
        #expect(FileManager.default.fileExists(atPath: folder + "/both/bias-uv-genre-gibbs/model.cmxm"))
        let t = try runCinematrix(["tune", data, "--k", "2,4", "--tau", "5,15", "--gamma", "3", "--epochs", "3", "--out", folder + "/tune"])
        #expect(t.status == 0, "\(t.stderr)")
        #expect(t.stdout.contains("best: -k"))
        #expect(t.stdout.contains("test RMSE of the best configuration"))
        let rows = try String(contentsOfFile: folder + "/tune/tune.csv", encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 5)
        #expect(FileManager.default.fileExists(atPath: folder + "/tune/best/model.cmxm"))
    }

    @Test func aDamagedDatasetIsRefused() throws {
        let folder = NSTemporaryDirectory() + "cinematrix-bad-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("not a dataset".utf8).write(to: URL(fileURLWithPath: folder + "/x.cmx"))
        let r = try runCinematrix(["train", folder + "/x.cmx", "--out", folder + "/exp"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("x.cmx"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/exp"))
    }
}
