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

    @Test func stalePartialsOfDeadProcessesAreRemoved() throws {
        let out = directory + "/data.cmx"
        let dead = directory + "/.data.cmx.partial-999999-1", old = directory + "/data.cmx.partial-999998"
        let live = directory + "/.data.cmx.partial-\(getppid())-2", other = directory + "/.other.partial-999999-1"
        for p in [dead, old, live, other] { _ = FileManager.default.createFile(atPath: p, contents: Data([1])) }
        try FileManager.default.createDirectory(atPath: directory + "/.data.cmx.partial-999997-3/sub", withIntermediateDirectories: true)
        try OutputFile.write([1], to: out)
        #expect(try listing() == [".data.cmx.partial-\(getppid())-2", ".other.partial-999999-1", "data.cmx"])
    }
}
