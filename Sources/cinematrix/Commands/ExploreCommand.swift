import Core
import Analyze
import ArgumentParser
import Model

/// `cinematrix explore`: one self-contained, interactive map page of a model (or of every model
/// of a comparison).
struct ExploreCommand: ContractCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Write explore.html: an interactive map of the movies and users that opens from disk in any browser.",
        discussion: CommandHelp.discussion("""
            The page shows the t-SNE map of the movies (PCA at a click) and of the users, with hover details, \
            wheel zoom and drag pan, a forgiving title search that highlights a movie and lists its 10 nearest \
            neighbours (the same list as `similar`), genre toggles, and colour by genre, cluster or popularity. \
            Given a comparison folder (from compare) it switches between the models. Everything is inline: no \
            network. The coordinates go beside it as movies-tsne.csv, users-tsne.csv, movies-pca.csv and \
            users-pca.csv, the settings as explore.json.
            """, examples: [
                "cinematrix explore outputs/run1",
                "cinematrix explore outputs/compare --out outputs/compare-explorer",
                "cinematrix explore outputs/run1/model.cmxm --min-ratings 0 --max-users 5000",
            ]))

    @Argument(help: "A model file, an experiment folder (from train) or a comparison folder (from compare).") var model: String
    @Option(help: ArgumentHelp("Folder for explore.html and the CSV files. Default: MODEL's folder/explore.", valueName: "folder")) var out: String?
    @Option(help: ArgumentHelp("Popularity floor for the map and the neighbour lists (training ratings). Default: \(PopularityFloor.description).", valueName: "n"))
    var minRatings: Int?
    @Option(help: ArgumentHelp("Map at most this many users (a seeded sample of those above the floor).", valueName: "n")) var maxUsers = 10_000
    @Option(help: "Number of k-means clusters to colour by.") var clusters = 12
    @Option(help: "t-SNE perplexity.") var perplexity: Double = 30
    @Option(help: "Seed for t-SNE, k-means and the user sample.") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Threads, at most 4 per core. Default: all cores.", valueName: "n")) var threads: Int?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let minRatings, minRatings < 0 { throw ValidationError("--min-ratings must be 0 or more") }
        guard maxUsers >= 0 else { throw ValidationError("--max-users must be 0 or more") }
        guard clusters >= 2 else { throw ValidationError("--clusters must be at least 2") }
        guard perplexity >= 2 else { throw ValidationError("--perplexity must be at least 2 (30 is usual)") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func execute(_ console: Console) throws -> CommandOutcome {
        let input = try ExplorerInput.resolve(model)
        let settings = ExplorerEntry.Settings(minRatings: minRatings, maxUsers: maxUsers, clusters: clusters, perplexity: perplexity,
                                              seed: seed, threads: boundedThreads(threads ?? availableCores))
        var bar: ProgressBar?
        let written = try ExplorerFiles.write(input: input, out: out, settings: settings, step: { stage in
            bar?.finish()
            console.line("explore: \(stage)…")
            bar = console.progress(stage)
        }, progress: { bar?.update($0) })
        bar?.finish()
        for name in written.skipped { console.note("explore: \(name) left out: a bias model has no vectors to map") }
        let megabytes = String(format: "%.1f MB", Double(written.pageBytes) / 1_000_000)
        return CommandOutcome(
            json: .object([("page", .string(written.page)), ("bytes", .int(written.pageBytes)),
                           ("models", .array(written.models.map(JSONValue.string))), ("skipped", .array(written.skipped.map(JSONValue.string))),
                           ("movies", .int(written.movies)), ("users", .int(written.users)), ("minRatings", .int(written.minRatings)),
                           ("files", .array(written.csvFiles.map(JSONValue.string))),
                           ("stages", .array(written.stages.map {
                               .object([("stage", .string($0.name)), ("seconds", .double($0.seconds)), ("cpuSeconds", .double($0.cpuSeconds))])
                           }))]),
            text: "explore: \(written.page) (\(megabytes); \(written.movies) movies, \(written.users) users"
                + (written.models.count > 1 ? ", models \(written.models.joined(separator: ", "))" : "") + ")")
    }
}
