import Core
import Dispatch

/// A finished training run: the model and the per-epoch history.
public struct TrainingRun: Sendable {
    /// The trained model (after the last epoch run).
    public var model: FactorModel
    /// One report per epoch run, in order.
    public var history: [EpochReport]
}

/// Trains the three matrix-factorisation models by alternating least squares.
///
/// Each epoch minimises L exactly over the users' (b, x), then over the movies' (c, y) — for
/// `bias-uv-genre` jointly with the genre vectors W — so L never increases. The result
/// depends only on the dataset and `Hyperparameters` (rows are solved independently; sums are
/// taken in a fixed order), not on the thread count or scheduling.
/// Cost per epoch ≈ nnz·K² FMAs (both sides' normal matrices) + (users + movies)·K³/6.
public enum ALSTrainer {
    /// Trains `dataset` with `settings` on `threads` threads. After each epoch `progress`
    /// receives the epoch's report and returns true to stop early. Throws `TrainingError` on
    /// invalid settings (before any work), an unusable dataset or a failed factorisation.
    public static func train(
        _ dataset: Dataset, settings: Hyperparameters, threads: Int = availableCores,
        progress: (EpochReport) -> Bool = { _ in false }
    ) throws -> TrainingRun {
        try settings.validate()
        let state = try ALSState(dataset: dataset, settings: settings, threads: threads)
        var history: [EpochReport] = []
        for epoch in 1...settings.epochs {
            let start = DispatchTime.now().uptimeNanoseconds
            try state.epoch()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let e = state.evaluate()
            let report = EpochReport(epoch: epoch, loss: e.loss, trainRMSE: e.trainRMSE, testRMSE: e.testRMSE, seconds: seconds)
            history.append(report)
            if progress(report) { break }
        }
        return TrainingRun(model: state.model(), history: history)
    }
}
