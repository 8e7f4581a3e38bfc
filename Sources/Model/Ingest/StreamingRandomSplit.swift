import Core

/// Reads one ratings file with a random split in two streaming passes, so no table of all
/// parsed ratings is ever held: pass 1 counts each raw user's training and test ratings per
/// chunk (and notes which movies occur); pass 2 parses again and writes every rating straight
/// into its final slot in the training matrix or the test triplets.
///
/// Parsing twice costs less than holding 13 bytes per rating in between (about 400 MB at
/// 32 M ratings, each page of which the kernel must zero). Needs raw ids below 2²⁶ (true of all
/// MovieLens releases); returns nil otherwise, and `ChunkGrouping` reads the file instead.
/// Cost O(bytes / threads) per pass plus O(users × chunks).
enum StreamingRandomSplit {
    /// The ratings of `source` grouped by user with `split` (a random split), or nil when an id
    /// is 2²⁶ or more. `catalog` gives the movie list; it is asked for after the first pass (it
    /// may be parsed meanwhile on another thread, and its errors come before the ratings').
    static func read(_ source: RatingsSource, catalog listedCatalog: () throws -> CatalogBuilder,
                     split: SplitSpec, settings: AssemblySettings, tally: inout BadLineTally,
                     progress: @escaping (String, Double) -> Void) throws -> GroupedRatings? {
        let threads = settings.threads, skipBad = settings.skipBadLines
        let file = source.file, ranges = source.ranges
        let seed = split.seed, threshold = RandomSplitAssembly.threshold(split.testFraction)
        // Pass 1: counts.
        let counts = ranges.map { _ in CountTables() }
        let failures = ErrorBox()
        let done = ProgressCounter(total: ranges.count, report: { progress("reading \(file.path)", 0.25 * $0) })
        parallelForEach(count: ranges.count, threads: threads, grain: 1) { c, _ in
            do {
                var sink = CountSink(tables: counts[c], seed: seed, threshold: threshold)
                try source.parse(range: c, skipBad: skipBad, into: &sink)
                counts[c].lines = sink.lines
            } catch { failures.set(error) }
            done.increment()
        }
        let listed = try listedCatalog()
        if let e = failures.error { throw e }
        try source.resolveBadLines(counts.map(\.lines), skipBad: skipBad, tally: &tally)
        if counts.contains(where: \.tooLarge) { return nil }
        if counts.allSatisfy({ $0.ratings == 0 }) { throw IngestError.emptyRatings(file: file.path) }
        // Dense ids.
        progress("mapping ids", 0.5)
        let userCapacity = counts.map(\.userCapacity).max() ?? 0
        var users = DenseIDMap(tableUpTo: UInt32(max(0, userCapacity - 1)))
        for raw in 0..<userCapacity where counts.contains(where: { $0.total(raw) > 0 }) { users.insert(UInt32(raw)) }
        let (movies, catalog, listedCount) = movieMap(listed: listed, bitmaps: counts.map { ($0.movieBits, $0.movieWords) })
        // Slots: per chunk, the first training and test slot of each dense user.
        let userCount = users.count
        var trainSlots = ranges.map { _ in [Int](repeating: 0, count: userCount) }
        var testSlots = ranges.map { _ in [Int](repeating: 0, count: userCount) }
        var trainStart = [Int](repeating: 0, count: userCount + 1), testStart = trainStart
        var runTrain = 0, runTest = 0
        for u in 0..<userCount {
            let raw = Int(users.rawIDs[u])
            trainStart[u] = runTrain
            testStart[u] = runTest
            for c in 0..<ranges.count {
                trainSlots[c][u] = runTrain
                testSlots[c][u] = runTest
                if raw < counts[c].userCapacity {
                    runTrain += Int(counts[c].train[raw])
                    runTest += Int(counts[c].test[raw])
                }
            }
        }
        trainStart[userCount] = runTrain
        testStart[userCount] = runTest
        // Pass 2: scatter.
        progress("splitting and grouping by user", 0.5)
        let userTable = users.directTable, movieTable = movies.directTable
        let again = ProgressCounter(total: ranges.count, report: { progress("reading \(file.path) again", 0.5 + 0.25 * $0) })
        let (col, val, test) = SplitSlots.filled(train: runTrain, test: runTest) { out in
            userTable.withUnsafeBufferPointer { ut in
                movieTable.withUnsafeBufferPointer { mt in
                    trainSlots.withUnsafeMutableBufferPointer { trs in
                        testSlots.withUnsafeMutableBufferPointer { tes in
                            let trb = trs.baseAddress!, teb = tes.baseAddress!
                            parallelForEach(count: ranges.count, threads: threads, grain: 1) { k, _ in
                                trb[k].withUnsafeMutableBufferPointer { a in
                                    teb[k].withUnsafeMutableBufferPointer { b in
                                        var sink = ScatterSink(
                                            userTable: ut.baseAddress!, movieTable: mt.baseAddress!,
                                            trainSlot: a.baseAddress!, testSlot: b.baseAddress!,
                                            out: out, seed: seed, threshold: threshold)
                                        do {
                                            try source.parse(range: k, skipBad: skipBad, into: &sink)
                                        } catch { failures.set(error) }
                                    }
                                }
                                again.increment()
                            }
                        }
                    }
                }
            }
        }
        if let e = failures.error { throw e }
        let built = RandomSplitAssembly.sorted(
            RatingMatrix(rowCount: userCount, columnCount: movies.count, rowStart: trainStart, columnIndex: col, value: val),
            test, testStart: testStart, threads: threads)
        return GroupedRatings(built, users: users, movies: movies, catalog: catalog, listed: listedCount)
    }

