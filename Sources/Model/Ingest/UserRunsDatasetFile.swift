import Core
import IngestKernels

/// Writes the dataset file of a random split straight from the parsed chunks of a user-grouped
/// ratings file (`UserSortedRandomSplit.parse`), without building the in-memory `Dataset`.
///
/// The chunks' movie ids are made dense in place; the training matrix by user and the test
/// triplets then go to the file from the chunk buffers as they are (the file lists them in
/// chunk order already), and only the by-movie orientation is built, as user ids and
/// half-star codes: 5 bytes a training rating, where `Dataset` holds 16 (both Float
/// orientations) plus 20 per test rating. The file is byte for byte the one
/// `DatasetPreparation.prepareKeepingDataset` writes; this is what `cinematrix prepare` runs.
///
/// It applies when every user's movies are strictly ascending in dense order on both sides of
/// the split — MovieLens files list each user's movies by ascending id — so rows need no
/// sorting and hold no duplicate pair. Otherwise `write` returns nil having written nothing,
/// with the ids left dense (`Parsed.remapped`) for `UserSortedRandomSplit.assemble`.
/// Cost O(ratings / threads) plus the write.
enum UserRunsDatasetFile {
    /// Writes the dataset of `parsed` (movies described by `catalog`) to `path` atomically and
    /// returns its summary, or returns nil (see the type's description). Throws when the split
    /// leaves no training rating, or when the file cannot be written.
    static func write(_ parsed: inout UserSortedRandomSplit.Parsed, catalog: MovieCatalog, scale: RatingScale,
                      source: String, threads: Int, to path: String,
                      progress: (String, Double) -> Void) throws -> DatasetSummary? {
        progress("checking row order", 0.75)
        let p = parsed
        let chunks = p.chunks
        var histograms = [[UInt64]](repeating: [UInt64](repeating: 0, count: 256), count: chunks.count)
        var ascending = [Bool](repeating: false, count: chunks.count)
        p.movies.directTable.withUnsafeBufferPointer { table in
            histograms.withUnsafeMutableBufferPointer { hs in
                ascending.withUnsafeMutableBufferPointer { ok in
                    let h = hs.baseAddress!, o = ok.baseAddress!
                    parallelForEach(count: chunks.count, threads: threads, grain: 1) { c, _ in
                        let s = chunks[c].state, runs = chunks[c].runs
                        h[c].withUnsafeMutableBufferPointer { counts in
                            let train = cmx_runs_remap(s.train_movie, s.train_half, s.train, table.baseAddress!,
                                                       runs.baseAddress, runs.count, 0, counts.baseAddress!)
                            let test = cmx_runs_remap(s.test_movie, s.test_half, s.test, table.baseAddress!,
                                                      runs.baseAddress, runs.count, 1, counts.baseAddress!)
                            o[c] = train != 0 && test != 0
                        }
                    }
                }
            }
        }
        parsed.remapped = true
        guard ascending.allSatisfy({ $0 }),
              ascendingAcrossChunks(p, side: \.train_movie, offsets: p.trainOffset, rowStart: p.trainStart),
              ascendingAcrossChunks(p, side: \.test_movie, offsets: p.testOffset, rowStart: p.testStart)
        else { return nil }
        let nTrain = p.trainOffset[chunks.count], nTest = p.testOffset[chunks.count]
        guard nTrain > 0 else {
            throw IngestError.emptyTrain(detail: "\(nTest) ratings, \(nTest) of them held out for testing")
        }

        progress("transposing and writing", 0.85)
        let byMovie = Deferred { ByMovie(p, threads: threads) }
        defer { byMovie.value.deallocate() }  // never leave it running
        func chunkBytes<T>(_ side: KeyPath<cmx_user_runs, UnsafeMutablePointer<T>?>, count: KeyPath<cmx_user_runs, Int>,
                           _ suffix: String) -> DatasetFile.Section {
            let total = chunks.reduce(0) { $0 + $1.state[keyPath: count] } * MemoryLayout<T>.stride
            return DatasetFile.Section(suffix, byteCount: total) { sink in
                for chunk in chunks {
                    let s = chunk.state
                    try sink.write(UnsafeRawBufferPointer(start: s[keyPath: side], count: s[keyPath: count] * MemoryLayout<T>.stride))
                }
            }
        }
        let content = DatasetFile.Content(
            userIDs: p.users.rawIDs, catalog: catalog, scale: scale, source: source, byUserStart: p.trainStart,
            byUserColumns: chunkBytes(\.train_movie, count: \.train, ".col"),
            byUserRatings: chunkBytes(\.train_half, count: \.train, ".val.h"),
            testUsers: DatasetFile.Section(".user", byteCount: 4 * nTest) { sink in try writeTestUsers(p, count: nTest, to: &sink) },
            testMovies: chunkBytes(\.test_movie, count: \.test, ".movie"),
            testRatings: chunkBytes(\.test_half, count: \.test, ".rating.h"),
            testTimes: chunkBytes(\.test_time, count: \.test, ".time.u32"),
            byMovieStart: { byMovie.value.start },
            byMovieColumns: DatasetFile.Section(".col", byteCount: 4 * nTrain) { sink in
                try sink.write(UnsafeRawBufferPointer(start: byMovie.value.users, count: 4 * nTrain))
            },
            byMovieRatings: DatasetFile.Section(".val.h", byteCount: nTrain) { sink in
                try sink.write(UnsafeRawBufferPointer(start: byMovie.value.halves, count: nTrain))
            })
        try DatasetFile.write(content, to: path)
        return summary(p, catalog: catalog, byMovieStart: byMovie.value.start, histograms: histograms,
                       scale: scale, source: source)
    }

