import Core
import Dispatch

/// Trains the three models by Gibbs sampling (BPMF, Salakhutdinov & Mnih 2008, with biases and,
/// for `bias-uv-genre`, Macau-style genre vectors as the movie prior's mean) and returns the
/// posterior means with their spread.
///
/// The chain starts from N(0, σ²) vectors and zero biases (σ = `settings.initScale`), runs
/// `settings.burnIn` sweeps that are discarded and `settings.samples` sweeps that are averaged
/// (`GibbsState`, `PosteriorAverage`). Predictions on the held-out ratings are averaged over the
/// samples (the posterior predictive mean), and that average's RMSE is what each report after
/// the burn-in gives. The result depends only on the dataset and `settings`, not on the thread
/// count. Cost per sweep ≈ one ALS epoch plus nnz·K + test·K FMAs.
public enum GibbsTrainer {
    /// ALS epochs run before the first sweep: none. A MAP warm start (as in BPMF) was measured
    /// and rejected: from the genre model's MAP point the chain keeps the movie vectors close to
    /// their genre means for hundreds of sweeps (genre echo 0.58 after 120 sweeps on
    /// ml-latest-small, against 0.20 from the random start, at about the same RMSE).
    public static let warmStartEpochs = 0

    /// Samples `dataset` with `settings` on `threads` threads. After each sweep `progress`
    /// receives its report (`epoch` is the sweep number, `loss` is NaN, `alpha` the drawn α) and
    /// returns true to stop early (after at least one sample). Throws `TrainingError` on invalid
    /// settings (before any work), an unusable dataset or a failed draw (naming the sweep and
    /// row; nothing is returned, so no model is saved).
    public static func train(
        _ dataset: Dataset, settings: Hyperparameters, threads: Int = availableCores,
        progress: (EpochReport) -> Bool = { _ in false }
    ) throws -> TrainingRun {
        var settings = settings
        settings.inference = .gibbs
        try settings.validate()
        let state = try GibbsState(dataset: dataset, settings: settings, threads: threads, warmStart: warmStartEpochs)
        let average = PosteriorAverage(state)
        var history: [EpochReport] = []
        for sweep in 1...(settings.burnIn + settings.samples) {
            let start = DispatchTime.now().uptimeNanoseconds
            let fit = try state.sweep(sweep)
            let predictions = state.testPredictions()
            let burning = sweep <= settings.burnIn
            if !burning { average.add(state, testPredictions: predictions) }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let test = burning ? rmse(predictions, dataset.test) : average.testRMSE(dataset.test)
            let report = EpochReport(epoch: sweep, loss: .nan, trainRMSE: fit.rmse, testRMSE: test, seconds: seconds,
                                     alpha: state.alpha, burnIn: burning)
            history.append(report)
            if progress(report) && average.samples > 0 { break }
        }
        if average.samples == 0 { average.add(state, testPredictions: state.testPredictions()) }
        return TrainingRun(model: average.model(state), history: history)
    }

    /// RMSE of `predictions` against the held-out ratings (NaN without any).
    static func rmse(_ predictions: [Float], _ test: RatingTriplets) -> Double {
        guard test.count > 0 else { return .nan }
        var s = 0.0
        for t in 0..<test.count { let e = Double(test.ratings[t] - predictions[t]); s += e * e }
        return (s / Double(test.count)).squareRoot()
    }
}

extension GibbsState {
    /// The current sample's prediction of every held-out rating, clamped to the scale, in
    /// parallel (each rating written by one task, so the result does not depend on `threads`).
    /// Cost test·K FMAs.
    func testPredictions() -> [Float] {
        let test = dataset.test, scale = dataset.scale
        var out = [Float](repeating: 0, count: test.count)
        let parts = chunkRanges(count: test.count, parts: 64)
        view { f in
            test.users.withUnsafeBufferPointer { users in
                test.movies.withUnsafeBufferPointer { movies in
                    out.withUnsafeMutableBufferPointer { o in
                        let op = o.baseAddress
                        parallelForEach(count: parts.count, threads: threads, grain: 1) { c, _ in
                            for t in parts[c] {
                                let u = Int(users[t]), i = Int(movies[t])
                                let dot = f.rank > 0 ? Dot.product(f.userFactors + u * f.stride, f.movieFactors + i * f.stride, count: f.rank) : 0
                                op![t] = scale.clamp(f.mean + f.userBias[u] + f.movieBias[i] + dot)
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}
