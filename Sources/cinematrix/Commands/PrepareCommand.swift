import AtomicOutput
import ArgumentParser
import Core
import Foundation
import Model

extension SplitMethod: ExpressibleByArgument {}

/// `cinematrix prepare`: reads a MovieLens folder and writes the binary dataset file.
struct PrepareCommand: ContractCommand {
    static let configuration = CommandConfiguration(
        commandName: "prepare",
        abstract: "Read a MovieLens folder, split it, and write a binary dataset file (.cmx).",
        discussion: CommandHelp.discussion("""
            Layouts (detected from the file names): ml-100k (u.data, u.item, u.genre), ml-1m and ml-10m \
            (ratings.dat, movies.dat, '::'-separated, Latin-1), ml-latest-small, ml-latest, ml-20m, ml-25m and \
            ml-32m (ratings.csv, movies.csv, UTF-8, RFC 4180 quoting). A folder holding a single such sub-folder \
            (as ml-10m unzips to ml-10M100K/) works too. With --train and --test the split is taken from those \
            ratings files exactly (e.g. ml-100k u1.base/u1.test); DATA_DIR still provides the movie list.
            """, examples: [
                "cinematrix prepare Data/ml-latest-small --out outputs/ml-latest-small.cmx",
                "cinematrix prepare Data/ml-32m --split temporal --test-fraction 0.1",
                "cinematrix prepare Data/ml-100k --train Data/ml-100k/u1.base --test Data/ml-100k/u1.test",
            ]))

    @Argument(help: "MovieLens folder.") var dataDir: String

    @Option(name: .long, help: ArgumentHelp("Dataset file to write. Default: outputs/<folder name>.cmx.", valueName: "file"))
    var out: String?

    @Option(name: .long, help: "How to hold out test ratings.")
    var split: SplitMethod = .random

    @Option(name: .long, help: "Fraction of ratings held out for testing, in [0, 1).")
    var testFraction: Double = 0.2

    @Option(name: .long, help: "Seed of the random split.") var seed: UInt64 = 42

    @Option(name: .long, help: "Fixed training ratings file (use with --test).") var train: String?
    @Option(name: .long, help: "Fixed test ratings file (use with --train).") var test: String?

    @Flag(name: .long, help: "Skip malformed lines and duplicate pairs (counted by kind) instead of stopping.")
    var skipBadLines = false

    @Option(name: .long, help: "Threads to use (4 per core copes best with busy machines).")
    var threads: Int = ReadOptions.defaultThreads

    @Flag(name: .long, help: "Print the time of each stage on standard error.") var timings = false
    @OptionGroup var output: OutputOptions

    /// The library checks the options (`ReadOptions.validate()`); this adds the flag to change.
    func validate() throws {
        do {
            try options.validate()
        } catch IngestError.invalidOption(let problem) {
            throw ValidationError("\(problem.statement). \(problem.flagRemedy)")
        }
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

    func execute(_ console: Console) throws -> CommandOutcome {
        let bar = console.progress("prepare")
        let clock = StageTimingsPrinter(enabled: timings)
        // Only the file and its summary are needed here, so the dataset is not built in memory.
        let (summary, report) = try DatasetPreparation.prepare(directory: dataDir, options: options, to: outputPath) { stage, f in
            clock.mark(stage)
            bar.update(f)
        }
        bar.finish()
        let tally = report.badLines
        if tally.total > 0 {
            let kinds = tally.counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            console.note("skipped \(tally.total) bad line(s): \(kinds)" + (tally.first.map { "; first: \($0)" } ?? ""))
        }
        if report.unlistedMovies > 0 {
            console.note("note: \(report.unlistedMovies) rated movie(s) are missing from the movie list; they have empty titles")
        }
        let skipped: JSONValue = .object(tally.counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key.rawValue, .int($0.value)) })
        return CommandOutcome(json: .object([("output", .string(outputPath)), ("skippedLines", .int(tally.total)),
                                            ("skippedByKind", skipped)] + (try JSONValue(encoding: summary)).members),
                             text: "wrote \(outputPath)\n" + summary.text)
    }
}

extension ReadOptions.Problem {
    /// The flag that fixes the problem, for `prepare`'s usage errors.
    var flagRemedy: String {
        switch self {
        case .testFractionOutOfRange: return "Pass --test-fraction at least 0 and below 1, e.g. 0.2."
        case .trainFileWithoutTestFile, .testFileWithoutTrainFile: return "--train and --test go together: give both files or neither."
        case .tooFewThreads: return "Pass --threads 1 or more."
        }
    }
}

/// Prints each finished stage to standard error (for `--timings`): wall and processor seconds
/// from `StageClock`, and the total so far.
final class StageTimingsPrinter {
    private let enabled: Bool
    private var clock = StageClock()
    private var stage = "start"
    private var total = 0.0

    init(enabled: Bool) {
        self.enabled = enabled
        if enabled { clock.start(stage) }
    }

    /// Ends the stage under way when `next` differs from it, and prints it.
    func mark(_ next: String) {
        guard enabled, next != stage else { return }
        clock.start(next)
        stage = next
        guard let done = clock.stages.last else { return }
        total += done.seconds
        let name = done.name.count < 28 ? done.name.padding(toLength: 28, withPad: " ", startingAt: 0) : done.name
        Terminal.error(name + String(format: " %7.3f s, %7.3f s processor (total %.3f s)", done.seconds, done.cpuSeconds, total))
    }
}
