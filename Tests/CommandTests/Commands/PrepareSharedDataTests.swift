import Core
import Foundation
import Model
import Testing
import TestSupport

/// `prepare --split temporal` on the real ml-latest-small against the shared temporal split
/// (`ml-latest-small-split-temporal`: each user's latest round(0.2 n) ratings held out). Skipped,
/// with a message, when the shared data is absent.
@Suite struct PrepareSharedDataTests {
    /// "user,movie,stars" of every rating in a split file (CRLF or LF line ends).
    static func load(_ path: String) throws -> Set<String> {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
        return Set(lines.map { line in let f = line.split(separator: ","); return "\(f[0]),\(f[1]),\(Double(f[2]) ?? .nan)" })
    }

    @Test(.needsSharedData("ml-latest-small", "ml-latest-small-split-temporal"))
    func temporalSplitIsTheSharedTemporalSplit() throws {
        let folder = temporaryFolder("temporal")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let r = try runCinematrix(["prepare", SharedData.path("ml-latest-small"), "--split", "temporal", "--test-fraction", "0.2",
                                   "--out", folder + "/temporal.cmx", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let d = try DatasetFile.read(path: folder + "/temporal.cmx").dataset
        var train = Set<String>(), test = Set<String>()
        for u in 0..<d.userCount {
            for p in d.trainByUser.rowStart[u]..<d.trainByUser.rowStart[u + 1] {
                train.insert("\(d.userIDs[u]),\(d.catalog.movieIDs[Int(d.trainByUser.columnIndex[p])]),\(Double(d.trainByUser.value[p]))")
            }
        }
        var latestTrain: [Int64: Int64] = [:], earliestTest: [Int64: Int64] = [:]
        for i in 0..<d.test.count {
            let user = d.userIDs[Int(d.test.users[i])]
            test.insert("\(user),\(d.catalog.movieIDs[Int(d.test.movies[i])]),\(Double(d.test.ratings[i]))")
            earliestTest[user] = min(earliestTest[user] ?? .max, d.test.timestamps[i])
        }
        let reference = SharedData.path("ml-latest-small-split-temporal")
        let expectedTrain = try Self.load(reference + "/train.csv"), expectedTest = try Self.load(reference + "/test.csv")
        #expect(expectedTrain.count + expectedTest.count == 100_836)
        #expect(train.count == expectedTrain.count && test.count == expectedTest.count)
        #expect(train.symmetricDifference(expectedTrain).isEmpty, "\(train.symmetricDifference(expectedTrain).count) training ratings differ")
        #expect(test.symmetricDifference(expectedTest).isEmpty, "\(test.symmetricDifference(expectedTest).count) test ratings differ")
        // The tie rule is exercised: many users have ratings at the cut's timestamp on both sides.
        let ratings = try String(contentsOfFile: SharedData.path("ml-latest-small/ratings.csv"), encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
        for line in ratings {
            let f = line.split(separator: ",")
            guard let user = Int64(f[0]), let time = Int64(f[3]), !test.contains("\(f[0]),\(f[1]),\(Double(f[2]) ?? .nan)") else { continue }
            latestTrain[user] = max(latestTrain[user] ?? .min, time)
        }
        #expect(earliestTest.filter { latestTrain[$0.key] == $0.value }.count > 100)
    }
}
