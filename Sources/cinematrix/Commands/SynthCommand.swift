import ArgumentParser
import Foundation
import Model

/// `cinematrix synth`: writes a synthetic dataset in the ml-latest CSV layout.
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write a synthetic MovieLens-like dataset (ratings.csv, movies.csv) from a planted model.",
        discussion: """
        Ratings come from user and movie biases plus low-rank factors tied to genres,
        plus Gaussian noise, rounded to half stars. Movie popularity and user activity
        are long-tailed; every user has at least 20 ratings; some titles need CSV
        quoting. The same seed gives the same bytes. The default size is about that of
        ml-latest-small; --size ml-32m writes 200,948 users × 87,585 movies ×
        32,000,204 ratings (~850 MB) for benchmarks.
        """)

    @Option(name: .long, help: "Folder to write ratings.csv and movies.csv into (created if needed).")
    var out: String

    @Option(name: .long, help: "Named size: small (default) or ml-32m. --users/--movies/--ratings override it.")
    var size: String = "small"

    @Option(name: .long, help: "Number of users.") var users: Int?
    @Option(name: .long, help: "Number of movies.") var movies: Int?
    @Option(name: .long, help: "Number of ratings (at least 20 per user).") var ratings: Int?
    @Option(name: .long, help: "Random seed.") var seed: UInt64 = 1
    @Option(name: .long, help: "Rank of the planted factors.") var rank: Int = 8
    @Option(name: .long, help: "Standard deviation of the rating noise, in stars.") var noise: Float = 0.5
    @Flag(name: .long, help: "No progress bar.") var quiet = false

    var config: SynthConfig {
        var c = SynthConfig.named[size] ?? .small
        if let users { c.users = users }
        if let movies { c.movies = movies }
        if let ratings { c.ratings = ratings }
        c.seed = seed
        c.rank = rank
        c.noise = noise
        return c
    }

    func validate() throws {
        guard SynthConfig.named[size] != nil else {
            throw ValidationError("unknown --size '\(size)'; use one of: \(SynthConfig.named.keys.sorted().joined(separator: ", "))")
        }
        if let problem = config.problem { throw ValidationError(problem) }
    }

    func run() throws {
        let c = config
        let bar = ProgressBar("synth", quiet: quiet)
        let summary = try reportingErrors {
            try SyntheticCSVWriter.write(SyntheticRatings(config: c), to: out) { bar.update($0) }
        }
        bar.finish()
        print("wrote \(out)/ratings.csv and \(out)/movies.csv: \(c.users) users, \(c.movies) movies, \(summary.ratings) ratings (seed \(c.seed))")
        print("planted noise: \(c.noise) stars (standard deviation, before rounding to half stars)")
        print("planted-model RMSE on the written ratings: \(String(format: "%.4f", summary.plantedRMSE)) (the floor a perfect model reaches)")
    }
}
