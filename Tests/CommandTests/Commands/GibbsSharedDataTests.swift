import Foundation
import Testing
import TestSupport

/// The real ml-latest-small data (`../shared/data`, or CINEMATRIX_SHARED): what the default
/// model (Gibbs sampling, bias-uv-genre, K = 32) gives people, end to end through the built
/// command. Skipped, with a message, when the data is absent.
@Suite(.serialized, .needsSharedData("ml-latest-small"))
struct GibbsSharedDataTests {
    static let folder = NSTemporaryDirectory() + "cinematrix-shared-\(getpid())"

    /// All of ml-latest-small prepared without a test split and trained with the defaults, once.
    static let model: String = {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let prepared = try! runCinematrix(["prepare", SharedData.path("ml-latest-small"), "--test-fraction", "0", "--out", folder + "/all.cmx", "--quiet"])
        precondition(prepared.status == 0, prepared.stderr)
        let trained = try! runCinematrix(["train", folder + "/all.cmx", "--out", folder + "/all-gibbs"])
        precondition(trained.status == 0, trained.stderr)
        return folder + "/all-gibbs"
    }()

    static func json(_ arguments: [String]) throws -> Any {
        let r = try runCinematrix(arguments + ["--json"])
        #expect(r.status == 0, "\(arguments): \(r.stderr)")
        return try #require(r.jsonResult)
    }

    static func similarTitles(_ title: String) throws -> [String] {
        let object = try json(["similar", model, title]) as? [String: Any]
        return (object?["similar"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
    }

    static func recommended(_ ratings: [String]) throws -> [(title: String, genres: [String], id: Int)] {
        let items = (try json(["recommend", model] + ratings.flatMap { ["--rate", $0] }) as? [String: Any])?["recommendations"] as? [[String: Any]] ?? []
        return items.map { ($0["title"] as? String ?? "", $0["genres"] as? [String] ?? [], $0["movieId"] as? Int ?? -1) }
    }

    @Test(.needsSharedData("ml-latest-small-split")) func defaultsBeatTheAccuracyTargetOnTheFixedSplit() throws {
        let split = SharedData.path("ml-latest-small-split")
        try FileManager.default.createDirectory(atPath: Self.folder, withIntermediateDirectories: true)
        let prepared = try runCinematrix(["prepare", SharedData.path("ml-latest-small"), "--train", split + "/train.csv", "--test", split + "/test.csv",
                                          "--out", Self.folder + "/split.cmx", "--quiet"])
        #expect(prepared.status == 0, "\(prepared.stderr)")
        let trained = try runCinematrix(["train", Self.folder + "/split.cmx", "--out", Self.folder + "/split-gibbs"])
        #expect(trained.status == 0, "\(trained.stderr)")
        let last = try String(contentsOfFile: Self.folder + "/split-gibbs/metrics.csv", encoding: .utf8).split(separator: "\n").last!
        let rmse = Double(last.split(separator: ",")[3])!
        #expect(rmse <= 0.818, "test RMSE of the defaults: \(rmse)")
    }

    @Test func similarGivesAFilmFansNeighbours() throws {
        #expect(try Self.similarTitles("Toy Story (1995)").contains("Toy Story 2"), "Toy Story's top 10")
        let fellowship = try Self.similarTitles("Lord of the Rings: The Fellowship of the Ring").prefix(5)
        #expect(fellowship.contains("Lord of the Rings: The Two Towers, The") && fellowship.contains("Lord of the Rings: The Return of the King, The"),
                "\(fellowship)")
        #expect(try Self.similarTitles("Star Wars: Episode IV").prefix(5).contains("Star Wars: Episode V - The Empire Strikes Back"))
        #expect(try Self.similarTitles("Pulp Fiction").contains("Reservoir Dogs"))
    }

    @Test func newUsersGetPersonalRecommendations() throws {
        let fellowship = try Self.recommended(["Lord of the Rings: The Fellowship of the Ring=5"]).prefix(5)
        #expect(fellowship.contains { $0.title.contains("Two Towers") || $0.title.contains("Return of the King") }, "\(fellowship.map(\.title))")
        let potter = try Self.recommended(["Harry Potter and the Sorcerer's Stone=5"]).prefix(5)
        #expect(potter.contains { $0.title.hasPrefix("Harry Potter and the") }, "\(potter.map(\.title))")
        let horror = try Self.recommended(["Shining, The=5", "Alien (1979)=5", "Exorcist, The=5", "Notting Hill=1"])
        #expect(horror.count == 10 && horror.filter { !Set($0.genres).isDisjoint(with: ["Horror", "Thriller"]) }.count >= 6,
                "\(horror.map(\.title))")
        let family = try Self.recommended(["Toy Story (1995)=5", "Finding Nemo=5", "Shrek (2001)=5"])
        #expect(family.count == 10 && family.filter { !Set($0.genres).isDisjoint(with: ["Animation", "Children"]) }.count >= 6,
                "\(family.map(\.title))")
        #expect(Set(horror.map(\.id)).intersection(family.map(\.id)).count <= 2)
    }
}
