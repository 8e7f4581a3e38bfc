import Analyze
import ArgumentParser
import Model

/// `cinematrix maps`: the embedding map per genre.
struct MapsCommand: ContractCommand {
    static let configuration = CommandConfiguration(
        commandName: "maps",
        abstract: "Draw the movie map once per genre (that genre's movies highlighted over the rest in grey) and a grid of all genres.",
        discussion: CommandHelp.discussion("""
            Writes OUT/maps/<Genre>.png for each genre, OUT/maps/grid.png with every genre as a small \
            multiple, and OUT/maps/parameters.json (the settings and seed).
            """, examples: [
                "cinematrix maps outputs/run1",
                "cinematrix maps outputs/run1 --method pca --min-ratings 50",
            ]))

    @OptionGroup var options: AnalysisOptions
    @Option(help: "How to map the movies.") var method: ProjectionMethod = .tsne
    @Option(help: "t-SNE perplexity.") var perplexity: Double = 30
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard perplexity >= 2 else { throw ValidationError("--perplexity must be at least 2 (30 is usual)") }
    }

    func execute(_ console: Console) throws -> CommandOutcome {
        let m = try options.open()
        let bar = console.progress("\(method.rawValue) of movies")
        let (map, paths) = try MapProjection.writeGenreMaps(model: m, modelPath: options.model, method: method, perplexity: perplexity,
                                                            minRatings: options.floor(m), seed: options.seed,
                                                            threads: options.workerThreads, out: options.out) { bar.update($0) }
        return CommandOutcome(
            json: .object([("method", .string(method.rawValue)), ("points", .int(map.rows.count)), ("detail", .string(map.detail)),
                           ("minRatings", .int(options.floor(m))), ("files", .array(paths.map(JSONValue.string)))]),
            text: "\(map.detail): \(paths.count - 1) genre maps and grid.png in \(options.out)/maps/")
    }
}
