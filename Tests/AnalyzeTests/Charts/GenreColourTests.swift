import Core
import Foundation
import Testing
import TestSupport
import Model
import Render
@testable import Analyze

/// One colour per genre in every chart (`GenrePalette`), and a palette that can be read.
@Suite struct GenreColourTests {
    static let names = ["Action", "Comedy", "Documentary", "Drama", "Sci-Fi"]

    /// Movies of one genre each, Comedy the commonest, and users whose favourite genres are
    /// common in another order (Drama first, Comedy last): a chart that coloured categories by
    /// frequency rank would give Comedy different colours in the two maps.
    static func model() -> FactorModel {
        let movieGenres: [Int32] = Array(repeating: 1, count: 20) + Array(repeating: 3, count: 15) + Array(repeating: 0, count: 12)
            + Array(repeating: 4, count: 8) + Array(repeating: 2, count: 5)
        var random = SplitMix64(seed: 21)
        func vector() -> [Float] { (0..<4).map { _ in Float(random.nextGaussian()) } }
        let favourites: [Int32] = Array(repeating: 3, count: 15) + Array(repeating: 4, count: 10) + Array(repeating: 2, count: 8)
            + Array(repeating: 0, count: 5) + Array(repeating: 1, count: 2)
        var m = HandBuiltModel.make(userFactors: favourites.map { _ in vector() }, movieFactors: movieGenres.map { _ in vector() },
                                    genres: movieGenres.map { [$0] }, genreNames: names)
        // Each user loves (5 stars) four movies of their favourite genre and rates the rest 1–2.
        var users: [Int32] = [], movies: [Int32] = [], stars: [Float] = []
        for (u, genre) in favourites.enumerated() {
            let own = movieGenres.indices.filter { movieGenres[$0] == genre }.prefix(4)
            let others = movieGenres.indices.filter { movieGenres[$0] != genre }.prefix(12)
            for i in own { users.append(Int32(u)); movies.append(Int32(i)); stars.append(5) }
            for i in others { users.append(Int32(u)); movies.append(Int32(i)); stars.append(Float(1 + i % 2)) }
        }
        m.userRatings = RatingMatrix.fromTriplets(rows: users, columns: movies, values: stars,
                                                  rowCount: favourites.count, columnCount: movieGenres.count)
        return m
    }

    static func map(_ n: Int, seed: UInt64) -> EmbeddingMap {
        var random = SplitMix64(seed: seed)
        return EmbeddingMap(rows: Array(0..<n), x: (0..<n).map { _ in random.nextUnit() }, y: (0..<n).map { _ in random.nextUnit() },
                            method: .tsne, detail: "test map")
    }

    /// The 8-bit colour under each legend swatch of `chart`, by label.
    func swatches(_ chart: RenderedChart) -> [String: (r: UInt8, g: UInt8, b: UInt8)] {
        var found: [String: (r: UInt8, g: UInt8, b: UInt8)] = [:]
        for entry in chart.layout.legend {
            let p = chart.image.rgba(x: Int(entry.swatchCentre.x), y: Int(entry.swatchCentre.y))
            found[entry.label] = (p.r, p.g, p.b)
        }
        return found
    }

    @Test func sameGenreHasTheSameRGBInTheMovieMapTheUserMapAndTheGenreGrid() throws {
        let m = Self.model()
        let movies = Self.map(m.movieCount, seed: 1), users = Self.map(m.userCount, seed: 2)
        #expect(favouriteGenres(model: m).prefix(15).allSatisfy { $0 == 3 })
        let charts = [try EmbeddingCharts.movies(movies, model: m, labelled: 0), try EmbeddingCharts.users(users, model: m),
                      try EmbeddingCharts.genreGrid(movies, model: m)]
        let seen = charts.map(swatches)
        for genre in Self.names {
            let expected = GenrePalette.colour(for: genre).rgb8
            for (c, found) in seen.enumerated() {
                let p = try #require(found[genre], "chart \(c) has no swatch for \(genre)")
                #expect(p == expected, "\(genre) in chart \(c) is \(p), not \(expected)")
            }
        }
        // The legends list genres family by family, not by frequency, in both maps.
        let order = GenrePalette.genres.map(\.name).filter(Self.names.contains)
        #expect(charts[0].layout.legend.map(\.label) == order)
        #expect(charts[1].layout.legend.map(\.label) == order)
    }

    @Test func genreColoursStandOutOnWhiteAndFromEachOther() {
        let colours = GenrePalette.genres.map(\.colour)
        #expect(colours.count == 19 && Set(colours).count == 19)
        for (name, c) in GenrePalette.genres {
            #expect(c.contrast(with: .white) >= 3, "\(name) \(c.hex) is too light on white")
        }
        for i in colours.indices { for j in colours.indices where i < j {
            #expect(colours[i].difference(from: colours[j]) >= 20,
                    "\(GenrePalette.genres[i].name) and \(GenrePalette.genres[j].name) are too alike")
        } }
        #expect(GenrePalette.noGenre.difference(from: Palette.context) < 15, "no genre is a neutral grey")
    }

    @Test func namesMatchAcrossMovieLensReleases() {
        #expect(GenrePalette.colour(for: "Children's") == GenrePalette.colour(for: "Children"))
        #expect(GenrePalette.colour(for: "sci-fi") == GenrePalette.colour(for: "Sci-Fi"))
        #expect(GenrePalette.colour(for: "Film Noir") == GenrePalette.colour(for: "Film-Noir"))
        #expect(GenrePalette.colour(for: "(no genres listed)") == GenrePalette.noGenre)
        #expect(GenrePalette.colour(for: "unknown") == GenrePalette.noGenre)
        // A genre outside MovieLens gets a palette colour that does not change between calls.
        let odd = GenrePalette.colour(for: "Mockumentary")
        #expect(odd == GenrePalette.colour(for: "mockumentary") && Palette.categorical.contains(odd))
        #expect(GenrePalette.hex(for: "Action") == "#CF0114")
        #expect(GenrePalette.familyRank(of: "Action") == 0 && GenrePalette.familyRank(of: "Mockumentary") == nil)
    }

    @Test func singleGenreMapsNameTheGenreOnceAndTheGridEveryGenre() throws {
        let m = Self.model()
        let movies = Self.map(m.movieCount, seed: 3)
        let maps = try EmbeddingCharts.genreMaps(movies, model: m, subject: "model · data")
        #expect(maps.map(\.genre) == Self.names)
        for (genre, chart) in maps {
            let title = try #require(chart.textChunks.first { $0.0 == "Title" }?.1)
            #expect(title.components(separatedBy: genre).count == 2, "'\(title)' names \(genre) more than once")
            #expect(title.contains("model · data"))
            #expect(chart.layout.legend.isEmpty, "a single map has no panel title")
        }
        let grid = try EmbeddingCharts.genreGrid(movies, model: m)
        #expect(grid.layout.legend.map(\.label) == Self.names)
    }
}
