import Core
import Foundation
import Testing
import TestSupport
@testable import Model

@Suite struct DatasetFileTests {
    let directory = temporaryFolder("dset")

    func smallDataset() throws -> Dataset {
        try SyntheticRatings(config: SynthConfig(users: 60, movies: 200, ratings: 2_000, seed: 5, threads: 2))
            .dataset(split: SplitSpec(method: .random, testFraction: 0.2, seed: 9), threads: 2)
    }

    @Test func roundTripIsExactAndChecksumIsStable() throws {
        let d = try smallDataset()
        let path = directory + "/a.cmx"
        try DatasetFile.write(d, to: path)
        let (back, sum) = try DatasetFile.read(path: path)
        #expect(back == d)
        try DatasetFile.write(d, to: directory + "/b.cmx")
        #expect(try DatasetFile.read(path: directory + "/b.cmx").checksum == sum)
    }

    @Test func arbitraryFloatRatingsRoundTripToo() throws {
        var d = try smallDataset()
        d.trainByUser.value[0] = 3.3
        d.trainByMovie = d.trainByUser.transposed()
        d.test.ratings[0] = -0.0
        d.test.timestamps[0] = -86_400  // before 1970: stored as Int64
        let path = directory + "/f.cmx"
        try DatasetFile.write(d, to: path)
        let back = try DatasetFile.read(path: path).dataset
        #expect(back.trainByUser.value == d.trainByUser.value)
        #expect(back.test.ratings.map(\.bitPattern) == d.test.ratings.map(\.bitPattern))
        #expect(back.test.timestamps == d.test.timestamps)
    }

    @Test func truncatedCorruptedAndForeignFilesAreRefused() throws {
        let path = directory + "/c.cmx"
        try DatasetFile.write(try smallDataset(), to: path)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path + ".short"))
        bytes[bytes.count - 200] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: path + ".flipped"))
        try Data("userId,movieId\n".utf8).write(to: URL(fileURLWithPath: path + ".csv"))
        #expect(errorText { _ = try DatasetFile.read(path: path + ".short") }?.contains("truncated") == true)
        #expect(errorText { _ = try DatasetFile.read(path: path + ".flipped") }?.contains("checksum") == true)
        #expect(errorText { _ = try DatasetFile.read(path: path + ".csv") }?.contains("not a Cinematrix file") == true)
        #expect(errorText { _ = try DatasetFile.read(path: directory + "/missing.cmx") }?.contains("No such file") == true)
    }

    @Test func halfStarCodesAcceptExactlyTheHalfStarsOfOneByte() throws {
        var values: [Float] = (0...255).map { Float($0) * 0.5 }
        values += values.reversed()
        values += [Float](repeating: 3.5, count: 3_000_000)  // large enough to split across threads
        #expect(HalfStarCodes.representable(values))
        for bad: Float in [0.25, -0.5, -0.0, .nan, 128, .infinity, -.infinity, 4.75] {
            var v = values
            v[1_500_000] = bad
            #expect(!HalfStarCodes.representable(v), "\(bad)")
        }
        // The file keeps them exactly, as codes written a megabyte at a time (4.5M ratings: several
        // pieces and block-checksummed sections).
        var d = try smallDataset()
        let perRow = 75_000, users = d.trainByUser.rowCount, movies = d.trainByUser.columnCount
        var col: [Int32] = [], val: [Float] = []
        for r in 0..<users {
            for k in 0..<perRow { col.append(Int32((r + k) % movies)); val.append(Float((r * 7 + k) % 256) * 0.5) }
        }
        d.trainByUser = RatingMatrix(rowCount: users, columnCount: movies, rowStart: (0...users).map { $0 * perRow },
                                     columnIndex: col, value: val)
        d.trainByMovie = d.trainByUser.transposed()
        d.scale = RatingScale(minimum: 0, maximum: 127.5, step: 0.5)  // every code is on this scale (the reader checks)
        let path = directory + "/codes.cmx"
        try DatasetFile.write(d, to: path)
        let back = try DatasetFile.read(path: path).dataset
        #expect(back == d)
    }
}
