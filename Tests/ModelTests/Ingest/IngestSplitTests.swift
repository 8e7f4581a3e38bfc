import Core
import Foundation
import Testing
@testable import Model
import TestSupport

/// Splits: deterministic for a seed, the promised sizes, and nothing lost or invented.
@Suite struct IngestSplitTests {
    let synth = SyntheticRatings(config: SynthConfig(users: 120, movies: 400, ratings: 8_000, seed: 21, threads: 2))

    func pairs(_ d: Dataset) -> [Int: Float] {
        var out: [Int: Float] = [:]
        for u in 0..<d.userCount {
            for p in d.trainByUser.rowStart[u]..<d.trainByUser.rowStart[u + 1] {
                out[u << 32 | Int(d.trainByUser.columnIndex[p])] = d.trainByUser.value[p]
            }
        }
        for i in 0..<d.test.count { out[Int(d.test.users[i]) << 32 | Int(d.test.movies[i])] = d.test.ratings[i] }
        return out
    }

    @Test(arguments: SplitMethod.allCases)
    func splitsAreDeterministicAndPartitionTheRatings(method: SplitMethod) throws {
        let spec = SplitSpec(method: method, testFraction: 0.25, seed: 7)
        let a = try synth.dataset(split: spec, threads: 1)
        let b = try synth.dataset(split: spec, threads: 2)
        #expect(a == b)
        let c = try synth.dataset(split: SplitSpec(method: method, testFraction: 0.25, seed: 8), threads: 2)
        if method != .temporal { #expect(c.test != a.test) } else { #expect(c.test == a.test) }  // temporal ignores the seed
        let all = try synth.dataset(split: SplitSpec(method: method, testFraction: 0), threads: 2)
        #expect(all.test.count == 0)
        #expect(pairs(a) == pairs(all))  // a partition: every rating once, in train or test
        let fraction = Double(a.test.count) / Double(synth.config.ratings)
        #expect(abs(fraction - 0.25) < 0.02)
        #expect(a.trainByMovie == a.trainByUser.transposed())
    }

    @Test func perUserAndTemporalKeepEveryUserInTrain() throws {
        for method in [SplitMethod.perUser, .temporal] {
            let d = try synth.dataset(split: SplitSpec(method: method, testFraction: 0.5, seed: 3), threads: 2)
            for u in 0..<d.userCount {
                let n = synth.ratingsPerUser[u]
                #expect(d.trainByUser.rowLength(u) == n - Int((0.5 * Double(n)).rounded()) || d.trainByUser.rowLength(u) == 1)
            }
        }
    }

    @Test func temporalHoldsOutEachUsersLatestRatings() throws {
        let f = IngestFixture("temporal")
        defer { f.remove() }
        try SyntheticCSVWriter.write(synth, to: f.directory)
        let d = try MovieLensReader.read(directory: f.directory, options: ReadOptions(split: SplitSpec(method: .temporal, testFraction: 0.2), threads: 2))
        let t = synth.triplets()
        var latestTrain = [Int64](repeating: 0, count: d.userCount)
        var testTimes: [Int: Int64] = [:]
        for i in 0..<d.test.count { testTimes[Int(d.test.users[i]) << 32 | Int(d.test.movies[i])] = d.test.timestamps[i] }
        for i in 0..<t.count where testTimes[Int(t.users[i]) << 32 | Int(t.movies[i])] == nil {
            latestTrain[Int(t.users[i])] = max(latestTrain[Int(t.users[i])], t.timestamps[i])
        }
        for i in 0..<d.test.count { #expect(d.test.timestamps[i] >= latestTrain[Int(d.test.users[i])]) }
    }
}

/// The temporal split's tie rule: on equal timestamps the higher movie id counts as the later
/// rating, whatever the order of movies.csv and ratings.csv and the thread count.
@Suite struct TemporalTieTests {
    /// Movies 3, 7, 12, 40 and 41 (listed in the given order); user 1 rates all five at one
    /// instant, user 2 two early then three at one instant, user 3 five distinct times.
    static func fixture(moviesDescending: Bool, ratingsReversed: Bool) -> IngestFixture {
        let ids = moviesDescending ? [41, 40, 12, 7, 3] : [3, 7, 12, 40, 41]
        let movies = "movieId,title,genres\n" + ids.map { "\($0),Film \($0) (2000),Drama\n" }.joined()
        var ratings: [String] = []
        for m in [3, 7, 12, 40, 41] { ratings.append("1,\(m),4.0,500") }
        for (m, t) in [(41, 100), (40, 200), (3, 900), (7, 900), (12, 900)] { ratings.append("2,\(m),3.0,\(t)") }
        for (m, t) in [(3, 50), (7, 40), (12, 30), (40, 20), (41, 10)] { ratings.append("3,\(m),2.0,\(t)") }
        if ratingsReversed { ratings.reverse() }
        return IngestFixture.latest(ratings: "userId,movieId,rating,timestamp\n" + ratings.joined(separator: "\n") + "\n", movies: movies)
    }

    /// The held-out (user id, movie id) pairs, sorted.
    static func heldOut(_ d: Dataset) -> [String] {
        (0..<d.test.count).map { "\(d.userIDs[Int(d.test.users[$0])]),\(d.catalog.movieIDs[Int(d.test.movies[$0])])" }.sorted()
    }

    @Test func tiesAtTheCutHoldOutTheHigherMovieIDs() throws {
        // 40 % of 5 ratings = 2 per user.
        let expected = ["1,40", "1,41", "2,12", "2,7", "3,3", "3,7"]
        for descending in [false, true] {
            for reversed in [false, true] {
                let f = Self.fixture(moviesDescending: descending, ratingsReversed: reversed)
                defer { f.remove() }
                for threads in [1, 2] {
                    let options = ReadOptions(split: SplitSpec(method: .temporal, testFraction: 0.4), threads: threads)
                    let read = try MovieLensReader.read(directory: f.directory, options: options)
                    #expect(Self.heldOut(read) == expected, "movies descending \(descending), ratings reversed \(reversed), \(threads) threads")
                    let (prepared, _) = try DatasetPreparation.prepareKeepingDataset(directory: f.directory, options: options, to: f.directory + "/out.cmx")
                    #expect(Self.heldOut(prepared) == expected)
                }
            }
        }
    }
}

/// The streaming two-pass reader (files, random split) and the in-memory path agree exactly.
@Suite struct IngestStreamingTests {
    @Test func streamedRandomSplitEqualsInMemoryRandomSplit() throws {
        let synth = SyntheticRatings(config: SynthConfig(users: 150, movies: 500, ratings: 12_000, seed: 31, threads: 2))
        let f = IngestFixture("stream")
        defer { f.remove() }
        try SyntheticCSVWriter.write(synth, to: f.directory)
        for threads in [1, 2] {
            let spec = SplitSpec(method: .random, testFraction: 0.3, seed: 77)
            let read = try MovieLensReader.read(directory: f.directory, options: ReadOptions(split: spec, threads: threads))
            var memory = try synth.dataset(split: spec, threads: 2)
            memory.source = read.source
            #expect(read == memory)
            #expect(abs(Double(read.test.count) / 12_000 - 0.3) < 0.02)
        }
    }

    @Test func hugeIdsFallBackToTheOnePassReader() throws {
        let f = IngestFixture.latest(ratings: "userId,movieId,rating,timestamp\n1,1,4.0,1\n2000000000,2,3.0,2\n1,5,2.0,3\n")
        defer { f.remove() }
        let d = try MovieLensReader.read(directory: f.directory, options: ReadOptions(split: SplitSpec(testFraction: 0), threads: 2))
        #expect(d.userIDs == [1, 2_000_000_000])
        #expect(d.trainByUser.count == 3)
    }
}
