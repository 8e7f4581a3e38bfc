/// Keeps the largest categories of a categorical colouring and merges the rest into one grey
/// "other": a chart can show about ten colours that readers tell apart, not hundreds.
public enum CategoryLumping {
    /// The most categories a chart shows by name (the last of them "other" when lumped).
    public static let defaultLimit = 10

    /// Categories `categories` (indices into `names`) regrouped when there are more than
    /// `limit` names: the `limit − 1` most frequent keep their names (ties: first listed), in
    /// order of frequency, and every other category becomes `otherName`, listed last. With
    /// `limit` names or fewer, the input is returned unchanged. Also returns each name's colour:
    /// `colours[old index]` when colours are given, else `Palette.category(new index)` (the
    /// largest category gets the first palette colour), and `Palette.context` grey for "other".
    /// Cost O(points + names log names).
    public static func keepingLargest(_ categories: [Int], names: [String], colours: [Colour]? = nil, limit: Int = defaultLimit,
                                      otherName: String = "other") -> (categories: [Int], names: [String], colours: [Colour]) {
        guard names.count > limit, limit >= 2 else { return (categories, names, names.indices.map { colours?[$0] ?? Palette.category($0) }) }
        var counts = [Int](repeating: 0, count: names.count)
        for c in categories where names.indices.contains(c) { counts[c] += 1 }
        let kept = names.indices.sorted { counts[$0] > counts[$1] || (counts[$0] == counts[$1] && $0 < $1) }.prefix(limit - 1)
        var position = [Int](repeating: limit - 1, count: names.count)
        for (p, old) in kept.enumerated() { position[old] = p }
        return (categories.map { names.indices.contains($0) ? position[$0] : limit - 1 },
                kept.map { names[$0] } + [otherName],
                kept.enumerated().map { colours?[$0.element] ?? Palette.category($0.offset) } + [Palette.context])
    }
}