    /// Dense movie ids: the listed movies in list order, then the rated movies missing from the
    /// list (ascending raw id, added to the catalogue with empty titles). `bitmaps` are the
    /// chunks' bitmaps of raw movie ids seen (pointer, words). Also returns how many movies the
    /// list gave. Cost O(max raw id / 64 + movies).
    static func movieMap(listed: CatalogBuilder, bitmaps: [(UnsafeMutablePointer<UInt64>, Int)])
    -> (movies: DenseIDMap, catalog: CatalogBuilder, listed: Int) {
        var catalog = listed
        let movieWords = bitmaps.map(\.1).max() ?? 0
        let maxListed = UInt32(clamping: catalog.movieIDs.max() ?? 0)
        var movies = DenseIDMap(tableUpTo: max(UInt32(clamping: max(0, movieWords * 64 - 1)), maxListed))
        for id in catalog.movieIDs { movies.insert(UInt32(id)) }
        let listedCount = movies.count
        for w in 0..<movieWords {
            var word: UInt64 = 0
            for (bits, words) in bitmaps where w < words { word |= bits[w] }
            while word != 0 {
                let id = UInt32(w * 64 + word.trailingZeroBitCount)
                word &= word - 1
                if movies[id] == nil { movies.insert(id); catalog.add(id: Int64(id), title: "", year: 0, genres: []) }
            }
        }
        return (movies, catalog, listedCount)
    }
}

/// Pass-1 tables of one chunk: training and test ratings per raw user id, and a bitmap of the
/// raw movie ids seen. Grown on demand up to raw id 2²⁶.
final class CountTables: @unchecked Sendable {
    var train: UnsafeMutablePointer<Int32> = .allocate(capacity: 1)
    var test: UnsafeMutablePointer<Int32> = .allocate(capacity: 1)
    var userCapacity = 0
    var movieBits: UnsafeMutablePointer<UInt64> = .allocate(capacity: 1)
    var movieWords = 0
    var ratings = 0
    var tooLarge = false
    var lines = BadLineRecord()

    deinit { train.deallocate(); test.deallocate(); movieBits.deallocate() }

    func total(_ raw: Int) -> Int { raw < userCapacity ? Int(train[raw]) + Int(test[raw]) : 0 }

    func growUsers(to needed: Int) {
        let n = max(needed, userCapacity * 2, 1024)
        train = Self.grow(train, from: userCapacity, to: n)
        test = Self.grow(test, from: userCapacity, to: n)
        userCapacity = n
    }

    func growMovies(to needed: Int) {
        let n = max(needed, movieWords * 2, 64)
        movieBits = Self.grow(movieBits, from: movieWords, to: n)
        movieWords = n
    }

    private static func grow<T: FixedWidthInteger>(_ p: UnsafeMutablePointer<T>, from old: Int, to new: Int) -> UnsafeMutablePointer<T> {
        let q = UnsafeMutablePointer<T>.allocate(capacity: new)
        if old > 0 { q.update(from: p, count: old) }
        (q + old).initialize(repeating: 0, count: new - old)
        p.deallocate()
        return q
    }
}

/// Pass 1: counts per raw user and side, movie bitmap.
struct CountSink: RatingSink {
    let tables: CountTables
    let seed: UInt64, threshold: UInt64
    var lines = BadLineRecord()
    var train: UnsafeMutablePointer<Int32>, test: UnsafeMutablePointer<Int32>, bits: UnsafeMutablePointer<UInt64>
    var userCapacity: Int, movieWords: Int

    init(tables: CountTables, seed: UInt64, threshold: UInt64) {
        self.tables = tables
        self.seed = seed
        self.threshold = threshold
        train = tables.train; test = tables.test; bits = tables.movieBits
        userCapacity = tables.userCapacity; movieWords = tables.movieWords
    }

    @inline(__always) mutating func accept(user: UInt32, movie: UInt32, half: UInt8, time: UInt32) {
        if Int(user) >= userCapacity || Int(movie >> 6) >= movieWords {
            if user >= DenseIDMap.directLimit || movie >= DenseIDMap.directLimit { tables.tooLarge = true; return }
            if Int(user) >= userCapacity { tables.growUsers(to: Int(user) + 1) }
            if Int(movie >> 6) >= movieWords { tables.growMovies(to: Int(movie >> 6) + 1) }
            train = tables.train; test = tables.test; bits = tables.movieBits
            userCapacity = tables.userCapacity; movieWords = tables.movieWords
        }
        if RandomSplitAssembly.isTest(user: user, movie: movie, seed: seed, threshold: threshold) {
            test[Int(user)] += 1
        } else {
            train[Int(user)] += 1
        }
        bits[Int(movie >> 6)] |= 1 << UInt64(movie & 63)
        tables.ratings += 1
    }
}

/// Pass 2: writes each rating into its slot.
struct ScatterSink: RatingSink {
    let userTable: UnsafePointer<Int32>, movieTable: UnsafePointer<Int32>
    let trainSlot: UnsafeMutablePointer<Int>, testSlot: UnsafeMutablePointer<Int>
    let out: SplitSlots
    let seed: UInt64, threshold: UInt64
    var lines = BadLineRecord()

    @inline(__always) mutating func accept(user: UInt32, movie: UInt32, half: UInt8, time: UInt32) {
        let u = Int(userTable[Int(user)])
        let m = movieTable[Int(movie)]
        if RandomSplitAssembly.isTest(user: user, movie: movie, seed: seed, threshold: threshold) {
            let q = testSlot[u]
            testSlot[u] = q + 1
            out.test(q, user: Int32(u), movie: m, half: half, time: time)
        } else {
            let q = trainSlot[u]
            trainSlot[u] = q + 1
            out.train(q, movie: m, half: half)
        }
    }
}
