import Core

/// The current Gibbs sample of every parameter, in padded solver layout, and the sweep that
/// draws the next one.
///
/// Model: r = μ + b_u + c_i + x_u·y_i + ε, ε ~ N(0, 1/α); x_u ~ N(μ_x, Λ_x⁻¹) and
/// y_i ~ N(μ_y + g_i, Λ_y⁻¹) with Normal–Wishart hyperpriors (`NormalWishart`); b ~ N(0, 1/β_b),
/// c ~ N(0, 1/β_c); for `bias-uv-genre` g_i = |F_i|^(−1/2) Σ w_f with w_f ~ N(0, 1/β_w); α, β_b,
/// β_c, β_w ~ Gamma(1, 1) (`GammaPrecision`). μ is the training mean, fixed.
///
/// A sweep draws, in order: the hyperparameters (μ_x, Λ_x), (μ_y, Λ_y), β_b, β_c, β_w; each
/// user's (b_u, x_u) jointly; each movie's (c_i, y_i) jointly; W jointly; α. Every draw comes
/// from a counter-based stream keyed by (seed, sweep, block, row) and every sum is taken in
/// fixed pieces, so a sweep's result does not depend on the thread count.
/// Cost per sweep ≈ one ALS epoch (nnz·K² + rows·K³/6 FMAs) + nnz·K for the residuals.
final class GibbsState {
    let dataset: Dataset
    let settings: Hyperparameters
    let threads: Int
    let mean: Float
    let rank: Int
    let stride: Int
    var userFactors: [Float]
    var movieFactors: [Float]
    var genreFactors: [Float]
    var userBias: [Float]
    var movieBias: [Float]
    /// g_i for every movie (movies × stride); empty without genre vectors.
    var genreOffsets: [Float]
    var userHyper: (mean: [Double], precision: [Double])
    var movieHyper: (mean: [Double], precision: [Double])
    var userBiasPrecision = 1.0, movieBiasPrecision = 1.0, genrePrecision = 1.0
    /// α, the noise precision (1/stars²).
    var alpha: Double
    let design: GenreDesign?
    private let scratch: [SolverScratch]
    private let prior = NormalWishart()

    /// The state after `warmStart` ALS epochs (none: the ALS initial state, N(0, σ²) vectors
    /// drawn from the seed and zero biases) with the MAP settings of the same kind, rank and
    /// seed, α from its training error. Throws
    /// `TrainingError` when the dataset has no training ratings or ALS fails.
    init(dataset: Dataset, settings: Hyperparameters, threads: Int, warmStart: Int) throws {
        var map = settings
        map.inference = .map
        map.epochs = max(1, warmStart)
        let als = try ALSState(dataset: dataset, settings: map, threads: threads)
        for _ in 0..<warmStart { try als.epoch() }
        self.dataset = dataset
        self.settings = settings
        self.threads = max(1, threads)
        mean = als.mean
        rank = als.rank
        stride = als.stride
        userFactors = als.userFactors
        movieFactors = als.movieFactors
        genreFactors = als.genreFactors
        userBias = als.userBias
        movieBias = als.movieBias
        design = settings.kind.hasGenres && als.rank > 0 ? GenreDesign(dataset.catalog) : nil
        genreOffsets = design != nil ? als.currentPriorMeans() : []
        let k = als.rank
        let identity = (0..<(k * k)).map { $0 % (k + 1) == 0 ? 1.0 : 0.0 }
        userHyper = ([Double](repeating: 0, count: k), identity)
        movieHyper = ([Double](repeating: 0, count: k), identity)
        let fit = als.evaluate()
        let meanSquare = fit.trainRMSE * fit.trainRMSE
        alpha = meanSquare.isFinite && meanSquare > 0 ? 1 / meanSquare : 1
        let longest = max(ALSState.longestRow(dataset.trainByUser), ALSState.longestRow(dataset.trainByMovie))
        scratch = SolverScratch.pool(count: self.threads, stride: stride, maxRowLength: longest)
    }

