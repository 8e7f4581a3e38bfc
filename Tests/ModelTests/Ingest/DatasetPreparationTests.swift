import Core
import Foundation
import Testing
import TestSupport
@testable import AtomicOutput
@testable import Model

/// `DatasetPreparation`, what `cinematrix prepare` runs, called as a library: options checked
/// in one place before anything is created, parent folders made, the output locked while it
/// runs, and the file it writes is the dataset it reports.
@Suite struct DatasetPreparationTests {
    /// Whether `problem` is the expected one (a NaN fraction is compared as NaN).
    private func matches(_ problem: ReadOptions.Problem, _ expected: ReadOptions.Problem) -> Bool {
        if case .testFractionOutOfRange(let a) = problem, case .testFractionOutOfRange(let b) = expected, a.isNaN && b.isNaN { return true }
        return problem == expected
    }

    @Test func validationNamesEachProblemWithoutAFlag() throws {
        let cases: [(ReadOptions, ReadOptions.Problem)] = [
            (ReadOptions(split: SplitSpec(testFraction: 1)), .testFractionOutOfRange(1)),
            (ReadOptions(split: SplitSpec(testFraction: -0.01)), .testFractionOutOfRange(-0.01)),
            (ReadOptions(split: SplitSpec(testFraction: .nan)), .testFractionOutOfRange(.nan)),
            (ReadOptions(trainFile: "a.csv"), .trainFileWithoutTestFile(train: "a.csv")),
            (ReadOptions(testFile: "b.csv"), .testFileWithoutTrainFile(test: "b.csv")),
            (ReadOptions(threads: 0), .tooFewThreads(0)),
            // The pairing of the files is reported before the fraction, the fraction before threads.
            (ReadOptions(split: SplitSpec(testFraction: 2), trainFile: "a.csv", threads: 0), .trainFileWithoutTestFile(train: "a.csv")),
            (ReadOptions(split: SplitSpec(testFraction: 2), threads: -3), .testFractionOutOfRange(2)),
        ]
        for (options, expected) in cases {
            do {
                try options.validate()
                Issue.record("\(options) passed validation")
            } catch IngestError.invalidOption(let problem) {
                #expect(matches(problem, expected), "\(problem) is not \(expected)")
                let message = "\(IngestError.invalidOption(problem))"
                #expect(!message.contains("--"), "the library names a flag: \(message)")
                #expect(message.hasPrefix(problem.statement) && message.count > problem.statement.count + 2, "no remedy: \(message)")
            }
        }
        // The edges that are fine.
        for options in [ReadOptions(split: SplitSpec(testFraction: 0), threads: 1), ReadOptions(split: SplitSpec(testFraction: 0.999)),
                        ReadOptions(trainFile: "a.csv", testFile: "b.csv")] {
            #expect(throws: Never.self) { try options.validate() }
        }
    }

    @Test func everyEntryPointChecksTheOptionsFirst() throws {
        let root = temporaryTestDirectory("prepare-options")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let bad = ReadOptions(split: SplitSpec(testFraction: 1.5))
        let expected = IngestError.invalidOption(.testFractionOutOfRange(1.5))
        // Before the folder is looked at (it does not exist) and before any folder is made.
        #expect(throws: expected) { try MovieLensReader.read(directory: root + "/absent", options: bad) }
        #expect(throws: expected) { try DatasetPreparation.prepare(directory: root + "/absent", options: bad, to: root + "/new/sub/o.cmx") }
        #expect(throws: expected) {
            try DatasetPreparation.prepareKeepingDataset(directory: root + "/absent", options: bad, to: root + "/new/sub/o.cmx")
        }
        #expect(!FileManager.default.fileExists(atPath: root + "/new"))
    }

    @Test func makesTheFoldersHoldsTheLockAndWritesWhatItReports() throws {
        let f = try IngestFixture.synthetic("preparation", users: 70, movies: 200, ratings: 4_000, seed: 11)
        defer { f.remove() }
        let path = f.directory + "/nested/deeper/data.cmx"
        let lockFile = OutputLock.lockFile(for: path)
        var lockedWhileRunning = true
        let options = ReadOptions(split: SplitSpec(method: .perUser, testFraction: 0.25, seed: 3), threads: 2)
        let (summary, report) = try DatasetPreparation.prepare(directory: f.directory, options: options, to: path) { _, _ in
            if !FileManager.default.fileExists(atPath: lockFile) { lockedWhileRunning = false }
        }
        #expect(lockedWhileRunning, "the output was not locked during the run")
        #expect(!FileManager.default.fileExists(atPath: lockFile), "the lock outlived the run")
        let written = try DatasetFile.read(path: path).dataset
        #expect(summary == DatasetSummary(written))
        #expect(summary.users == 70 && written.trainByUser.count + written.test.count == 4_000)
        #expect(report.layout.kind == .csv && report.badLines.total == 0)
        // Keeping the dataset: the same file, and the dataset is the one in it.
        let again = f.directory + "/kept.cmx"
        let (dataset, keptReport) = try DatasetPreparation.prepareKeepingDataset(directory: f.directory, options: options, to: again)
        #expect(dataset == written)
        #expect(keptReport == report)
        #expect(try Data(contentsOf: URL(fileURLWithPath: again)) == Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func anotherProcessHoldingTheOutputIsRefusedBeforeReading() throws {
        let f = IngestFixture.latest()
        defer { f.remove() }
        let path = f.directory + "/busy.cmx"
        // Another process's hold: the lock file locked through a descriptor of our own.
        try OutputLock(for: path).release()  // makes the locks' folder
        let fd = open(OutputLock.lockFile(for: path), O_RDWR | O_CREAT, 0o600)
        try #require(fd >= 0)
        defer { close(fd) }
        try #require(flock(fd, LOCK_EX | LOCK_NB) == 0)
        var progressed = false
        #expect(throws: OutputError.self) {
            try DatasetPreparation.prepare(directory: f.directory, options: ReadOptions(threads: 2), to: path) { _, _ in progressed = true }
        }
        #expect(!progressed && !FileManager.default.fileExists(atPath: path))
    }
}