    /// Whether each row that spans a chunk boundary stays strictly ascending across it (inside
    /// the chunks `cmx_runs_remap` checked). `offsets` are the chunks' first slots on the side,
    /// `rowStart` the side's row starts.
    private static func ascendingAcrossChunks(_ p: UserSortedRandomSplit.Parsed,
                                              side: KeyPath<cmx_user_runs, UnsafeMutablePointer<UInt32>?>,
                                              offsets: [Int], rowStart: [Int]) -> Bool {
        let total = offsets[offsets.count - 1]
        // The dense movie at slot g of the side.
        func entry(_ g: Int) -> UInt32 {
            let c = (0..<(offsets.count - 1)).first { offsets[$0] <= g && g < offsets[$0 + 1] }!
            return p.chunks[c].state[keyPath: side]![g - offsets[c]]
        }
        for g in offsets.dropFirst().dropLast() where g > 0 && g < total {
            // A row continues across the boundary when g is not a row start.
            if binarySearch(rowStart, g) { continue }
            if entry(g - 1) >= entry(g) { return false }
        }
        return true
    }

    private static func binarySearch(_ sorted: [Int], _ x: Int) -> Bool {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && sorted[lo] == x
    }

    /// The test triplets' dense users (`count` of them), expanded from the runs a megabyte at
    /// a time: the pieces come in order, so one cursor walks the runs.
    private static func writeTestUsers(_ p: UserSortedRandomSplit.Parsed, count: Int, to sink: inout FileSink) throws {
        var c = 0, k = 0, left = 0, user: Int32 = 0
        try Pieces.write(count: count, as: Int32.self, to: &sink) { range, out in
            var i = 0
            while i < range.count {
                while left == 0 {
                    if k < p.chunks[c].runs.count {
                        (left, user) = (Int(p.chunks[c].runs[k].test), p.runUser[c][k])
                        k += 1
                    } else {
                        (c, k) = (c + 1, 0)
                    }
                }
                let n = min(left, range.count - i)
                (out + i).update(repeating: user, count: n)
                i += n
                left -= n
            }
            return true
        }
    }

