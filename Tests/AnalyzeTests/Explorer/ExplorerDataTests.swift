import Core
import Foundation
import Model
import Testing
import TestSupport
@testable import Analyze

/// The explorer's data: packed columns decode to what was packed, maps turned onto each other
/// land where they should, and the neighbour lists on the page are exactly `similar`'s.
@Suite struct ExplorerDataTests {
    @Test func packedColumnsRoundTripInTheNarrowestWidth() {
        let cases: [([UInt32], PackedColumn.ElementType)] = [
            ([0, 1, 255], .u8), ([0, 256, 65_535], .u16), ([70_000, 3, 16_777_215], .u24), ([16_777_216, 0, UInt32.max], .u32), ([], .u8),
        ]
        for (values, type) in cases {
            let column = PackedColumn(unsigned: values)
            #expect(column.type == type, "\(values)")
            #expect(column.values == values.map(Int.init))
            #expect(Data(base64Encoded: column.data)?.count == values.count * type.width)
        }
        #expect(PackedColumn(unsigned: [1, 2], atLeast: .u16).type == .u16)
        #expect(PackedColumn(unsigned: [70_000], atLeast: .u16).type == .u24, "a minimum never narrows")
        let signed = PackedColumn(signed16: [-5, 1000, -32_768, 32_767, 40_000])
        #expect(signed.values == [-5, 1000, -32_768, 32_767, 32_767], "out-of-range values are clamped")
        #expect(PackedColumn(identifiers: [1, 4_294_967_295]).type == .u32)
        let wide = PackedColumn(identifiers: [-3, 1 << 40])
        #expect(wide.type == .f64 && wide.values == [-3, 1 << 40])
    }

