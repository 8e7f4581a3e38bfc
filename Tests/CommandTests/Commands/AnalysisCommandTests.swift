import Analyze
import Foundation
import Model
import Render
import Testing
import TestSupport

/// The analysis commands end to end on the small two-taste model of the recommend tests.
@Suite(.serialized) struct AnalysisCommandTests {
    var model: String { RecommendCommandTests.folder }
    var out: String { RecommendCommandTests.folder + "/analysis" }

    /// Width and height from a PNG's IHDR chunk, or nil when the file is not a PNG.
    func pngSize(_ path: String) -> (Int, Int)? {
        guard let d = FileManager.default.contents(atPath: path), d.count > 24, d.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return nil }
        let b = [UInt8](d)
        func be(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
        return (be(16), be(20))
    }

    /// Where the marks of `colour` (over white, at least 30 % opaque) lie across the plot area
    /// of the image at `path` (below the top 22 %, which holds the titles and the panels' genre
    /// swatches, and right of the first 7 %, which holds the y-axis labels, as dark as some
    /// genre colours): how many pixels, their mean and extreme x, and the image's width.
    func marks(_ path: String, _ colour: Colour) throws -> (count: Int, meanX: Double, minX: Int, maxX: Int, width: Int) {
        let image = try DecodedPNG(contentsOf: path).image
        let top = image.height * 22 / 100
        let left = image.width * 7 / 100
        let xs = image.tintedPixels(of: colour, minimumOpacity: 0.6).filter { $0.y >= top && $0.x >= left }.map(\.x)
        return (xs.count, Double(xs.reduce(0, +)) / Double(max(1, xs.count)), xs.min() ?? -1, xs.max() ?? -1, image.width)
    }

    /// Mean map x of the Comedy and of the Horror movies in a `project` CSV.
    func meanX(_ csv: String) throws -> (comedy: Double, horror: Double) {
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        func mean(_ genre: String) -> Double {
            let xs = rows.filter { $0[$0.count - 4] == genre }.compactMap { Double($0[$0.count - 2]) }
            return xs.reduce(0, +) / Double(max(1, xs.count))
        }
        return (mean("Comedy"), mean("Horror"))
    }

