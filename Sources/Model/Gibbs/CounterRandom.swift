import Core

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