    @Test func aTurnedMirroredScaledMapAlignsBackOntoItsOriginal() {
        var rng = SplitMix64(seed: 4)
        let n = 200
        let x = (0..<n).map { _ in rng.nextGaussian() * 3 }, y = (0..<n).map { _ in rng.nextGaussian() }
        let target = EmbeddingMap(rows: Array(0..<n), x: x, y: y, method: .tsne, detail: "")
        for mirrored in [false, true] {
            // b = 0.4·R(37°)·(mirror a) + (5, −2)
            let c = cos(37 * Double.pi / 180), s = sin(37 * Double.pi / 180)
            var source = target
            for i in 0..<n {
                let a0 = x[i], a1 = mirrored ? -y[i] : y[i]
                source.x[i] = 0.4 * (c * a0 - s * a1) + 5
                source.y[i] = 0.4 * (s * a0 + c * a1) - 2
            }
            let aligned = MapAlignment.aligned(source, onto: target)
            let error = (0..<n).map { max(abs(aligned.x[$0] - x[$0]), abs(aligned.y[$0] - y[$0])) }.max() ?? .infinity
            #expect(error < 1e-9, "mirrored \(mirrored): off by \(error)")
        }
        let same = MapAlignment.aligned(target, onto: target)
        #expect(zip(same.x, x).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    /// A random model with three genres and ratings, rarely rated movies below the floor.
    static func model() -> FactorModel {
        var (m, train, _) = HandBuiltModel.random(users: 60, movies: 150, rank: 6, seed: 5)
        m.userRatings = train
        let n = m.movieCount
        // Odd movies have two genres, even ones one: movie i's genres start at i + i/2.
        var genreIndex: [Int32] = []
        for i in 0..<n {
            let first = Int32(i % 3), second = Int32((i + 1) % 3)
            genreIndex += i % 2 == 1 ? [min(first, second), max(first, second)] : [first]
        }
        let starts: [Int] = (0...n).map { $0 + $0 / 2 }
        m.catalog = MovieCatalog(movieIDs: m.catalog.movieIDs, titles: (0..<n).map { "Film \($0)" }, years: (0..<n).map { Int32(1990 + $0 % 30) },
                                 genreNames: ["Comedy", "Drama", "Horror"], genreStart: starts, genreIndex: genreIndex)
        return m
    }

    @Test func theNeighbourListsAreExactlySimilars() throws {
        let m = Self.model()
        let floor = 9
        let entry = try ExplorerEntry.compute(name: "test", model: m, settings: .init(minRatings: floor, maxUsers: 40, clusters: 4, seed: 1, threads: 2),
                                              step: { _ in }, progress: { _ in })
        #expect(entry.movieRows.count < m.movieCount && entry.movieRows.count > 20, "the floor leaves some movies out")
        let data = try ExplorerData.assemble(title: "t", entries: [entry])
        let model = try #require(data.models.first)
        let k = try #require(model.neighbourCount)
        #expect(k == 10)
        let neighbours = try #require(model.neighbours?.values), scores = try #require(model.scores?.values)
        let similar = SimilarMovies(model: m, minRatings: floor)
        for (p, movie) in entry.movieRows.enumerated() {
            let hits = similar.mostSimilar(to: movie, top: k)
            #expect((0..<k).map { entry.movieRows[neighbours[p * k + $0]] } == hits.map(\.movie), "movie \(movie)")
            #expect((0..<k).map { scores[p * k + $0] } == hits.map { Int((Double(String(format: "%.3f", $0.score))! * 1000).rounded()) })
        }
        // The user map is a seeded sample of at most --max-users users.
        #expect(data.users.count == 40 && entry.userRows == entry.userRows.sorted())
        #expect(try ExplorerEntry.compute(name: "again", model: m, settings: .init(minRatings: floor, maxUsers: 40, clusters: 4, seed: 1, threads: 1),
                                          step: { _ in }, progress: { _ in }).userRows == entry.userRows)
    }

    @Test func theMovieTableHoldsTheCatalogueAndTheRatings() throws {
        let m = Self.model()
        let rows = Array(stride(from: 0, to: m.movieCount, by: 7))
        let table = ExplorerData.movieTable(m, rows: rows)
        #expect(table.count == rows.count && table.titles.split(separator: "\n").count == rows.count)
        #expect(table.ids.values == rows.map { Int(m.catalog.movieIDs[$0]) })
        #expect(table.years.values == rows.map { Int(m.catalog.years[$0]) })
        #expect(table.ratings.values == rows.map { Int(m.movieRatingCounts[$0]) })
        // Every training rating is 4 stars, so every rated movie's mean is 4.00.
        #expect(table.meanRating?.values == rows.map { m.movieRatingCounts[$0] > 0 ? 400 : 65_535 })
        let bits = table.genres.values
        for (p, movie) in rows.enumerated() {
            let expected = m.catalog.genres(of: movie).reduce(0) { $0 | (1 << Int($1)) }
            #expect(bits[p] == expected)
        }
        #expect(table.imdb == nil && table.tmdb == nil, "no links when the catalogue has none")
        // With links.csv's ids in the catalogue, the table carries them (0 where none is known).
        var linked = m
        linked.catalog.links = MovieLinks(imdb: (0..<m.movieCount).map { Int64($0 % 3 == 0 ? 0 : 100_000 + $0) },
                                          tmdb: (0..<m.movieCount).map { Int64(900 + $0) })
        let withLinks = ExplorerData.movieTable(linked, rows: rows)
        #expect(withLinks.imdb?.values == rows.map { $0 % 3 == 0 ? 0 : 100_000 + $0 })
        #expect(withLinks.tmdb?.values == rows.map { 900 + $0 })
    }

    @Test func scoresAreInThousandthsAsSimilarPrintsThem() {
        for score: Float in [0.9765, 0.97649, -0.0004, -0.0006, 1, -1, 0.1235, 0.5] {
            let printed = String(format: "%.3f", Double(score))
            let shown = String(format: "%.3f", Double(ExplorerData.thousandths(score)) / 1000)
            #expect(shown == printed || (printed == "-0.000" && shown == "0.000"), "\(score): \(printed) vs \(shown)")
        }
    }

    @Test func thePageKeepsItsDataInsideItsScriptElement() throws {
        let m = Self.model()
        var c = m.catalog
        c = MovieCatalog(movieIDs: c.movieIDs, titles: (0..<c.count).map { $0 == 3 ? "</script><!-- \"quoted\" & more" : "Film \($0)" },
                         years: c.years, genreNames: c.genreNames, genreStart: c.genreStart, genreIndex: c.genreIndex)
        var model = m
        model.catalog = c
        let entry = try ExplorerEntry.compute(name: "t", model: model, settings: .init(minRatings: 0, maxUsers: 10, clusters: 3, seed: 1, threads: 1),
                                              step: { _ in }, progress: { _ in })
        let page = try ExplorerPage.html(ExplorerData.assemble(title: "A <b>title</b> & more", entries: [entry]))
        let open = try #require(page.range(of: "<script type=\"application/json\" id=\"cmx-data\">"))
        let close = try #require(page.range(of: "</script>", range: open.upperBound..<page.endIndex))
        let json = String(page[open.upperBound..<close.lowerBound])
        #expect(!json.contains("<"), "no markup can end the data early")
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let titles = try #require((decoded["movies"] as? [String: Any])?["titles"] as? String)
        #expect(titles.split(separator: "\n")[3] == "</script><!-- \"quoted\" & more")
        #expect(page.contains("<title>A &lt;b&gt;title&lt;/b&gt; &amp; more</title>"))
        // The frame for the report: nothing in the page can close the srcdoc attribute.
        #expect(!ExplorerPage.srcdoc(page).contains("\""))
    }
}
