import Foundation
import Testing
import Render
import TestSupport

/// Writes one example of each chart into a folder so a person can look at them
/// (`CINEMATRIX_GALLERY=/tmp/gallery swift test --filter GalleryTests`), checks each decodes
/// to the drawn pixels, and probes the decoded file: marks in their colours where the data
/// puts them, background where there is no data. Without the variable the files go to a
/// temporary folder and are removed.
@Suite struct GalleryTests {
    let keep = ProcessInfo.processInfo.environment["CINEMATRIX_GALLERY"] != nil
    let folder: String = {
        let path = ProcessInfo.processInfo.environment["CINEMATRIX_GALLERY"]
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("cmx-gallery-\(UUID())").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// Writes `chart` as `name`, checks the file holds exactly the drawn pixels, and returns
    /// the decoded file's pixels for probing.
    @discardableResult
    func save(_ chart: RenderedChart, _ name: String) throws -> PixelImage {
        let path = folder + "/" + name
        try chart.write(to: path)
        let decoded = try DecodedPNG(contentsOf: path)
        if !keep { try? FileManager.default.removeItem(atPath: path) }
        #expect(decoded.image.width == chart.image.width && decoded.image.height == chart.image.height)
        // The file holds exactly the drawn pixels (sampled on a grid).
        sampling: for y in stride(from: 0, to: decoded.image.height, by: 37) {
            for x in stride(from: 0, to: decoded.image.width, by: 41) where decoded.image.rgba(x: x, y: y) != chart.image.rgba(x: x, y: y) {
                Issue.record("\(name): pixel \(x),\(y) differs after encoding")
                break sampling
            }
        }
        return decoded.image
    }

    /// The 7 × 7 pixels centred on the pixel holding device position (x, y).
    static func window(_ p: (x: Double, y: Double)) -> Rect { Rect(x: p.x.rounded(.down) - 3, y: p.y.rounded(.down) - 3, width: 7, height: 7) }

    /// Whether the 7 × 7 pixels around (x, y) are background (white, or the light grid).
    static func blank(_ image: PixelImage, _ p: (x: Double, y: Double)) -> Bool { image.inkPixels(in: window(p)) == 0 }

    @Test func lineCharts() throws {
        let epochs = (1...25).map(Double.init)
        let train = epochs.map { 0.62 + 0.6 * exp(-$0 / 4) }
        let test = epochs.map { 0.86 + 0.5 * exp(-$0 / 3.5) + 0.0025 * $0 }
        let chart = LineChart(title: "RMSE per epoch", xLabel: "epoch", yLabel: "RMSE",
                              series: [LineSeries(name: "train", x: epochs, y: train), LineSeries(name: "test", x: epochs, y: test)],
                              best: BestPointMarker(series: 1, label: "best epoch"), integerX: true)
        let rmse = try chart.render()
        let image = try save(rmse, "rmse.png")
        let f = try #require(rmse.layout.frames.first)
        // Each series' markers on its values, in its colour (away from the best epoch, 14).
        for i in [0, 4, 9, 19, 24] {
            let t = f.pixel(x: epochs[i], y: train[i]), s = f.pixel(x: epochs[i], y: test[i])
            #expect(matches(image.probe(t.x, t.y), Palette.category(0)), "train, epoch \(i + 1)")
            #expect(matches(image.probe(s.x, s.y), Palette.category(1)), "test, epoch \(i + 1)")
        }
        // Between the curves (train 0.65, test 0.91 at epoch 12.5): nothing drawn.
        #expect(Self.blank(image, f.pixel(x: 12.5, y: 0.78)))

        let loss = epochs.map { 2.0e6 * exp(-$0 / 2) + 4.0e4 }
        let logChart = LineChart(title: "Training loss", xLabel: "epoch", yLabel: "loss", series: [LineSeries(name: "loss", x: epochs, y: loss)],
                                 yScale: .log, integerX: true)
        let logRendered = try logChart.render()
        let logImage = try save(logRendered, "loss.png")
        let g = try #require(logRendered.layout.frames.first)
        for i in [0, 3, 8, 24] {
            let p = g.pixel(x: epochs[i], y: loss[i])
            #expect(matches(logImage.probe(p.x, p.y), Palette.category(0)), "loss, epoch \(i + 1) on the log axis")
        }
        // Far above the flat tail (4.5e4 at epoch 12): nothing drawn.
        #expect(Self.blank(logImage, g.pixel(x: 12, y: 4e5)))
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

    /// Probes of the ring-of-clusters scatter plot `chart` as decoded in `image`: marks in their
    /// category's colour where the data lies, background where it does not.
    static func checkScatter(_ image: PixelImage, _ chart: RenderedChart, data: (x: [Double], y: [Double], group: [Int]), groups: Int) throws {
        let f = try #require(chart.layout.frames.first)
        let n = data.x.count
        let label = "\(n) points"
        if n <= 1_000 {
            // Few points: each point's own pixel carries its category's colour (a few are hidden
            // under labels or a neighbour).
            let own = data.x.indices.filter { i in
                let p = f.pixel(x: data.x[i], y: data.y[i])
                return (image.tintOpacity(x: Int(p.x), y: Int(p.y), of: Palette.category(data.group[i])) ?? 0) >= 0.3
            }.count
            #expect(own >= n * 95 / 100, "\(label): \(own) points in their own colour")
        } else {
            for c in 0..<groups {
                let angle = Double(c) / Double(groups) * 2 * .pi
                let centre = f.pixel(x: 6 * cos(angle), y: 4 * sin(angle))
                if groups <= 8 {
                    // Clusters 3 standard deviations apart: each centre is its own colour.
                    #expect(image.hasTint(of: Palette.category(c), near: centre.x, centre.y, radius: 4), "\(label): cluster \(c)")
                } else {
                    // Twenty overlapping clusters mix their colours; the centres are inked.
                    #expect(image.inkPixels(in: window(centre)) == 49, "\(label): cluster \(c)")
                }
            }
        }
        // The corners of the plot area lie 7 standard deviations outside the ring: empty, except
        // where a legend inside the plot area sits.
        let r = f.pixelRect
        let inside = chart.layout.legend.map(\.swatchCentre).filter { $0.x > r.x && $0.x < r.maxX && $0.y > r.y && $0.y < r.maxY }
        let corners = [(r.x + 8, r.y + 8), (r.maxX - 8, r.y + 8), (r.x + 8, r.maxY - 8), (r.maxX - 8, r.maxY - 8)].filter { corner in
            inside.allSatisfy { hypot($0.x - corner.0, $0.y - corner.1) > 250 }
        }
        #expect(corners.count >= 3, "\(label): the legend covers \(4 - corners.count) corners")
        for (x, y) in corners { #expect(blank(image, (x, y)), "\(label): corner \(Int(x)),\(Int(y))") }
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
            let rendered = try chart.render()
            let image = try save(rendered, "scatter-\(n).png")
            try Self.checkScatter(image, rendered, data: data, groups: groups)
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
        // Panel g highlights cluster g: its centre is coloured; the opposite cluster's centre
        // (at least 8 units, 6 standard deviations, away) shows only grey context.
        func centre(_ g: Int) -> (x: Double, y: Double) { (6 * cos(Double(g) / 6 * 2 * .pi), 4 * sin(Double(g) / 6 * 2 * .pi)) }
        func checkPanels(_ chart: RenderedChart, _ image: PixelImage, groups: [Int], _ name: String) {
            #expect(chart.layout.frames.count == groups.count, "\(name)")
            for (f, g) in zip(chart.layout.frames, groups) {
                let own = f.pixel(x: centre(g).x, y: centre(g).y), opposite = f.pixel(x: centre((g + 3) % 6).x, y: centre((g + 3) % 6).y)
                #expect(image.hasTint(of: Palette.category(0), near: own.x, own.y), "\(name): panel \(genres[g]) at its cluster")
                #expect(!image.hasTint(of: Palette.category(0), near: opposite.x, opposite.y), "\(name): panel \(genres[g]) opposite")
            }
        }
        let grid = try HighlightGrid(title: "Movies by genre", xLabel: "component 1", yLabel: "component 2", x: data.x, y: data.y,
                                     panels: panels).render(style: ChartStyle(width: 900, height: 620))
        checkPanels(grid, try save(grid, "grid.png"), groups: Array(0..<6), "grid.png")
        let highlight = try HighlightGrid(title: "Comedy over all movies", xLabel: "component 1", yLabel: "component 2", x: data.x, y: data.y,
                                          panels: [panels[1]]).render()
        checkPanels(highlight, try save(highlight, "highlight.png"), groups: [1], "highlight.png")
        let values: [[Double]] = (0..<6).map { (r: Int) -> [Double] in
            (0..<8).map { (c: Int) -> Double in
                let base = Double((r * 37 + c * 11) % 50)
                return base * 3.7 + Double(r * c)
            }
        }
        // Each cell carries its value's colour (probed off the centre, where the value is printed).
        func checkCells(_ chart: RenderedChart, _ image: PixelImage, _ values: [[Double]], _ name: String) throws {
            let f = try #require(chart.layout.frames.first).pixelRect
            let all = values.flatMap { $0 }, lo = all.min() ?? 0, hi = all.max() ?? 1
            let w = f.width / Double(values[0].count), h = f.height / Double(values.count)
            for (r, row) in values.enumerated() {
                for (c, v) in row.enumerated() {
                    let p = image.probe(f.x + (Double(c) + 0.12) * w, f.y + (Double(r) + 0.15) * h)
                    #expect(matches(p, Heatmap.colour(for: v, lo: lo, hi: hi), tolerance: 3), "\(name): cell \(r),\(c)")
                }
            }
        }
        let heatmap = try Heatmap(title: "Genre × cluster", xLabel: "cluster", yLabel: "genre", values: values, rowLabels: genres,
                                  columnLabels: (1...8).map { "c\($0)" }, colourBarLabel: "movies").render()
        try checkCells(heatmap, try save(heatmap, "heatmap.png"), values, "heatmap.png")
        let rmse = [[0.912, 0.905, 0.899, 0.902], [0.897, 0.889, 0.886, 0.893], [0.894, 0.884, 0.881, 0.889]]
        let search = try Heatmap(title: "Test RMSE by rank and λ", xLabel: "λ", yLabel: "rank", values: rmse, rowLabels: ["16", "32", "64"],
                                 columnLabels: ["0.01", "0.05", "0.1", "0.5"], colourBarLabel: "RMSE").render(style: ChartStyle(width: 560, height: 380))
        try checkCells(search, try save(search, "grid-search.png"), rmse, "grid-search.png")
        let counts = [4361.0, 3756, 1894, 1828, 1596, 1199, 1100, 980, 664, 611, 573, 534, 440, 334, 330, 126, 87, 61, 24, 20]
        let names = ["Drama", "Comedy", "Thriller", "Action", "Romance", "Adventure", "Crime", "Sci-Fi", "Horror", "Fantasy",
                     "Children", "Animation", "Mystery", "Documentary", "War", "Musical", "Western", "IMAX", "Film-Noir", "(no genres listed)"]
        // Each bar (tall enough to probe) is filled halfway up and ends at its value.
        for horizontal in [false, true] {
            let chart = try BarChart(title: "Movies per genre", categoryLabel: horizontal ? nil : "genre", valueLabel: "movies", categories: names,
                                     values: counts, horizontal: horizontal, showValues: horizontal)
                .render(style: horizontal ? ChartStyle(width: 600, height: 520) : ChartStyle())
            let image = try save(chart, horizontal ? "bars-horizontal.png" : "bars.png")
            let f = try #require(chart.layout.frames.first)
            let top = counts.max() ?? 1
            for (i, v) in counts.enumerated() where v >= 0.03 * top {
                let slot = horizontal ? Double(counts.count - i) - 0.5 : Double(i) + 0.5
                let inside = horizontal ? f.pixel(x: v * 0.5, y: slot) : f.pixel(x: slot, y: v * 0.5)
                let beyond = horizontal ? f.pixel(x: v + 0.03 * top, y: slot) : f.pixel(x: slot, y: v + 0.03 * top)
                #expect(matches(image.probe(inside.x, inside.y), Palette.category(0)), "\(names[i]) bar, horizontal \(horizontal)")
                #expect(!matches(image.probe(beyond.x, beyond.y), Palette.category(0)), "past the \(names[i]) bar, horizontal \(horizontal)")
            }
        }
        let ratings: [Double] = (0..<5000).map { (i: Int) -> Double in
            let star = Double(1 + (i * 7919 % 97) % 5)
            return star * 0.9 + Double(i % 13) * 0.04
        }
        let histogram = try Histogram(title: "Rating distribution", xLabel: "rating", values: ratings).render()
        let histogramImage = try save(histogram, "histogram.png")
        let f = try #require(histogram.layout.frames.first)
        let (edges, binCounts) = Histogram.binned(ratings, bins: nil, range: nil)
        let tallest = Double(binCounts.max() ?? 1)
        #expect(binCounts.contains(0))  // the ratings come in bunches, with empty bins between
        for (b, count) in binCounts.enumerated() {
            let mid = (edges[b] + edges[b + 1]) / 2
            let p = f.pixel(x: mid, y: tallest * 0.02)
            if Double(count) >= 0.05 * tallest {
                let half = f.pixel(x: mid, y: Double(count) * 0.5)
                #expect(matches(histogramImage.probe(half.x, half.y), Palette.category(0)), "bin \(b) (\(count))")
            } else if count == 0 {
                #expect(!matches(histogramImage.probe(p.x, p.y), Palette.category(0)), "empty bin \(b)")
            }
        }
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
