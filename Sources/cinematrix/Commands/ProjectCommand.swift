import Analyze
import ArgumentParser
import Model

extension ProjectionMethod: ExpressibleByArgument {}
extension EmbeddingKind: ExpressibleByArgument {}

/// `cinematrix project`: a 2-D map of movie or user vectors by PCA or t-SNE, as CSV and PNG.
struct ProjectCommand: ContractCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Map movie or user vectors to 2-D with PCA or t-SNE; write coordinates (CSV) and a scatter plot (PNG).",
        discussion: CommandHelp.discussion("""
            Movies are coloured by their primary genre (the rarest of their genres, the most specific) and the \
            dozen most-rated are labelled; users are coloured by their favourite genre (the one most \
            over-represented among the movies they rated at or above their own mean). Writes \
            OUT/<movies|users>-<pca|tsne>.csv, .png and .json (the settings and seed).
            """, examples: [
                "cinematrix project outputs/run1 --of movies --method tsne",
                "cinematrix project outputs/run1 --of users --method pca --out outputs/maps",
            ]))

    @OptionGroup var options: AnalysisOptions
    @Option(help: "What to map.") var of: EmbeddingKind = .movies
    @Option(help: "How to map it.") var method: ProjectionMethod = .tsne
    @Option(help: "t-SNE perplexity (effective number of neighbours).") var perplexity: Double = 30
    @Flag(help: "Start t-SNE from random positions drawn from --seed instead of the PCA layout.") var randomStart = false
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard perplexity >= 2 else { throw ValidationError("--perplexity must be at least 2 (30 is usual)") }
    }

    func execute(_ console: Console) throws -> CommandOutcome {
        let m = try options.open(ratings: of == .users)
        let bar = console.progress("\(method.rawValue) of \(of.rawValue)")
        let (map, stem) = try MapProjection.write(of, model: m, modelPath: options.model, method: method, perplexity: perplexity,
                                                  randomStart: randomStart, minRatings: options.floor(m), seed: options.seed,
                                                  threads: options.workerThreads, out: options.out) { bar.update($0) }
        return CommandOutcome(
            json: .object([("of", .string(of.rawValue)), ("method", .string(method.rawValue)), ("points", .int(map.rows.count)),
                           ("detail", .string(map.detail)), ("minRatings", .int(options.floor(m))),
                           ("files", .array(["csv", "png", "json"].map { .string("\(stem).\($0)") }))]),
            text: "\(map.detail): \(map.rows.count) \(of.rawValue) → \(stem).csv, \(stem).png")
    }
}
