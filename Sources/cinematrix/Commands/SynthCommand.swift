import ArgumentParser
import Foundation
import Model

/// `cinematrix synth`: writes a synthetic dataset in the ml-latest CSV layout.
struct SynthCommand: ContractCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write a synthetic MovieLens-like dataset (ratings.csv, movies.csv) from a planted model.",
        discussion: CommandHelp.discussion("""
            Ratings come from user and movie biases plus low-rank factors tied to genres, plus Gaussian noise, \
            rounded to half stars. Movie popularity and user activity are long-tailed; every user has at least 20 \
            ratings; some titles need CSV quoting. The same seed gives the same bytes. The default size is about \
            that of ml-latest-small; --size ml-32m writes 200,948 users × 87,585 movies × 32,000,204 ratings \
            (~850 MB) for benchmarks.
            """, examples: ["cinematrix synth --out outputs/synthetic", "cinematrix synth --size ml-32m --out Data/synthetic-32m"]))

    @Option(name: .long, help: "Folder to write ratings.csv and movies.csv into (created if needed).")
    var out: String

    /// The named sizes of `SynthConfig.named`.
    enum Size: String, CaseIterable, ExpressibleByArgument {
        case small, ml32m = "ml-32m"
    }

    @Option(name: .long, help: "Named size; --users, --movies and --ratings override it.")
    var size: Size = .small

    @Option(name: .long, help: "Number of users.") var users: Int?
    @Option(name: .long, help: "Number of movies.") var movies: Int?
    @Option(name: .long, help: "Number of ratings (at least 20 per user).") var ratings: Int?
    @Option(name: .long, help: "Random seed.") var seed: UInt64 = 1
    @Option(name: .long, help: "Rank of the planted factors.") var rank: Int = 8
    @Option(name: .long, help: "Standard deviation of the rating noise, in stars.") var noise: Float = 0.5
    @OptionGroup var output: OutputOptions

    var config: SynthConfig {
        var c = SynthConfig.named[size.rawValue] ?? .small
        if let users { c.users = users }
        if let movies { c.movies = movies }
        if let ratings { c.ratings = ratings }
        c.seed = seed
        c.rank = rank
        c.noise = noise
        return c
    }

    func validate() throws {
        if let problem = config.problem { throw ValidationError(problem + " (--users, --movies, --ratings)") }
    }

    func execute(_ console: Console) throws -> CommandOutcome {
        let c = config
        let bar = console.progress("synth")
        let summary = try SyntheticCSVWriter.write(SyntheticRatings(config: c), to: out) { bar.update($0) }
        return CommandOutcome(
            json: .object([("folder", .string(out)), ("users", .int(c.users)), ("movies", .int(c.movies)), ("ratings", .int(summary.ratings)),
                           ("seed", .int(Int64(bitPattern: c.seed))), ("noise", .float(c.noise)), ("plantedRMSE", .double(Double(summary.plantedRMSE)))]),
            text: """
            wrote \(out)/ratings.csv and \(out)/movies.csv: \(c.users) users, \(c.movies) movies, \(summary.ratings) ratings (seed \(c.seed))
            planted noise: \(c.noise) stars (standard deviation, before rounding to half stars)
            planted-model RMSE on the written ratings: \(String(format: "%.4f", summary.plantedRMSE)) (the floor a perfect model reaches)
            """)
    }
}
