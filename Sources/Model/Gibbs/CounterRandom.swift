#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Counter-based random streams for the Gibbs sampler: the generator of draw site
/// (seed, sweep, block, row) is a pure function of those four numbers, so a row's draws are the
/// same whichever thread samples it and in whatever order. `block` names what is being drawn
/// (`CounterRandom.Block`); `row` is the user, movie or other index within it.
///
/// The key is hashed by three rounds of the SplitMix64 finaliser (a bijection on 64 bits per
/// round) into the state of a `SplitMix64`, whose output stream then supplies the row's numbers.
/// Cost: about ten integer operations to open a stream.
public enum CounterRandom {
    /// What a stream draws (one value per kind of draw, so streams never overlap by accident).
    public enum Block: UInt64, Sendable {
        case userRows = 1, movieRows, userHyper, movieHyper, genreVectors, genreHyper, noise, biasHyper
    }

    /// The generator of draw site (seed, sweep, block, row).
    @inlinable
    public static func stream(seed: UInt64, sweep: Int, block: Block, row: Int) -> SplitMix64 {
        var h = mix(seed ^ 0x6A09_E667_F3BC_C908)
        h = mix(h ^ (UInt64(truncatingIfNeeded: sweep) &* 0x9E37_79B9_7F4A_7C15))
        h = mix(h ^ (block.rawValue &* 0xBB67_AE85_84CA_A73B))
        h = mix(h ^ (UInt64(truncatingIfNeeded: row) &* 0x3C6E_F372_FE94_F82B))
        return SplitMix64(seed: h)
    }

    /// The SplitMix64 / murmur3 64-bit finaliser: an avalanche bijection.
    @inlinable
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

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
            if i + 1 < count { out[i + 1] = Float(radius * _sinGibbs(angle)) }
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
            return nextGamma(shape: shape + 1, rate: rate) * _powGibbs(u, 1 / shape)
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

@usableFromInline func _sinGibbs(_ x: Double) -> Double { sin(x) }
func _powGibbs(_ x: Double, _ y: Double) -> Double { pow(x, y) }
