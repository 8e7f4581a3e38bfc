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
    /// For a Gibbs sweep, the drawn noise precision α (1/stars²); NaN for an ALS epoch.
    public var alpha: Double
    /// For a Gibbs sweep, whether it was part of the discarded burn-in.
    public var burnIn: Bool

    private enum CodingKeys: String, CodingKey { case epoch, loss, trainRMSE, testRMSE, seconds, alpha, burnIn }

    /// Encodes non-finite numbers (e.g. the test RMSE of a dataset without test ratings) as null.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(epoch, forKey: .epoch)
        func put(_ v: Double, _ key: CodingKeys) throws {
            if v.isFinite { try c.encode(v, forKey: key) } else { try c.encodeNil(forKey: key) }
        }
        try put(loss, .loss)
        try put(trainRMSE, .trainRMSE)
        try put(testRMSE, .testRMSE)
        try put(seconds, .seconds)
        if alpha.isFinite { try c.encode(alpha, forKey: .alpha) }
        if burnIn { try c.encode(burnIn, forKey: .burnIn) }
    }

    /// Decodes what `encode(to:)` writes; null becomes NaN.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        epoch = try c.decode(Int.self, forKey: .epoch)
        func get(_ key: CodingKeys) throws -> Double { try c.decodeIfPresent(Double.self, forKey: key) ?? .nan }
        loss = try get(.loss)
        trainRMSE = try get(.trainRMSE)
        testRMSE = try get(.testRMSE)
        seconds = try get(.seconds)
        alpha = try get(.alpha)
        burnIn = try c.decodeIfPresent(Bool.self, forKey: .burnIn) ?? false
    }

    /// A report with every field given.
    public init(epoch: Int, loss: Double, trainRMSE: Double, testRMSE: Double, seconds: Double,
                alpha: Double = .nan, burnIn: Bool = false) {
        self.epoch = epoch
        self.loss = loss
        self.trainRMSE = trainRMSE
        self.testRMSE = testRMSE
        self.seconds = seconds
        self.alpha = alpha
        self.burnIn = burnIn
    }
}
