import ArgumentParser
import Core
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
          cinematrix import-factors --movies items.json --users users.json \\
              --dataset outputs/data.cmx --out outputs/spark/model.cmxm
        Factor files may be:
          CSV rows id,f1,...,fK, or id,"[f1, ..., fK]" (Spark's array as a string);
          CSV from itemFactors.toPandas().to_csv(), NumPy's vector repr wrapped over
            lines inside the quotes;
          JSON lines {"id": 10, "features": [...]}, or the folder of part-* files
            that itemFactors.write.json(...) writes (_SUCCESS and .crc are skipped);
          .npy matrices with --movie-ids/--user-ids text files (one raw id per line,
            in row order).
        A CSV header line is skipped. Parquet is not read: write JSON lines or .npy.
        The dataset supplies titles, genres, rating counts and the users' ratings.

        The imported model predicts μ + b_u + c_i + x_u·y_i (clamped to the dataset's
        scale): x_u and y_i from the factor files, c_i from --movie-biases, b_u from
        --user-biases (CSV rows id,bias), μ from --global-mean. Each defaults to 0,
        so factors alone predict x·y, as Spark's ALS does. Movies or users without a
        vector or bias get zeros (counted on standard error). The model is marked
        MAP; new users are folded in with --tau and --gamma as the ridge (τ/λ and γ/λ
        with λ = 1).
        """
    )

    @Option(help: "Movie factors: CSV, JSON lines, a Spark part folder, or .npy with --movie-ids.") var movies: String
    @Option(help: "User factors, in the same forms (optional).") var users: String?
    @Option(help: "Raw movie ids of the .npy rows, one per line.") var movieIds: String?
    @Option(help: "Raw user ids of the .npy rows, one per line.") var userIds: String?
    @Option(help: "Per-movie biases c_i in stars: CSV rows id,bias (optional; default 0).") var movieBiases: String?
    @Option(help: "Per-user biases b_u in stars: CSV rows id,bias (optional; default 0).") var userBiases: String?
    @Option(help: "Global mean μ in stars added to every prediction (the mean the biases are offsets from).") var globalMean: Float = 0
    @Option(help: "Prepared dataset the factors were trained on (from `cinematrix prepare`).") var dataset: String
    @Option(help: "Model file to write.") var out: String
    @Option(help: "Ridge for new users' vectors (τ/λ), as Spark's regParam × ratings scale.") var tau: Float = 15
    @Option(help: "Ridge for new users' biases (γ/λ).") var gamma: Float = 3

    func validate() throws {
        guard tau >= 0, gamma >= 0 else { throw ValidationError("--tau and --gamma must be 0 or more") }
        guard globalMean.isFinite else { throw ValidationError("--global-mean must be a finite number of stars, e.g. 3.5") }
    }

    func run() throws {
        let (data, _) = try loadDataset(dataset)
        // Everything is read and checked before the model is written (atomically), so bad input
        // never leaves a file at --out.
        let movieTable = try FactorTable.read(path: movies, idsPath: movieIds)
        let k = movieTable.vectors.columns
        let (movieVectors, missingMovies, unusedMovies) = movieTable.aligned(to: data.catalog.movieIDs)
        var notes = ["movies: \(data.movieCount - missingMovies) with vectors, \(missingMovies) without, \(unusedMovies) ids not in the dataset"]
        var userVectors = Matrix(rows: data.userCount, columns: k)
        if let users {
            let table = try FactorTable.read(path: users, idsPath: userIds)
            guard table.vectors.columns == k else {
                throw CommandFailure("\(users): \(table.vectors.columns) features per row, the movie factors have \(k)")
            }
            let aligned = table.aligned(to: data.userIDs)
            userVectors = aligned.vectors
            notes.append("users: \(data.userCount - aligned.missing) with vectors, \(aligned.missing) without, \(aligned.unused) ids not in the dataset")
        } else {
            notes.append("users: no user factors given (known users get zeros; new users are folded in)")
        }
        let movieBias = try biases(movieBiases, order: data.catalog.movieIDs, of: "movie", notes: &notes)
        let userBias = try biases(userBiases, order: data.userIDs, of: "user", notes: &notes)
        if (movieBiases != nil || userBiases != nil) && globalMean == 0 {
            let ratings = data.trainByUser.value
            let mean = ratings.isEmpty ? 0 : ratings.reduce(0, +) / Float(ratings.count)
            notes.append(String(format: "μ = 0: if the biases are offsets from a mean rating, pass it with --global-mean (this dataset's training mean is %.3f)", mean))
        }
        var settings = Hyperparameters.defaults(for: .biasUV)
        settings.rank = k
        settings.tau = tau
        settings.gamma = gamma
        settings.epochs = 0
        settings.inference = .map
        let counts = (0..<data.movieCount).map { Int32(data.trainByMovie.rowLength($0)) }
        let model = FactorModel(kind: .biasUV, globalMean: globalMean, userBias: userBias, movieBias: movieBias,
                                userFactors: userVectors, movieFactors: movieVectors, genreFactors: Matrix(rows: 0, columns: k),
                                userIDs: data.userIDs, catalog: data.catalog, movieRatingCounts: counts, scale: data.scale,
                                hyperparameters: settings, userRatings: data.trainByUser)
        try ModelFile.write(model, to: out)
        Terminal.error(notes.joined(separator: "; "))
        print("wrote \(out) (K = \(k)); try: cinematrix similar \(out) \"Toy Story\"")
    }

    /// The biases in `path` in the dataset's `order`, zeros without a file; adds a count note.
    private func biases(_ path: String?, order: [Int64], of what: String, notes: inout [String]) throws -> [Float] {
        guard let path else { return [Float](repeating: 0, count: order.count) }
        let aligned = try FactorBiases.read(path: path).aligned(to: order)
        notes.append("\(what) biases: \(order.count - aligned.missing) given, \(aligned.missing) default to 0, \(aligned.unused) ids not in the dataset")
        return aligned.values
    }
}
