import Core
import AtomicOutput
import Foundation

/// A model's vectors written for other tools: the work of `cinematrix export`.
public enum ModelExport {
    /// The formats.
    public enum Format: String, CaseIterable, Sendable {
        /// `movies_tensor.tsv`/`users_tensor.tsv`, their metadata and `projector_config.json`
        /// for TensorBoard's Embedding Projector.
        case tensorboard
        /// NumPy `.npy` matrices and vectors, with text files of ids, genres, counts and μ.
        case npy
        /// `movies.csv` and `users.csv` with one column per dimension.
        case csv
    }

    /// Writes `m` in `format` into `directory` (created if needed). Each file is written whole
    /// or not at all.
    public static func write(_ m: FactorModel, format: Format, to directory: String) throws {
        try OutputFolder.create(directory)
        let genres = (0..<m.movieCount).map { m.catalog.genreList($0) }
        let userCounts = m.userRatings.map { r in (0..<m.userCount).map { r.rowLength($0) } }
        func year(_ i: Int) -> String { m.catalog.years[i] > 0 ? "\(m.catalog.years[i])" : "" }
        switch format {
        case .tensorboard:
            try ProjectorExport.write([
                .init(name: "movies", vectors: m.movieFactors, metadataHeader: ["title", "year", "genres", "ratings"],
                      metadata: (0..<m.movieCount).map { [m.catalog.titles[$0], year($0), genres[$0], "\(m.movieRatingCounts[$0])"] }),
                .init(name: "users", vectors: m.userFactors, metadataHeader: ["userId", "ratings"],
                      metadata: (0..<m.userCount).map { u in ["\(m.userIDs[u])", userCounts.map { "\($0[u])" } ?? ""] }),
            ], to: directory)
        case .npy:
            try NPYFile.write(m.movieFactors, to: directory + "/movie_factors.npy")
            try NPYFile.write(m.userFactors, to: directory + "/user_factors.npy")
            try NPYFile.write(m.movieBias, shape: [m.movieCount], to: directory + "/movie_bias.npy")
            try NPYFile.write(m.userBias, shape: [m.userCount], to: directory + "/user_bias.npy")
            if m.genreFactors.rows > 0 { try NPYFile.write(m.genreFactors, to: directory + "/genre_factors.npy") }
            func lines<T>(_ values: [T]) -> String { values.map { "\($0)" }.joined(separator: "\n") + "\n" }
            try OutputFile.write(lines(m.catalog.movieIDs), to: directory + "/movie_ids.txt")
            try OutputFile.write(lines(m.userIDs), to: directory + "/user_ids.txt")
            try OutputFile.write(lines(m.catalog.genreNames), to: directory + "/genres.txt")
            try OutputFile.write(lines(m.movieRatingCounts), to: directory + "/movie_ratings.txt")
            try OutputFile.write("\(m.globalMean)\n", to: directory + "/global_mean.txt")
        case .csv:
            let k = m.rank
            let features = (0..<k).map { "f\($0 + 1)" }
            var movies = (["movieId", "title", "year", "genres", "ratings", "bias"] + features).joined(separator: ",") + "\n"
            for i in 0..<m.movieCount {
                let row = ["\(m.catalog.movieIDs[i])", CSVField.quoted(m.catalog.titles[i]), year(i), CSVField.quoted(genres[i]),
                           "\(m.movieRatingCounts[i])", "\(m.movieBias[i])"] + (0..<k).map { "\(m.movieFactors[i, $0])" }
                movies += row.joined(separator: ",") + "\n"
            }
            try OutputFile.write(movies, to: directory + "/movies.csv")
            var users = (["userId", "bias"] + features).joined(separator: ",") + "\n"
            for u in 0..<m.userCount {
                users += (["\(m.userIDs[u])", "\(m.userBias[u])"] + (0..<k).map { "\(m.userFactors[u, $0])" }).joined(separator: ",") + "\n"
            }
            try OutputFile.write(users, to: directory + "/users.csv")
        }
    }
}
