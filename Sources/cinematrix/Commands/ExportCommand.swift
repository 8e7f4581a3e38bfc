import ArgumentParser
import Model

extension ModelExport.Format: ExpressibleByArgument {}

/// `cinematrix export`: a model's vectors for other tools.
struct ExportCommand: ContractCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a model's vectors for TensorBoard's Embedding Projector, NumPy, or as CSV.",
        discussion: CommandHelp.discussion("""
            tensorboard: movies_tensor.tsv and users_tensor.tsv (no header), movies_metadata.tsv (title, year, \
            genres, ratings) and users_metadata.tsv, and projector_config.json. Load the folder in \
            projector.tensorflow.org ("Load") or point `tensorboard --logdir` at it.

            npy: movie_factors.npy, user_factors.npy, movie_bias.npy and user_bias.npy (float32), genre_factors.npy \
            for the genre model, movie_ids.txt, user_ids.txt and genres.txt giving the raw id (or genre name) of \
            each row, movie_ratings.txt (training ratings per movie) and global_mean.txt (μ): numpy.load and \
            numpy.loadtxt read them all.

            csv: movies.csv (movieId, title, year, genres, ratings, bias, f1…fK) and users.csv (userId, bias, f1…fK).
            """, examples: [
                "cinematrix export outputs/run1 --format tensorboard",
                "cinematrix export outputs/run1 --format npy --out outputs/vectors",
            ]))

    @Argument(help: "The model: an experiment folder or its model.cmxm file.") var model: String
    @Option(help: "What to write.") var format: ModelExport.Format
    @Option(help: ArgumentHelp("Folder to write into. Default: outputs/export-FORMAT.", valueName: "folder")) var out: String?
    @OptionGroup var output: OutputOptions

    func execute(_ console: Console) throws -> CommandOutcome {
        let dir = out ?? "outputs/export-\(format.rawValue)"
        let m = try ModelFile.read(path: model, includeUserRatings: true)
        try ModelExport.write(m, format: format, to: dir)
        return CommandOutcome(
            json: .object([("format", .string(format.rawValue)), ("folder", .string(dir)), ("movies", .int(m.movieCount)),
                           ("users", .int(m.userCount)), ("k", .int(m.rank))]),
            text: "Wrote \(format.rawValue) export of \(m.movieCount) movies and \(m.userCount) users (K = \(m.rank)) to \(dir)/")
    }
}
