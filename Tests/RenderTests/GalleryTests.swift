import Foundation
import Testing
import Render
import TestSupport

/// Writes one example of each chart into a folder so a person can look at them
/// (`CINEMATRIX_GALLERY=/tmp/gallery swift test --filter GalleryTests`), and checks each decodes
/// at the expected size. Without the variable the files go to a temporary folder and are removed.
@Suite struct GalleryTests {
    let keep = ProcessInfo.processInfo.environment["CINEMATRIX_GALLERY"] != nil
    let folder: String = {
        let path = ProcessInfo.processInfo.environment["CINEMATRIX_GALLERY"]
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("cmx-gallery-\(UUID())").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    func save(_ chart: RenderedChart, _ name: String) throws {
        let path = folder + "/" + name
        try chart.write(to: path)
        let decoded = try DecodedPNG(contentsOf: path)
        #expect(decoded.image.width == chart.image.width && decoded.image.height == chart.image.height)
        // The file holds exactly the drawn pixels (sampled on a grid).
        for y in stride(from: 0, to: decoded.image.height, by: 37) {
            for x in stride(from: 0, to: decoded.image.width, by: 41) where decoded.image.rgba(x: x, y: y) != chart.image.rgba(x: x, y: y) {
                Issue.record("\(name): pixel \(x),\(y) differs after encoding")
                return
            }
        }
        if !keep { try? FileManager.default.removeItem(atPath: path) }
    }

    @Test func lineCharts() throws {
        let epochs = (1...25).map(Double.init)
        let train = epochs.map { 0.62 + 0.6 * exp(-$0 / 4) }
        let test = epochs.map { 0.86 + 0.5 * exp(-$0 / 3.5) + 0.0025 * $0 }
        let chart = LineChart(title: "RMSE per epoch", xLabel: "epoch", yLabel: "RMSE",
                              series: [LineSeries(name: "train", x: epochs, y: train), LineSeries(name: "test", x: epochs, y: test)],
                              best: BestPointMarker(series: 1, label: "best epoch"), integerX: true)
        try save(chart.render(), "rmse.png")
        let loss = epochs.map { 2.0e6 * exp(-$0 / 2) + 4.0e4 }
        let logChart = LineChart(title: "Training loss", xLabel: "epoch", yLabel: "loss", series: [LineSeries(name: "loss", x: epochs, y: loss)],
                                 yScale: .log, integerX: true)
        try save(logChart.render(), "loss.png")
    }
}

extension GalleryTests {
    /// Gaussian clusters with a seeded generator (planted structure for the scatter examples).
    static func clusters(count: Int, groups: Int, seed: UInt64) -> (x: [Double], y: [Double], group: [Int]) {
        var state = seed
        func next() -> Double {
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
        func gauss() -> Double { (-2 * log(max(1e-300, next()))).squareRoot() * cos(2 * .pi * next()) }
        var x: [Double] = [], y: [Double] = [], g: [Int] = []
        for i in 0..<count {
            let c = i % groups
            let angle = Double(c) / Double(groups) * 2 * .pi
            x.append(6 * cos(angle) + gauss() * 1.3)
            y.append(4 * sin(angle) + gauss() * 1.3)
            g.append(c)
        }
        return (x, y, g)
    }

    @Test func scatterPlots() throws {
        let names = ["Action", "Comedy", "Drama", "Horror", "Romance", "Sci-Fi", "Thriller", "Documentary", "Animation", "Children's",
                     "Crime", "Fantasy", "Film-Noir", "Musical", "Mystery", "War", "Western", "Adventure", "IMAX", "(no genres)"]
        for (n, groups) in [(300, 4), (20_000, 8), (100_000, 20)] {
            let data = Self.clusters(count: n, groups: groups, seed: 7)
            let labels = (0..<12).map { PointLabel(index: $0 * 7, text: "Movie title number \($0)") }
            let chart = ScatterPlot(title: "Item embeddings (\(n) points)", xLabel: "component 1", yLabel: "component 2",
                                    x: data.x, y: data.y, categories: data.group, categoryNames: Array(names.prefix(groups)),
                                    labels: n == 300 ? labels : [])
            try save(chart.render(), "scatter-\(n).png")
        }
    }
}

extension GalleryTests {
    @Test func otherCharts() throws {
        let data = Self.clusters(count: 6000, groups: 6, seed: 11)
        let genres = ["Action", "Comedy", "Drama", "Horror", "Romance", "Sci-Fi"]
        let panels = genres.enumerated().map { g, name in
            HighlightGrid.Panel(title: name, members: data.group.indices.filter { data.group[$0] == g })
        }
        try save(HighlightGrid(title: "Movies by genre", xLabel: "component 1", yLabel: "component 2", x: data.x, y: data.y,
                               panels: panels).render(style: ChartStyle(width: 900, height: 620)), "grid.png")
        try save(HighlightGrid(title: "Comedy over all movies", xLabel: "component 1", yLabel: "component 2", x: data.x, y: data.y,
                               panels: [panels[1]]).render(), "highlight.png")
        let values: [[Double]] = (0..<6).map { (r: Int) -> [Double] in
            (0..<8).map { (c: Int) -> Double in
                let base = Double((r * 37 + c * 11) % 50)
                return base * 3.7 + Double(r * c)
            }
        }
        try save(Heatmap(title: "Genre × cluster", xLabel: "cluster", yLabel: "genre", values: values, rowLabels: genres,
                         columnLabels: (1...8).map { "c\($0)" }, colourBarLabel: "movies").render(), "heatmap.png")
        let grid = [[0.912, 0.905, 0.899, 0.902], [0.897, 0.889, 0.886, 0.893], [0.894, 0.884, 0.881, 0.889]]
        try save(Heatmap(title: "Test RMSE by rank and λ", xLabel: "λ", yLabel: "rank", values: grid, rowLabels: ["16", "32", "64"],
                         columnLabels: ["0.01", "0.05", "0.1", "0.5"], colourBarLabel: "RMSE").render(style: ChartStyle(width: 560, height: 380)), "grid-search.png")
        let counts = [4361.0, 3756, 1894, 1828, 1596, 1199, 1100, 980, 664, 611, 573, 534, 440, 334, 330, 126, 87, 61, 24, 20]
        let names = ["Drama", "Comedy", "Thriller", "Action", "Romance", "Adventure", "Crime", "Sci-Fi", "Horror", "Fantasy",
                     "Children", "Animation", "Mystery", "Documentary", "War", "Musical", "Western", "IMAX", "Film-Noir", "(no genres listed)"]
        try save(BarChart(title: "Movies per genre", categoryLabel: "genre", valueLabel: "movies", categories: names, values: counts).render(), "bars.png")
        try save(BarChart(title: "Movies per genre", valueLabel: "movies", categories: names, values: counts, horizontal: true,
                          showValues: true).render(style: ChartStyle(width: 600, height: 520)), "bars-horizontal.png")
        let ratings: [Double] = (0..<5000).map { (i: Int) -> Double in
            let star = Double(1 + (i * 7919 % 97) % 5)
            return star * 0.9 + Double(i % 13) * 0.04
        }
        try save(Histogram(title: "Rating distribution", xLabel: "rating", values: ratings).render(), "histogram.png")
    }
}

extension GalleryTests {
    @Test func crowdedLayouts() throws {
        // 20 categories in a short image: the legend must wrap into columns and stay inside.
        let data = Self.clusters(count: 4000, groups: 20, seed: 3)
        let names = (0..<20).map { "category \($0)" }
        let scatter = try ScatterPlot(title: "Twenty categories", x: data.x, y: data.y, categories: data.group, categoryNames: names)
            .render(style: ChartStyle(width: 640, height: 300))
        try save(scatter, "scatter-short.png")
        for entry in scatter.layout.legend {
            #expect(entry.swatchCentre.y > 0 && entry.swatchCentre.y < Double(scatter.image.height), "\(entry.label) inside the image")
            #expect(matches(scatter.image.probe(entry.swatchCentre.x, entry.swatchCentre.y), entry.colour), "\(entry.label) swatch")
        }
        // Long column labels turn; 15×15 cells keep annotations only where they fit.
        let genres = ["Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
                      "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi"]
        let values: [[Double]] = (0..<15).map { (r: Int) -> [Double] in
            (0..<15).map { (c: Int) -> Double in r == c ? 1 : Double((r * 7 + c * 3) % 10) / 10 }
        }
        try save(Heatmap(title: "Genre co-occurrence", values: values, rowLabels: genres, columnLabels: genres, decimals: 1,
                         colourBarLabel: "Jaccard").render(style: ChartStyle(width: 720, height: 620)), "heatmap-large.png")
    }
}
