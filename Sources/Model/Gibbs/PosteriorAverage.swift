import Core

/// Running sums over the Gibbs samples after burn-in: every parameter's sum and sum of squares,
/// the hyperparameters that folding in a new user needs, and each held-out rating's summed
/// prediction. Only sums are kept, never the samples. Memory: (users + movies)·stride·16 bytes
/// plus 8 bytes per held-out rating.
final class PosteriorAverage {
    private(set) var samples = 0
    private var userBias: [Double], userBiasSquares: [Double]
    private var movieBias: [Double], movieBiasSquares: [Double]
    private var userFactors: [Double], userFactorSquares: [Double]
    private var movieFactors: [Double], movieFactorSquares: [Double]
    private var genreFactors: [Double]
    private var alpha = 0.0, userBiasPrecision = 0.0
    private var userPriorMean: [Double], userPriorPrecision: [Double]
    /// Σ over samples of each held-out rating's clamped prediction.
    private(set) var testPredictions: [Double]
    /// The first sample's latent space, which every later sample is turned onto.
    private var alignment: SampleAlignment?

    /// Empty sums shaped like `state`.
    init(_ state: GibbsState) {
        let users = state.userBias.count, movies = state.movieBias.count, k = state.rank
        userBias = .init(repeating: 0, count: users); userBiasSquares = userBias
        movieBias = .init(repeating: 0, count: movies); movieBiasSquares = movieBias
        userFactors = .init(repeating: 0, count: state.userFactors.count); userFactorSquares = userFactors
        movieFactors = .init(repeating: 0, count: state.movieFactors.count); movieFactorSquares = movieFactors
        genreFactors = .init(repeating: 0, count: state.genreFactors.count)
        userPriorMean = .init(repeating: 0, count: k)
        userPriorPrecision = .init(repeating: 0, count: k * k)
        testPredictions = .init(repeating: 0, count: state.dataset.test.count)
    }

    /// Adds the current sample (its test predictions are passed in, computed once per sweep),
    /// its latent space turned onto the first sample's (`SampleAlignment`). Cost
    /// O((users + movies)·K² + held-out ratings).
    func add(_ state: GibbsState, testPredictions predictions: [Float]) {
        samples += 1
        let k = state.rank, kp = state.stride
        var x = state.userFactors, y = state.movieFactors, w = state.genreFactors
        var mean = state.userHyper.mean, precision = state.userHyper.precision
        if k > 0 {
            if let alignment {
                if let r = alignment.rotation(for: y, threads: state.threads) {
                    x = SampleAlignment.rotate(x, by: r, rank: k, stride: kp, threads: state.threads)
                    y = SampleAlignment.rotate(y, by: r, rank: k, stride: kp, threads: state.threads)
                    w = SampleAlignment.rotate(w, by: r, rank: k, stride: kp, threads: 1)
                    // μ → μR, Λ → RᵀΛR.
                    mean = (0..<k).map { b in (0..<k).reduce(0.0) { $0 + mean[$1] * r[$1 * k + b] } }
                    let turned = SampleAlignment.multiply(precision, transposeA: false, r, n: k)
                    precision = SampleAlignment.multiply(r, transposeA: true, turned, n: k)
                }
            } else {
                let counts = (0..<state.dataset.movieCount).map { Float(state.dataset.trainByMovie.rowLength($0)) }
                alignment = SampleAlignment(reference: y, weights: counts, rank: k, stride: kp)
            }
        }
        Self.accumulate(&userBias, &userBiasSquares, state.userBias)
        Self.accumulate(&movieBias, &movieBiasSquares, state.movieBias)
        Self.accumulate(&userFactors, &userFactorSquares, x)
        Self.accumulate(&movieFactors, &movieFactorSquares, y)
        for i in w.indices { genreFactors[i] += Double(w[i]) }
        for i in predictions.indices { testPredictions[i] += Double(predictions[i]) }
        alpha += state.alpha
        userBiasPrecision += state.userBiasPrecision
        for i in userPriorMean.indices { userPriorMean[i] += mean[i] }
        for i in userPriorPrecision.indices { userPriorPrecision[i] += precision[i] }
    }

    private static func accumulate(_ sum: inout [Double], _ squares: inout [Double], _ values: [Float]) {
        for i in values.indices {
            let v = Double(values[i])
            sum[i] += v
            squares[i] += v * v
        }
    }

    /// RMSE of the running posterior-mean prediction on the held-out ratings (NaN without any).
    func testRMSE(_ test: RatingTriplets) -> Double {
        guard samples > 0, test.count > 0 else { return .nan }
        var s = 0.0
        let n = Double(samples)
        for t in 0..<test.count { let e = Double(test.ratings[t]) - testPredictions[t] / n; s += e * e }
        return (s / Double(test.count)).squareRoot()
    }

    /// The posterior means as a model, with the spread (padding removed). Requires samples > 0.
    func model(_ state: GibbsState) -> FactorModel {
        let n = Double(samples), k = state.rank, kp = state.stride
        func means(_ sum: [Double]) -> [Float] { sum.map { Float($0 / n) } }
        func variances(_ sum: [Double], _ squares: [Double]) -> [Float] {
            zip(sum, squares).map { s, q in Float(max(0, q / n - (s / n) * (s / n))) }
        }
        func unpad(_ values: [Float], rows: Int) -> Matrix { unpadded(values, rows: rows, rank: k, stride: kp) }
        let data = state.dataset, users = data.userCount, movies = data.movieCount
        let genreRows = state.design != nil ? data.catalog.genreNames.count : 0
        let spread = PosteriorSpread(
            samples: samples, noisePrecision: Float(alpha / n),
            userBiasVariance: variances(userBias, userBiasSquares), movieBiasVariance: variances(movieBias, movieBiasSquares),
            userFactorVariance: unpad(variances(userFactors, userFactorSquares), rows: users),
            movieFactorVariance: unpad(variances(movieFactors, movieFactorSquares), rows: movies),
            userPriorMean: means(userPriorMean), userPriorPrecision: Matrix(rows: k, columns: k, values: means(userPriorPrecision)),
            userBiasPrecision: Float(userBiasPrecision / n))
        let counts = (0..<movies).map { Int32(data.trainByMovie.rowLength($0)) }
        return FactorModel(
            kind: state.settings.kind, globalMean: state.mean, userBias: means(userBias), movieBias: means(movieBias),
            userFactors: unpad(means(userFactors), rows: users), movieFactors: unpad(means(movieFactors), rows: movies),
            genreFactors: genreRows > 0 ? unpad(means(genreFactors), rows: genreRows) : Matrix(rows: 0, columns: k),
            userIDs: data.userIDs, catalog: data.catalog, movieRatingCounts: counts, scale: data.scale,
            hyperparameters: state.settings, userRatings: data.trainByUser, posterior: spread)
    }
}
