/// Normal and Gamma deviates drawn from a `SplitMix64` (the Gibbs sampler's distributions).
extension SplitMix64 {
    /// Fills `count` floats at `out` with independent standard normal deviates (Box–Muller,
    /// both deviates of each pair used). Cost about 15 ns a pair.
    @inlinable
    public mutating func fillGaussian(_ out: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i < count {
            var u = nextUnit()
            while u <= .leastNonzeroMagnitude { u = nextUnit() }
            let radius = (-2 * _log(u)).squareRoot(), angle = 2 * Double.pi * nextUnit()
            out[i] = Float(radius * _cos(angle))
            if i + 1 < count { out[i + 1] = Float(radius * _sin(angle)) }
            i += 2
        }
    }

    /// A Gamma(shape, rate) deviate (mean shape/rate) by Marsaglia and Tsang's squeeze method
    /// ("A simple method for generating gamma variables", 2000), boosted by U^(1/shape) for
    /// shape < 1. Requires shape > 0 and rate > 0. Cost: about 1.05 normal and uniform pairs.
    public mutating func nextGamma(shape: Double, rate: Double) -> Double {
        precondition(shape > 0 && rate > 0)
        if shape < 1 {
            var u = nextUnit()
            while u <= .leastNonzeroMagnitude { u = nextUnit() }
            return nextGamma(shape: shape + 1, rate: rate) * _pow(u, 1 / shape)
        }
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat {
                x = nextGaussian()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = nextUnit()
            if u < 1 - 0.0331 * x * x * x * x { return d * v / rate }
            if u > 0, _log(u) < 0.5 * x * x + d * (1 - v + _log(v)) { return d * v / rate }
        }
    }
}
