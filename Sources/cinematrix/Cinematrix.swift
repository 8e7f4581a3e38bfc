import ArgumentParser

/// The `cinematrix` command: one subcommand per job. Each subcommand parses its arguments,
/// calls the library modules, and prints; no numerics live here.
@main
struct Cinematrix: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "cinematrix",
        abstract: "Train MovieLens recommenders by alternating least squares and look inside them.",
        discussion: """
        Typical session:
          cinematrix synth --out outputs/synthetic          # or use a MovieLens folder
          cinematrix prepare outputs/synthetic --out outputs/data.cmx
          cinematrix info outputs/data.cmx
        """,
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
            ExportCommand.self,
            ImportFactorsCommand.self,
            BenchCommand.self,
        ]
    )
}
