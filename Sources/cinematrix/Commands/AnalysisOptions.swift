import Core
import ArgumentParser
import Model

/// Options shared by the commands that analyse a trained model's embeddings.
struct AnalysisOptions: ParsableArguments {
    @Argument(help: "The model: an experiment folder or its model.cmxm file.")
    var model: String

    @Option(help: "Folder for the CSV and PNG files.")
    var out: String = "outputs/analysis"

    @Option(help: ArgumentHelp("Only movies (or users) with at least this many training ratings; rarely rated movies' vectors are mostly prior. Default: \(PopularityFloor.description), as everywhere.", valueName: "n"))
    var minRatings: Int?

    @Option(help: "Seed for every random choice (k-means restarts, t-SNE random start).")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Threads to use, at most 4 per core. Default: all cores.", valueName: "n"))
    var threads: Int?

    /// `threads`, at most `maximumThreads`.
    var workerThreads: Int { boundedThreads(threads ?? availableCores) }

    func validate() throws {
        if let minRatings, minRatings < 0 { throw ValidationError("--min-ratings must be 0 or more") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    /// Reads the model (with its ratings when `ratings` is set).
    func open(ratings: Bool = false) throws -> FactorModel {
        try ModelFile.read(path: model, includeUserRatings: ratings)
    }

    /// The popularity floor for `m`: `--min-ratings`, or the default for its number of users.
    func floor(_ m: FactorModel) -> Int { minRatings ?? PopularityFloor.default(for: m) }
}

/// The one default popularity floor of every command (`similar`, `recommend`, the maps,
/// neighbours, clusters and the report), so their lists agree.
enum PopularityFloor {
    static let description = "max(10, users/1000)"
    static func `default`(for m: FactorModel) -> Int { RankingFilter.defaultMinRatings(userCount: m.trainingUserCount) }
}
