import Core
import Foundation
import Testing
@testable import Model

/// The shared MovieLens data folder: `$CINEMATRIX_SHARED`, else `<repo root>/../shared`.
/// Tests that need it skip (with a message) when it is absent.
let sharedDataFolder: String? = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let shared = ProcessInfo.processInfo.environment["CINEMATRIX_SHARED"] ?? root.appendingPathComponent("../shared").standardizedFileURL.path
    let data = shared + "/data"
    return FileManager.default.fileExists(atPath: data + "/ml-latest-small/ratings.csv") ? data : nil
}()

@Suite struct IngestSharedDataTests {
    // Skipped when ../shared/data/ml-latest-small is absent (set CINEMATRIX_SHARED to its parent).
    @Test(.enabled(if: sharedDataFolder != nil, "shared data absent: set CINEMATRIX_SHARED or place ../shared/data/ml-latest-small"))
    func mlLatestSmallHasItsPublishedCounts() throws {
        let dir = sharedDataFolder! + "/ml-latest-small"
        let d = try MovieLensReader.read(directory: dir, options: ReadOptions(split: SplitSpec(method: .random, testFraction: 0.2, seed: 1)))
        let s = DatasetSummary(d)
        #expect(s.ratings == 100_836)
        #expect(s.users == 610)
        #expect(s.movies == 9_742)
        // 19 genre names plus the "(no genres listed)" token, counted as MovieLens does.
        #expect(d.catalog.genreNames.count == 19)
        #expect(s.genreTokens == 20)
        #expect(s.genres.last == .init(genre: "(no genres listed)", movies: 34))
        #expect(d.catalog.displayTitle(Int(d.catalog.movieIDs.firstIndex(of: 2571)!)) == "Matrix, The (1999)")
        #expect(d.trainByMovie == d.trainByUser.transposed())
    }

    @Test(.enabled(if: sharedDataFolder != nil, "shared data absent: set CINEMATRIX_SHARED or place ../shared/data/ml-latest-small-split"))
    func fixedSplitFilesAreKeptExactly() throws {
        let data = sharedDataFolder!
        let split = data + "/ml-latest-small-split"
        let d = try MovieLensReader.read(directory: data + "/ml-latest-small",
                                         options: ReadOptions(trainFile: split + "/train.csv", testFile: split + "/test.csv"))
        // Compare with the files parsed independently (Foundation, Strings).
        func load(_ path: String) throws -> Set<String> {
            // The split files have CRLF line ends ("\r\n" is one Character, hence isNewline).
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
            return Set(lines.map { l in let f = l.split(separator: ","); return "\(f[0]),\(f[1]),\(Double(f[2])!)" })
        }
        let train = try load(split + "/train.csv"), test = try load(split + "/test.csv")
        var gotTrain = Set<String>(), gotTest = Set<String>()
        for u in 0..<d.userCount {
            for p in d.trainByUser.rowStart[u]..<d.trainByUser.rowStart[u + 1] {
                gotTrain.insert("\(d.userIDs[u]),\(d.catalog.movieIDs[Int(d.trainByUser.columnIndex[p])]),\(Double(d.trainByUser.value[p]))")
            }
        }
        for i in 0..<d.test.count {
            gotTest.insert("\(d.userIDs[Int(d.test.users[i])]),\(d.catalog.movieIDs[Int(d.test.movies[i])]),\(Double(d.test.ratings[i]))")
        }
        #expect(train.count == 80_669 && test.count == 20_167)
        #expect(gotTrain.symmetricDifference(train).isEmpty)
        #expect(gotTest.symmetricDifference(test).isEmpty)
        #expect(d.trainByUser.count == train.count && d.test.count == test.count)
    }
}
