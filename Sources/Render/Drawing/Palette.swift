/// Colours for data: a categorical palette for up to 20 groups; continuous maps are `ColourMap`s.
public enum Palette {
    /// Twenty categorical colours built for charts on white. Every one has a WCAG contrast of at
    /// least 3:1 against white (what graphical marks need to be seen), none is lighter than
    /// CIELAB L* 62 or darker than L* 30 (so no yellow and no near-black), and any two differ
    /// by at least 20 in CIEDE2000 (ΔE*ab ≥ 22). They were found by maximising that smallest
    /// difference, keeping the Okabe–Ito blue, vermilion, bluish green and reddish purple, and
    /// are listed farthest-first: each next colour is the one most unlike those before it,
    /// counting a simulated deuteranope's view (Machado et al. 2009) too, so the first six stay
    /// apart for red–green colour-blind readers (simulated ΔE2000 ≥ 12). Past about eight groups
    /// prefer small multiples, or `CategoryLumping` (the largest nine and "other"). Index `i` ≥
    /// 20 wraps around.
    public static let categorical: [Colour] = [
        0x0072B2, 0x658A08, 0xA01F51, 0xFE5A5C, 0xCC79A7, 0xAB61FF, 0x056530, 0x16A3B1, 0x009E73, 0xAD0301,
        0x8C01A8, 0x016A6E, 0x787695, 0x92685E, 0xD55E00, 0x5A5107, 0x38427C, 0xA68542, 0x4D4D4D, 0x90968D,
    ].map { Colour(hex: $0) }

    /// The categorical colour for group `index` (wraps after 20).
    public static func category(_ index: Int) -> Colour {
        categorical[((index % categorical.count) + categorical.count) % categorical.count]
    }

    /// Neutral grey for context points drawn behind a highlighted subset, and for "other".
    public static let context = Colour(hex: 0xBDBDBD)

    /// The viridis colour at `t` in 0...1 (clamped): dark purple → yellow (`ColourMap.viridis`).
    public static func viridis(_ t: Double) -> Colour { ColourMap.viridis.colour(at: t) }
}