    /// The training matrix by movie as the file holds it: row starts, users, half-star codes.
    private struct ByMovie: @unchecked Sendable {
        var start: [Int]
        var users: UnsafeMutablePointer<Int32>
        var halves: UnsafeMutablePointer<UInt8>

        /// The parallel counting-sort transpose of the chunks' training lines (chunks in order,
        /// so each movie's users come out ascending). Cost O(ratings / threads + movies × chunks).
        init(_ p: UserSortedRandomSplit.Parsed, threads: Int) {
            let chunks = p.chunks, movies = p.movies.count
            let n = p.trainOffset[chunks.count]
            var slots = chunks.map { _ in [Int](repeating: 0, count: movies) }
            slots.withUnsafeMutableBufferPointer { all in
                let base = all.baseAddress!
                parallelForEach(count: chunks.count, threads: threads, grain: 1) { c, _ in
                    base[c].withUnsafeMutableBytes { counts in
                        cmx_count_columns(chunks[c].state.train_movie, chunks[c].trainCount,
                                          counts.baseAddress!.assumingMemoryBound(to: Int64.self))
                    }
                }
            }
            start = countingSortOffsets(&slots, rows: movies)
            users = .allocate(capacity: max(1, n))
            halves = .allocate(capacity: max(1, n))
            Buffers.adviseHugePages(users, bytes: 4 * n)
            Buffers.adviseHugePages(halves, bytes: n)
            let outUsers = users, outHalves = halves
            slots.withUnsafeMutableBufferPointer { all in
                let base = all.baseAddress!
                parallelForEach(count: chunks.count, threads: threads, grain: 1) { c, _ in
                    let s = chunks[c].state, runs = chunks[c].runs
                    p.runUser[c].withUnsafeBufferPointer { runUsers in
                        base[c].withUnsafeMutableBytes { slot in
                            cmx_scatter_runs(s.train_movie, s.train_half, runs.baseAddress, runs.count, runUsers.baseAddress,
                                             slot.baseAddress!.assumingMemoryBound(to: Int64.self), outUsers, outHalves)
                        }
                    }
                }
            }
        }

        func deallocate() {
            users.deallocate()
            halves.deallocate()
        }
    }

    /// The summary of the written dataset, from the chunks, the by-movie row starts and the
    /// per-chunk rating histograms. Cost O(users + movies + test ratings).
    private static func summary(_ p: UserSortedRandomSplit.Parsed, catalog: MovieCatalog, byMovieStart: [Int],
                                histograms: [[UInt64]], scale: RatingScale, source: String) -> DatasetSummary {
        var halves = [Int](repeating: 0, count: 256)
        for h in histograms { for i in 0..<256 { halves[i] += Int(h[i]) } }
        let sum = halves.enumerated().reduce(0.0) { $0 + Double($1.offset) / 2 * Double($1.element) }
        var rated = (0..<catalog.count).map { byMovieStart[$0 + 1] > byMovieStart[$0] }
        var cold = DatasetSummary.ColdStart()
        for (c, chunk) in p.chunks.enumerated() {
            let movies = chunk.state.test_movie!
            var i = 0
            for (k, run) in chunk.runs.enumerated() {
                let u = Int(p.runUser[c][k])
                let userCold = p.trainStart[u + 1] == p.trainStart[u]
                for _ in 0..<Int(run.test) {
                    cold.add(userCold: userCold, movieCold: !rated[Int(movies[i])])
                    i += 1
                }
            }
        }
        for chunk in p.chunks {
            let movies = chunk.state.test_movie!
            for i in 0..<chunk.testCount { rated[Int(movies[i])] = true }
        }
        let nTrain = p.trainOffset[p.chunks.count], nTest = p.testOffset[p.chunks.count]
        return DatasetSummary(users: p.users.count, catalog: catalog, trainRatings: nTrain, testRatings: nTest,
                              halves: halves, others: [:], sum: sum, ratedMovies: rated.lazy.filter { $0 }.count,
                              cold: cold, scale: scale, source: source)
    }
}
