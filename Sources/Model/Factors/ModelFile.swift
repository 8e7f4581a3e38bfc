import Core
import Foundation

/// Reads and writes `FactorModel`s as Cinematrix container files of kind "MODL" (versioned,
/// checksummed, memory-mapped on read, written atomically).
///
/// Sections: `settings` (JSON of the kind and hyper-parameters), `mean`, `scale`, `userBias`,
/// `movieBias`, `userF`, `movieF`, `genreF` (row-major Float, K columns), `userIDs`, `movieIDs`,
/// `years`, `counts`, `genreStart`, `genreIndex`, the strings `titles`, `genreNames`, and, when
/// the model has them, the training ratings by user (`ratedStart`, `ratedMovie`, `ratedStars`)
/// and, for Gibbs-trained models, the posterior spread (`pScalars` = samples, α, β_b;
/// `pUserBiasVar`, `pMovieBiasVar`, `pUserFVar`, `pMovieFVar`, `pUserMean`,
/// `pUserPrec`; see `PosteriorSpread`). Files without those sections (all MAP models, and
/// every file written before Gibbs sampling) read as before, with `posterior` nil.
/// Sections are checksummed separately and read on demand, so reading a model without its
/// ratings never touches (or verifies) those bytes.
public enum ModelFile {
    /// Which users `read(path:users:)` loads.
    public enum UserSelection: Sendable, Equatable {
        /// Every user's id, bias and vector, and their training ratings when `ratings` is set.
        case all(ratings: Bool)
        /// No user: the movie side alone, which is all that folding in a new user and ranking
        /// need. The fastest way to open a model.
        case none
        /// Only the user with this raw MovieLens id, with their training ratings when the file
        /// has them.
        case one(id: Int64)
    }

    /// Current format version.
    public static let version: UInt32 = 1
    /// Name of the model file inside an experiment folder.
    public static let fileName = "model.cmxm"

    /// Writes `model` to `path` atomically (an existing file is replaced only on success).
    /// Cost: one pass over the parameters.
    public static func write(_ model: FactorModel, to path: String) throws {
        precondition(model.userCount == model.trainingUserCount, "a model read with only some of its users cannot be written")
        var w = ContainerWriter(kind: "MODL", version: version)
        // Sorted keys: the same model gives the same bytes (key order is otherwise per process).
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let settings = (try? encoder.encode(model.hyperparameters)) ?? Data()
        w.add("settings", [UInt8](settings))
        w.add("mean", [model.globalMean])
        w.add("scale", [model.scale.minimum, model.scale.maximum, model.scale.step])
        w.add("shape", [Int64(model.userCount), Int64(model.movieCount), Int64(model.rank), Int64(model.genreFactors.rows)])
        w.add("userBias", model.userBias)
        w.add("movieBias", model.movieBias)
        w.add("userF", model.userFactors.values)
        w.add("movieF", model.movieFactors.values)
        w.add("genreF", model.genreFactors.values)
        w.add("userIDs", model.userIDs)
        w.add("movieIDs", model.catalog.movieIDs)
        w.add("years", model.catalog.years)
        w.add("counts", model.movieRatingCounts)
        w.add("genreStart", model.catalog.genreStart.map { Int64($0) })
        w.add("genreIndex", model.catalog.genreIndex)
        w.add("titles", titles: model.catalog.titles)
        w.add("genreNames", strings: model.catalog.genreNames)
        if let links = model.catalog.links {
            w.add("imdbIDs", links.imdb)
            w.add("tmdbIDs", links.tmdb)
        }
        if let p = model.posterior {
            w.add("pScalars", [Float(p.samples), p.noisePrecision, p.userBiasPrecision])
            w.add("pUserBiasVar", p.userBiasVariance)
            w.add("pMovieBiasVar", p.movieBiasVariance)
            w.add("pUserFVar", p.userFactorVariance.values)
            w.add("pMovieFVar", p.movieFactorVariance.values)
            w.add("pUserMean", p.userPriorMean)
            w.add("pUserPrec", p.userPriorPrecision.values)
        }
        if let rated = model.userRatings {
            w.add("ratedStart", rated.rowStart.map { Int64($0) })
            w.add("ratedMovie", rated.columnIndex)
            w.add("ratedStars", rated.value)
        }
        try w.write(to: path)
    }

    /// Reads the model at `path` (a model file or an experiment folder, see `resolve`), with
    /// the training ratings by user when `includeUserRatings` is set and the file has them.
    /// Throws `ContainerError` for a missing, foreign, damaged or inconsistent file.
    public static func read(path: String, includeUserRatings: Bool = false) throws -> FactorModel {
        try read(path: path, users: .all(ratings: includeUserRatings))
    }

