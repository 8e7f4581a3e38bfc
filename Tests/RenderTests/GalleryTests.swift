import Foundation
import Testing
import Render

/// Writes one example of each chart into a folder (CINEMATRIX_GALLERY, or a temporary folder)
/// so a person can look at them, and checks each decodes at the expected size.
@Suite struct GalleryTests {
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
        #expect(decoded.image.width == chart.image.width)
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
