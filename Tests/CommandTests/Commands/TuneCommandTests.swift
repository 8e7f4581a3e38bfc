import Core
import Foundation
import Testing
import TestSupport

/// `cinematrix tune` end to end: the configuration it picks is the row of tune.csv with the
/// lowest validation RMSE, and the test ratings take no part in picking it.
@Suite struct TuneCommandTests {
    /// Runs tune on `data` and returns its standard output and tune.csv's rows split into
    /// fields (header first).
    static func tune(_ data: String, out: String) throws -> (stdout: String, rows: [[Substring]]) {
        let r = try runCinematrix(["tune", data, "--model", "bias-uv", "--k", "2,4", "--tau", "1,10", "--gamma", "3",
                                   "--epochs", "3", "--threads", "2", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try String(contentsOfFile: out + "/tune.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",") }
        return (r.stdout, rows)
    }

    @Test func theBestRowHasTheLowestValidationRMSEAndTheTestRatingsPlayNoPart() throws {
        let f = try IngestFixture.synthetic("tune", users: 120, movies: 150, ratings: 4_000, seed: 5)
        defer { f.remove() }
        // One split of the ratings, and a copy whose test ratings have other stars (r → 5.5 − r).
        let lines = try String(contentsOfFile: f.directory + "/ratings.csv", encoding: .utf8).split(separator: "\n")
        let body = Array(lines.dropFirst())
        let train = body.enumerated().filter { $0.offset % 5 != 0 }.map(\.element)
        let test = body.enumerated().filter { $0.offset % 5 == 0 }.map(\.element)
        let flipped = try test.map { line -> String in
            var fields = line.split(separator: ",").map(String.init)
            let stars = try #require(Double(fields[2]))
            fields[2] = String(5.5 - stars)
            return fields.joined(separator: ",")
        }
        let header = String(lines[0]) + "\n"
        f.write("train.csv", header + train.joined(separator: "\n") + "\n")
        f.write("test.csv", header + test.joined(separator: "\n") + "\n")
        f.write("flipped.csv", header + flipped.joined(separator: "\n") + "\n")
        for (name, testFile) in [("a", "test.csv"), ("b", "flipped.csv")] {
            let p = try runCinematrix(["prepare", f.directory, "--train", f.directory + "/train.csv", "--test", f.directory + "/" + testFile,
                                       "--out", f.directory + "/\(name).cmx", "--quiet"])
            #expect(p.status == 0, "\(p.stderr)")
        }
        let a = try Self.tune(f.directory + "/a.cmx", out: f.directory + "/tune-a")
        let b = try Self.tune(f.directory + "/b.cmx", out: f.directory + "/tune-b")

        // tune.csv: model,k,lambda,tau,gamma,epochs,validation_rmse,train_rmse,seconds_per_epoch.
        #expect(a.rows.first?.count == 9 && a.rows.count == 5)
        let configurations = Array(a.rows.dropFirst())
        let scores = configurations.compactMap { Double($0[6]) }
        #expect(scores.count == 4 && Set(scores).count > 1, "\(scores)")
        let lowest = try #require(scores.indices.min { scores[$0] < scores[$1] })
        let row = configurations[lowest]
        #expect(a.stdout.contains("best: -k \(row[1]) --lambda \(row[2]) --tau \(row[3]) --gamma \(row[4]) (validation RMSE"), "\(a.stdout)")
        let config = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: f.directory + "/tune-a/best/config.json"))) as? [String: Any]
        let chosen = config?["hyperparameters"] as? [String: Any]
        #expect(chosen?["rank"] as? Int == Int(row[1]) && (chosen?["tau"] as? Double).map { Float($0) } == Float(row[3]))

        // Other test stars: every figure of the search is the same (all but the timings), and so
        // is the choice; only the final test RMSE of the retrained best model differs.
        #expect(a.rows.map { $0.prefix(8) } == b.rows.map { $0.prefix(8) })
        func line(_ prefix: String, _ text: String) -> Substring? { text.split(separator: "\n").first { $0.hasPrefix(prefix) } }
        #expect(line("best:", a.stdout) != nil && line("best:", a.stdout) == line("best:", b.stdout))
        let finalA = line("test RMSE of the best", a.stdout), finalB = line("test RMSE of the best", b.stdout)
        #expect(finalA != nil && finalB != nil && finalA != finalB, "\(String(describing: finalA)) / \(String(describing: finalB))")
    }
}
