import Analyze
import Foundation
import Model
import Render

/// Charts of embedding maps: scatter plots coloured by genre with well-known titles labelled,
/// and per-genre highlight maps. Pure composition of `Render` charts; the caller writes them.
public enum EmbeddingCharts {
    /// Movies coloured by primary genre (their rarest genre, the most specific), with the
    /// `labelled` most-rated mapped movies named.
    public static func movies(_ map: EmbeddingMap, model m: FactorModel, labelled: Int = 12) throws -> RenderedChart {
        let primary = GenreMembership(catalog: m.catalog).primaryGenres()
        let (categories, names) = categoryLabels(map.rows.map { primary[$0] }, genreNames: m.catalog.genreNames)
        let famous = map.rows.indices.sorted { m.movieRatingCounts[map.rows[$0]] > m.movieRatingCounts[map.rows[$1]] }.prefix(labelled)
        let labels = famous.map { PointLabel(index: $0, text: m.catalog.displayTitle(map.rows[$0])) }
        let (xl, yl) = map.axisNames
        return try ScatterPlot(title: "Movies (\(map.rows.count)) — \(map.detail)", xLabel: xl, yLabel: yl, x: map.x, y: map.y,
                               categories: categories, categoryNames: names, labels: labels).render(style: style())
    }

    /// Users coloured by favourite genre (see `favouriteGenres`).
    public static func users(_ map: EmbeddingMap, model m: FactorModel) throws -> RenderedChart {
        let favourite = favouriteGenres(model: m)
        let (categories, names) = categoryLabels(map.rows.map { favourite[$0] }, genreNames: m.catalog.genreNames)
        let (xl, yl) = map.axisNames
        return try ScatterPlot(title: "Users (\(map.rows.count)) by favourite genre — \(map.detail)", xLabel: xl, yLabel: yl,
                               x: map.x, y: map.y, categories: categories, categoryNames: names).render(style: style())
    }

    /// One highlight map per genre that has mapped movies: that genre's movies in colour over
    /// all mapped movies in grey. Returns (genre name, chart) pairs.
    public static func genreMaps(_ map: EmbeddingMap, model m: FactorModel) throws -> [(genre: String, chart: RenderedChart)] {
        try genrePanels(map, model: m).map { panel in
            let chart = try HighlightGrid(title: "\(panel.title) — \(map.detail)", xLabel: map.axisNames.0, yLabel: map.axisNames.1,
                                          x: map.x, y: map.y, panels: [panel]).render(style: style())
            return (panel.title, chart)
        }
    }

    /// All genres as a small-multiples grid with shared axes.
    public static func genreGrid(_ map: EmbeddingMap, model m: FactorModel) throws -> RenderedChart {
        let panels = genrePanels(map, model: m)
        let columns = Int(Double(panels.count).squareRoot().rounded(.up))
        let rows = (panels.count + columns - 1) / max(columns, 1)
        return try HighlightGrid(title: "Movies of each genre — \(map.detail)", x: map.x, y: map.y, panels: panels,
                                 columns: columns, colourPerPanel: true)
            .render(style: style(width: Double(columns) * 260, height: Double(rows) * 230 + 60))
    }

    static func genrePanels(_ map: EmbeddingMap, model m: FactorModel) -> [HighlightGrid.Panel] {
        var members = [[Int]](repeating: [], count: m.catalog.genreNames.count)
        for (p, movie) in map.rows.enumerated() { for g in m.catalog.genres(of: movie) { members[Int(g)].append(p) } }
        return members.enumerated().filter { !$0.element.isEmpty }.map {
            HighlightGrid.Panel(title: m.catalog.genreNames[$0.offset], members: $0.element)
        }
    }

    /// Category indices and names for labels in −1..<genres: only genres that occur, ordered by
    /// frequency, with "no genre" last.
    static func categoryLabels(_ labels: [Int], genreNames: [String]) -> ([Int], [String]) {
        var counts: [Int: Int] = [:]
        for l in labels { counts[l, default: 0] += 1 }
        let order = counts.keys.sorted { (counts[$0]!, -$0) > (counts[$1]!, -$1) }.filter { $0 >= 0 } + (counts[-1] != nil ? [-1] : [])
        var position: [Int: Int] = [:]
        for (i, l) in order.enumerated() { position[l] = i }
        return (labels.map { position[$0]! }, order.map { $0 >= 0 ? genreNames[$0] : "no genre" })
    }

    /// The house chart style: 2× pixels, software tag with the tool version.
    public static func style(width: Double = 900, height: Double = 640) -> ChartStyle {
        ChartStyle(width: width, height: height, software: ToolVersion.tag)
    }
}