    /// Reads the model at `path` with the user side given by `users`: every user, none (the
    /// movie side alone, all that folding in a new user needs) or one. The sections that are
    /// not needed are neither copied nor checksummed, so `.none` opens a 250 MB ml-32m model
    /// by reading ~15 MB of it. Throws `ContainerError` for a missing, foreign, damaged or
    /// inconsistent file, and `UserLookupError.unknownUser` for `.one` with an unknown id.
    public static func read(path: String, users: UserSelection) throws -> FactorModel {
        let file = resolve(path)
        let r = try ContainerReader(path: file, kind: "MODL", versions: 1...version)
        let shape = try checkedShape(r)  // see ModelFile+Validation.swift
        let userCount = shape.users, movies = shape.movies, k = shape.rank, genres = shape.genres
        let settingsBytes: [UInt8] = try r.array("settings")
        guard let settings = try? JSONDecoder().decode(Hyperparameters.self, from: Data(settingsBytes)) else {
            throw ContainerError.missingSection(path: file, name: "settings")
        }
        let scale: [Float] = try r.array("scale", expectedCount: 3)
        let genreStart: [Int64] = try r.array("genreStart", expectedCount: movies + 1)
        let genreIndex: [Int32] = try r.array("genreIndex")
        let genreNames = try r.strings("genreNames")
        try checkGenreTables(start: genreStart, index: genreIndex, names: genreNames.count, genreRows: genres, path: file)
        var catalog = MovieCatalog(
            movieIDs: try r.array("movieIDs", expectedCount: movies),
            titleList: try r.titleList("titles", expectedCount: movies),
            years: try r.array("years", expectedCount: movies),
            genreNames: genreNames, genreStart: genreStart.map { Int($0) }, genreIndex: genreIndex)
        catalog.links = try MovieLinks.read(r, imdb: "imdbIDs", tmdb: "tmdbIDs", movies: movies, path: file)
        try checkParameters(r, users: users, shape: shape)
        try checkPosterior(r, users: users, shape: shape)
        let side = try readUsers(r, users, userCount: userCount, movies: movies, rank: k)
        return FactorModel(
            kind: settings.kind,
            globalMean: try r.array("mean", expectedCount: 1)[0],
            userBias: side.bias,
            movieBias: try r.array("movieBias", expectedCount: movies),
            userFactors: Matrix(rows: side.ids.count, columns: k, values: side.factors),
            movieFactors: Matrix(rows: movies, columns: k, values: try r.array("movieF", expectedCount: movies * k)),
            genreFactors: Matrix(rows: genres, columns: k, values: try r.array("genreF", expectedCount: genres * k)),
            userIDs: side.ids,
            catalog: catalog,
            movieRatingCounts: try r.array("counts", expectedCount: movies),
            scale: RatingScale(minimum: scale[0], maximum: scale[1], step: scale[2]),
            hyperparameters: settings,
            userRatings: side.ratings,
            trainingUserCount: userCount,
            posterior: try readPosterior(r, users, userIndex: side.index, userCount: userCount, movies: movies, rank: k))
    }

    /// The posterior spread of a Gibbs-trained model (the selected users' rows only), or nil
    /// when the file has none. Its sections were checked by `checkPosterior`.
    private static func readPosterior(_ r: ContainerReader, _ selection: UserSelection, userIndex: Int?, userCount: Int,
                                      movies: Int, rank k: Int) throws -> PosteriorSpread? {
        guard r.has("pScalars") else { return nil }
        let scalars: [Float] = try r.array("pScalars", expectedCount: 3)
        guard let samples = Int(exactly: scalars[0]) else { throw ContainerError.corrupted(path: r.path, detail: "posterior sample count \(scalars[0])") }
        var userBiasVar: [Float] = [], userFVar: [Float] = []
        switch selection {
        case .none: break
        case .all:
            userBiasVar = try r.array("pUserBiasVar", expectedCount: userCount)
            userFVar = try r.array("pUserFVar", expectedCount: userCount * k)
        case .one:
            let u = userIndex ?? 0
            userBiasVar = try r.withArray("pUserBiasVar", as: Float.self, expectedCount: userCount, verifying: u..<(u + 1)) { [$0[u]] }
            let row = (u * k)..<((u + 1) * k)
            userFVar = try r.withArray("pUserFVar", as: Float.self, expectedCount: userCount * k, verifying: row) { Array($0[row]) }
        }
        let spread = PosteriorSpread(
            samples: samples, noisePrecision: scalars[1],
            userBiasVariance: userBiasVar, movieBiasVariance: try r.array("pMovieBiasVar", expectedCount: movies),
            userFactorVariance: Matrix(rows: userBiasVar.count, columns: k, values: userFVar),
            movieFactorVariance: Matrix(rows: movies, columns: k, values: try r.array("pMovieFVar", expectedCount: movies * k)),
            userPriorMean: try r.array("pUserMean", expectedCount: k),
            userPriorPrecision: Matrix(rows: k, columns: k, values: try r.array("pUserPrec", expectedCount: k * k)),
            userBiasPrecision: scalars[2])
        return spread
    }

