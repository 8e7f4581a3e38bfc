import Foundation
import TestSupport
import Testing

/// The CLI contract, the same on every subcommand: with `--json`, standard output holds one JSON
/// document, `{"command", "ok": true, "result"}` on success and `{"command", "ok": false,
/// "error": {"message", "file", "line", "candidates"}}` on failure; exit status 0 on success,
/// 1 for a failed run or bad data, 64 for a usage error.
@Suite(.serialized) struct CLIContractTests {
    /// A small prepared dataset and a MAP model trained on it, shared by the cases.
    static let fixture: (dir: String, data: String, model: String) = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cmx-contract-\(UUID())").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let synth = try? runCinematrix(["synth", "--out", dir + "/csv", "--users", "80", "--movies", "100", "--ratings", "3000", "--quiet"])
        precondition(synth?.status == 0, synth?.stderr ?? "synth did not run")
        let prepare = try? runCinematrix(["prepare", dir + "/csv", "--out", dir + "/d.cmx", "--quiet"])
        precondition(prepare?.status == 0, prepare?.stderr ?? "prepare did not run")
        let train = try? runCinematrix(["train", dir + "/d.cmx", "--inference", "map", "-k", "4", "--epochs", "3", "--out", dir + "/run", "--quiet"])
        precondition(train?.status == 0, train?.stderr ?? "train did not run")
        let npy = try? runCinematrix(["export", dir + "/run", "--format", "npy", "--out", dir + "/npy", "--quiet"])
        precondition(npy?.status == 0, npy?.stderr ?? "export did not run")
        return (dir, dir + "/d.cmx", dir + "/run")
    }()

    /// Every subcommand once with arguments that succeed (download's success is in
    /// `DownloadTests`, which has the loopback server).
    static var successes: [(String, [String])] {
        let (dir, data, model) = fixture
        return [
            ("synth", ["--out", dir + "/synth2", "--users", "30", "--movies", "60", "--ratings", "700"]),
            ("prepare", [dir + "/csv", "--out", dir + "/d2.cmx"]),
            ("info", [data]),
            ("train", [data, "--inference", "map", "-k", "2", "--epochs", "2", "--out", dir + "/run2"]),
            ("compare", [data, "-k", "2", "--inference", "map", "--epochs", "2", "--out", dir + "/cmp"]),
            ("tune", [data, "--k", "2", "--tau", "5", "--gamma", "3", "--epochs", "2", "--out", dir + "/tune"]),
            ("plot", [model]),
            ("recommend", [model, "--user", "1", "--min-ratings", "0"]),
            ("similar", [model, "#1", "--min-ratings", "0"]),
            ("project", [model, "--method", "pca", "--out", dir + "/an", "--min-ratings", "0"]),
            ("maps", [model, "--method", "pca", "--out", dir + "/an", "--min-ratings", "0"]),
            ("neighbours", [model, "--out", dir + "/an", "--min-ratings", "0"]),
            ("cluster", [model, "--k", "3", "--method", "pca", "--out", dir + "/an", "--min-ratings", "0"]),
            ("report", [model, "--out", dir + "/report", "--clusters", "3", "--min-ratings", "0"]),
            ("explore", [model, "--out", dir + "/explore", "--clusters", "3", "--min-ratings", "0"]),
            ("export", [model, "--format", "csv", "--out", dir + "/csv-export"]),
            ("import-factors", ["--movies", dir + "/npy/movie_factors.npy", "--movie-ids", dir + "/npy/movie_ids.txt",
                                "--dataset", data, "--out", dir + "/imported.cmxm"]),
            ("demo", ["--data", dir + "/csv", "--out", dir + "/demo", "--epochs", "1", "--burn-in", "1", "--samples", "1"]),
        ]
    }

    /// Every subcommand once with input that fails the run (status 1), and a few usage errors
    /// (status 64).
    static var failures: [(String, [String], Int32)] {
        let (dir, data, model) = fixture
        let missing = dir + "/no-such-file.cmx"
        return [
            ("synth", ["--out", dir + "/s3", "--users", "10", "--ratings", "5"], 64),
            ("prepare", [dir + "/no-such-folder", "--out", dir + "/x.cmx"], 1),
            ("info", [missing], 1),
            ("train", [missing, "--inference", "map"], 1),
            ("compare", [missing], 1),
            ("tune", [missing], 1),
            ("plot", ["--csv", dir + "/no-such.csv", "--x", "a", "--y", "b", "--out", dir + "/p.png"], 1),
            ("recommend", [model, "--user", "999999"], 1),
            ("similar", [model, "zzzz qqqq xxxx"], 1),
            ("project", [missing], 1),
            ("maps", [missing], 1),
            ("neighbours", [missing], 1),
            ("cluster", [missing], 1),
            ("report", [missing], 1),
            ("explore", [missing], 1),
            ("explore", [dir], 1),
            ("export", [missing, "--format", "csv"], 1),
            ("import-factors", ["--movies", dir + "/no-such.csv", "--dataset", data, "--out", dir + "/y.cmxm"], 1),
            ("download", ["ml-latest-small", "--dir", dir + "/Data", "--base-url", "http://127.0.0.1:9"], 1),
            ("demo", ["--data", dir + "/no-such-folder", "--out", dir + "/demo"], 1),
            ("project", [model, "--method", "tsen"], 64),
            ("recommend", [model], 64),
        ]
    }

    /// Parses standard output as exactly one JSON object.
    func envelope(_ r: CommandResult, _ label: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
        return try #require(object as? [String: Any], "\(label): stdout is not one JSON object: \(r.stdout.prefix(300))")
    }

    @Test func everyCommandPrintsOneSuccessEnvelope() throws {
        for (name, arguments) in Self.successes {
            let r = try runCinematrix([name] + arguments + ["--json"])
            #expect(r.status == 0, "\(name): \(r.stderr)")
            let e = try envelope(r, name)
            #expect(e["command"] as? String == name && e["ok"] as? Bool == true, "\(name): \(e)")
            #expect(e["result"] is [String: Any], "\(name): result \(String(describing: e["result"]))")
            #expect(e["error"] == nil)
        }
    }

    @Test func everyCommandPrintsOneFailureEnvelopeWithItsStatus() throws {
        for (name, arguments, status) in Self.failures {
            let r = try runCinematrix([name] + arguments + ["--json"])
            #expect(r.status == status, "\(name) \(arguments): status \(r.status), \(r.stderr)")
            let e = try envelope(r, name)
            #expect(e["command"] as? String == name && e["ok"] as? Bool == false, "\(name): \(e)")
            let error = try #require(e["error"] as? [String: Any], "\(name): \(e)")
            #expect(!(error["message"] as? String ?? "").isEmpty)
            #expect(Set(error.keys) == ["message", "file", "line", "candidates"], "\(name): \(error.keys)")
            #expect(error["candidates"] is [Any])
            #expect(!r.stderr.isEmpty, "\(name): the message goes to standard error too")
        }
    }

    @Test func errorsNameTheFileAndLineAtFault() throws {
        let dir = Self.fixture.dir
        let bad = dir + "/bad"
        try FileManager.default.createDirectory(atPath: bad, withIntermediateDirectories: true)
        try "userId,movieId,rating,timestamp\n1,1,4.0,100\n1,2,oops,100\n".write(toFile: bad + "/ratings.csv", atomically: true, encoding: .utf8)
        try "movieId,title,genres\n1,A (1999),Drama\n2,B (2000),Drama\n".write(toFile: bad + "/movies.csv", atomically: true, encoding: .utf8)
        let r = try runCinematrix(["prepare", bad, "--out", dir + "/bad.cmx", "--json"])
        #expect(r.status == 1)
        let error = try #require(try envelope(r, "prepare")["error"] as? [String: Any])
        #expect((error["file"] as? String)?.hasSuffix("ratings.csv") == true && error["line"] as? Int == 3, "\(error)")
        #expect((error["message"] as? String)?.contains("--skip-bad-lines") == true, "the CLI adds the flag the library does not name")
    }

    @Test func anUnknownTitleListsTheClosestAsCandidates() throws {
        let model = Self.fixture.model
        let found = try runCinematrix(["similar", model, "#1", "--json", "--min-ratings", "0"])
        let query = try #require(try envelope(found, "similar")["result"] as? [String: Any])["query"] as? [String: Any]
        let title = try #require(query?["title"] as? String)
        // One letter of the title's longest word changed: no title contains it any more.
        let words = title.split(separator: " ").map(String.init)
        let longest = try #require(words.max { $0.count < $1.count })
        let typo = title.replacingOccurrences(of: longest, with: "Q" + longest.dropFirst())
        let r = try runCinematrix(["similar", model, typo, "--json"])
        #expect(r.status == 1, "\(typo): \(r.stdout)")
        let error = try #require(try envelope(r, "similar")["error"] as? [String: Any])
        #expect((error["candidates"] as? [String] ?? []).contains(title), "\(typo) → \(error)")
    }

    @Test func usageErrorsSuggestWhatWasMeant() throws {
        let typo = try runCinematrix(["recomend", Self.fixture.model, "--user", "1"])
        #expect(typo.status == 64 && typo.stderr.contains("Did you mean 'recommend'?"), "\(typo.stderr)")
        let json = try runCinematrix(["recomend", "--json"])
        #expect(json.status == 64)
        #expect((try envelope(json, "recomend")["error"] as? [String: Any])?["message"] as? String != nil)
        let value = try runCinematrix(["project", Self.fixture.model, "--method", "tsen"])
        #expect(value.status == 64 && value.stderr.contains("Did you mean 'tsne'?"), "\(value.stderr)")
        let option = try runCinematrix(["similar", Self.fixture.model, "x", "--simlarity", "dot"])
        #expect(option.status == 64 && option.stderr.contains("Did you mean '--similarity'?"), "\(option.stderr)")
    }

    @Test func quietSilencesProgressButNeverTheResult() throws {
        let (dir, data, _) = Self.fixture
        let quiet = try runCinematrix(["train", data, "--inference", "map", "-k", "2", "--epochs", "2", "--out", dir + "/q", "--quiet"])
        #expect(quiet.status == 0)
        #expect(!quiet.stdout.contains("epoch") && quiet.stdout.contains("saved \(dir)/q/"), "\(quiet.stdout)")
        let both = try runCinematrix(["info", data, "--json", "--quiet"])
        #expect(try envelope(both, "info")["ok"] as? Bool == true, "--json --quiet still prints the result")
        let loud = try runCinematrix(["train", data, "--inference", "map", "-k", "2", "--epochs", "2", "--out", dir + "/q", "--json"])
        #expect(loud.stderr.contains("epoch"), "with --json the live table goes to standard error")
        _ = try envelope(loud, "train")
    }

    @Test func jsonNumbersAreShortestRoundTripFloats() throws {
        let r = try runCinematrix(["similar", Self.fixture.model, "#1", "--min-ratings", "0", "--json"])
        // A float widened to double prints 16–17 significant digits; the shortest form of a
        // Float never needs more than 9.
        let numbers = r.stdout.matches(of: #/-?\d+\.\d+(e[-+]?\d+)?/#).map { String($0.output.0) }
        #expect(!numbers.isEmpty)
        for n in numbers {
            let digits = n.filter(\.isNumber).drop { $0 == "0" }
            #expect(digits.count <= 9, "\(n) has float noise")
        }
    }
}
