import ArgumentParser
import Foundation

/// `--json` and `--quiet`, the same on every subcommand.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print one JSON document on standard output: {\"command\", \"ok\", \"result\"}, or {\"ok\": false, \"error\"} on failure.")
    var json = false

    @Flag(help: "No progress bars or progress lines; the requested output and warnings are still printed.")
    var quiet = false
}

/// What a command computed: the same result for programs (`json`) and for people (`text`,
/// numbers rounded; printed as is, nothing when empty).
struct CommandOutcome {
    var json: JSONValue
    var text: String
}

/// A subcommand under the one CLI contract: it parses, makes one library call through
/// `execute`, and returns its result; `run()` prints it, or the error, the same way for every
/// command. Exit status 0 on success, 1 for a failed run or bad data, 64 for a usage error.
protocol ContractCommand: ParsableCommand {
    var output: OutputOptions { get }
    /// Does the work. Progress goes through `console`; the result is returned, not printed.
    func execute(_ console: Console) throws -> CommandOutcome
}

extension ContractCommand {
    func run() throws {
        let console = Console(output)
        let name = Self._commandName
        let result: CommandOutcome
        do {
            result = try execute(console)
        } catch {
            console.finishProgress()
            let failure = CommandFailureReport(error)
            if output.json { print(failure.envelope(command: name).rendered()) }
            Terminal.error("cinematrix \(name): error: \(failure.message)")
            throw ExitCode(failure.status)
        }
        console.finishProgress()
        if output.json {
            print(JSONValue.object([("command", .string(name)), ("ok", .bool(true)), ("result", result.json)]).rendered())
        } else if !result.text.isEmpty {
            print(result.text)
        }
    }
}

/// Where a command's progress and notes go. Progress (bars, per-epoch lines, stage lines) is
/// silenced by `--quiet`; with `--json` progress lines go to standard error, so standard
/// output holds the JSON document only. Warnings (`note`) always go to standard error.
final class Console {
    let options: OutputOptions
    private var bars: [ProgressBar] = []

    init(_ options: OutputOptions) { self.options = options }

    /// A progress bar labelled `label` (drawn on a terminal only, never with `--quiet`).
    func progress(_ label: String) -> ProgressBar {
        let bar = ProgressBar(label, quiet: options.quiet)
        bars.append(bar)
        return bar
    }

    /// A progress line: standard output for people, standard error under `--json`, nothing
    /// under `--quiet`.
    func line(_ text: String) {
        guard !options.quiet else { return }
        if options.json { Terminal.error(text) } else { print(text) }
    }

    /// A warning or note on standard error (never silenced).
    func note(_ text: String) { Terminal.error(text) }

    /// Clears any bar still drawn.
    func finishProgress() {
        bars.forEach { $0.finish() }
        bars.removeAll()
    }
}
