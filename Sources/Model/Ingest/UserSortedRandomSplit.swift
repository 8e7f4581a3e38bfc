import Core
import IngestKernels
#if canImport(Glibc)
import Glibc
#endif

/// Reads a ratings file whose lines are grouped by ascending user id — every MovieLens CSV and
/// `.dat` release — with a random split, parsing it only once.
///
/// Each chunk is parsed into its own compact buffers: per line the raw movie id and rating (and,
/// for held-out lines, the timestamp), plus one run record per user. Because the file is grouped
/// by user, concatenating the chunks in file order already groups the training ratings by user,
/// so building the training matrix is one parallel copy that maps raw movie ids to dense ones.
/// The split rule is the one of `RandomSplitAssembly` (a seeded hash of the raw pair), so the
/// result is byte-for-byte that of `StreamingRandomSplit`.
///
/// Returns nil — and the caller falls back to the two-pass reader — when a user id goes down
/// within the file (for example ml-100k's shuffled `u.data`) or an id is 2²⁶ or more. A chunk
/// stops storing at the first such line, so the wasted work is about one parse of the file.
/// Cost O(bytes / threads) for the parse plus O(ratings / threads) for the copy; memory 5 bytes
/// per training and 9 per test rating while the buffers live, besides the result.
enum UserSortedRandomSplit {
    /// A parsed user-grouped file: its chunks, the id maps, and where each chunk's lines go.
    struct Parsed {
        var chunks: [UserRunChunk]
        var users: DenseIDMap
        /// Each chunk's runs' dense users.
        var runUser: [[Int32]]
        /// Row starts (per dense user) of the training matrix and of the test triplets.
        var trainStart: [Int], testStart: [Int]
        var movies: DenseIDMap
        var catalog: CatalogBuilder
        var listed: Int
        /// Each chunk's first slot on either side (chunks + 1 entries).
        var trainOffset: [Int], testOffset: [Int]
        /// Whether the chunks' movie ids are dense already (see `UserRunsDatasetFile`).
        var remapped = false
    }

    /// The parse of `source` with `split` (a random split) and the id maps (see the type's
    /// description); nil when the file is not grouped by ascending user or an id is 2²⁶ or
    /// more. `catalog` gives the movie list; it is asked for after the parse (its errors come
    /// before the ratings').
    static func parse(_ source: RatingsSource, catalog listedCatalog: () throws -> CatalogBuilder,
                      split: SplitSpec, settings: AssemblySettings, tally: inout BadLineTally,
                      progress: @escaping (String, Double) -> Void) throws -> Parsed? {
        let threads = settings.threads, skipBad = settings.skipBadLines
        let file = source.file, ranges = source.ranges
        let seed = split.seed, threshold = RandomSplitAssembly.threshold(split.testFraction)
        let chunks = ranges.map { UserRunChunk(capacity: $0.count / 8 + 1, seed: seed, threshold: threshold) }
        let failures = ErrorBox()
        let done = ProgressCounter(total: ranges.count, report: { progress("reading \(file.path)", 0.7 * $0) })
        parallelForEach(count: ranges.count, threads: threads, grain: 1) { c, _ in
            do {
                var sink = UserRunSink(chunks[c])
                try source.parse(range: c, skipBad: skipBad, into: &sink)
                sink.finish()
            } catch { failures.set(error) }
            done.increment()
        }
        let listed = try listedCatalog()
        if let e = failures.error { throw e }
        if chunks.contains(where: \.declined) { return nil }
        // Chunks must follow each other in user order too.
        var lastUser: UInt32? = nil
        for chunk in chunks where !chunk.runs.isEmpty {
            if let last = lastUser, chunk.runs[0].user < last { return nil }
            lastUser = chunk.runs[chunk.runs.count - 1].user
        }
        try source.resolveBadLines(chunks.map(\.lines), skipBad: skipBad, tally: &tally)
        if chunks.allSatisfy({ $0.trainCount + $0.testCount == 0 }) { throw IngestError.emptyRatings(file: file.path) }

        // Dense users (ascending raw id) and each run's dense user.
        progress("mapping ids", 0.7)
        var users = DenseIDMap(tableUpTo: lastUser ?? 0)
        var runUser = chunks.map { [Int32](repeating: 0, count: $0.runs.count) }
        var trainStart = [0], testStart = [0]
        for c in chunks.indices {
            for (k, run) in chunks[c].runs.enumerated() {
                if users.rawIDs.last != Int64(run.user) {
                    users.insert(run.user)
                    trainStart.append(trainStart[trainStart.count - 1])
                    testStart.append(testStart[testStart.count - 1])
                }
                trainStart[trainStart.count - 1] += Int(run.train)
                testStart[testStart.count - 1] += Int(run.test)
                runUser[c][k] = Int32(users.count - 1)
            }
        }
        let (movies, catalog, listedCount) = StreamingRandomSplit.movieMap(listed: listed, bitmaps: chunks.map(\.movieBitmap))
        // Each chunk's first slot on either side.
        var trainOffset = [0], testOffset = [0]
        for chunk in chunks {
            trainOffset.append(trainOffset[trainOffset.count - 1] + chunk.trainCount)
            testOffset.append(testOffset[testOffset.count - 1] + chunk.testCount)
        }
        return Parsed(chunks: chunks, users: users, runUser: runUser, trainStart: trainStart, testStart: testStart,
                      movies: movies, catalog: catalog, listed: listedCount, trainOffset: trainOffset, testOffset: testOffset)
    }

