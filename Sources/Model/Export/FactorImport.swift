import Core
import Foundation

/// Vectors (and optionally biases) trained elsewhere, e.g. by Spark MLlib's ALS, aligned to a
/// prepared dataset's movies and users and assembled into a `FactorModel` that every command
/// accepts: the work of `cinematrix import-factors`.
public enum FactorImport {
    /// Where the parts come from. Paths of biases are CSV rows `id,bias`; ids files hold one
    /// raw id per line in the row order of a `.npy` matrix.
    public struct Sources: Sendable {
        public var movies: String
        public var movieIDs: String?
        public var users: String?
        public var userIDs: String?
        public var movieBiases: String?
        public var userBiases: String?
        public init(movies: String, movieIDs: String? = nil, users: String? = nil, userIDs: String? = nil,
                    movieBiases: String? = nil, userBiases: String? = nil) {
            self.movies = movies
            self.movieIDs = movieIDs
            self.users = users
            self.userIDs = userIDs
            self.movieBiases = movieBiases
            self.userBiases = userBiases
        }
    }

    /// The assembled model and what was matched, as lines for people.
    public struct Result {
        public var model: FactorModel
        public var notes: [String]
    }

    /// Reads every part, checks it, and assembles the model (predicting μ + b_u + c_i + x_u·y_i;
    /// parts not given are zero). Movies or users without a vector or bias get zeros, counted
    /// in `notes`. `tau` and `gamma` are the ridge for new users (τ/λ and γ/λ with λ = 1).
    public static func assemble(_ sources: Sources, dataset data: Dataset, globalMean: Float, tau: Float, gamma: Float) throws -> Result {
        let movieTable = try FactorTable.read(path: sources.movies, idsPath: sources.movieIDs)
        let k = movieTable.vectors.columns
        let (movieVectors, missingMovies, unusedMovies) = movieTable.aligned(to: data.catalog.movieIDs)
        var notes = ["movies: \(data.movieCount - missingMovies) with vectors, \(missingMovies) without, \(unusedMovies) ids not in the dataset"]
        var userVectors = Matrix(rows: data.userCount, columns: k)
        if let users = sources.users {
            let table = try FactorTable.read(path: users, idsPath: sources.userIDs)
            guard table.vectors.columns == k else {
                throw FactorTableError(path: users, line: 0, problem: "\(table.vectors.columns) features per row, the movie factors have \(k)")
            }
            let aligned = table.aligned(to: data.userIDs)
            userVectors = aligned.vectors
            notes.append("users: \(data.userCount - aligned.missing) with vectors, \(aligned.missing) without, \(aligned.unused) ids not in the dataset")
        } else {
            notes.append("users: no user factors given (known users get zeros; new users are folded in)")
        }
        let movieBias = try biases(sources.movieBiases, order: data.catalog.movieIDs, of: "movie", notes: &notes)
        let userBias = try biases(sources.userBiases, order: data.userIDs, of: "user", notes: &notes)
        if (sources.movieBiases != nil || sources.userBiases != nil) && globalMean == 0 {
            let ratings = data.trainByUser.value
            let mean = ratings.isEmpty ? 0 : ratings.reduce(0, +) / Float(ratings.count)
            notes.append("μ = 0: if the biases are offsets from a mean rating, give that mean (this dataset's training mean is "
                         + String(format: "%.3f", mean) + ")")
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
        return Result(model: model, notes: notes)
    }

    /// The biases in `path` in the dataset's `order`, zeros without a file; adds a count note.
    private static func biases(_ path: String?, order: [Int64], of what: String, notes: inout [String]) throws -> [Float] {
        guard let path else { return [Float](repeating: 0, count: order.count) }
        let aligned = try FactorBiases.read(path: path).aligned(to: order)
        notes.append("\(what) biases: \(order.count - aligned.missing) given, \(aligned.missing) default to 0, \(aligned.unused) ids not in the dataset")
        return aligned.values
    }
}
