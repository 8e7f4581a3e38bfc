import Core
import Foundation
import Testing
@testable import Model
import TestSupport

/// The one-pass reader for user-grouped files agrees exactly with the two-pass reader, whatever
/// the chunking, and declines files that are not grouped by user.
@Suite struct IngestUserSortedTests {
    private static let header = "userId,movieId,rating,timestamp\n"
    private static let csv = RatingLineFormat(separator: .comma, scale: RatingLineFormat.halfStars)

    /// Both readers on the ratings file at `path` (no movie list), `parts` chunks for the new one.
    private func readBoth(_ path: String, parts: Int, testFraction: Double = 0.3, skipBad: Bool = false)
    throws -> (sorted: GroupedRatings?, streamed: GroupedRatings?) {
        let file = try InputFile(path: path, expected: "ratings")
        let spec = SplitSpec(method: .random, testFraction: testFraction, seed: 5)
        let settings = AssemblySettings.testing(split: spec, skipBadLines: skipBad)
        var a = BadLineTally(), b = BadLineTally()
        let sorted = try UserSortedRandomSplit.parse(try RatingsSource(file: file, format: Self.csv, parts: parts),
                                                     catalog: { CatalogBuilder() }, split: spec, settings: settings,
                                                     tally: &a, progress: { _, _ in })
            .map { UserSortedRandomSplit.assemble($0, threads: 3, progress: { _, _ in }) }
        let streamed = try StreamingRandomSplit.read(try RatingsSource(file: file, format: Self.csv), catalog: { CatalogBuilder() },
                                                     split: spec, settings: settings, tally: &b, progress: { _, _ in })
        #expect(a == b || sorted == nil)
        return (sorted, streamed)
    }

    private func expectSame(_ x: GroupedRatings, _ y: GroupedRatings) {
        #expect(x.byUser == y.byUser)
        #expect(x.test == y.test)
        #expect(x.trainDuplicates == y.trainDuplicates)
        #expect(x.testDuplicates == y.testDuplicates)
        #expect(x.users.rawIDs == y.users.rawIDs)
        #expect(x.movies.rawIDs == y.movies.rawIDs)
        #expect(x.catalog.movieIDs == y.catalog.movieIDs)
        #expect(x.listed == y.listed)
    }

    @Test(arguments: [1, 2, 3, 7, 16])
    func groupedFileMatchesTheTwoPassReader(parts: Int) throws {
        let f = try IngestFixture.synthetic("sorted", users: 120, movies: 400, ratings: 9_000, seed: 8)
        defer { f.remove() }
        let (sorted, streamed) = try readBoth(f.directory + "/ratings.csv", parts: parts)
        let s = try #require(sorted), t = try #require(streamed)
        expectSame(s, t)
        #expect(s.byUser.count + s.test.count == 9_000)
        #expect(s.test.count > 2_000)
    }

    @Test func oneUserSpanningEveryChunk() throws {
        let f = IngestFixture("span")
        defer { f.remove() }
        let text = IngestFixture.oneLongUser
        let path = f.write("ratings.csv", text)
        let (sorted, streamed) = try readBoth(path, parts: 6)
        let s = try #require(sorted)
        expectSame(s, try #require(streamed))
        #expect(s.users.rawIDs == [42, 43])
        #expect(s.byUser.rowLength(0) + s.test.users.filter { $0 == 0 }.count == 3_000)
    }

    @Test func manyShortRunsGrowTheRunTable() throws {
        // 3,000 users with two ratings each: more runs per chunk than the table starts with.
        var text = Self.header
        for u in 1...3_000 { text += "\(u),\(u % 97 + 1),3.5,\(u)\n\(u),\(u % 89 + 200),4.0,\(u)\n" }
        let f = IngestFixture("runs")
        defer { f.remove() }
        let path = f.write("ratings.csv", text)
        for parts in [1, 2] {
            let (sorted, streamed) = try readBoth(path, parts: parts)
            let s = try #require(sorted)
            expectSame(s, try #require(streamed))
            #expect(s.users.count == 3_000)
        }
    }

    @Test func duplicatesAreFoundAcrossChunks() throws {
        var text = Self.header
        for m in 1...500 { text += "1,\(m),4.0,\(m)\n" }
        text += "1,250,2.0,9\n2,1,3.0,1\n"
        let f = IngestFixture("dup")
        defer { f.remove() }
        let path = f.write("ratings.csv", text)
        for skip in [false, true] {
            let (sorted, streamed) = try readBoth(path, parts: 4, testFraction: 0, skipBad: skip)
            let s = try #require(sorted)
            expectSame(s, try #require(streamed))
            #expect(s.trainDuplicates.count == 1)
        }
    }

    @Test func declinesFilesNotGroupedByUser() throws {
        let f = IngestFixture("shuffled")
        defer { f.remove() }
        // Within one chunk, and across chunks (each chunk grouped, but out of order).
        let within = f.write("a.csv", Self.header + "5,1,4.0,1\n3,2,3.0,2\n5,3,2.0,3\n")
        #expect(try readBoth(within, parts: 1).sorted == nil)
        var text = Self.header
        for u in [9, 2] { for m in 1...300 { text += "\(u),\(m),3.5,\(m)\n" } }
        let across = f.write("b.csv", text)
        #expect(try readBoth(across, parts: 2).sorted == nil)
        #expect(try readBoth(across, parts: 1).sorted == nil)
        // The full reader still reads them (by the two-pass path).
        let folder = IngestFixture.latest(ratings: text)
        defer { folder.remove() }
        let d = try MovieLensReader.read(directory: folder.directory, options: ReadOptions(split: SplitSpec(testFraction: 0.2), threads: 2))
        #expect(d.userIDs == [2, 9])
        #expect(d.trainByUser.count + d.test.count == 600)
    }

    @Test func declinesHugeIds() throws {
        let f = IngestFixture("huge")
        defer { f.remove() }
        let path = f.write("ratings.csv", Self.header + "1,1,4.0,1\n1,90000000,3.0,2\n")
        #expect(try readBoth(path, parts: 1).sorted == nil)
    }
}

/// `DatasetPreparation.prepareKeepingDataset` writes the file while it transposes: the file holds exactly the
/// dataset returned, which is the dataset `read` gives; refused input writes nothing.
@Suite struct IngestPrepareTests {
    @Test(arguments: [SplitMethod.random, .temporal])
    func writtenFileHoldsTheReturnedDataset(method: SplitMethod) throws {
        let f = try IngestFixture.synthetic("prepare", users: 90, movies: 300, ratings: 6_000, seed: 4)
        defer { f.remove() }
        let options = ReadOptions(split: SplitSpec(method: method, testFraction: 0.25, seed: 3), threads: 2)
        let path = f.directory + "/out.cmx"
        let (prepared, _) = try DatasetPreparation.prepareKeepingDataset(directory: f.directory, options: options, to: path)
        #expect(try DatasetFile.read(path: path).dataset == prepared)
        #expect(try MovieLensReader.read(directory: f.directory, options: options) == prepared)
        #expect(prepared.trainByMovie == prepared.trainByUser.transposed())
    }

    @Test func refusedInputLeavesAnExistingFileAlone() throws {
        let f = IngestFixture.latest(ratings: "userId,movieId,rating,timestamp\n1,1,4.0,1\n1,2,9.0,2\n")
        defer { f.remove() }
        let path = f.write("existing.cmx", "a good file")
        #expect(throws: IngestError.self) { try DatasetPreparation.prepareKeepingDataset(directory: f.directory, to: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a good file")
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.directory).filter { $0.contains("partial") }.isEmpty)
    }
}