    /// The training matrix by user and the test triplets of a parse: one parallel copy with
    /// dense movie ids, then rows sorted and duplicates found. Frees the chunks' line buffers.
    static func assemble(_ p: Parsed, threads: Int, progress: (String, Double) -> Void) -> GroupedRatings {
        let chunks = p.chunks
        let nTrain = p.trainOffset[chunks.count], nTest = p.testOffset[chunks.count]
        progress("grouping by user", 0.75)
        // Once remapped in place, the ids map to themselves.
        let movieTable = p.remapped ? (0..<Int32(p.movies.count)).map { $0 } : p.movies.directTable
        let (col, val, test) = SplitSlots.filled(train: nTrain, test: nTest) { out in
            movieTable.withUnsafeBufferPointer { table in
                let movieTable = table.baseAddress!
                parallelForEach(count: chunks.count, threads: threads, grain: 1) { k, _ in
                    chunks[k].copy(to: out, movieTable: movieTable, trainAt: p.trainOffset[k], testAt: p.testOffset[k],
                                   runUsers: p.runUser[k])
                    // Freed at once, so the pages of later chunks' slots can reuse these
                    // (already faulted in once) pages.
                    chunks[k].releaseBuffers()
                }
            }
        }
        progress("sorting rows", 0.78)
        let built = RandomSplitAssembly.sorted(
            RatingMatrix(rowCount: p.users.count, columnCount: p.movies.count, rowStart: p.trainStart, columnIndex: col, value: val),
            test, testStart: p.testStart, threads: threads)
        return GroupedRatings(built, users: p.users, movies: p.movies, catalog: p.catalog, listed: p.listed)
    }
}

/// One chunk's ratings as parsed by `UserSortedRandomSplit`: training lines (raw movie id,
/// rating × 2), held-out lines (also the timestamp), one run per user, and a bitmap of the raw
/// movie ids seen — kept in a `cmx_user_runs` state that the C kernel fills a block of lines at
/// a time. Line buffers are sized for the worst case (one line per 8 bytes) and the bitmap for
/// every id below 2²⁶ (8 MB); only the pages written become resident.
final class UserRunChunk: @unchecked Sendable {
    var state = cmx_user_runs()
    private var released = false

    init(capacity: Int, seed: UInt64, threshold: UInt64) {
        state.train_movie = .allocate(capacity: capacity)
        state.train_half = .allocate(capacity: capacity)
        state.test_movie = .allocate(capacity: capacity)
        state.test_half = .allocate(capacity: capacity)
        state.test_time = .allocate(capacity: capacity)
        for (p, bytes) in [(UnsafeMutableRawPointer(state.train_movie!), 4), (UnsafeMutableRawPointer(state.train_half!), 1),
                           (UnsafeMutableRawPointer(state.test_movie!), 4), (UnsafeMutableRawPointer(state.test_half!), 1),
                           (UnsafeMutableRawPointer(state.test_time!), 4)] {
            Buffers.adviseHugePages(p, bytes: capacity * bytes)
        }
        state.movie_bits = calloc(1 << 20, 8)!.assumingMemoryBound(to: UInt64.self)
        state.run_capacity = 1024
        state.runs = .allocate(capacity: 1024)
        state.seed = seed
        state.threshold = threshold
    }

