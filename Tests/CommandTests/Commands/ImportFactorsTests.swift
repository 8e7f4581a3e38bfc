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

    @Test func biasesAndAPartFolderImportWholeAndBadInputLeavesNoModel() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cmx-import-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try runCinematrix(["synth", "--out", dir + "/data", "--users", "60", "--movies", "80", "--ratings", "2000", "--quiet"]).status == 0)
        #expect(try runCinematrix(["prepare", dir + "/data", "--out", dir + "/d.cmx", "--quiet"]).status == 0)
        let data = try DatasetFile.read(path: dir + "/d.cmx").dataset
        let movieIDs = data.catalog.movieIDs, userIDs = data.userIDs
        // Movie vectors as Spark's JSON part folder (the last movie left out), biases as CSV.
        try FileManager.default.createDirectory(atPath: dir + "/items", withIntermediateDirectories: true)
        let rows = movieIDs.dropLast().enumerated().map { "{\"id\":\($1),\"features\":[\(Float($0) / 100),-0.5]}" }
        try rows[..<40].joined(separator: "\n").write(toFile: dir + "/items/part-00000-x-c000.json", atomically: true, encoding: .utf8)
        try rows[40...].joined(separator: "\n").write(toFile: dir + "/items/part-00001-x-c000.json", atomically: true, encoding: .utf8)
        try "".write(toFile: dir + "/items/_SUCCESS", atomically: true, encoding: .utf8)
        try ("movie,bias\n" + movieIDs.map { "\($0),0.25\n" }.joined() + "999999,1\n").write(toFile: dir + "/mb.csv", atomically: true, encoding: .utf8)
        try ("user,bias\n" + userIDs.map { "\($0),-0.5\n" }.joined()).write(toFile: dir + "/ub.csv", atomically: true, encoding: .utf8)
        try ("id,features\n" + userIDs.map { "\($0),\"[ 1.  2.]\"\n" }.joined()).write(toFile: dir + "/users.csv", atomically: true, encoding: .utf8)
        let r = try runCinematrix(["import-factors", "--movies", dir + "/items", "--users", dir + "/users.csv", "--movie-biases", dir + "/mb.csv",
                                   "--user-biases", dir + "/ub.csv", "--global-mean", "3.5", "--dataset", dir + "/d.cmx", "--out", dir + "/m.cmxm"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("movies: \(movieIDs.count - 1) with vectors, 1 without, 0 ids not in the dataset"))
        #expect(r.stderr.contains("movie biases: \(movieIDs.count) given, 0 default to 0, 1 ids not in the dataset"))
        let m = try ModelFile.read(path: dir + "/m.cmxm")
        #expect(m.hyperparameters.inference == .map && m.globalMean == 3.5)
        // μ + b_u + c_i + x·y = 3.5 − 0.5 + 0.25 + (1 · 0.03 + 2 · −0.5).
        #expect(abs(m.score(user: 0, movie: 3) - (3.25 + 0.03 - 1)) < 1e-6)
        #expect(m.movieFactors.row(movieIDs.count - 1) == [0, 0])

        // Bad input: an error naming the part file and line, and nothing at --out.
        let bad: [(String, [String], String)] = [
            ("{\"id\":\(movieIDs[0]),\"features\":[1.0,2.0,3.0]}", [], "part-00002-x-c000.json:1: 3 features, earlier rows have 2"),
            ("{\"id\":\(movieIDs[0]),\"features\":[1.0,2.0]}", [], "part-00002-x-c000.json:1: id \(movieIDs[0]) appears twice (first on \(dir)/items/part-00000-x-c000.json:1)"),
            ("{\"id\":\(movieIDs.last!),\"features\":[1.0,\"NaN\"]}", [], "part-00002-x-c000.json:1: 'NaN' is not a finite number"),
            ("", ["--user-biases", dir + "/mb.csv", "--movie-biases", dir + "/users.csv"], "users.csv: 2 values per row"),
        ]
        for (part, extra, message) in bad {
            try part.write(toFile: dir + "/items/part-00002-x-c000.json", atomically: true, encoding: .utf8)
            let e = try runCinematrix(["import-factors", "--movies", dir + "/items", "--dataset", dir + "/d.cmx", "--out", dir + "/bad.cmxm"] + extra)
            #expect(e.status != 0 && e.stderr.contains(message), "\(e.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/bad.cmxm"))
        }
        try FileManager.default.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: true)
        try "".write(toFile: dir + "/empty/part-00000.json", atomically: true, encoding: .utf8)
        let e = try runCinematrix(["import-factors", "--movies", dir + "/empty", "--dataset", dir + "/d.cmx", "--out", dir + "/bad.cmxm"])
        #expect(e.status != 0 && e.stderr.contains("the part files hold no rows"), "\(e.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/bad.cmxm"))
    }
}
