import Core
import Analyze
import ArgumentParser
import Model

/// `cinematrix report`: one self-contained HTML page about a trained model.
struct ReportCommand: ContractCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML report (images embedded) about an experiment.",
        discussion: CommandHelp.discussion("""
            The page has the dataset summary, the configuration, the loss and RMSE curves, the model comparison \
            (when the experiment sits in a `compare` folder with comparison.json), PCA and t-SNE maps of movies and \
            users, per-genre maps, neighbour tables for the most-rated titles, k-means clusters with their \
            agreement with genres, and recommendations for a made-up user. Open it in any browser, print it, or \
            attach it to an email. The pictures and CSV files behind it are written next to report.html.
            """, examples: [
                "cinematrix report outputs/compare/bias-uv-genre-gibbs",
                "cinematrix report outputs/run1 --out outputs/run1-report",
            ]))

    @Argument(help: "Experiment folder (from train, compare or tune) or a model file.") var experiment: String
    @Option(help: ArgumentHelp("Folder for report.html and its figures. Default: EXPERIMENT/report.", valueName: "folder")) var out: String?
    @Option(help: ArgumentHelp("Popularity floor for the movie maps, neighbours and clusters (training ratings). Default: \(PopularityFloor.description).", valueName: "n"))
    var minRatings: Int?
    @Option(help: "Number of k-means clusters.") var clusters: Int = 12
    @Option(help: "Seed for k-means and t-SNE.") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Threads, at most 4 per core. Default: all cores.", valueName: "n")) var threads: Int?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let minRatings, minRatings < 0 { throw ValidationError("--min-ratings must be 0 or more") }
        guard clusters >= 2 else { throw ValidationError("--clusters must be at least 2") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func execute(_ console: Console) throws -> CommandOutcome {
        let written = try ExperimentReport.write(experiment: experiment, out: out, minRatings: minRatings, clusters: clusters, seed: seed,
                                                 threads: boundedThreads(threads ?? availableCores), date: ExperimentReport.today) {
            console.line("report: \($0)…")
        }
        return CommandOutcome(json: .object([("page", .string(written.page))]), text: "report: \(written.page)")
    }
}
