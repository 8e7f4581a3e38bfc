import Core
import Foundation
import Model
import Testing
import TestSupport

/// `cinematrix recommend` end to end on a small model trained here: two taste groups, each
/// loving one genre.
@Suite(.serialized) struct RecommendCommandTests {
    static let folder: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cmx-recommend-\(UUID())").path
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let titles = ["Toy Story", "Matrix, The", "Heat", "Amélie", "Alien", "Aliens", "Up", "Cars", "Brazil", "Fargo"]
        let movies = 60
        let genreOf = (0..<movies).map { Int32($0 % 2) }  // 0 = Comedy, 1 = Horror
        var rng = SplitMix64(seed: 9)
        var u: [Int32] = [], m: [Int32] = [], r: [Float] = []
        for user in 0..<80 {
            let loves = Int32(user % 2)
            for movie in 0..<movies where rng.nextUnit() < 0.5 || movie < 10 {
                u.append(Int32(user)); m.append(Int32(movie))
                r.append(genreOf[movie] == loves ? 4.5 : 1.5)
            }
        }
        let catalog = MovieCatalog(
            movieIDs: (0..<movies).map { Int64($0 + 1) },
            titles: (0..<movies).map { $0 < titles.count ? titles[$0] : "Film \($0)" },
            years: (0..<movies).map { Int32(1980 + $0) },
            genreNames: ["Comedy", "Horror"], genreStart: Array(0...movies), genreIndex: genreOf)
        let dataset = Dataset(userIDs: (0..<80).map { Int64($0 + 100) }, catalog: catalog,
                              scale: RatingScale(minimum: 0.5, maximum: 5, step: 0.5),
                              trainByUser: .fromTriplets(rows: u, columns: m, values: r, rowCount: 80, columnCount: movies),
                              test: RatingTriplets(), source: "test")
        var settings = Hyperparameters.defaults(for: .biasUVGenre)
        settings.inference = .map
        settings.rank = 4
        settings.epochs = 15
        let run = try! ALSTrainer.train(dataset, settings: settings, threads: 1)
        try! ModelFile.write(run.model, to: dir + "/model.cmxm")
        return dir
    }()

    @Test func aNewUserWhoRatesComediesHighGetsComedies() throws {
        let r = try runCinematrix(["recommend", Self.folder, "--rate", "toy story=5", "--rate", "Heat (1982)=5",
                                   "--rate", "the matrix=1", "--top", "5", "--min-ratings", "0", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let items = try #require(r.jsonObject?["recommendations"] as? [[String: Any]])
        #expect(items.count == 5)
        #expect(items.allSatisfy { ($0["genres"] as? [String]) == ["Comedy"] })
        #expect(!items.contains { ["Toy Story", "Heat", "Matrix, The"].contains($0["title"] as? String ?? "") })
    }

    @Test func aKnownUserGetsATableWithExplanations() throws {
        let r = try runCinematrix(["recommend", Self.folder + "/model.cmxm", "--user", "101", "--top", "3", "--explain", "--min-ratings", "0"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Recommendations for user 101"))
        #expect(r.stdout.contains("Predicted") && r.stdout.contains("Horror"))
        #expect(r.stdout.contains("Why: the rated movies that raised each taste match most"))
        #expect(r.stdout.range(of: #" rated [0-9.]+ \(\+0\.\d\d\)"#, options: .regularExpression) != nil)
    }

    @Test func unknownTitlesAndUsersStopWithHelp() throws {
        let unknown = try runCinematrix(["recommend", Self.folder, "--rate", "Alien Resurrection=4"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("Closest titles") && unknown.stderr.contains("Alien"))
        let ambiguousFree = try runCinematrix(["recommend", Self.folder, "--rate", "Aliens=4", "--rate", "Alien=9"])
        #expect(ambiguousFree.status != 0 && ambiguousFree.stderr.contains("off this model's scale"))
        let user = try runCinematrix(["recommend", Self.folder, "--user", "5"])
        #expect(user.status != 0 && user.stderr.contains("no user with id 5"))
        let none = try runCinematrix(["recommend", Self.folder])
        #expect(none.status != 0 && none.stderr.contains("--user ID"))
        let genre = try runCinematrix(["recommend", Self.folder, "--user", "100", "--genre", "Western"])
        #expect(genre.status != 0 && genre.stderr.contains("Genres in this model: Comedy, Horror"))
    }
}
