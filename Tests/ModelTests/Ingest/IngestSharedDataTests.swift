import Core
import Foundation
import Testing
@testable import Model
import TestSupport

/// The real ml-latest-small files (`SharedData`); skipped, with a message, when absent.
@Suite struct IngestSharedDataTests {
    @Test(.needsSharedData("ml-latest-small"))
    func mlLatestSmallHasItsPublishedCounts() throws {
        let dir = SharedData.path("ml-latest-small")
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

    @Test(.needsSharedData("ml-latest-small", "ml-latest-small-split"))
    func fixedSplitFilesAreKeptExactly() throws {
        let split = SharedData.path("ml-latest-small-split")
        let d = try MovieLensReader.read(directory: SharedData.path("ml-latest-small"),
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
