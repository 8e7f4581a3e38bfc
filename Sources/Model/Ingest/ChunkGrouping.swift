import Core

/// The grouping strategy that reads anything: every ratings file parsed into `RatingChunk`s
/// (raw ids, file order), then dense ids, the split and the grouping by user.
///
/// A random split is drawn while the chunks are scattered into their final slots
/// (`RandomSplitAssembly`); per-user and temporal splits, and fixed files, first group every
/// rating by user (`RatingsByUser`), drop duplicates, flag the test ratings and extract both
/// sides. Cost O(ratings / threads) plus the id tables; memory 13 bytes per rating for the
/// chunks and about 10 more while grouping.
enum ChunkGrouping {
    /// Parses every file of `sources` into chunks on all threads. Throws the first bad line
    /// unless bad lines are skipped, and `emptyRatings` for a file without a rating.
    static func parse(_ sources: [RatingsSource], settings: AssemblySettings, tally: inout BadLineTally,
                      progress: @escaping (String, Double) -> Void) throws -> [RatingChunk] {
        var all: [RatingChunk] = []
        for source in sources {
            let ranges = source.ranges
            let chunks = ranges.map { RatingChunk(capacity: $0.count / 8 + 1) }
            let failures = ErrorBox()
            let done = ProgressCounter(total: ranges.count, report: { progress("reading \(source.file.path)", 0.5 * $0) })
            parallelForEach(count: ranges.count, threads: settings.threads, grain: 1) { c, _ in
                do {
                    var sink = ChunkSink(chunks[c])
                    try source.parse(range: c, skipBad: settings.skipBadLines, into: &sink)
                    sink.finish()
                    chunks[c].isTest = source.isTest
                } catch { failures.set(error) }
                done.increment()
            }
            if let e = failures.error { throw e }
            try source.resolveBadLines(chunks.map { BadLineRecord(counts: $0.badCounts, firstBad: $0.firstBad) },
                                       skipBad: settings.skipBadLines, tally: &tally)
            if chunks.allSatisfy({ $0.count == 0 }) { throw IngestError.emptyRatings(file: source.file.path) }
            all += chunks
        }
        return all
    }

    /// Groups `chunks` by user: dense ids (users by ascending raw id; movies in the order of
    /// `listed`, then unlisted rated movies by ascending id), then the split of `settings`
    /// (none when it is nil: the chunks' `isTest` says). Duplicates of a random split are left
    /// for the duplicate stage; otherwise they are thrown (located) or dropped and counted here,
    /// before the split, so that a per-user split counts each pair once.
    static func group(_ chunks: [RatingChunk], catalog listed: CatalogBuilder, settings: AssemblySettings,
                      tally: inout BadLineTally, progress: (String, Double) -> Void) throws -> GroupedRatings {
        let threads = settings.threads
        progress("mapping ids", 0.5)
        let maxUser = chunks.map(\.maxUser).max() ?? 0
        var users = DenseIDMap(maxID: maxUser)
        for id in DenseIDMap.presentIDs(chunks, ids: \.users, maxID: maxUser, threads: threads) { users.insert(id) }
        var catalog = listed
        let maxListed = UInt32(clamping: catalog.movieIDs.max() ?? 0)
        let maxMovie = max(chunks.map(\.maxMovie).max() ?? 0, maxListed)
        var movies = DenseIDMap(maxID: maxMovie)
        for id in catalog.movieIDs { movies.insert(UInt32(clamping: id)) }
        let listedCount = movies.count
        for id in DenseIDMap.presentIDs(chunks, ids: \.movies, maxID: maxMovie, threads: threads) where movies[id] == nil {
            movies.insert(id)
            catalog.add(id: Int64(id), title: "", year: 0, genres: [])
        }
        let userMap = users, movieMap = movies
        parallelForEach(count: chunks.count, threads: threads, grain: 1) { c, _ in
            userMap.remap(chunks[c].users, count: chunks[c].count)
            movieMap.remap(chunks[c].movies, count: chunks[c].count)
        }
        if let split = settings.split, split.method == .random {
            progress("splitting and grouping by user", 0.5)
            let built = RandomSplitAssembly.build(chunks: chunks, rawUsers: users.rawIDs, rawMovies: movies.rawIDs,
                                                  spec: split, threads: threads)
            return GroupedRatings(built, users: users, movies: movies, catalog: catalog, listed: listedCount)
        }
        progress("grouping by user", 0.5)
        let all = RatingsByUser(chunks: chunks, userCount: users.count, movieCount: movies.count, threads: threads)
        progress("sorting rows", 0.6)
        let duplicates = all.sortRowsAndFindDuplicates(threads: threads)
        if let p = duplicates.first {
            if !settings.skipBadLines {
                throw try settings.locateDuplicate(users.rawIDs[all.user(at: p)], movies.rawIDs[Int(all.movies[p])])
            }
            for q in duplicates { all.flags[q] = 2 }
            tally.counts[.duplicatePair, default: 0] += duplicates.count
        }
        progress("splitting", 0.65)
        if let split = settings.split { RatingSplitter.apply(split, to: all, movieIDs: movies.rawIDs, threads: threads) }
        progress("extracting train and test", 0.7)
        let (byUser, test) = all.extractSplit(threads: threads)
        return GroupedRatings(byUser: byUser, test: test, trainDuplicates: [], testDuplicates: [],
                              users: users, movies: movies, catalog: catalog, listed: listedCount)
    }
}
