/// The explorer's genre → colour lookup: a fixed colour per MovieLens genre, related genres in
/// related hues (action and crime in reds and browns, drama and romance in blues and pinks,
/// family genres in greens, the fantastic in purples and teals), every one dark enough to read
/// on white. Genres it does not know take colours from a spare list by genre index.
///
/// Stop-gap until the charts' shared palette (issue 15, part 2) exists in Render; then this
/// should defer to it so the page and the PNGs agree.
public enum GenrePalette {
    /// MovieLens genre names and their colours.
    static let known: [String: String] = [
        "Action": "#d62728", "Adventure": "#f07f1a", "Thriller": "#9e1b32", "Crime": "#7b4a2d", "War": "#8c7a4b",
        "Western": "#c08a1e", "Drama": "#1f5fb4", "Romance": "#e0559e", "Film-Noir": "#3b4a5a", "Comedy": "#e6b000",
        "Children": "#5cb85c", "Animation": "#1f8a4c", "Musical": "#b23fae", "Fantasy": "#7e57c2", "Sci-Fi": "#14a3b8",
        "Horror": "#4b1d6e", "Mystery": "#4959b8", "Documentary": "#6b8494", "IMAX": "#9aa51e",
    ]

    /// Colours for genres outside the MovieLens list, in order of genre index.
    static let spare = ["#e377c2", "#17becf", "#8c564b", "#bcbd22", "#2ca02c", "#9467bd", "#ff7f0e", "#1f77b4", "#7f7f7f"]

    /// "#rrggbb" for genre `name` at genre index `index`.
    public static func colour(for name: String, index: Int) -> String {
        known[name] ?? spare[index % spare.count]
    }
}
