import Core

/// How the genre model updates movie and genre vectors within an epoch.
enum GenreScheme: Sendable {
    /// Movies (c, Y) and genres W minimised jointly and exactly (`GenreJointStep`); default.
    case joint
    /// Movies given W, then W given Y (plain block alternation; slow, kept for comparison).
    case alternating
}

/// The parameters of a model during training, in padded solver layout, and the half-steps
/// that update them. Every step minimises L exactly over its block, so L never increases.
final class ALSState {
    let dataset: Dataset
    let settings: Hyperparameters
    let threads: Int
    let genreScheme: GenreScheme
    let mean: Float
    let rank: Int
    let stride: Int
    var userFactors: [Float]
    var movieFactors: [Float]
    var genreFactors: [Float]
    var userBias: [Float]
    var movieBias: [Float]
    private let design: GenreDesign?
    private let scratch: [SolverScratch]
    private var priorMeans: [Float]
    private var inverse: [Float]
    private var coupling: [Float]

    /// Initial state: biases 0, genre vectors 0, user and movie vectors from N(0, σ²) drawn
    /// from `settings.seed`. Throws when the dataset has no training ratings.
    init(dataset: Dataset, settings: Hyperparameters, threads: Int, genreScheme: GenreScheme = .joint) throws {
        guard dataset.trainByUser.count > 0 else {
            throw TrainingError.unusableDataset(detail: "it has no training ratings")
        }
        self.dataset = dataset
        self.settings = settings
        self.threads = max(1, threads)
        self.genreScheme = genreScheme
        var total: Double = 0
        for v in dataset.trainByUser.value { total += Double(v) }
        mean = Float(total / Double(dataset.trainByUser.count))
        let k = settings.kind.hasVectors ? settings.rank : 0, kp = paddedRank(k)
        rank = k
        stride = kp
        let users = dataset.userCount, movies = dataset.movieCount
        let rng = SplitMix64(seed: settings.seed)
        func gaussian(rows: Int, _ g: inout SplitMix64) -> [Float] {
            var out = [Float](repeating: 0, count: rows * kp)
            for r in 0..<rows { for c in 0..<k { out[r * kp + c] = settings.initScale * Float(g.nextGaussian()) } }
            return out
        }
        var movieStream = rng.substream(1), userStream = rng.substream(2)
        movieFactors = gaussian(rows: movies, &movieStream)
        userFactors = gaussian(rows: users, &userStream)
        userBias = [Float](repeating: 0, count: users)
        movieBias = [Float](repeating: 0, count: movies)
        let genres = settings.kind.hasGenres ? GenreDesign(dataset.catalog) : nil
        design = genres
        genreFactors = [Float](repeating: 0, count: (genres?.genreCount ?? 0) * stride)
        priorMeans = genres != nil ? [Float](repeating: 0, count: movies * stride) : []
        let joint = genres != nil && genreScheme == .joint
        inverse = genres != nil ? [Float](repeating: 0, count: (joint ? movies : 1) * stride * stride) : []
        coupling = joint ? [Float](repeating: 0, count: movies * stride) : []
        let longest = max(Self.longestRow(dataset.trainByUser), Self.longestRow(dataset.trainByMovie))
        scratch = SolverScratch.pool(count: self.threads, stride: stride, maxRowLength: longest)
    }

    /// The longest row of `m` (entries). Cost O(rows).
    static func longestRow(_ m: RatingMatrix) -> Int {
        (0..<m.rowCount).reduce(0) { max($0, m.rowLength($1)) }
    }

    /// One epoch: users (b, X) given movies, then movies (c, Y, and W for the genre model).
    func epoch() throws {
        try updateUsers()
        try updateMovies()
    }

    /// Minimises L over every user's (b_u, x_u) with the movie side fixed.
    func updateUsers() throws {
        let failed: Int? = movieFactors.withUnsafeBufferPointer { y in
            movieBias.withUnsafeBufferPointer { c in
                userFactors.withUnsafeMutableBufferPointer { x in
                    userBias.withUnsafeMutableBufferPointer { b in
                        let problem = SideProblem(
                            rows: dataset.trainByUser, otherFactors: y.baseAddress ?? dummy, otherBias: c.baseAddress!,
                            mean: mean, rank: rank, stride: stride, vectorRidge: settings.vectorRidge,
                            biasRidge: settings.biasRidge, priorMean: nil)
                        let out = SideOutput(factors: x.baseAddress ?? mutableDummy, bias: b.baseAddress!)
                        return solveSide(problem, into: out, scratch: scratch, threads: threads)
                    }
                }
            }
        }
        if let row = failed { throw choleskyError("user", row, dataset.userIDs[row]) }
    }

