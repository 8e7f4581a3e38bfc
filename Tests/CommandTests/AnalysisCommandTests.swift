import Foundation
import Model
import Testing

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
