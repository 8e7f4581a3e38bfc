import Core
import Foundation
import Testing
import TestSupport
import Model
import Render
@testable import Analyze

/// The analyses' charts as issue 15 asked: unique cluster names, similar genres side by side on
/// a diverging map, a comparison axis that is not pinned at zero, titles that name the model
/// and the data.
@Suite struct ChartLanguageTests {
    static let genres = ["Action", "Sci-Fi", "Thriller", "Comedy", "Romance", "Drama"]

    func summary(_ cluster: Int, _ top: [Int], popular: [Int] = [0]) -> ClusterSummary {
        ClusterSummary(cluster: cluster, size: 10, topGenres: top.enumerated().map { .init(genre: $0.element, share: 0.5, lift: 3 - Double($0.offset)) },
                       mostPopular: popular)
    }

    @Test func clusterNamesNeverRepeat() {
        let summaries = [
            summary(0, [1, 0, 2]),          // Sci-Fi · Action …
            summary(1, [1, 0, 5]),          // Sci-Fi · Action … as well: both take their third genre
            summary(2, [3, 4, 5], popular: [7]),
            summary(3, [4, 3, 5], popular: [8]),  // the same three genres in another order: titles
            summary(4, [2]),
            summary(5, []),                  // nothing over 10 %
            summary(6, [], popular: []),     // … twice, with no title either: numbers
        ]
        let names = ClusterNames.names(summaries, genreNames: Self.genres) { _, member in "Title \(member)" }
        #expect(names == ["Sci-Fi · Action · Thriller", "Sci-Fi · Action · Drama", "Comedy · Romance: Title 7",
                          "Romance · Comedy: Title 8", "Thriller", "mixed: Title 0", "mixed #7"])
        #expect(Set(names).count == names.count)
        #expect(ClusterNames.shortened("Monty Python and the Holy Grail") == "Monty Python and the…")
        #expect(ClusterNames.shortened("Mrs. Doubtfire") == "Mrs. Doubtfire")
    }

    @Test func clustersOfAPlantedModelGetDistinctNamesOnTheMapLegend() throws {
        // Movies in three genre groups with planted directions; eight clusters force several
        // clusters per group, which the old "top genre" names repeated.
        var random = SplitMix64(seed: 8)
        let genres: [[Int32]] = (0..<240).map { i in i % 3 == 0 ? [0, 1] : (i % 3 == 1 ? [3, 4] : [5]) }
        let vectors: [[Float]] = genres.map { g in
            (0..<6).map { d in Float((d == Int(g[0]) ? 3 : 0) + random.nextGaussian()) }
        }
        let m = HandBuiltModel.make(userFactors: [[Float]](repeating: [Float](repeating: 0, count: 6), count: 3), movieFactors: vectors,
                                    genres: genres, genreNames: Self.genres)
        let analysis = try ClusterAnalysis.run(model: m, rows: Array(0..<240), k: 8, restarts: 2, seed: 4, threads: 1)
        #expect(Set(analysis.names).count == 8)
        let map = EmbeddingMap(rows: Array(0..<240), x: vectors.map { Double($0[0]) }, y: vectors.map { Double($0[3]) },
                               method: .pca, detail: "PCA")
        let chart = try analysis.mapChart(map, subject: "bias-uv, K = 6, MAP · planted")
        let labels = chart.layout.legend.map(\.label)
        #expect(labels.count == 8 && Set(labels.map { $0.split(separator: ":", maxSplits: 1)[1] }).count == 8)
        #expect(chart.textChunks.first { $0.0 == "Title" }?.1.contains("bias-uv, K = 6, MAP · planted") == true)
    }

    @Test func similarityOrderPutsPlantedBlocksTogether() {
        // Three blocks {0, 3, 6}, {1, 4, 7}, {2, 5, 8}: similar within (0.8–0.9), not across (−0.2).
        let n = 9
        func cosine(_ a: Int, _ b: Int) -> Double {
            if a == b { return 1 }
            return a % 3 == b % 3 ? 0.8 + 0.01 * Double(a + b) : -0.2
        }
        let similarity: [[Double]] = (0..<n).map { a in (0..<n).map { b in cosine(a, b) } }
        let order = SimilarityOrder.order(similarity)
        #expect(order.sorted() == Array(0..<n))
        for block in 0..<3 {
            let places = order.indices.filter { order[$0] % 3 == block }
            #expect(places.max()! - places.min()! == 2, "block \(block) is split: \(order)")
        }
    }

    @Test func genreSimilarityIsDivergingAndGrouped() throws {
        // Two genre families with opposite directions: cosines +1 within, −1 across.
        let genres: [[Int32]] = (0..<40).map { [Int32($0 % 4)] }
        let vectors: [[Float]] = genres.map { $0[0] % 2 == 0 ? [1, 0.01 * Float($0[0])] : [-1, 0.01 * Float($0[0])] }
        let m = HandBuiltModel.make(userFactors: [[0, 0]], movieFactors: vectors, genres: genres, genreNames: ["A", "B", "C", "D"])
        let analysis = try ClusterAnalysis.run(model: m, rows: Array(0..<40), k: 2, restarts: 1, seed: 1, threads: 1)
        let chart = try analysis.genreSimilarityChart()
        let frame = try #require(chart.layout.frames.first)
        // Rows and columns read A, C, B, D (or a mirror): the diagonal blocks are dark red (+1),
        // the others dark blue (−1); probe each cell's corner, away from its printed value.
        let labels = frame.x.ticks.count
        #expect(labels == 4)
        for r in 0..<4 {
            for c in 0..<4 {
                let p = frame.pixel(x: Double(c) + 0.12, y: Double(3 - r) + 0.88)
                let sameBlock = (r < 2) == (c < 2)
                let expected = sameBlock ? Colour(hex: 0x67001F) : Colour(hex: 0x053061)
                let px = chart.image.rgba(x: Int(p.x), y: Int(p.y))
                let e = expected.rgb8
                #expect(abs(Int(px.r) - Int(e.r)) <= 8 && abs(Int(px.g) - Int(e.g)) <= 8 && abs(Int(px.b) - Int(e.b)) <= 8,
                        "cell \(r),\(c) is \(px)")
            }
        }
    }

    @Test func comparisonChartZoomsOnTheValues() throws {
        let json = """
        {"rule": "taste", "rules": [], "data": "ml-latest-small, 610 users × 9,742 movies", "rows": [
          {"name": "bias MAP", "model": "bias", "inference": "map", "k": 0, "epochs": 15, "trainRMSE": 0.8, "testRMSE": 0.869,
           "precisionAt10": 0, "recallAt10": 0, "ndcgAt10": 0, "coverage": 0, "meanPopularity": 0, "genreEcho": 0,
           "secondsPerEpoch": 0.1, "usersEvaluated": 0},
          {"name": "bias-uv-genre Gibbs", "model": "bias-uv-genre", "inference": "gibbs", "k": 32, "epochs": 220, "trainRMSE": 0.6,
           "testRMSE": 0.836, "precisionAt10": 0, "recallAt10": 0, "ndcgAt10": 0, "coverage": 0, "meanPopularity": 0,
           "genreEcho": 0, "secondsPerEpoch": 0.1, "usersEvaluated": 0}]}
        """
        let record = try JSONDecoder().decode(ComparisonRecord.self, from: Data(json.utf8))
        let chart = try record.chart()
        let frame = try #require(chart.layout.frames.first)
        #expect(frame.x.lower > 0.8, "the axis starts at \(frame.x.lower), not near the values")
        let a = frame.pixel(x: 0.836, y: 0).x, b = frame.pixel(x: 0.869, y: 0).x
        #expect(b - a > 0.5 * frame.pixelRect.width)
        // The best model's dot is the accent colour, the other the base colour.
        let dots = chart.layout.legend
        #expect(dots.map(\.label) == ["bias MAP", "bias-uv-genre Gibbs"])
        #expect(dots[1].colour == DotPlot.accent && dots[0].colour == Palette.category(0))
        #expect(chart.textChunks.first { $0.0 == "Title" }?.1.contains("ml-latest-small") == true)
    }

    @Test func titlesNameTheData() {
        #expect(ChartSubject.dataName(source: "csv layout in ../shared/data/ml-latest-small; split random, test fraction 0.2, seed 1")
                == "ml-latest-small")
        #expect(ChartSubject.dataName(source: "csv layout in /data/ml-32m/; fixed split: train a, test b") == "ml-32m")
        #expect(ChartSubject.dataName(source: "synthetic (seed 7); csv layout in /tmp/x/data; split random") == "synthetic (seed 7)")
        #expect(ChartSubject.dataName(source: nil) == nil && ChartSubject.dataName(source: "") == nil)
        var h = Hyperparameters.defaults(for: .biasUVGenre)
        h.rank = 16
        h.inference = .gibbs
        #expect(ChartSubject.line(h, dataSource: "csv layout in d/ml-latest-small; x", users: 610, movies: 9742)
                == "bias-uv-genre, K = 16, Gibbs · ml-latest-small, 610 users × 9,742 movies")
        #expect(ChartSubject.line(Hyperparameters.defaults(for: .bias), dataSource: nil, users: 1000, movies: 2)
                .hasSuffix("1,000 users × 2 movies"))
    }
}
