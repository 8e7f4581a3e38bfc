import Core
import Foundation
import Testing
import TestSupport

/// End-to-end: the built `cinematrix` binary synthesising, preparing and summarising.
@Suite struct PrepareCommandTests {
    let directory = temporaryFolder("prepare")

    @Test func synthPrepareInfoRoundTrip() throws {
        let data = directory + "/syn"
        let synth = try runCinematrix(["synth", "--out", data, "--users", "80", "--movies", "300", "--ratings", "4000", "--seed", "3"])
        #expect(synth.status == 0, "\(synth.stderr)")
        #expect(synth.stdout.contains("planted noise: 0.5"))
        let out = directory + "/syn.cmx"
        let prepare = try runCinematrix(["prepare", data, "--out", out, "--split", "per-user", "--test-fraction", "0.25", "--json"])
        #expect(prepare.status == 0, "\(prepare.stderr)")
        let json = try #require(prepare.jsonObject)
        #expect(json["ratings"] as? Int == 4000)
        #expect(json["users"] as? Int == 80)
        #expect(json["movies"] as? Int == 300)
        #expect((json["trainRatings"] as! Int) + (json["testRatings"] as! Int) == 4000)
        #expect(prepare.stderr.isEmpty)  // no progress bar when not on a terminal
        let info = try runCinematrix(["info", out])
        #expect(info.status == 0)
        #expect(info.stdout.contains("users:    80"))
        #expect(info.stdout.contains("ratings:  4,000"))
        #expect(info.stdout.contains("(no genres listed)") || info.stdout.contains("genres (19 tokens"))
    }

    @Test func badInputFailsWithFileLineAndNoOutput() throws {
        let data = directory + "/bad"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        try "movieId,title,genres\n1,A (2000),Drama\n".write(toFile: data + "/movies.csv", atomically: true, encoding: .utf8)
        try "userId,movieId,rating,timestamp\n1,1,4.0,1\n2,1,7.0,1\n".write(toFile: data + "/ratings.csv", atomically: true, encoding: .utf8)
        let out = directory + "/bad.cmx"
        let r = try runCinematrix(["prepare", data, "--out", out])
        #expect(r.status != 0)
        #expect(r.stderr.contains("ratings.csv:3: rating off scale"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains("partial") }
        #expect(leftovers.isEmpty)
        let skip = try runCinematrix(["prepare", data, "--out", out, "--skip-bad-lines", "--test-fraction", "0"])
        #expect(skip.status == 0, "\(skip.stderr)")
        #expect(skip.stderr.contains("skipped 1 bad line(s): 1 rating off scale"))
        let info = try runCinematrix(["info", directory + "/nothing.cmx"])
        #expect(info.status != 0 && info.stderr.contains("nothing.cmx"))
        let usage = try runCinematrix(["prepare", data, "--train", data + "/ratings.csv"])
        #expect(usage.status != 0 && usage.stderr.contains("--train and --test go together"))
    }

    @Test func demoRunsTheWholeJourneyOnSyntheticData() throws {
        // Run where a downloaded release sits in Data/ (a tiny one: 2 users), which the demo
        // would use without --synthetic: the test must not depend on what Data/ holds.
        let decoy = directory + "/Data/ml-latest-small"
        try FileManager.default.createDirectory(atPath: decoy, withIntermediateDirectories: true)
        try "movieId,title,genres\n1,A (2000),Drama\n2,B (2001),Comedy\n".write(toFile: decoy + "/movies.csv", atomically: true, encoding: .utf8)
        try "userId,movieId,rating,timestamp\n1,1,4.0,1\n1,2,3.0,2\n2,1,5.0,3\n".write(toFile: decoy + "/ratings.csv", atomically: true, encoding: .utf8)
        // Two epochs and five sweeps keep the debug-build test short; the journey is the same
        // as with the defaults.
        let r = try runCinematrix(["demo", "--synthetic", "--out", directory + "/demo", "--epochs", "2", "--burn-in", "2", "--samples", "3"],
                                  in: directory)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("synthesised 100836 ratings") && !r.stdout.contains("using Data/"), "\(r.stdout)")
        #expect(r.stdout.contains("users:    610"))
        #expect(r.stdout.contains("ratings:  100,836"))
        #expect(r.stdout.contains("Everything is in \(directory)/demo/"))
        for file in ["dataset.cmx", "report.html", "models/comparison.csv", "models/comparison.png",
                     "models/bias-uv-genre-gibbs/model.cmxm", "models/bias-uv-genre-gibbs/rmse.png", "analysis/movies-tsne.png",
                     "analysis/users-pca.png", "analysis/maps/grid.png", "analysis/clusters.csv", "analysis/recommendations.csv"] {
            #expect(FileManager.default.fileExists(atPath: directory + "/demo/" + file), "missing \(file)")
        }
        let html = try String(contentsOfFile: directory + "/demo/report.html", encoding: .utf8)
        #expect(html.contains("Sample recommendations") && html.contains("data:image/png;base64,"))
        let comparison = try String(contentsOfFile: directory + "/demo/models/comparison.csv", encoding: .utf8).split(separator: "\n")
        let testRMSE = comparison.dropFirst().map { Double($0.split(separator: ",")[5])! }
        // MAP rows first (bias, bias-uv, bias-uv-genre), then the Gibbs rows.
        #expect(testRMSE.count == 6 && testRMSE[0] > testRMSE[1] && testRMSE[1] > testRMSE[2], "models not ordered: \(testRMSE)")
    }
}