    /// Draws sweep `sweep` (from 1). Returns the sample's training residual sums (unclamped:
    /// `clampedSquared` equals `squared`). Throws `TrainingError.sampleFailed` naming the sweep and row
    /// when a draw is not finite or a row's precision is not positive definite.
    func sweep(_ sweep: Int) throws -> ResidualSums {
        let seed = settings.seed
        drawHyperparameters(sweep)
        let a = Float(alpha)
        // Users given movies.
        if let row = drawSide(rows: dataset.trainByUser, other: movieFactors, otherBias: movieBias, factors: &userFactors,
                              bias: &userBias, hyper: userHyper, perMovieTerm: false, biasPrecision: Float(userBiasPrecision) / a,
                              sweep: sweep, block: .userRows, squares: nil) {
            throw TrainingError.sampleFailed(sweep: sweep, side: "user", row: row, id: dataset.userIDs[row])
        }
        // Movies given users (prior mean μ_y + g_i), with each row's squared residuals.
        var squares = [Double](repeating: 0, count: dataset.movieCount)
        let movieFailure = squares.withUnsafeMutableBufferPointer { sq in
            drawSide(rows: dataset.trainByMovie, other: userFactors, otherBias: userBias, factors: &movieFactors,
                     bias: &movieBias, hyper: movieHyper, perMovieTerm: design != nil, biasPrecision: Float(movieBiasPrecision) / a,
                     sweep: sweep, block: .movieRows, squares: sq.baseAddress)
        }
        if let row = movieFailure {
            throw TrainingError.sampleFailed(sweep: sweep, side: "movie", row: row, id: dataset.catalog.movieIDs[row])
        }
        if let design { try drawGenreVectors(design, sweep: sweep) }
        // α given everything else: the squared residuals come from the movie rows' normal
        // equations (summed in movie order), so no pass over the ratings is needed.
        var fit = ResidualSums()
        for v in squares { fit.squared += v }
        fit.clampedSquared = fit.squared
        fit.count = dataset.trainByMovie.count
        var g = CounterRandom.stream(seed: seed, sweep: sweep, block: .noise, row: 0)
        alpha = GammaPrecision.draw(count: fit.count, sumOfSquares: fit.squared, generator: &g)
        guard alpha.isFinite, alpha > 0 else { throw TrainingError.sampleFailed(sweep: sweep, side: "noise precision", row: 0, id: 0) }
        return fit
    }

