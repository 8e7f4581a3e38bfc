import Foundation
import Model
import Render

/// Charts of embedding maps: scatter plots coloured by genre (`GenrePalette`, the same colour
/// for a genre in every chart) with well-known titles labelled, and per-genre highlight maps.
/// Titles say what is shown; subtitles name the model and data (`subject`, see
/// `ChartSubject`) and the projection. Pure composition of `Render` charts; the caller writes
/// them.
public enum EmbeddingCharts {
    /// Movies coloured by primary genre (their rarest genre, the most specific), with the
    /// `labelled` most-rated mapped movies named.
    public static func movies(_ map: EmbeddingMap, model m: FactorModel, subject: String? = nil, labelled: Int = 12) throws -> RenderedChart {
        let primary = GenreMembership(catalog: m.catalog).primaryGenres()
        let (categories, names, colours) = genreCategories(map.rows.map { primary[$0] }, genreNames: m.catalog.genreNames, none: "no genre")
        let famous = map.rows.indices.sorted { m.movieRatingCounts[map.rows[$0]] > m.movieRatingCounts[map.rows[$1]] }.prefix(labelled)
        let labels = famous.map { PointLabel(index: $0, text: m.catalog.displayTitle(map.rows[$0])) }
        let (xl, yl) = map.axisNames
        return try ScatterPlot(title: "\(ChartSubject.grouped(map.rows.count)) movies by primary genre\n" + subtitle(subject, map),
                               xLabel: xl, yLabel: yl, x: map.x, y: map.y, categories: categories, categoryNames: names,
                               categoryColours: colours, labels: labels).render(style: style())
    }

    /// Users coloured by favourite genre (see `favouriteGenres`).
    public static func users(_ map: EmbeddingMap, model m: FactorModel, subject: String? = nil) throws -> RenderedChart {
        let favourite = favouriteGenres(model: m)
        let (categories, names, colours) = genreCategories(map.rows.map { favourite[$0] }, genreNames: m.catalog.genreNames,
                                                           none: "no favourite")
        let (xl, yl) = map.axisNames
        return try ScatterPlot(title: "\(ChartSubject.grouped(map.rows.count)) users by favourite genre\n" + subtitle(subject, map),
                               xLabel: xl, yLabel: yl, x: map.x, y: map.y, categories: categories, categoryNames: names,
                               categoryColours: colours).render(style: style())
    }

    /// One highlight map per genre that has mapped movies: that genre's movies in its colour
    /// over all mapped movies in grey. Returns (genre name, chart) pairs.
    public static func genreMaps(_ map: EmbeddingMap, model m: FactorModel, subject: String? = nil) throws -> [(genre: String, chart: RenderedChart)] {
        try genrePanels(map, model: m).map { panel in
            let title = "\(panel.title): \(ChartSubject.grouped(panel.members.count)) of \(ChartSubject.grouped(map.rows.count)) movies\n"
                + subtitle(subject, map)
            let chart = try HighlightGrid(title: title, xLabel: map.axisNames.0, yLabel: map.axisNames.1,
                                          x: map.x, y: map.y, panels: [panel]).render(style: style())
            return (panel.title, chart)
        }
    }

    /// All genres as a small-multiples grid with shared axes, each in its own colour.
    public static func genreGrid(_ map: EmbeddingMap, model m: FactorModel, subject: String? = nil) throws -> RenderedChart {
        let panels = genrePanels(map, model: m)
        let columns = Int(Double(panels.count).squareRoot().rounded(.up))
        let rows = (panels.count + columns - 1) / max(columns, 1)
        return try HighlightGrid(title: "Movies of each genre (\(ChartSubject.grouped(map.rows.count)) in all)\n" + subtitle(subject, map),
                                 x: map.x, y: map.y, panels: panels, columns: columns)
            .render(style: style(width: Double(columns) * 260, height: Double(rows) * 230 + 70))
    }

    static func genrePanels(_ map: EmbeddingMap, model m: FactorModel) -> [HighlightGrid.Panel] {
        var members = [[Int]](repeating: [], count: m.catalog.genreNames.count)
        for (p, movie) in map.rows.enumerated() { for g in m.catalog.genres(of: movie) { members[Int(g)].append(p) } }
        return members.enumerated().filter { !$0.element.isEmpty }.map {
            let name = m.catalog.genreNames[$0.offset]
            return HighlightGrid.Panel(title: name, members: $0.element, colour: GenrePalette.colour(for: name))
        }
    }

    /// "subject · projection" for a map's subtitle.
    static func subtitle(_ subject: String?, _ map: EmbeddingMap) -> String {
        [subject, map.detail].compactMap { $0 }.joined(separator: " · ")
    }

    /// Category indices, names and genre colours for genre labels in −1..<genres: the genres
    /// that occur, listed family by family (`GenrePalette.familyRank`, so related hues sit
    /// together in the legend), then genres outside MovieLens by frequency, then −1, named
    /// `none` and drawn in `GenrePalette.noGenre`.
    static func genreCategories(_ labels: [Int], genreNames: [String], none: String) -> ([Int], [String], [Colour]) {
        let byFrequency = categoryOrder(labels).order
        let frequencyRank = Dictionary(uniqueKeysWithValues: byFrequency.enumerated().map { ($0.element, $0.offset) })
        func key(_ l: Int) -> (Int, Int) {
            guard l >= 0 else { return (Int.max, 0) }
            return (GenrePalette.familyRank(of: genreNames[l]) ?? GenrePalette.genres.count, frequencyRank[l] ?? 0)
        }
        let order = byFrequency.sorted { key($0) < key($1) }
        var position: [Int: Int] = [:]
        for (i, l) in order.enumerated() { position[l] = i }
        return (labels.map { position[$0] ?? 0 }, order.map { $0 >= 0 ? genreNames[$0] : none },
                order.map { $0 >= 0 ? GenrePalette.colour(for: genreNames[$0]) : GenrePalette.noGenre })
    }

    /// Each label's position in `order`: the labels that occur, by decreasing frequency (ties:
    /// lower label first), with −1 last.
    static func categoryOrder(_ labels: [Int]) -> (categories: [Int], order: [Int]) {
        var counts: [Int: Int] = [:]
        for l in labels { counts[l, default: 0] += 1 }
        let order = counts.keys.filter { $0 >= 0 }.sorted { (counts[$0] ?? 0, -$0) > (counts[$1] ?? 0, -$1) } + (counts[-1] != nil ? [-1] : [])
        var position: [Int: Int] = [:]
        for (i, l) in order.enumerated() { position[l] = i }
        return (labels.map { position[$0] ?? 0 }, order)
    }

    /// The house chart style: 2× pixels, software tag with the tool version.
    public static func style(width: Double = 900, height: Double = 640) -> ChartStyle {
        ChartStyle(width: width, height: height, software: ToolVersion.tag)
    }
}
