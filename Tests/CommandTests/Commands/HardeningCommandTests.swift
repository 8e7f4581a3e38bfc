import Core
import Foundation
import Testing
import TestSupport

/// Issue 16 end to end: each case of the issue gives a clear error (or the right output), a
/// non-zero exit when it is an error, no partial file, and an intact older output.
@Suite struct HardeningCommandTests {
    let directory = temporaryFolder("harden")

    func write(_ text: String, _ name: String) throws -> String {
        let path = directory + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    /// A prepared synthetic dataset.
    func dataset(_ name: String = "d") throws -> String {
        let data = directory + "/" + name
        #expect(try runCinematrix(["synth", "--out", data, "--users", "60", "--movies", "80", "--ratings", "1500", "--quiet"]).status == 0)
        let out = data + ".cmx"
        #expect(try runCinematrix(["prepare", data, "--out", out, "--quiet"]).status == 0)
        return out
    }

    /// Everything in `folder` except what `keep` names.
    func leftovers(_ folder: String, keep: Set<String>) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { !keep.contains($0) }.sorted()
    }

    @Test func listedMovieIdOfTwoToThe26WithoutRatingsPrepares() throws {
        _ = try write("userId,movieId,rating,timestamp\n1,1,4.0,100\n", "big/ratings.csv")
        _ = try write("movieId,title,genres\n1,A (1999),Drama\n67108864,B (2000),Drama\n", "big/movies.csv")
        let r = try runCinematrix(["prepare", directory + "/big", "--out", directory + "/big.cmx"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("movies:   2 (1 rated)"))
    }

    @Test func foreignAndNonRegularFilesAreRefusedWithoutHanging() throws {
        let ff = directory + "/ff.bin"
        try Data(repeating: 0xFF, count: 64).write(to: URL(fileURLWithPath: ff))
        let info = try runCinematrix(["info", ff])
        #expect(info.status == 1)
        #expect(info.stderr.contains("not a Cinematrix file"))
        let fifo = directory + "/pipe.cmx"
        #expect(mkfifo(fifo, 0o600) == 0)
        for arguments in [["info", fifo], ["train", fifo, "--inference", "map", "--out", directory + "/never"]] {
            let r = try runCinematrix(arguments)
            #expect(r.status != 0)
            #expect(r.stderr.contains("named pipe"), "\(r.stderr)")
        }
        _ = try write("movieId,title,genres\n1,A,Drama\n", "piped/movies.csv")
        #expect(mkfifo(directory + "/piped/ratings.csv", 0o600) == 0)
        let prepare = try runCinematrix(["prepare", directory + "/piped", "--out", directory + "/piped.cmx"])
        #expect(prepare.status == 1 && prepare.stderr.contains("named pipe"), "\(prepare.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/piped.cmx"))
    }

    @Test(arguments: ["x,y\n1,1e17\n2,100000000000000064\n", "x,y\n1,1e308\n2,-1e308\n", "x,y\n1,-1.7976931348623157e308\n2,1.7976931348623157e308\n"])
    func plotOfExtremeValuesFinishes(csv: String) throws {
        let file = try write(csv, "extreme-\(UUID().uuidString.prefix(6)).csv")
        let png = file + ".png"
        let r = try runCinematrix(["plot", "--csv", file, "--x", "x", "--y", "y", "--out", png])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: png))
    }

    @Test func outputThatIsAFileIsAClearErrorAndStaysIntact() throws {
        let data = try dataset()
        let file = try write("keep me\n", "existing")
        let train = try runCinematrix(["train", data, "--inference", "map", "--epochs", "1", "--out", file])
        #expect(train.status != 0)
        #expect(train.stderr.contains("exists and is not a folder"), "\(train.stderr)")
        #expect(!train.stdout.contains("training "), "refused before training: \(train.stdout)")
        let trained = directory + "/run"
        #expect(try runCinematrix(["train", data, "--inference", "map", "--epochs", "1", "--out", trained]).status == 0)
        let export = try runCinematrix(["export", trained, "--format", "npy", "--out", file])
        #expect(export.status != 0)
        #expect(export.stderr.contains("exists and is not a folder") && !export.stderr.contains("NSCocoaErrorDomain"), "\(export.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep me\n")
    }

    @Test func aBadOutputFolderIsRefusedBeforeTraining() throws {
        let data = try dataset("bad-out")
        let file = try write("keep me\n", "plain")
        // A file where a parent folder should be.
        let under = try runCinematrix(["train", data, "--inference", "map", "--epochs", "1", "--out", file + "/run"])
        #expect(under.status != 0)
        #expect(under.stderr.contains("\(file) exists and is not a folder"), "\(under.stderr)")
        #expect(!under.stdout.contains("training "), "refused before training: \(under.stdout)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep me\n")
        // A parent folder nobody may write in (not testable as root, whom permissions do not stop).
        let locked = directory + "/read-only"
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true)
        #expect(chmod(locked, 0o555) == 0)
        defer { chmod(locked, 0o755) }
        let probe = locked + "/probe"
        let permissionsApply = mkdir(probe, 0o755) != 0
        if !permissionsApply { rmdir(probe) }
        if permissionsApply {
            let r = try runCinematrix(["train", data, "--inference", "map", "--epochs", "1", "--out", locked + "/run"])
            #expect(r.status != 0)
            #expect(r.stderr.contains("Permission denied"), "\(r.stderr)")
            #expect(!r.stdout.contains("training "), "refused before training: \(r.stdout)")
        }
        #expect(try leftovers(locked, keep: []).isEmpty)
    }

    @Test func aSecondTrainIsRefusedBeforeItTrains() throws {
        let data = try dataset("busy")
        let out = directory + "/busy-run"
        // The first run samples (almost) forever; its table goes to standard error with --json.
        let first = Process()
        first.executableURL = productsDirectory.appendingPathComponent("cinematrix")
        first.arguments = ["train", data, "-k", "2", "--burn-in", "0", "--samples", "1000000", "--json", "--out", out]
        let err = Pipe()
        first.standardError = err
        first.standardOutput = FileHandle.nullDevice
        let firstText = TextBox()
        err.fileHandleForReading.readabilityHandler = { firstText.append($0.availableData) }
        try first.run()
        defer {
            if first.isRunning { kill(first.processIdentifier, SIGKILL) }
            first.waitUntilExit()
            err.fileHandleForReading.readabilityHandler = nil
        }
        // Its first line comes after it has locked the output; its sweeps after that.
        let deadline = Date().addingTimeInterval(120)
        while !firstText.text.contains("training ") && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(firstText.text.contains("training "), "\(firstText.text)")
        let second = try runCinematrix(["train", data, "-k", "2", "--burn-in", "1", "--samples", "2", "--out", out])
        #expect(second.status != 0)
        #expect(second.stderr.contains("another run is writing \(out) (pid \(first.processIdentifier))"), "\(second.stderr)")
        #expect(!(second.stdout + second.stderr).contains("training "), "refused before training: \(second.stdout)")
        #expect(first.isRunning, "the first run must still be training")
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        // Killed while training: nothing was written; the next run writes the folder.
        #expect(!FileManager.default.fileExists(atPath: out))
        let third = try runCinematrix(["train", data, "-k", "2", "--burn-in", "1", "--samples", "2", "--out", out])
        #expect(third.status == 0, "\(third.stderr)")
        #expect(FileManager.default.fileExists(atPath: out + "/model.cmxm"))
        #expect(try leftovers(directory, keep: []).allSatisfy { !$0.contains("partial") })
    }

    @Test func aKilledPrepareLeavesTheOldFileAndNothingBesideIt() throws {
        let data = directory + "/kill"
        #expect(try runCinematrix(["synth", "--out", data, "--users", "2000", "--movies", "1500", "--ratings", "300000", "--quiet"]).status == 0)
        let folder = directory + "/kill-out"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let out = folder + "/data.cmx"
        #expect(try runCinematrix(["prepare", data, "--out", out, "--quiet"]).status == 0)
        let old = try Data(contentsOf: URL(fileURLWithPath: out))
        // A stale partial file of a process that no longer runs, as older versions left them.
        let stale = folder + "/data.cmx.partial-999999"
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: stale))
        for delay in [0.02, 0.08, 0.15, 0.3] {
            let process = Process()
            process.executableURL = productsDirectory.appendingPathComponent("cinematrix")
            process.arguments = ["prepare", data, "--out", out, "--seed", "9", "--quiet"]
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(try leftovers(folder, keep: ["data.cmx", "data.cmx.partial-999999"]).isEmpty, "after \(delay) s")
            let now = try Data(contentsOf: URL(fileURLWithPath: out))
            let readable = (try? runCinematrix(["info", out]))?.status == 0
            #expect(now == old || readable)
        }
        #expect(try runCinematrix(["prepare", data, "--out", out, "--quiet"]).status == 0)
        let left = try leftovers(folder, keep: ["data.cmx"])
        #expect(left.isEmpty, "\(left)")
    }

    @Test func twoTrainsIntoOneFolderNeverMix() throws {
        let data = try dataset("mix")
        let out = directory + "/shared"
        for _ in 0..<2 {
            let group = DispatchGroup()
            let results = ResultBox()
            for seed in ["11", "22"] {
                group.enter()
                DispatchQueue.global().async {
                    let r = try? runCinematrix(["train", data, "--inference", "map", "--epochs", "20", "--seed", seed, "--out", out])
                    results.add(seed, r)
                    group.leave()
                }
            }
            group.wait()
            let all = results.all
            #expect(all.contains { $0.1?.status == 0 })
            for (_, r) in all where r?.status != 0 {
                #expect(r?.stderr.contains("another run is writing") == true, "\(r?.stderr ?? "")")
            }
            // The folder's model and config come from the same run.
            let config = try String(contentsOfFile: out + "/config.json", encoding: .utf8)
            let winner = all.first { $0.1?.status == 0 && config.contains("\"seed\" : \($0.0)") }
            #expect(winner != nil, "\(config)")
            #expect(try leftovers(directory, keep: []).allSatisfy { !$0.contains("partial") })
        }
    }
}

/// Results gathered from several threads.
private final class ResultBox: @unchecked Sendable {
    private var items: [(String, CommandResult?)] = []
    private let lock = NSLock()
    func add(_ key: String, _ r: CommandResult?) { lock.lock(); items.append((key, r)); lock.unlock() }
    var all: [(String, CommandResult?)] { lock.lock(); defer { lock.unlock() }; return items }
}

/// Text appended from another thread.
private final class TextBox: @unchecked Sendable {
    private var data = Data()
    private let lock = NSLock()
    func append(_ more: Data) { lock.lock(); data.append(more); lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return String(decoding: data, as: UTF8.self) }
}
