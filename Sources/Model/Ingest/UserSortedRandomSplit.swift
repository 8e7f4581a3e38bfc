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
    /// Reads `file`. `parts` is the number of chunks (default: one per 4 MB, at most 16).
    static func read(_ file: InputFile, format: RatingLineFormat, catalog listedCatalog: () throws -> CatalogBuilder,
                     spec: SplitSpec, options: ReadOptions, tally: inout BadLineTally, parts: Int? = nil,
                     progress: @escaping (String, Double) -> Void) throws -> StreamingRandomSplit.Result? {
        let threads = options.threads
        let ranges = try file.lineAlignedChunks(parts: parts ?? max(1, min(16, file.size / (4 << 20))))
        let seed = spec.seed, threshold = RandomSplitAssembly.threshold(spec.testFraction)
        let chunks = ranges.map { UserRunChunk(capacity: $0.count / 8 + 1) }
        let failures = ErrorBox()
        let done = ProgressCounter(total: ranges.count, report: { progress("reading \(file.path)", 0.7 * $0) })
        parallelForEach(count: ranges.count, threads: threads, grain: 1) { c, _ in
            do {
                var sink = UserRunSink(chunks[c], seed: seed, threshold: threshold)
                try file.withMappedBytes(ranges[c]) { bytes in
                    RatingLineParser.parse(bytes, fileOffset: ranges[c].lowerBound, format: format,
                                           header: c == 0 && format.separator == .comma, skipBad: options.skipBadLines, into: &sink)
                }
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
        try MovieLensReader.resolveBadLines(chunks.map(\.lines), file: file, format: format, options: options, tally: &tally)
        if chunks.allSatisfy({ $0.trainCount + $0.testCount == 0 }) { throw IngestError.emptyRatings(file: file.path) }

        // Dense users (ascending raw id) and each run's dense user.
        progress("mapping ids", 0.7)
        var users = DenseIDMap(maxID: lastUser ?? 0)
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
        let (movies, catalog, listedCount) = StreamingRandomSplit.movieMap(listed: listed, bitmaps: chunks.map { ($0.movieBits, $0.movieWords) })
        // Each chunk's first slot on either side.
        var trainOffset = [0], testOffset = [0]
        for chunk in chunks {
            trainOffset.append(trainOffset[trainOffset.count - 1] + chunk.trainCount)
            testOffset.append(testOffset[testOffset.count - 1] + chunk.testCount)
        }
        let nTrain = trainOffset[chunks.count], nTest = testOffset[chunks.count]
        progress("grouping by user", 0.75)
        let movieTable = movies.directTable!
        var col: [Int32] = [], val: [Float] = []
        var tu: [Int32] = [], tm: [Int32] = [], tr: [Float] = [], tt: [Int64] = []
        col = Buffers.uninitialized(nTrain) { c in
            val = Buffers.uninitialized(nTrain) { v in
                tu = Buffers.uninitialized(nTest) { xu in
                    tm = Buffers.uninitialized(nTest) { xm in
                        tr = Buffers.uninitialized(nTest) { xr in
                            tt = Buffers.uninitialized(nTest) { xt in
                                movieTable.withUnsafeBufferPointer { table in
                                    let out = UserRunChunk.Destination(
                                        movieTable: table.baseAddress!, col: c, val: v,
                                        testUser: xu, testMovie: xm, testRating: xr, testTime: xt)
                                    parallelForEach(count: chunks.count, threads: threads, grain: 1) { k, _ in
                                        chunks[k].copy(to: out, trainAt: trainOffset[k], testAt: testOffset[k], runUsers: runUser[k])
                                        // Freed at once, so the pages of later chunks' slots can
                                        // reuse these (already faulted in once) pages.
                                        chunks[k].releaseBuffers()
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        runUser = []
        let built = RandomSplitAssembly.sorted(
            RatingMatrix(rowCount: users.count, columnCount: movies.count, rowStart: trainStart, columnIndex: col, value: val),
            RatingTriplets(users: tu, movies: tm, ratings: tr, timestamps: tt), testStart: testStart, threads: threads)
        return StreamingRandomSplit.Result(built: built, users: users, movies: movies, catalog: catalog, listed: listedCount)
    }
}

/// One chunk's ratings as parsed by `UserSortedRandomSplit`: training lines (raw movie id,
/// rating × 2), held-out lines (also the timestamp), one run per user, and a bitmap of the raw
/// movie ids seen. Buffers are sized for the worst case (one line per 8 bytes) and only the
/// pages written become resident.
final class UserRunChunk: @unchecked Sendable {
    /// A user's consecutive lines in this chunk: raw id and how many went to each side.
    struct Run { var user: UInt32; var train: Int32; var test: Int32 }

    let trainMovie: UnsafeMutablePointer<UInt32>, trainHalf: UnsafeMutablePointer<UInt8>
    let testMovie: UnsafeMutablePointer<UInt32>, testHalf: UnsafeMutablePointer<UInt8>, testTime: UnsafeMutablePointer<UInt32>
    var runs: [Run] = []
    var trainCount = 0, testCount = 0
    var movieBits: UnsafeMutablePointer<UInt64> = .allocate(capacity: 1)
    var movieWords = 0
    /// Set when a user id went down or an id was too large for direct tables.
    var declined = false
    var lines = BadLineRecord()

    init(capacity: Int) {
        trainMovie = .allocate(capacity: capacity); trainHalf = .allocate(capacity: capacity)
        testMovie = .allocate(capacity: capacity); testHalf = .allocate(capacity: capacity)
        testTime = .allocate(capacity: capacity)
        for (p, bytes) in [(UnsafeMutableRawPointer(trainMovie), 4), (UnsafeMutableRawPointer(trainHalf), 1),
                           (UnsafeMutableRawPointer(testMovie), 4), (UnsafeMutableRawPointer(testHalf), 1),
                           (UnsafeMutableRawPointer(testTime), 4)] {
            Buffers.adviseHugePages(p, bytes: capacity * bytes)
        }
    }

    private var released = false

    /// Frees the line buffers (the runs and the movie bitmap stay). Call once, after `copy`.
    func releaseBuffers() {
        guard !released else { return }
        released = true
        trainMovie.deallocate(); trainHalf.deallocate(); testMovie.deallocate(); testHalf.deallocate()
        testTime.deallocate()
    }

    deinit {
        releaseBuffers()
        movieBits.deallocate()
    }

    func growMovies(to needed: Int) {
        let n = max(needed, movieWords * 2, 64)
        let q = UnsafeMutablePointer<UInt64>.allocate(capacity: n)
        if movieWords > 0 { q.update(from: movieBits, count: movieWords) }
        (q + movieWords).initialize(repeating: 0, count: n - movieWords)
        movieBits.deallocate()
        movieBits = q
        movieWords = n
    }

    /// Where `copy` writes: the final training arrays and test triplets.
    struct Destination: @unchecked Sendable {
        let movieTable: UnsafePointer<Int32>
        let col: UnsafeMutablePointer<Int32>, val: UnsafeMutablePointer<Float>
        let testUser: UnsafeMutablePointer<Int32>, testMovie: UnsafeMutablePointer<Int32>
        let testRating: UnsafeMutablePointer<Float>, testTime: UnsafeMutablePointer<Int64>
    }

    /// Writes this chunk's training lines at `trainAt` and test lines at `testAt`, with dense
    /// movie ids; `runUsers` gives each run's dense user. Cost O(lines).
    func copy(to d: Destination, trainAt: Int, testAt: Int, runUsers: [Int32]) {
        for i in 0..<trainCount {
            d.col[trainAt + i] = d.movieTable[Int(trainMovie[i])]
            d.val[trainAt + i] = Float(trainHalf[i]) * 0.5
        }
        var q = testAt, i = 0
        for (k, run) in runs.enumerated() {
            let u = runUsers[k]
            for _ in 0..<Int(run.test) {
                d.testUser[q] = u
                d.testMovie[q] = d.movieTable[Int(testMovie[i])]
                d.testRating[q] = Float(testHalf[i]) * 0.5
                d.testTime[q] = Int64(testTime[i])
                q += 1; i += 1
            }
        }
    }
}

/// Stores each parsed line into a `UserRunChunk`.
struct UserRunSink: RatingSink {
    let chunk: UserRunChunk
    let seed: UInt64, threshold: UInt64
    var lines = BadLineRecord()
    var wantsMore = true
    private var train = 0, test = 0
    private var runTrain: Int32 = 0, runTest: Int32 = 0
    private var user: UInt32 = 0, started = false
    private var bits: UnsafeMutablePointer<UInt64>, movieWords: Int
    private let trainMovie: UnsafeMutablePointer<UInt32>, trainHalf: UnsafeMutablePointer<UInt8>
    private let testMovie: UnsafeMutablePointer<UInt32>, testHalf: UnsafeMutablePointer<UInt8>
    private let testTime: UnsafeMutablePointer<UInt32>

    init(_ chunk: UserRunChunk, seed: UInt64, threshold: UInt64) {
        self.chunk = chunk
        self.seed = seed
        self.threshold = threshold
        bits = chunk.movieBits; movieWords = chunk.movieWords
        trainMovie = chunk.trainMovie; trainHalf = chunk.trainHalf
        testMovie = chunk.testMovie; testHalf = chunk.testHalf; testTime = chunk.testTime
    }

    @inline(__always) mutating func accept(user u: UInt32, movie: UInt32, half: UInt8, time: UInt32) {
        if u != user || !started {
            if started && u < user { decline(); return }
            closeRun()
            user = u
            started = true
            if u >= DenseIDMap.directLimit { decline(); return }
        }
        if Int(movie >> 6) >= movieWords {
            if movie >= DenseIDMap.directLimit { decline(); return }
            chunk.growMovies(to: Int(movie >> 6) + 1)
            bits = chunk.movieBits; movieWords = chunk.movieWords
        }
        bits[Int(movie >> 6)] |= 1 << UInt64(movie & 63)
        if RandomSplitAssembly.isTest(user: u, movie: movie, seed: seed, threshold: threshold) {
            testMovie[test] = movie; testHalf[test] = half; testTime[test] = time
            test += 1; runTest += 1
        } else {
            trainMovie[train] = movie; trainHalf[train] = half
            train += 1; runTrain += 1
        }
    }

    private mutating func closeRun() {
        if started && runTrain + runTest > 0 { chunk.runs.append(.init(user: user, train: runTrain, test: runTest)) }
        runTrain = 0; runTest = 0
    }

    private mutating func decline() {
        chunk.declined = true
        wantsMore = false
    }

    /// Records the last run and the counts in the chunk.
    mutating func finish() {
        closeRun()
        chunk.trainCount = train
        chunk.testCount = test
        chunk.lines = lines
    }
}
