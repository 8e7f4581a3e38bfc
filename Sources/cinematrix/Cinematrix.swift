import ArgumentParser
import Foundation

/// The `cinematrix` command: one subcommand per job. Each subcommand parses its arguments,
/// calls the library modules, and prints; no numerics live here.
@main
struct Cinematrix: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "cinematrix",
        abstract: "Train MovieLens recommenders (Gibbs sampling or ALS) and look inside them.",
        discussion: CommandHelp.discussion("""
            Every command takes --json (one JSON document on standard output) and --quiet (no progress). Exit \
            status: 0 success, 1 a failed run or bad data, 64 a usage error.
            """, examples: [
                "cinematrix demo",
                "cinematrix download ml-latest-small",
                "cinematrix prepare Data/ml-latest-small --out outputs/data.cmx",
                "cinematrix train outputs/data.cmx --out outputs/run1",
                "cinematrix recommend outputs/run1 --rate \"Toy Story (1995)=5\"",
            ]),
        version: version,
        subcommands: [
            // Registered subcommands, one per job (keep this list in README order).
            DemoCommand.self,
            DownloadCommand.self,
            SynthCommand.self,
            PrepareCommand.self,
            InfoCommand.self,
            TrainCommand.self,
            CompareCommand.self,
            TuneCommand.self,
            PlotCommand.self,
            RecommendCommand.self,
            SimilarCommand.self,
            ProjectCommand.self,
            MapsCommand.self,
            NeighboursCommand.self,
            ClusterCommand.self,
            ReportCommand.self,
            ExploreCommand.self,
            ExportCommand.self,
            ImportFactorsCommand.self,
            BenchCommand.self,
        ]
    )

    /// Parses, runs, and reports errors under the CLI contract (`ContractCommand`,
    /// `UsageFailure`): a mistyped subcommand or enum value gets a suggestion, and with `--json`
    /// even a usage error is one JSON document on standard output.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let unknown = UsageFailure.unknownSubcommand(arguments) {
            UsageFailure.exit(ValidationError(unknown), arguments: arguments)
        }
        var command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            if Cinematrix.exitCode(for: error) == .success { Cinematrix.exit(withError: error) }
            UsageFailure.exit(error, arguments: arguments)
        }
        do {
            try command.run()
        } catch {
            Cinematrix.exit(withError: error)
        }
    }
}