    /// The user side of `r` as selected: ids, biases, vectors (rows × `rank`) and ratings.
    private static func readUsers(_ r: ContainerReader, _ selection: UserSelection, userCount: Int, movies: Int, rank k: Int) throws
        -> (ids: [Int64], bias: [Float], factors: [Float], ratings: RatingMatrix?, index: Int?) {
        switch selection {
        case .none:
            return ([], [], [], nil, nil)
        case let .all(ratings):
            return (try r.array("userIDs", expectedCount: userCount), try r.array("userBias", expectedCount: userCount),
                    try r.array("userF", expectedCount: userCount * k),
                    ratings ? try readUserRatings(r, users: userCount, movies: movies) : nil, nil)
        case let .one(id):
            let found = try r.withArray("userIDs", as: Int64.self, expectedCount: userCount) { $0.firstIndex(of: id) }
            guard let u = found else { throw UserLookupError.unknownUser(id: id, userCount: userCount) }
            let bias = try r.withArray("userBias", as: Float.self, expectedCount: userCount, verifying: u..<(u + 1)) { $0[u] }
            let row = (u * k)..<((u + 1) * k)
            let factors = try r.withArray("userF", as: Float.self, expectedCount: userCount * k, verifying: row) { Array($0[row]) }
            guard r.has("ratedStart") else { return ([id], [bias], factors, nil, u) }
            let (a, b) = try r.withArray("ratedStart", as: Int64.self, expectedCount: userCount + 1, verifying: u..<(u + 2)) {
                (Int($0[u]), Int($0[u + 1]))
            }
            guard 0 <= a, a <= b, b <= (try r.count(of: "ratedMovie", as: Int32.self)),
                  b <= (try r.count(of: "ratedStars", as: Float.self)) else {
                throw ContainerError.corrupted(path: r.path, detail: "inconsistent rating tables")
            }
            let movie = try r.withArray("ratedMovie", as: Int32.self, verifying: a..<b) { Array($0[a..<b]) }
            let stars = try r.withArray("ratedStars", as: Float.self, verifying: a..<b) { Array($0[a..<b]) }
            guard movie.allSatisfy({ $0 >= 0 && Int($0) < movies }) else {
                throw ContainerError.corrupted(path: r.path, detail: "inconsistent rating tables")
            }
            let ratings = RatingMatrix(rowCount: 1, columnCount: movies, rowStart: [0, movie.count], columnIndex: movie, value: stars)
            return ([id], [bias], factors, ratings, u)
        }
    }

    /// The ratings-by-user sections of `r`, or nil when the file has none.
    private static func readUserRatings(_ r: ContainerReader, users: Int, movies: Int) throws -> RatingMatrix? {
        guard r.has("ratedStart") else { return nil }
        let start: [Int64] = try r.array("ratedStart", expectedCount: users + 1)
        let movie: [Int32] = try r.array("ratedMovie")
        let stars: [Float] = try r.array("ratedStars", expectedCount: movie.count)
        guard start.first == 0, start.last == Int64(movie.count), zip(start, start.dropFirst()).allSatisfy({ $0 <= $1 }),
              movie.allSatisfy({ $0 >= 0 && Int($0) < movies }) else {
            throw ContainerError.corrupted(path: r.path, detail: "inconsistent rating tables")
        }
        return RatingMatrix(rowCount: users, columnCount: movies, rowStart: start.map { Int($0) }, columnIndex: movie, value: stars)
    }

    /// The model file for `pathOrExperimentDir`: `<dir>/model.cmxm` when it names a
    /// directory, otherwise the path itself.
    public static func resolve(_ pathOrExperimentDir: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: pathOrExperimentDir, isDirectory: &isDirectory), isDirectory.boolValue {
            return (pathOrExperimentDir as NSString).appendingPathComponent(fileName)
        }
        return pathOrExperimentDir
    }
}
