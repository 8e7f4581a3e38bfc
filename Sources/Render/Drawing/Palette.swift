/// Colours for data: a categorical palette for up to 20 groups and a continuous map.
public enum Palette {
    /// Twenty categorical colours. The first eight are the Okabe–Ito set (black replaced by a dark
    /// grey), designed to stay distinguishable under the common colour-vision deficiencies; the
    /// next twelve come from Paul Tol's muted and light schemes and stay distinct from the first
    /// eight for normal vision but not always for colour-blind readers — past eight groups prefer
    /// small multiples or a highlighted subset. Index `i` ≥ 20 wraps around.
    public static let categorical: [Colour] = [
        0x0072B2, 0xE69F00, 0x009E73, 0xD55E00, 0xCC79A7, 0x56B4E9, 0xF0E442, 0x4D4D4D,
        0x332288, 0x882255, 0x117733, 0x44AA99, 0x999933, 0xAA4499, 0xDDCC77, 0x88CCEE,
        0xCC6677, 0x661100, 0x6699CC, 0xBBCC33,
    ].map { Colour(hex: $0) }

    /// The categorical colour for group `index` (wraps after 20).
    public static func category(_ index: Int) -> Colour {
        categorical[((index % categorical.count) + categorical.count) % categorical.count]
    }

    /// Neutral grey for context points drawn behind a highlighted subset.
    public static let context = Colour(hex: 0xBDBDBD)

    /// viridis sampled at 0, 0.1, …, 1 (perceptually uniform, colour-blind safe, monotone in
    /// lightness); `viridis(_:)` interpolates linearly between these in sRGB, which stays within
    /// about 1 % of the full 256-entry table.
    static let viridisStops: [Colour] = [
        0x440154, 0x482576, 0x414487, 0x35608D, 0x2A788E, 0x21908C,
        0x22A884, 0x43BF71, 0x7AD151, 0xBBDF27, 0xFDE725,
    ].map { Colour(hex: $0) }

    /// The viridis-like continuous colour at `t` in 0...1 (clamped): dark purple → yellow.
    public static func viridis(_ t: Double) -> Colour {
        let clamped = t.isNaN ? 0 : max(0, min(1, t))
        let position = clamped * Double(viridisStops.count - 1)
        let lower = min(Int(position), viridisStops.count - 2)
        return Colour.mix(viridisStops[lower], viridisStops[lower + 1], position - Double(lower))
    }
}
