import Core
import Foundation
import Testing
@testable import AtomicOutput
import TestSupport

/// Whole-or-nothing files and folders, the output lock, and the cleaning of stale partials.
@Suite struct AtomicOutputTests {
    let directory = temporaryFolder("atomic")

    struct Planned: Error {}

    func contents(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }
    func listing() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: directory).sorted() }

    @Test func aFileIsWrittenWholeOrNotAtAll() throws {
        let path = directory + "/a.txt"
        try OutputFile.write(Array("one".utf8), to: path)
        try OutputFile.write(Array("two".utf8), to: path)
        #expect(contents(path) == "two")
        #expect(throws: Planned.self) {
            try OutputFile.write(to: path) { fd in
                _ = Array("half".utf8).withUnsafeBytes { OutputFile.writeAll(fd, $0) }
                throw Planned()
            }
        }
        #expect(contents(path) == "two")
        #expect(try listing() == ["a.txt"])
        #expect(throws: OutputError.isAFolder(path: directory)) { try OutputFile.write([1], to: directory) }
        #expect { try OutputFile.write([1], to: directory + "/missing/b.txt") } throws: { "\($0)".contains("No such file") }
    }

    @Test func aFolderIsReplacedWholeOrNotAtAll() throws {
        let out = directory + "/run"
        try OutputFolder.replace(out) { staging in
            try OutputFile.write(Array("old model".utf8), to: staging + "/model")
            try OutputFile.write(Array("old chart".utf8), to: staging + "/chart")
        }
        try OutputFolder.replace(out) { staging in try OutputFile.write(Array("new model".utf8), to: staging + "/model") }
        #expect(contents(out + "/model") == "new model")
        #expect(contents(out + "/chart") == nil)  // the old folder went as a whole
        #expect(throws: Planned.self) {
            try OutputFolder.replace(out) { staging in
                try OutputFile.write(Array("partial".utf8), to: staging + "/model")
                throw Planned()
            }
        }
        #expect(contents(out + "/model") == "new model")
        #expect(try listing() == ["run"])
        let file = directory + "/file"
        try OutputFile.write([1], to: file)
        #expect(throws: OutputError.notAFolder(path: file)) { try OutputFolder.replace(file) { _ in } }
        #expect(throws: OutputError.notAFolder(path: file)) { try OutputFolder.create(file + "/sub") }
    }

    @Test func aSecondWriterIsRefusedAndTheFirstNests() throws {
        let out = directory + "/locked"
        let outer = try OutputLock(for: out)
        let inner = try OutputLock(for: out)  // same process: nested
        inner.release()
        try OutputFile.write([7], to: out)  // takes it again, nested
        outer.release()
        // Another holder (another open file description, as another process would have).
        let fd = open(OutputLock.lockFile(for: out), O_RDWR | O_CREAT, 0o600)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        _ = "4242\n".withCString { pwrite(fd, $0, 5, 0) }
        #expect(throws: OutputError.busy(path: out, pid: 4242)) { try OutputFile.write([8], to: out) }
        #expect("\(OutputError.busy(path: out, pid: 4242))".contains("another run is writing \(out) (pid 4242)"))
        flock(fd, LOCK_UN)
        try OutputFile.write([9], to: out)
        // The lock file is named after the absolute path, whichever way the path is spelled.
        #expect(OutputLock.lockFile(for: directory + "/./locked") == OutputLock.lockFile(for: out))
    }

    /// The pid of a process that has ended and been reaped (`/bin/true`, waited for).
    func deadPID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        let pid = process.processIdentifier
        #expect(kill(pid, 0) != 0 && errno == ESRCH)
        return pid
    }

    func create(_ names: [String]) {
        for n in names { #expect(FileManager.default.createFile(atPath: directory + "/" + n, contents: Data([1]))) }
    }

    @Test func stalePartialsOfDeadProcessesAreRemoved() throws {
        let dead = try deadPID(), me = getpid(), parent = getppid()
        create([".data.cmx.partial-\(dead)-1", "data.cmx.partial-\(dead)",   // this output's, both spellings
                ".other.cmx.partial-\(dead)-7",                               // another output's, hidden
                ".data.cmx.partial-\(me)-2", ".other.partial-\(parent)-3",    // of running processes
                "other.partial-\(dead)",                                      // older spelling, another output
                ".notes.partial-\(dead)-draft", ".x.partial-\(dead)-1-2", ".partial-\(dead)-1", ".y.partial-0-1"])
        try FileManager.default.createDirectory(atPath: directory + "/.run.partial-\(dead)-3/sub", withIntermediateDirectories: true)
        try OutputFile.write([1], to: directory + "/data.cmx")
        #expect(try listing() == [".data.cmx.partial-\(me)-2", ".notes.partial-\(dead)-draft", ".other.partial-\(parent)-3",
                                   ".partial-\(dead)-1", ".x.partial-\(dead)-1-2", ".y.partial-0-1", "data.cmx", "other.partial-\(dead)"])
    }

    @Test func aKilledFolderWriteIsCleanedByTheNextWriteOrLockBesideIt() throws {
        let dead = try deadPID()
        // A run killed while filling `runs/a`: its staging folder, with files in it.
        let runs = directory + "/runs", staging = runs + "/.a.partial-\(dead)-42"
        try FileManager.default.createDirectory(atPath: staging + "/charts", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: staging + "/model.cmxm", contents: Data([1, 2])))
        // The next folder written there, for another output, removes it.
        try OutputFolder.replace(runs + "/b") { try OutputFile.write([3], to: $0 + "/model.cmxm") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: runs) == ["b"])
        // Taking an output's lock alone (as train and prepare do when they start) cleans too;
        // a live writer's partial stays.
        let live = runs + "/.c.partial-\(getpid())-1"
        try FileManager.default.createDirectory(atPath: runs + "/.a.partial-\(dead)-43", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: runs + "/.b.partial-\(dead)-44", contents: Data([1])))
        try FileManager.default.createDirectory(atPath: live, withIntermediateDirectories: true)
        let lock = try OutputLock(for: runs + "/data.cmx")
        lock.release()
        #expect(try FileManager.default.contentsOfDirectory(atPath: runs).sorted() == [".c.partial-\(getpid())-1", "b"])
    }
}
