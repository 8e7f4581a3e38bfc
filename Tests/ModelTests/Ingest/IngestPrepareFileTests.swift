import Core
import Foundation
import Testing
@testable import Model
import TestSupport

/// `UserRunsDatasetFile` writes the dataset file straight from the parse: byte for byte the
/// file of the in-memory path, whatever the chunking, with the same summary; it steps aside
/// (writing nothing) when a user's movies are out of order, within a chunk or across chunks.
@Suite struct IngestPrepareFileTests {
    private static let header = "userId,movieId,rating,timestamp\n"
    private static let csv = RatingLineFormat(separator: .comma, scale: RatingLineFormat.halfStars)

    /// The ratings file at `path` (no movie list) read both ways with `parts` chunks: the bytes
    /// of the file written from the parse (nil when it stepped aside) and of the file of the
    /// in-memory dataset, the summary returned, and that dataset.
    private func writeBoth(_ path: String, parts: Int, testFraction: Double) throws
    -> (direct: [UInt8]?, summary: DatasetSummary?, reference: [UInt8], dataset: Dataset, remapped: Bool) {
        let file = try InputFile(path: path, expected: "ratings")
        let spec = SplitSpec(method: .random, testFraction: testFraction, seed: 5)
        let scale = RatingLineFormat.halfStars
        var tally = BadLineTally()
        var parsed = try #require(try UserSortedRandomSplit.parse(try RatingsSource(file: file, format: Self.csv, parts: parts),
                                                                  catalog: { CatalogBuilder() }, split: spec,
                                                                  settings: .testing(split: spec), tally: &tally, progress: { _, _ in }))
        let catalog = parsed.catalog.build(order: nil)
        let directPath = path + ".direct.cmx", referencePath = path + ".reference.cmx"
        defer { try? FileManager.default.removeItem(atPath: directPath); try? FileManager.default.removeItem(atPath: referencePath) }
        let summary = try UserRunsDatasetFile.write(&parsed, catalog: catalog, scale: scale, source: "test", threads: 3,
                                                    to: directPath, progress: { _, _ in })
        let direct = summary == nil ? nil : try [UInt8](Data(contentsOf: URL(fileURLWithPath: directPath)))
        #expect(summary != nil || !FileManager.default.fileExists(atPath: directPath))
        // The reference: the same parse assembled in memory (ids already dense or not).
        let built = UserSortedRandomSplit.assemble(parsed, threads: 3, progress: { _, _ in })
        #expect(built.trainDuplicates.isEmpty && built.testDuplicates.isEmpty)
        let dataset = Dataset(userIDs: built.users.rawIDs, catalog: catalog, scale: scale, trainByUser: built.byUser,
                              test: built.test, source: "test")
        try DatasetFile.write(dataset, to: referencePath)
        let reference = try [UInt8](Data(contentsOf: URL(fileURLWithPath: referencePath)))
        if direct != nil { #expect(try DatasetFile.read(path: directPath).dataset == dataset) }
        return (direct, summary, reference, dataset, parsed.remapped)
    }

    /// `prepareFile` and `prepare` on the folder `directory`: the two files must be the same
    /// bytes and the summary that of the dataset; returns what each gave.
    @discardableResult
    private func prepareBoth(_ directory: String, _ options: ReadOptions) throws
    -> (summary: DatasetSummary, report: ReadReport, dataset: Dataset, reference: ReadReport) {
        let a = directory + "/a.cmx", b = directory + "/b.cmx"
        let (summary, report) = try DatasetPreparation.prepare(directory: directory, options: options, to: a)
        let (dataset, reference) = try DatasetPreparation.prepareKeepingDataset(directory: directory, options: options, to: b)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
        #expect(summary == DatasetSummary(dataset))
        return (summary, report, dataset, reference)
    }

    @Test(arguments: [1, 2, 3, 7, 16])
    func writesTheFileOfTheInMemoryPath(parts: Int) throws {
        let f = try IngestFixture.synthetic("direct", users: 120, movies: 400, ratings: 9_000, seed: 8)
        defer { f.remove() }
        let r = try writeBoth(f.directory + "/ratings.csv", parts: parts, testFraction: 0.3)
        #expect(r.direct.map { $0 == r.reference } == true, "the file written from the parse differs")
        #expect(r.summary == DatasetSummary(r.dataset))
        #expect(r.dataset.test.count > 2_000)
    }

    @Test func oneUserSpanningEveryChunk() throws {
        let f = IngestFixture("span")
        defer { f.remove() }
        let text = IngestFixture.oneLongUser
        let r = try writeBoth(f.write("ratings.csv", text), parts: 6, testFraction: 0.3)
        #expect(r.direct.map { $0 == r.reference } == true, "the file written from the parse differs")
        #expect(r.summary == DatasetSummary(r.dataset))
        #expect(r.summary?.users == 2)
    }

    @Test(arguments: [0.0, 0.5])
    func stepsAsideForARowOutOfOrderWithinAChunk(testFraction: Double) throws {
        var text = Self.header
        for u in 1...50 { for m in [3, 9, 4, 20, 11] { text += "\(u),\(m),4.0,\(u * 10 + m)\n" } }
        let f = IngestFixture("unsorted")
        defer { f.remove() }
        let r = try writeBoth(f.write("ratings.csv", text), parts: 1, testFraction: testFraction)
        #expect(r.direct?.count == nil && r.summary == nil)
        #expect(r.remapped)
        // The in-memory path, given the ids already dense, still sorts the rows.
        #expect(r.dataset.trainByUser.count + r.dataset.test.count == 250)
        let d = r.dataset.trainByUser
        for u in 0..<d.rowCount {
            let row = d.columnIndex[d.rowStart[u]..<d.rowStart[u + 1]]
            #expect(zip(row, row.dropFirst()).allSatisfy { $0 < $1 })
        }
        let all = Set(r.dataset.catalog.movieIDs)
        #expect(all == [3, 4, 9, 11, 20])
    }

    @Test func stepsAsideForARowOutOfOrderAtAChunkBoundary() throws {
        // Lines of equal length, so the boundary of two chunks can be found first and the
        // descent put exactly there: each chunk alone is ascending, the row is not.
        func line(_ m: Int) -> String { "42,\(m),3.5,1\n" }
        let count = 2_000
        let f = IngestFixture("boundary")
        defer { f.remove() }
        let probe = f.write("probe.csv", Self.header + (0..<count).map { line(1_000 + $0) }.joined())
        let ranges = try InputFile(path: probe, expected: "ratings").lineAlignedChunks(parts: 2)
        try #require(ranges.count == 2)
        let firstOfSecond = (ranges[1].lowerBound - Self.header.utf8.count) / line(1_000).utf8.count
        let movies = (0..<count).map { $0 < firstOfSecond ? 5_000 + $0 : 1_000 + $0 }
        let path = f.write("ratings.csv", Self.header + movies.map(line).joined())
        let r = try writeBoth(path, parts: 2, testFraction: 0)
        #expect(r.direct?.count == nil && r.summary == nil)
        #expect(r.dataset.trainByUser.count == count)
        // Sorted in memory all the same.
        let row = r.dataset.trainByUser.columnIndex
        #expect(zip(row, row.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func prepareFileMatchesPrepareOnAFolder() throws {
        let f = try IngestFixture.synthetic("folder", users: 90, movies: 300, ratings: 6_000, seed: 4)
        defer { f.remove() }
        let r = try prepareBoth(f.directory, ReadOptions(split: SplitSpec(method: .random, testFraction: 0.25, seed: 3), threads: 2))
        #expect(r.report == r.reference)
        // Other splits go through the in-memory path and give the same file too.
        try prepareBoth(f.directory, ReadOptions(split: SplitSpec(method: .temporal, testFraction: 0.25, seed: 3), threads: 2))
    }

    @Test(arguments: [0.0, 0.2])
    func skippedLinesUnlistedMoviesAndNoTestSplitReadAsBefore(testFraction: Double) throws {
        // A bad line (skipped), movie 9 missing from the movie list, users in order.
        var text = Self.header
        for u in 1...40 { for m in [1, 2, 5, 7, 9] where (u + m) % 3 != 0 { text += "\(u),\(m),\(1 + (u + m) % 4).5,\(u * 100 + m)\n" } }
        text += "41,abc,4.0,1\n41,1,3.0,2\n"
        let f = IngestFixture.latest(ratings: text)
        defer { f.remove() }
        let r = try prepareBoth(f.directory, ReadOptions(split: SplitSpec(testFraction: testFraction, seed: 9), skipBadLines: true, threads: 2))
        #expect(r.report == r.reference)
        #expect(r.report.unlistedMovies == 1 && r.report.badLines.total == 1)
        #expect(r.summary.testRatings == r.dataset.test.count && (testFraction == 0) == (r.summary.testRatings == 0))
    }

    @Test func doubleColonLayoutReadsAsBefore() throws {
        // ml-1m: '::' lines, whole stars, Latin-1 titles.
        let f = IngestFixture("1m")
        defer { f.remove() }
        f.write("movies.dat", "1::Toy Story (1995)::Animation|Children's|Comedy\n2::Heat (1995)::Action|Crime\n3::Ran (1985)::Drama|War\n")
        f.write("users.dat", "1::F::1::10::48067\n")
        var text = ""
        for u in 1...60 { for m in 1...3 where (u * m) % 4 != 1 { text += "\(u)::\(m)::\(1 + (u + m) % 5)::\(978_300_000 + u * 10 + m)\n" } }
        f.write("ratings.dat", text)
        let r = try prepareBoth(f.directory, ReadOptions(split: SplitSpec(testFraction: 0.25, seed: 2), threads: 2))
        #expect(r.summary.scale == RatingLineFormat.wholeStars && r.summary.testRatings > 0)
    }

    @Test func duplicatesAndRefusalsReadAsBefore() throws {
        let dup = IngestFixture.latest(ratings: Self.header + "1,1,4.0,1\n1,2,3.0,2\n1,2,3.5,3\n2,1,2.0,4\n")
        defer { dup.remove() }
        let path = dup.directory + "/out.cmx"
        let options = ReadOptions(split: SplitSpec(testFraction: 0.2), threads: 2)
        let expected = #expect(throws: IngestError.self) { try DatasetPreparation.prepareKeepingDataset(directory: dup.directory, options: options, to: path) }
        let found = #expect(throws: IngestError.self) { try DatasetPreparation.prepare(directory: dup.directory, options: options, to: path) }
        #expect(expected.map { "\($0)" } == found.map { "\($0)" })
        #expect("\(found.map { "\($0)" } ?? "")".contains("line"))
        #expect(!FileManager.default.fileExists(atPath: path))
        // Skipped duplicates: the same file and summary both ways.
        let skip = ReadOptions(split: SplitSpec(testFraction: 0.2), skipBadLines: true, threads: 2)
        let (summary, _) = try DatasetPreparation.prepare(directory: dup.directory, options: skip, to: path)
        let (dataset, _) = try DatasetPreparation.prepareKeepingDataset(directory: dup.directory, options: skip, to: path + "2")
        #expect(summary == DatasetSummary(dataset))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(contentsOf: URL(fileURLWithPath: path + "2")))
        // Refused input leaves an existing file alone.
        let bad = IngestFixture.latest(ratings: Self.header + "1,1,4.0,1\n1,2,9.0,2\n")
        defer { bad.remove() }
        let existing = bad.write("existing.cmx", "a good file")
        #expect(throws: IngestError.self) { try DatasetPreparation.prepare(directory: bad.directory, to: existing) }
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "a good file")
    }

    @Test func aSplitThatLeavesTrainEmptyIsAnError() throws {
        let f = IngestFixture.latest(ratings: Self.header + "1,1,4.0,1\n1,2,3.0,2\n")
        defer { f.remove() }
        let options = ReadOptions(split: SplitSpec(testFraction: 0.999_999), threads: 2)
        #expect(throws: IngestError.self) { try DatasetPreparation.prepare(directory: f.directory, options: options, to: f.directory + "/o.cmx") }
        #expect(!FileManager.default.fileExists(atPath: f.directory + "/o.cmx"))
    }
}