    /// Draws every row of one side given the other (`sampleSide`), with prior Λ/α and term
    /// Λ(μ + g_i)/α (per movie when `perMovieTerm`). Returns the smallest failed row, or nil.
    private func drawSide(rows: RatingMatrix, other: [Float], otherBias: [Float], factors: inout [Float], bias: inout [Float],
                          hyper: (mean: [Double], precision: [Double]), perMovieTerm: Bool, biasPrecision: Float, sweep: Int,
                          block: CounterRandom.Block, squares: UnsafeMutablePointer<Double>?) -> Int? {
        let a = Float(alpha)
        let precision = scaledPrecision(hyper.precision, by: a), term = scaledTerm(hyper, perMovie: perMovieTerm, by: a)
        return other.withUnsafeBufferPointer { y in
            otherBias.withUnsafeBufferPointer { c in
                factors.withUnsafeMutableBufferPointer { x in
                    bias.withUnsafeMutableBufferPointer { b in
                        precision.withUnsafeBufferPointer { p in
                            term.withUnsafeBufferPointer { t in
                                let problem = GibbsSideProblem(
                                    rows: rows, otherFactors: y.baseAddress ?? dummy, otherBias: c.baseAddress!, mean: mean,
                                    rank: rank, stride: stride, priorPrecision: p.baseAddress ?? dummy, priorTerm: t.baseAddress ?? dummy,
                                    priorTermStride: perMovieTerm ? stride : 0, biasPrecision: biasPrecision,
                                    noiseScale: 1 / a.squareRoot(), seed: settings.seed, sweep: sweep, block: block, rowSquares: squares)
                                return sampleSide(problem, into: SideOutput(factors: x.baseAddress ?? mutableDummy, bias: b.baseAddress!),
                                                  scratch: scratch, threads: threads)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Draws (μ_x, Λ_x), (μ_y, Λ_y) from the current vectors (movie vectors less g_i), and the
    /// bias and genre precisions from the current biases and genre vectors.
    private func drawHyperparameters(_ sweep: Int) {
        let seed = settings.seed
        var g = CounterRandom.stream(seed: seed, sweep: sweep, block: .biasHyper, row: 0)
        userBiasPrecision = GammaPrecision.draw(count: userBias.count, sumOfSquares: userBias.withUnsafeBufferPointer { Dot.exact($0.baseAddress!, $0.baseAddress!, count: $0.count) }, generator: &g)
        movieBiasPrecision = GammaPrecision.draw(count: movieBias.count, sumOfSquares: movieBias.withUnsafeBufferPointer { Dot.exact($0.baseAddress!, $0.baseAddress!, count: $0.count) }, generator: &g)
        guard rank > 0 else { return }
        if design != nil {
            genrePrecision = GammaPrecision.draw(count: genreFactors.count / stride * rank,
                                                 sumOfSquares: genreFactors.withUnsafeBufferPointer { Dot.exact($0.baseAddress!, $0.baseAddress!, count: $0.count) },
                                                 generator: &g)
        }
        userHyper = drawNormalWishart(userFactors, offsets: nil, rows: dataset.userCount,
                                      CounterRandom.stream(seed: seed, sweep: sweep, block: .userHyper, row: 0)) ?? userHyper
        movieHyper = drawNormalWishart(movieFactors, offsets: design != nil ? genreOffsets : nil, rows: dataset.movieCount,
                                       CounterRandom.stream(seed: seed, sweep: sweep, block: .movieHyper, row: 0)) ?? movieHyper
    }

    private func drawNormalWishart(_ vectors: [Float], offsets: [Float]?, rows: Int, _ stream: SplitMix64)
        -> (mean: [Double], precision: [Double])? {
        var g = stream
        let m = vectors.withUnsafeBufferPointer { v in
            (offsets ?? []).withUnsafeBufferPointer { o in
                NormalWishart.moments(v.baseAddress!, offsets: offsets == nil ? nil : o.baseAddress, rows: rows, rank: rank,
                                      stride: stride, threads: threads)
            }
        }
        return prior.draw(sum: m.sum, scatter: m.scatter, count: rows, rank: rank, generator: &g)
    }

    /// W given the movie vectors, then g_i from the new W.
    private func drawGenreVectors(_ design: GenreDesign, sweep: Int) throws {
        var g = CounterRandom.stream(seed: settings.seed, sweep: sweep, block: .genreVectors, row: 0)
        let drawn = movieFactors.withUnsafeBufferPointer { y in
            GenreVectorSample.draw(design: design, movieVectors: y.baseAddress!, mean: movieHyper.mean,
                                   precision: movieHyper.precision, genrePrecision: genrePrecision, rank: rank,
                                   stride: stride, generator: &g)
        }
        guard let w = drawn else { throw TrainingError.sampleFailed(sweep: sweep, side: "genre vectors", row: 0, id: 0) }
        genreFactors = w
        genreFactors.withUnsafeBufferPointer { wp in
            genreOffsets.withUnsafeMutableBufferPointer { o in
                design.priorMeans(wp.baseAddress ?? dummy, rank: rank, stride: stride, into: o.baseAddress!)
            }
        }
    }

    /// Λ/α as a padded stride × stride float matrix.
    private func scaledPrecision(_ lambda: [Double], by a: Float) -> [Float] {
        var out = [Float](repeating: 0, count: stride * stride)
        for i in 0..<rank { for j in 0..<rank { out[i * stride + j] = Float(lambda[i * rank + j]) / a } }
        return out
    }

    /// Λ(μ + g_i)/α per movie when `perMovie` (movies × stride), else Λμ/α once (stride).
    private func scaledTerm(_ hyper: (mean: [Double], precision: [Double]), perMovie: Bool, by a: Float) -> [Float] {
        let k = rank, kp = stride
        var shared = [Float](repeating: 0, count: kp)
        for i in 0..<k {
            var s = 0.0
            for j in 0..<k { s += hyper.precision[i * k + j] * hyper.mean[j] }
            shared[i] = Float(s) / a
        }
        guard perMovie, let design else { return shared }
        // Λ g_i = d_i Σ_f Λ w_f: Λ w_f once per genre, then per movie a sum over its genres.
        let genres = design.genreCount
        var lambdaW = [Float](repeating: 0, count: genres * kp)
        for f in 0..<genres {
            for i in 0..<k {
                var s = 0.0
                for j in 0..<k { s += hyper.precision[i * k + j] * Double(genreFactors[f * kp + j]) }
                lambdaW[f * kp + i] = Float(s) / a
            }
        }
        var out = [Float](repeating: 0, count: dataset.movieCount * kp)
        for m in 0..<dataset.movieCount {
            let row = m * kp, d = design.weight[m]
            for i in 0..<k { out[row + i] = shared[i] }
            for p in design.movieStart[m]..<design.movieStart[m + 1] {
                let f = Int(design.movieGenres[p]) * kp
                for i in 0..<k { out[row + i] += d * lambdaW[f + i] }
            }
        }
        return out
    }

    /// Residual sums of the current sample over the training ratings by a pass over them, in 64
    /// fixed pieces of users (so the sums do not depend on the thread count); the tests check
    /// the sweep's normal-equation sums against it. Cost nnz·K FMAs.
    func residuals() -> ResidualSums {
        view { trainingResiduals(dataset.trainByUser, $0, scale: dataset.scale, threads: threads, pieces: 64) }
    }

    /// Runs `body` with the current sample as a `FactorView`.
    func view<T>(_ body: (FactorView) -> T) -> T {
        userFactors.withUnsafeBufferPointer { x in
            movieFactors.withUnsafeBufferPointer { y in
                userBias.withUnsafeBufferPointer { b in
                    movieBias.withUnsafeBufferPointer { c in
                        body(FactorView(userFactors: x.baseAddress ?? dummy, movieFactors: y.baseAddress ?? dummy,
                                        userBias: b.baseAddress!, movieBias: c.baseAddress!, mean: mean, rank: rank, stride: stride))
                    }
                }
            }
        }
    }
}