    @Test func projectWritesCoordinatesAndAMap() throws {
        let r = try runCinematrix(["project", model, "--of", "movies", "--method", "tsne", "--min-ratings", "0", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try String(contentsOfFile: out + "/movies-tsne.csv", encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "movieId,title,year,genres,ratings,x,y")
        #expect(rows.count == 61)
        // The two taste groups land apart: every movie's nearest mapped movie shares its genre.
        let points = rows.dropFirst().map { line -> (genre: Substring, x: Double, y: Double) in
            let f = line.split(separator: ",")
            return (f[f.count - 4], Double(f[f.count - 2])!, Double(f[f.count - 1])!)  // titles may hold quoted commas
        }
        for (i, p) in points.enumerated() {
            let nearest = points.indices.filter { $0 != i }.min { hypot(points[$0].x - p.x, points[$0].y - p.y) < hypot(points[$1].x - p.x, points[$1].y - p.y) }!
            #expect(points[nearest].genre == p.genre)
        }
        #expect(pngSize(out + "/movies-tsne.png").map { $0.0 > 1000 && $0.1 > 700 } == true)
        // On the picture, the Comedy marks and the Horror marks (each in its genre's fixed
        // colour) lie apart, in the order of their map coordinates.
        let map = try meanX(out + "/movies-tsne.csv")
        let comedy = try marks(out + "/movies-tsne.png", GenrePalette.colour(for: "Comedy")),
            horror = try marks(out + "/movies-tsne.png", GenrePalette.colour(for: "Horror"))
        #expect(comedy.count > 500 && horror.count > 500, "\(comedy.count) and \(horror.count) marked pixels")
        #expect((comedy.meanX < horror.meanX) == (map.comedy < map.horror), "Comedy at x \(comedy.meanX), Horror at \(horror.meanX); map \(map)")
        #expect(abs(comedy.meanX - horror.meanX) > Double(comedy.width) / 3)
        let parameters = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/movies-tsne.json"))) as? [String: Any]
        #expect(parameters?["seed"] as? Int == 1 && parameters?["method"] as? String == "tsne")
        let users = try runCinematrix(["project", model, "--of", "users", "--method", "pca", "--min-ratings", "0", "--out", out])
        #expect(users.status == 0, "\(users.stderr)")
        #expect(try String(contentsOfFile: out + "/users-pca.csv", encoding: .utf8).split(separator: "\n").count == 81)
    }

    @Test func mapsWriteOnePicturePerGenreAndAGrid() throws {
        let r = try runCinematrix(["maps", model, "--method", "pca", "--min-ratings", "0", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        for name in ["Comedy", "Horror", "grid"] { #expect(pngSize("\(out)/maps/\(name).png") != nil, "\(name).png") }
        // The same PCA map as coordinates, to know which side each taste lies on.
        let p = try runCinematrix(["project", model, "--of", "movies", "--method", "pca", "--min-ratings", "0", "--out", out + "/maps-coordinates"])
        #expect(p.status == 0, "\(p.stderr)")
        let map = try meanX(out + "/maps-coordinates/movies-pca.csv")
        #expect(abs(map.comedy - map.horror) > 1, "the tastes separate on PC 1: \(map)")
        // Each genre's map marks (in its genre's colour) its own movies only: the two genres'
        // marks fill disjoint ranges of x, in the order of the map, and the grey rest is unmarked.
        let comedy = try marks(out + "/maps/Comedy.png", GenrePalette.colour(for: "Comedy")),
            horror = try marks(out + "/maps/Horror.png", GenrePalette.colour(for: "Horror"))
        #expect(comedy.count > 300 && horror.count > 300, "\(comedy.count) and \(horror.count) marked pixels")
        let (left, right) = map.comedy < map.horror ? (comedy, horror) : (horror, comedy)
        #expect(left.maxX < right.minX, "Comedy marks x \(comedy.minX)…\(comedy.maxX), Horror \(horror.minX)…\(horror.maxX)")
        // The grid: Comedy's panel (left) and Horror's (right), each in its genre's colour,
        // each marking its genre's side of its panel.
        let blue = try marks(out + "/maps/grid.png", GenrePalette.colour(for: "Comedy")),
            orange = try marks(out + "/maps/grid.png", GenrePalette.colour(for: "Horror"))
        let half = Double(blue.width) / 2
        #expect(blue.count > 100 && orange.count > 100 && blue.maxX < Int(half) && orange.minX > Int(half), "panels: \(blue), \(orange)")
        #expect((blue.meanX - half / 2 < 0) == (map.comedy < map.horror) && (orange.meanX - 1.5 * half > 0) == (map.horror > map.comedy))
    }

    @Test func similarListsTheSameTasteFirst() throws {
        let r = try runCinematrix(["similar", model, "toy story", "--top", "5", "--min-ratings", "0", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try #require(r.jsonObject)
        let similar = doc["similar"] as! [[String: Any]]
        #expect(similar.count == 5)
        #expect(similar.allSatisfy { ($0["genres"] as? [String]) == ["Comedy"] && ($0["title"] as? String) != "Toy Story" })
        let ambiguous = try runCinematrix(["similar", model, "Alien Zone"])
        #expect(ambiguous.status != 0 && ambiguous.stderr.contains("Closest titles"))
    }

    @Test func neighbourTableCoversEveryMovieWithoutSelf() throws {
        let r = try runCinematrix(["neighbours", model, "--top", "4", "--min-ratings", "0", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try String(contentsOfFile: out + "/neighbours.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(rows.count == 60 * 4)
        #expect(rows.allSatisfy { line in let f = line.split(separator: ","); return f[0] != f[f.count - 3] })
    }

    @Test func clustersRecoverTheTwoTastes() throws {
        let r = try runCinematrix(["cluster", model, "--k", "2", "--method", "pca", "--min-ratings", "0", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("purity 1.000"))
        #expect(r.stdout.contains("adjusted Rand index 1.000"))
        for f in ["clusters.csv", "cluster-summary.csv"] { #expect(FileManager.default.fileExists(atPath: "\(out)/\(f)")) }
        for f in ["clusters.png", "genre-similarity.png"] { #expect(pngSize("\(out)/\(f)") != nil) }
    }
}
