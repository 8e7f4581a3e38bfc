/// A continuous colour map: colours at evenly spaced stops over 0…1, interpolated linearly in
/// sRGB between neighbours (with 11 stops this stays within about 1 % of the full 256-entry
/// tables they are sampled from).
public struct ColourMap: Sendable, Equatable {
    /// Colours at t = 0, 1/(n−1), …, 1.
    public let stops: [Colour]
    /// A diverging map has a neutral middle (t = 0.5) for zero of a signed quantity; charts then
    /// centre its range on zero so equal magnitudes get equally strong colours.
    public let diverging: Bool

    public init(stops: [Colour], diverging: Bool) {
        precondition(stops.count >= 2, "a colour map needs at least two stops")
        self.stops = stops
        self.diverging = diverging
    }

    /// The colour at `t` in 0...1 (clamped; NaN gives the first stop).
    public func colour(at t: Double) -> Colour {
        let clamped = t.isNaN ? 0 : max(0, min(1, t))
        let position = clamped * Double(stops.count - 1)
        let lower = min(Int(position), stops.count - 2)
        return Colour.mix(stops[lower], stops[lower + 1], position - Double(lower))
    }

    /// viridis sampled at 0, 0.1, …, 1: dark purple → yellow, perceptually uniform, colour-blind
    /// safe, monotone in lightness. For quantities with a natural zero at one end (counts, scores).
    public static let viridis = ColourMap(stops: [
        0x440154, 0x482576, 0x414487, 0x35608D, 0x2A788E, 0x21908C,
        0x22A884, 0x43BF71, 0x7AD151, 0xBBDF27, 0xFDE725,
    ].map { Colour(hex: $0) }, diverging: false)

    /// ColorBrewer's RdBu (11 classes) reversed: dark blue (−1) → near-white (0) → dark red (+1).
    /// For signed quantities such as correlations and cosines; readable under the common
    /// colour-vision deficiencies (blue and red differ in lightness on each side).
    public static let blueWhiteRed = ColourMap(stops: [
        0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7,
        0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B, 0x67001F,
    ].map { Colour(hex: $0) }, diverging: true)
}
