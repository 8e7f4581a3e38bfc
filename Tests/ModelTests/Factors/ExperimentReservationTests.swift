import Core
import Foundation
import Testing
import TestSupport
@testable import AtomicOutput
@testable import Model

/// `ExperimentFolder.reserve`: a training run's output is locked and checked before any work.
@Suite struct ExperimentReservationTests {
    let directory = temporaryTestDirectory("reserve")

    func listing(_ folder: String) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder).sorted() }

    @Test func reservingLocksChecksAndCleansButWritesNothing() throws {
        let runs = directory + "/runs", out = runs + "/a"
        // A partial folder that a killed run left there.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        try FileManager.default.createDirectory(atPath: runs + "/.a.partial-\(process.processIdentifier)-5/x", withIntermediateDirectories: true)
        let lock = try ExperimentFolder.reserve(out)
        #expect(try listing(runs).isEmpty)  // the stale partial removed, the probe too, no folder yet
        // The write that follows nests in the reservation.
        let planted = PlantedRatings.make(users: 20, movies: 15)
        let settings = testSettings(.biasUV, epochs: 1)
        let run = try ALSTrainer.train(planted.dataset, settings: settings, threads: 1)
        let config = ExperimentConfig(hyperparameters: settings, threads: 1, dataset: "planted", datasetChecksum: 1,
                                      toolVersion: "test", final: run.history.last)
        try ExperimentFolder.write(run, config: config, to: out)
        lock.release()
        #expect(try listing(runs) == ["a"])
        #expect(try ModelFile.read(path: out, includeUserRatings: true) == run.model)
    }

    @Test func aBusyOrBadOutputIsRefused() throws {
        let out = directory + "/b"
        // Another process's hold (another open file description on the lock file).
        let fd = open(OutputLock.lockFile(for: out), O_RDWR | O_CREAT, 0o600)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        _ = "4242\n".withCString { pwrite(fd, $0, 5, 0) }
        #expect(throws: OutputError.busy(path: out, pid: 4242)) { _ = try ExperimentFolder.reserve(out) }
        flock(fd, LOCK_UN)
        try ExperimentFolder.reserve(out).release()
        // A file at the path, or where a parent folder should be.
        let file = directory + "/file"
        #expect(FileManager.default.createFile(atPath: file, contents: Data("keep".utf8)))
        #expect(throws: OutputError.notAFolder(path: file)) { _ = try ExperimentFolder.reserve(file) }
        #expect(throws: OutputError.notAFolder(path: file)) { _ = try ExperimentFolder.reserve(file + "/run") }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep")
        // A refused reservation holds nothing: another holder can lock the file at once.
        let other = open(OutputLock.lockFile(for: file), O_RDWR | O_CREAT, 0o600)
        defer { close(other) }
        #expect(flock(other, LOCK_EX | LOCK_NB) == 0)
        flock(other, LOCK_UN)
        #expect(try listing(directory) == ["file"])
    }
}
