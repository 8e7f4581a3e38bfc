import AtomicOutput
import ArgumentParser
import Core
import Foundation
import Model

extension SplitMethod: ExpressibleByArgument {}

/// `cinematrix prepare`: reads a MovieLens folder and writes the binary dataset file.
struct PrepareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prepare",
        abstract: "Read a MovieLens folder, split it, and write a binary dataset file (.cmx).",
        discussion: """
        Layouts (detected from the file names): ml-100k (u.data, u.item, u.genre),
        ml-1m and ml-10m (ratings.dat, movies.dat, '::'-separated, Latin-1),
        ml-latest-small, ml-latest, ml-20m, ml-25m, ml-32m (ratings.csv, movies.csv,
        UTF-8, RFC 4180 quoting). A folder holding a single such sub-folder (as ml-10m
        unzips to ml-10M100K/) works too. With --train and --test the split is taken
        from those ratings files exactly (e.g. ml-100k u1.base/u1.test); DATA_DIR
        still provides the movie list.
        """)

    @Argument(help: "MovieLens folder.") var dataDir: String

    @Option(name: .long, help: "Dataset file to write (default: outputs/<folder name>.cmx).")
    var out: String?

    @Option(name: .long, help: "How to hold out test ratings: \(SplitMethod.allCases.map(\.rawValue).joined(separator: ", ")).")
    var split: SplitMethod = .random

    @Option(name: .long, help: "Fraction of ratings held out for testing, in [0, 1).")
    var testFraction: Double = 0.2

    @Option(name: .long, help: "Seed of the random split.") var seed: UInt64 = 42

    @Option(name: .long, help: "Fixed training ratings file (use with --test).") var train: String?
    @Option(name: .long, help: "Fixed test ratings file (use with --train).") var test: String?

    @Flag(name: .long, help: "Skip malformed lines and duplicate pairs (counted by kind) instead of stopping.")
    var skipBadLines = false

    @Option(name: .long, help: "Threads to use (default: 4 per core, which copes best with busy machines).")
    var threads: Int = ReadOptions.defaultThreads

    @Flag(name: .long, help: "Print the time of each stage on standard error.") var timings = false
    @Flag(name: .long, help: "Print the summary as JSON on standard output.") var json = false
    @Flag(name: .long, help: "No progress bar and no summary (errors are still printed).") var quiet = false

    func validate() throws {
        if (train == nil) != (test == nil) { throw ValidationError("--train and --test go together: give both files or neither.") }
        if !(testFraction >= 0 && testFraction < 1) { throw ValidationError("--test-fraction must be at least 0 and below 1, e.g. 0.2.") }
        if threads < 1 { throw ValidationError("--threads must be at least 1.") }
    }

    var outputPath: String {
        if let out { return out }
        let name = URL(fileURLWithPath: dataDir).standardizedFileURL.lastPathComponent
        return "outputs/\(name.isEmpty ? "data" : name).cmx"
    }

    var options: ReadOptions {
        ReadOptions(split: SplitSpec(method: split, testFraction: testFraction, seed: seed),
                    trainFile: train, testFile: test, skipBadLines: skipBadLines, threads: threads)
    }

    func run() throws {
        // Only the file and its summary are needed here, so the dataset is not built in memory.
        let (summary, report) = try Self.prepare(dataDir, options: options, to: outputPath, quiet: quiet, timings: timings) {
            try MovieLensReader.prepareFile(directory: $0, options: $1, to: $2, progress: $3)
        }
        if quiet { return }
        if json {
            print(try summaryJSON(summary, extra: ["output": outputPath, "skippedLines": report.badLines.total,
                                                   "skippedByKind": Dictionary(uniqueKeysWithValues: report.badLines.counts.map { ($0.key.rawValue, $0.value) })]))
        } else {
            print("wrote \(outputPath)")
            print(summary.text)
        }
    }

    /// Reads `directory`, writes the dataset file to `path`, and reports skipped lines on
    /// standard error; returns the dataset. Used by `demo`.
    static func prepare(_ directory: String, options: ReadOptions, to path: String,
                        quiet: Bool, timings: Bool = false) throws -> (Dataset, ReadReport) {
        try prepare(directory, options: options, to: path, quiet: quiet, timings: timings) {
            try MovieLensReader.prepare(directory: $0, options: $1, to: $2, progress: $3)
        }
    }

    /// The same with the reading done by `read(directory, options, path, progress)`, which
    /// returns what the caller wants (the dataset, or just its summary) and the read report.
    static func prepare<T>(_ directory: String, options: ReadOptions, to path: String, quiet: Bool, timings: Bool,
                           read: (String, ReadOptions, String, @escaping (String, Double) -> Void) throws -> (T, ReadReport))
    throws -> (T, ReadReport) {
        let bar = ProgressBar("prepare", quiet: quiet)
        let clock = StageClock(enabled: timings)
        let result = try reportingErrors {
            try createParentFolder(of: path)
            // Held for the whole run, so a second run writing the same file is refused at once.
            let lock = try OutputLock(for: path)
            defer { lock.release() }
            let (value, report) = try read(directory, options, path) { stage, f in
                clock.mark(stage)
                bar.update(f)
            }
            clock.mark("written")
            return (value, report)
        }
        bar.finish()
        let tally = result.1.badLines
        if tally.total > 0 {
            let kinds = tally.counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            Terminal.error("skipped \(tally.total) bad line(s): \(kinds)" + (tally.first.map { "; first: \($0)" } ?? ""))
        }
        if result.1.unlistedMovies > 0 {
            Terminal.error("note: \(result.1.unlistedMovies) rated movie(s) are missing from the movie list; they have empty titles")
        }
        return result
    }
}

/// Prints the time since the previous stage change to standard error (for `--timings`).
final class StageClock {
    private let enabled: Bool
    private var stage = "start"
    private var last = Date()
    private let start = Date()
    init(enabled: Bool) { self.enabled = enabled }
    func mark(_ next: String) {
        guard enabled, next != stage else { return }
        let now = Date()
        Terminal.error(String(format: "%-28@ %7.3f s (total %.3f s)", stage as NSString, now.timeIntervalSince(last), now.timeIntervalSince(start)))
        stage = next
        last = now
    }
}

/// The summary as pretty JSON with extra top-level fields.
func summaryJSON(_ summary: DatasetSummary, extra: [String: Any] = [:]) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    var object = try JSONSerialization.jsonObject(with: encoder.encode(summary)) as! [String: Any]
    for (k, v) in extra { object[k] = v }
    let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    return String(decoding: data, as: UTF8.self)
}

func createParentFolder(of path: String) throws {
    try OutputFolder.create(URL(fileURLWithPath: path).deletingLastPathComponent().path)
}

/// Runs `body`; a library error (bad input, damaged file) is printed to standard error as
/// "cinematrix: error: <message>" and the command exits with status 1.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as IngestError {
        Terminal.error("cinematrix: error: \(e)")
        throw ExitCode.failure
    } catch let e as ContainerError {
        Terminal.error("cinematrix: error: \(e)")
        throw ExitCode.failure
    } catch let e as OutputError {
        Terminal.error("cinematrix: error: \(e)")
        throw ExitCode.failure
    }
}
