import Foundation
import Testing

/// `project`, `maps`, `similar`, `neighbours` and `cluster` end to end, on the small model
/// trained for the recommend tests (60 movies in two genres, 80 users in two taste groups).
@Suite(.serialized) struct AnalysisCommandTests {
    var model: String { RecommendCommandTests.folder }

    func isPNG(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path), data.count > 8 else { return false }
        return Array(data.prefix(4)) == [0x89, 0x50, 0x4E, 0x47]
    }

    func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    @Test func projectWritesCoordinatesAndAScatterForMoviesAndUsers() throws {
        let out = model + "/project"
        for (of, method) in [("movies", "tsne"), ("movies", "pca"), ("users", "pca")] {
            let r = try runCinematrix(["project", model, "--of", of, "--method", method, "--min-ratings", "0",
                                       "--iterations", "50", "--out", out])
            #expect(r.status == 0, "\(r.stderr)")
            let csv = lines("\(out)/\(of)-\(method).csv")
            #expect(csv.count == (of == "movies" ? 61 : 81))
            #expect(isPNG("\(out)/\(of)-\(method).png"))
        }
        #expect(lines(out + "/movies-tsne.txt").contains { $0.hasPrefix("kl-divergence ") })
    }

    @Test func mapsDrawsOneMapPerGenreAndAGrid() throws {
        let out = model + "/maps"
        let r = try runCinematrix(["maps", model, "--min-ratings", "0", "--method", "pca", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        for name in ["map-Comedy.png", "map-Horror.png", "maps-grid.png"] { #expect(isPNG("\(out)/\(name)")) }
    }

    @Test func similarFindsSameGenreMoviesAndExplainsBadTitles() throws {
        let r = try runCinematrix(["similar", model, "toy story", "--top", "5", "--min-ratings", "0", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let similar = object?["similar"] as? [[String: Any]] ?? []
        #expect(similar.count == 5)
        // Toy Story is movie 1 (Comedy = even indices): its neighbours are comedies, never itself.
        #expect(similar.allSatisfy { ($0["genres"] as? String) == "Comedy" && ($0["movieId"] as? Int) != 1 })
        let unknown = try runCinematrix(["similar", model, "No Such Film"])
        #expect(unknown.status != 0)
    }

    @Test func neighboursTableHasTopRowsPerMovie() throws {
        let out = model + "/neighbours.csv"
        let r = try runCinematrix(["neighbours", model, "--top", "3", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let csv = lines(out)
        #expect(csv.first == "movieId,title,rank,neighbourId,neighbourTitle,similarity")
        #expect(csv.count == 1 + 60 * 3)
    }

    @Test func clusterFindsTheTwoGenres() throws {
        let out = model + "/cluster"
        let r = try runCinematrix(["cluster", model, "-k", "2", "--min-ratings", "0", "--iterations", "50", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("purity 1.000"))
        for name in ["clusters.csv", "cluster-summary.csv", "genre-cosine.csv"] { #expect(!lines("\(out)/\(name)").isEmpty) }
        #expect(isPNG(out + "/genre-cosine.png") && isPNG(out + "/clusters-tsne.png"))
        let bad = try runCinematrix(["cluster", model, "-k", "1"])
        #expect(bad.status != 0)
    }
}