    /// Minimises L over every movie's (c_i, y_i) — jointly with W for the genre model — with
    /// the user side fixed.
    func updateMovies() throws {
        guard let design else {
            try solveMovies(prior: false, storeInverse: false)
            return
        }
        let tau = settings.vectorRidge
        if genreScheme == .alternating || !(tau > 0) {
            if tau > 0 { refreshPriorMeans(design) }
            try solveMovies(prior: tau > 0, storeInverse: false)
            if tau > 0 { try solveGenresGivenMovies(design, zeroInverse: true) }
            return
        }
        try solveMovies(prior: false, storeInverse: true)
        try solveGenresGivenMovies(design, zeroInverse: false)
        refreshPriorMeans(design)
        priorMeans.withUnsafeBufferPointer { m in
            inverse.withUnsafeBufferPointer { inv in
                coupling.withUnsafeBufferPointer { h in
                    movieFactors.withUnsafeMutableBufferPointer { y in
                        movieBias.withUnsafeMutableBufferPointer { c in
                            GenreJointStep.applyPrior(
                                design: design, prior: m.baseAddress!, inverse: inv.baseAddress!,
                                coupling: h.baseAddress!, ridge: tau, rank: rank, stride: stride,
                                factors: y.baseAddress!, bias: c.baseAddress!, threads: threads)
                        }
                    }
                }
            }
        }
    }

    private func solveMovies(prior: Bool, storeInverse: Bool) throws {
        let wants = design.map { d in (0..<dataset.movieCount).map { d.hasGenres($0) } } ?? []
        let failed: Int? = userFactors.withUnsafeBufferPointer { x in
            userBias.withUnsafeBufferPointer { b in
                priorMeans.withUnsafeBufferPointer { m in
                    movieFactors.withUnsafeMutableBufferPointer { y in
                        movieBias.withUnsafeMutableBufferPointer { c in
                            inverse.withUnsafeMutableBufferPointer { inv in
                                coupling.withUnsafeMutableBufferPointer { h in
                                    wants.withUnsafeBufferPointer { want in
                                        let problem = SideProblem(
                                            rows: dataset.trainByMovie, otherFactors: x.baseAddress ?? dummy,
                                            otherBias: b.baseAddress!, mean: mean, rank: rank, stride: stride,
                                            vectorRidge: settings.vectorRidge, biasRidge: settings.biasRidge,
                                            priorMean: prior ? m.baseAddress : nil)
                                        var out = SideOutput(factors: y.baseAddress ?? mutableDummy, bias: c.baseAddress!)
                                        if storeInverse {
                                            out.inverse = inv.baseAddress
                                            out.coupling = h.baseAddress
                                            out.wantsInverse = want.baseAddress
                                        }
                                        return solveSide(problem, into: out, scratch: scratch, threads: threads)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if let row = failed { throw choleskyError("movie", row, dataset.catalog.movieIDs[row]) }
    }

    /// W ← argmin L given the movie vectors (joint: given y⁰ and B; alternating: B = 0).
    private func solveGenresGivenMovies(_ design: GenreDesign, zeroInverse: Bool) throws {
        let tau = settings.vectorRidge
        let solved: [Float]? = movieFactors.withUnsafeBufferPointer { y in
            inverse.withUnsafeBufferPointer { inv in
                // The alternating scheme solves W given Y alone: the same system with every B_i = 0.
                if zeroInverse {
                    let zero = [Float](repeating: 0, count: dataset.movieCount * stride * stride)
                    return zero.withUnsafeBufferPointer { z in
                        GenreJointStep.solveGenreVectors(design: design, y0: y.baseAddress!, inverse: z.baseAddress!,
                                                         ridge: tau, rank: rank, stride: stride, threads: threads)
                    }
                }
                return GenreJointStep.solveGenreVectors(design: design, y0: y.baseAddress!, inverse: inv.baseAddress!,
                                                        ridge: tau, rank: rank, stride: stride, threads: threads)
            }
        }
        guard let w = solved else { throw TrainingError.genreSystemFailed(tau: settings.tau) }
        genreFactors = w
    }

    private func refreshPriorMeans(_ design: GenreDesign) {
        genreFactors.withUnsafeBufferPointer { w in
            priorMeans.withUnsafeMutableBufferPointer { m in
                design.priorMeans(w.baseAddress ?? dummy, rank: rank, stride: stride, into: m.baseAddress!)
            }
        }
    }

    private func choleskyError(_ side: String, _ row: Int, _ id: Int64) -> TrainingError {
        .choleskyFailed(side: side, row: row, id: id, tau: settings.tau)
    }
}

/// Stand-ins for the base address of an empty buffer (K = 0), never dereferenced.
private let dummyStorage = UnsafeMutablePointer<Float>.allocate(capacity: 8)
let dummy = UnsafePointer(dummyStorage)
let mutableDummy = dummyStorage
