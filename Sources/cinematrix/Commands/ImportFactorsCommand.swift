import ArgumentParser
import Foundation
import Model

/// `cinematrix import-factors`: vectors trained elsewhere become a model every command accepts.
struct ImportFactorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-factors",
        abstract: "Turn movie (and user) vectors trained elsewhere, e.g. by Spark MLlib ALS, into a Cinematrix model.",
        discussion: """
        For data that outgrows one machine: train on a cluster, then map, cluster,
        compare and recommend here.
          cinematrix import-factors --movies items.csv --users users.csv \\
              --dataset outputs/data.cmx --out outputs/spark/model.cmxm
        Factor files are CSV rows `id,f1,...,fK` or Spark's `id,"[f1, ..., fK]"` (a
        header line is skipped), or .npy matrices with --movie-ids/--user-ids text
        files (one raw id per line, in row order). The dataset supplies titles,
        genres, rating counts and the users' ratings. The model predicts x·y with no
        biases and a global mean of 0, as Spark's ALS does; movies or users without a
        vector get zeros (counted on standard error). New users are folded in with
        --tau and --gamma as the ridge (τ/λ and γ/λ with λ = 1).
        """
    )

    @Option(help: "Movie factors: CSV (id,f1..fK) or .npy.") var movies: String
    @Option(help: "User factors: CSV or .npy (optional).") var users: String?
    @Option(help: "Raw movie ids of the .npy rows, one per line.") var movieIds: String?
    @Option(help: "Raw user ids of the .npy rows, one per line.") var userIds: String?
    @Option(help: "Prepared dataset the factors were trained on (from `cinematrix prepare`).") var dataset: String
    @Option(help: "Model file to write.") var out: String
    @Option(help: "Ridge for new users' vectors (τ/λ), as Spark's regParam × ratings scale.") var tau: Float = 15
    @Option(help: "Ridge for new users' biases (γ/λ).") var gamma: Float = 3

    func validate() throws {
        guard tau >= 0, gamma >= 0 else { throw ValidationError("--tau and --gamma must be 0 or more") }
    }

    func run() throws {
        let (data, _) = try loadDataset(dataset)
        let movieTable = try FactorTable.read(path: movies, ids: try ids(movieIds))
        let k = movieTable.vectors.columns
        let (movieVectors, missingMovies, unusedMovies) = movieTable.aligned(to: data.catalog.movieIDs)
        var userVectors = Matrix(rows: data.userCount, columns: k)
        var userNote = "no user factors given (known users get zeros; new users are folded in)"
        if let users {
            let table = try FactorTable.read(path: users, ids: try ids(userIds))
            guard table.vectors.columns == k else {
                throw CommandFailure("\(users): \(table.vectors.columns) features per row, the movie factors have \(k)")
            }
            let aligned = table.aligned(to: data.userIDs)
            userVectors = aligned.vectors
            userNote = "\(data.userCount - aligned.missing) users with vectors, \(aligned.missing) without, \(aligned.unused) ids not in the dataset"
        }
        var settings = Hyperparameters.defaults(for: .biasUV)
        settings.rank = k
        settings.tau = tau
        settings.gamma = gamma
        settings.epochs = 0
        settings.inference = .map
        let counts = (0..<data.movieCount).map { Int32(data.trainByMovie.rowLength($0)) }
        let model = FactorModel(kind: .biasUV, globalMean: 0, userBias: [Float](repeating: 0, count: data.userCount),
                                movieBias: [Float](repeating: 0, count: data.movieCount), userFactors: userVectors,
                                movieFactors: movieVectors, genreFactors: Matrix(rows: 0, columns: k), userIDs: data.userIDs,
                                catalog: data.catalog, movieRatingCounts: counts, scale: data.scale, hyperparameters: settings,
                                userRatings: data.trainByUser)
        try ModelFile.write(model, to: out)
        Terminal.error("movies: \(data.movieCount - missingMovies) with vectors, \(missingMovies) without, \(unusedMovies) ids not in the dataset; users: \(userNote)")
        print("wrote \(out) (K = \(k)); try: cinematrix similar \(out) \"Toy Story\"")
    }

    private func ids(_ path: String?) throws -> [Int64]? {
        guard let path else { return nil }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw CommandFailure("\(path): cannot read the ids file") }
        return try text.split(whereSeparator: \.isNewline).enumerated().map { n, line in
            guard let id = Int64(line.trimmingCharacters(in: .whitespaces)) else {
                throw CommandFailure("\(path):\(n + 1): '\(line)' is not a whole-number id")
            }
            return id
        }
    }
}
