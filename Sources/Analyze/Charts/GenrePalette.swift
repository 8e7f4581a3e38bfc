import Render

/// One fixed colour per MovieLens genre, the same in every chart (movie and user maps, the
/// genre grid and maps, the genres bar chart) and in the explorer page. Related genres share
/// related hues: Action, Adventure, War and Western in reds, oranges and browns; Comedy,
/// Children, Animation, Romance and Musical in amber, khaki, salmon, pink and magenta; Horror,
/// Thriller, Crime, Film-Noir and Mystery in dark indigo, violet, slate, near-black and
/// lavender; Sci-Fi, Fantasy and IMAX in blues and teals; Drama and Documentary in greens.
/// Every genre colour has a WCAG contrast of at least 3:1 against white and any two differ by
/// at least 20 in CIEDE2000 (ΔE*ab ≥ 22): they were chosen by maximising the smallest such
/// difference inside each family's range of hues. "No genre" is light grey.
///
/// Names are matched without regard to case, to "'s" and to spaces or hyphens, so MovieLens
/// 100K's "Children's" and "unknown" map like ml-latest's "Children" and "(no genres listed)".
/// A name outside MovieLens gets a colour of `Palette.categorical` chosen by a hash of the
/// name: stable from chart to chart, but not grouped.
public enum GenrePalette {
    /// The MovieLens genres (ml-latest spelling) with their colours, family by family.
    public static let genres: [(name: String, colour: Colour)] = [
        ("Action", 0xCF0114), ("Adventure", 0xFD6309), ("War", 0x701B28), ("Western", 0x7C563B),
        ("Comedy", 0xB37802), ("Children", 0x959950), ("Animation", 0xD07E7C), ("Romance", 0xEE269B), ("Musical", 0x940792),
        ("Horror", 0x2E295F), ("Thriller", 0x565AD0), ("Crime", 0x64616F), ("Film-Noir", 0x2E2C28), ("Mystery", 0x9E86B3),
        ("Sci-Fi", 0x128AD1), ("Fantasy", 0x3A8988), ("IMAX", 0x015163),
        ("Drama", 0x008F47), ("Documentary", 0x515602),
    ].map { ($0.0, Colour(hex: $0.1)) }

    /// The colour of movies without a genre ("(no genres listed)", "unknown") and of users
    /// without a favourite genre.
    public static let noGenre = Colour(hex: 0xA9A9A7)

    /// The colour of genre `name`.
    public static func colour(for name: String) -> Colour {
        let key = normalised(name)
        if key.isEmpty || noGenreKeys.contains(key) { return noGenre }
        if let known = byKey[key] { return known }
        // FNV-1a of the key: the same unknown name gets the same colour in every chart.
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        return Palette.category(Int(hash % UInt64(Palette.categorical.count)))
    }

    /// The colour of genre `name` as "#RRGGBB", for HTML, CSS and JavaScript.
    public static func hex(for name: String) -> String { colour(for: name).hex }

    /// Position of genre `name` in `genres` (family by family), or nil for a name outside
    /// MovieLens or no genre; legends list genres in this order so related hues sit together.
    public static func familyRank(of name: String) -> Int? { rankByKey[normalised(name)] }

    /// The colours of `names`, in order.
    public static func colours(for names: [String]) -> [Colour] { names.map(colour(for:)) }

    /// Lower-case letters and digits only, with a trailing "s" of "'s" dropped ("Children's" →
    /// "children", "Sci-Fi" → "scifi", "Film Noir" → "filmnoir").
    static func normalised(_ name: String) -> String {
        var s = name.lowercased()
        if s.hasSuffix("'s") || s.hasSuffix("’s") { s.removeLast(2) }
        return String(s.unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) }.map(Character.init))
    }

    static let rankByKey: [String: Int] = {
        var table: [String: Int] = [:]
        for (i, g) in genres.enumerated() { table[normalised(g.name)] = i }
        table["sciencefiction"] = table["scifi"]
        table["noir"] = table["filmnoir"]
        return table
    }()

    static let noGenreKeys: Set<String> = ["nogenreslisted", "unknown", "nogenre", "none"]

    static let byKey: [String: Colour] = {
        var table: [String: Colour] = [:]
        for g in genres { table[normalised(g.name)] = g.colour }
        table["sciencefiction"] = table["scifi"]
        table["noir"] = table["filmnoir"]
        return table
    }()
}
