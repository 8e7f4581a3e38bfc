/// What one training epoch achieved, passed to the progress closure and kept in the history.
public struct EpochReport: Sendable, Equatable, Codable {
    /// Epoch number, from 1.
    public var epoch: Int
    /// The objective L after the epoch (see `Hyperparameters`).
    public var loss: Double
    /// Root-mean-square error on the training ratings, predictions clamped to the scale (stars).
    public var trainRMSE: Double
    /// The same on the held-out ratings; NaN when there are none.
    public var testRMSE: Double
    /// Wall-clock seconds the epoch's updates took (evaluation excluded).
    public var seconds: Double

    /// A report with every field given.
    public init(epoch: Int, loss: Double, trainRMSE: Double, testRMSE: Double, seconds: Double) {
        self.epoch = epoch
        self.loss = loss
        self.trainRMSE = trainRMSE
        self.testRMSE = testRMSE
        self.seconds = seconds
    }
}
