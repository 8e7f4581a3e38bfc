import AtomicOutput
import ArgumentParser
import Core
import Foundation
import Model

/// `cinematrix export`: a model's vectors for other tools.
struct ExportCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case tensorboard, npy, csv
    }

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a model's vectors for TensorBoard's Embedding Projector, NumPy, or as CSV.",
        discussion: """
        tensorboard: movies_tensor.tsv / users_tensor.tsv (no header),
        movies_metadata.tsv (title,
          year, genres, ratings) / users_metadata.tsv, and projector_config.json. Load the folder
          in projector.tensorflow.org ("Load") or point `tensorboard --logdir` at it.
        npy: movie_factors.npy, user_factors.npy, movie_bias.npy, user_bias.npy
        (float32),
          genre_factors.npy for the genre model, movie_ids.txt / user_ids.txt / genres.txt
          giving the raw id (or genre name) of each row, movie_ratings.txt (training ratings per
          movie) and global_mean.txt (μ): numpy.load and numpy.loadtxt read them all.
        csv: movies.csv (movieId,title,year,genres,ratings,bias,f1..fK) and users.csv
          (userId,bias,f1..fK).
        """
    )

    @Argument(help: "The model: an experiment folder or its model.cmxm file.")
    var model: String

    @Option(help: "tensorboard, npy or csv.")
    var format: Format

    @Option(help: "Folder to write into (default: outputs/export-FORMAT).")
    var out: String?

    func run() throws {
        let dir = out ?? "outputs/export-\(format.rawValue)"
        let m = try reportingErrors { try ModelFile.read(path: model, includeUserRatings: true) }
        try reportingErrors { try OutputFolder.create(dir) }
        let genres = (0..<m.movieCount).map { genreList(m, $0) }
        let userCounts = m.userRatings.map { r in (0..<m.userCount).map { r.rowLength($0) } }
        switch format {
        case .tensorboard:
            try ProjectorExport.write([
                .init(name: "movies", vectors: m.movieFactors, metadataHeader: ["title", "year", "genres", "ratings"],
                      metadata: (0..<m.movieCount).map { [m.catalog.titles[$0], m.catalog.years[$0] > 0 ? "\(m.catalog.years[$0])" : "", genres[$0], "\(m.movieRatingCounts[$0])"] }),
                .init(name: "users", vectors: m.userFactors, metadataHeader: ["userId", "ratings"],
                      metadata: (0..<m.userCount).map { u in ["\(m.userIDs[u])", userCounts.map { "\($0[u])" } ?? ""] }),
            ], to: dir)
        case .npy:
            try NPYFile.write(m.movieFactors, to: dir + "/movie_factors.npy")
            try NPYFile.write(m.userFactors, to: dir + "/user_factors.npy")
            try NPYFile.write(m.movieBias, shape: [m.movieCount], to: dir + "/movie_bias.npy")
            try NPYFile.write(m.userBias, shape: [m.userCount], to: dir + "/user_bias.npy")
            if m.genreFactors.rows > 0 { try NPYFile.write(m.genreFactors, to: dir + "/genre_factors.npy") }
            try OutputFile.write(m.catalog.movieIDs.map(String.init).joined(separator: "\n") + "\n", to: dir + "/movie_ids.txt")
            try OutputFile.write(m.userIDs.map(String.init).joined(separator: "\n") + "\n", to: dir + "/user_ids.txt")
            try OutputFile.write(m.catalog.genreNames.joined(separator: "\n") + "\n", to: dir + "/genres.txt")
            try OutputFile.write(m.movieRatingCounts.map(String.init).joined(separator: "\n") + "\n", to: dir + "/movie_ratings.txt")
            try OutputFile.write("\(m.globalMean)\n", to: dir + "/global_mean.txt")
        case .csv:
            let k = m.rank
            let features = (0..<k).map { "f\($0 + 1)" }
            var movies = (["movieId", "title", "year", "genres", "ratings", "bias"] + features).joined(separator: ",") + "\n"
            for i in 0..<m.movieCount {
                let row = ["\(m.catalog.movieIDs[i])", csvField(m.catalog.titles[i]), m.catalog.years[i] > 0 ? "\(m.catalog.years[i])" : "",
                           csvField(genres[i]), "\(m.movieRatingCounts[i])", "\(m.movieBias[i])"] + (0..<k).map { "\(m.movieFactors[i, $0])" }
                movies += row.joined(separator: ",") + "\n"
            }
            try OutputFile.write(movies, to: dir + "/movies.csv")
            var users = (["userId", "bias"] + features).joined(separator: ",") + "\n"
            for u in 0..<m.userCount {
                users += (["\(m.userIDs[u])", "\(m.userBias[u])"] + (0..<k).map { "\(m.userFactors[u, $0])" }).joined(separator: ",") + "\n"
            }
            try OutputFile.write(users, to: dir + "/users.csv")
        }
        print("Wrote \(format.rawValue) export of \(m.movieCount) movies and \(m.userCount) users (K = \(m.rank)) to \(dir)/")
    }
}
