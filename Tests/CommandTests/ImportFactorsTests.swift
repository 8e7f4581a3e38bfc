import Foundation
import Model
import Testing

/// Factors trained elsewhere come back as a model: export a trained model's vectors, import
/// them against the same dataset, and the analyses agree.
@Suite(.serialized) struct ImportFactorsTests {
    @Test func exportedVectorsImportAsAModelWithTheSameNeighbours() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cmx-import-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try runCinematrix(["synth", "--out", dir + "/data", "--users", "100", "--movies", "120", "--ratings", "5000", "--quiet"]).status == 0)
        #expect(try runCinematrix(["prepare", dir + "/data", "--out", dir + "/d.cmx", "--quiet"]).status == 0)
        #expect(try runCinematrix(["train", dir + "/d.cmx", "--model", "bias-uv", "-k", "4", "--inference", "map", "--epochs", "3", "--out", dir + "/run"]).status == 0)
        #expect(try runCinematrix(["export", dir + "/run", "--format", "npy", "--out", dir + "/npy"]).status == 0)
        // Spark-style CSV for the users, .npy with an ids file for the movies.
        let original = try ModelFile.read(path: dir + "/run")
        var users = "id,features\n"
        for u in 0..<original.userCount {
            users += "\(original.userIDs[u]),\"[" + original.userFactors.row(u).map { "\($0)" }.joined(separator: ", ") + "]\"\n"
        }
        try users.write(toFile: dir + "/users.csv", atomically: true, encoding: .utf8)
        let r = try runCinematrix(["import-factors", "--movies", dir + "/npy/movie_factors.npy", "--movie-ids", dir + "/npy/movie_ids.txt",
                                   "--users", dir + "/users.csv", "--dataset", dir + "/d.cmx", "--out", dir + "/imported.cmxm"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("\(original.movieCount) with vectors, 0 without"))
        let imported = try ModelFile.read(path: dir + "/imported.cmxm", includeUserRatings: true)
        #expect(imported.movieFactors == original.movieFactors && imported.userFactors == original.userFactors)
        #expect(imported.userRatings != nil)
        // The same movie vectors give the same neighbours.
        let title = "#\(original.catalog.movieIDs[0])"
        let a = try runCinematrix(["similar", dir + "/run", title, "--min-ratings", "0", "--json"])
        let b = try runCinematrix(["similar", dir + "/imported.cmxm", title, "--min-ratings", "0", "--json"])
        #expect(a.status == 0 && b.status == 0)
        #expect(a.stdout == b.stdout)
        let bad = try runCinematrix(["import-factors", "--movies", dir + "/npy/movie_factors.npy", "--dataset", dir + "/d.cmx", "--out", dir + "/x.cmxm"])
        #expect(bad.status != 0 && bad.stderr.contains("has no ids"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/x.cmxm"))
    }
}