    var trainCount: Int { state.train }
    var testCount: Int { state.test }
    var declined: Bool { state.declined != 0 }
    /// The runs, in file order.
    var runs: UnsafeBufferPointer<cmx_user_run> { UnsafeBufferPointer(start: state.runs, count: state.run_count) }
    /// The movie bitmap and the words of it in use.
    var movieBitmap: (UnsafeMutablePointer<UInt64>, Int) {
        (state.movie_bits, state.train + state.test > 0 ? Int(state.max_movie) / 64 + 1 : 0)
    }
    var lines = BadLineRecord()

    /// Adds `count` parsed lines (see `cmx_user_runs_accept`), growing the run table as needed.
    func accept(_ users: UnsafePointer<UInt32>, _ movies: UnsafePointer<UInt32>, _ halves: UnsafePointer<UInt8>,
                _ times: UnsafePointer<UInt32>, count: Int) {
        var done = 0
        while done < count {
            done += cmx_user_runs_accept(&state, users + done, movies + done, halves + done, times + done, count - done)
            if state.declined != 0 { return }
            if done < count { growRuns() }
        }
    }

    /// Closes the last run.
    func finish() {
        while cmx_user_runs_close(&state) == 0 { growRuns() }
    }

    private func growRuns() {
        let n = state.run_capacity * 2
        let bigger = UnsafeMutablePointer<cmx_user_run>.allocate(capacity: n)
        bigger.update(from: state.runs, count: state.run_count)
        state.runs.deallocate()
        state.runs = bigger
        state.run_capacity = n
    }

    /// Writes this chunk's training lines at `trainAt` and test lines at `testAt` of `out`,
    /// with dense movie ids from `movieTable`; `runUsers` gives each run's dense user. Cost O(lines).
    func copy(to out: SplitSlots, movieTable: UnsafePointer<Int32>, trainAt: Int, testAt: Int, runUsers: [Int32]) {
        let trainMovie = state.train_movie!, trainHalf = state.train_half!
        for i in 0..<trainCount {
            out.train(trainAt + i, movie: movieTable[Int(trainMovie[i])], half: trainHalf[i])
        }
        let testMovie = state.test_movie!, testHalf = state.test_half!, testTime = state.test_time!
        var q = testAt, i = 0
        for (k, run) in runs.enumerated() {
            let u = runUsers[k]
            for _ in 0..<Int(run.test) {
                out.test(q, user: u, movie: movieTable[Int(testMovie[i])], half: testHalf[i], time: testTime[i])
                q += 1; i += 1
            }
        }
    }

    /// Frees the line buffers (the runs and the movie bitmap stay). Call once, after `copy`.
    func releaseBuffers() {
        guard !released else { return }
        released = true
        state.train_movie.deallocate(); state.train_half.deallocate(); state.test_movie.deallocate()
        state.test_half.deallocate(); state.test_time.deallocate()
    }

    deinit {
        releaseBuffers()
        state.runs.deallocate()
        free(state.movie_bits)
    }
}

/// Hands parsed lines to a `UserRunChunk`: blocks from the C fast path in one call, single
/// lines from the Swift parser one at a time.
struct UserRunSink: RatingSink {
    let chunk: UserRunChunk
    var lines = BadLineRecord()
    var wantsMore: Bool { !chunk.declined }

    init(_ chunk: UserRunChunk) { self.chunk = chunk }

    mutating func accept(user: UInt32, movie: UInt32, half: UInt8, time: UInt32) {
        var u = user, m = movie, h = half, t = time
        chunk.accept(&u, &m, &h, &t, count: 1)
    }

    mutating func accept(users: UnsafePointer<UInt32>, movies: UnsafePointer<UInt32>, halves: UnsafePointer<UInt8>,
                         times: UnsafePointer<UInt32>, count: Int) {
        chunk.accept(users, movies, halves, times, count: count)
    }

    /// Records the last run and the bad lines in the chunk.
    mutating func finish() {
        chunk.finish()
        chunk.lines = lines
    }
}
