import Core

/// Turns parsed ratings and a movie list into a `Dataset`: dense ids, duplicate check, split,
/// training matrix in both orientations and test triplets.
///
/// Users are numbered by ascending raw id; movies in movie-list order, then any rated movie
/// missing from the list (ascending id, empty title). Cost O(ratings / threads) plus the id
/// tables; memory about 10 bytes per rating on top of the parsed chunks and the result.
enum DatasetAssembler {
    struct Input {
        var chunks: [RatingChunk]
        var catalog: CatalogBuilder
        var genreOrder: [String]?
        var scale: RatingScale
        /// Nil when the chunks already say which ratings are test ratings (fixed split files).
        var split: SplitSpec?
        var skipBadLines: Bool
        var threads: Int
        var source: String
        /// When set, the dataset file is written here (atomically) while the by-movie
        /// orientation is computed, and the dataset is returned only once it is written.
        var output: String? = nil
    }

    struct Output {
        var dataset: Dataset
        /// Rated movies that the movie list lacks (added with empty titles).
        var unlistedMovies: Int
    }

    /// Builds the dataset. `locateDuplicate(rawUser, rawMovie)` describes a duplicate pair (file,
    /// line) when duplicates are not skipped.
    static func assemble(_ input: Input, tally: inout BadLineTally,
                         locateDuplicate: (Int64, Int64) throws -> IngestError,
                         progress: (String, Double) -> Void) throws -> Output {
        let chunks = input.chunks
        let threads = max(1, input.threads)
        progress("mapping ids", 0.5)
        // Id maps.
        let maxUser = chunks.map(\.maxUser).max() ?? 0
        var users = DenseIDMap(maxID: maxUser)
        for id in DenseIDMap.presentIDs(chunks, ids: \.users, maxID: maxUser, threads: threads) { users.insert(id) }
        var catalog = input.catalog
        let maxListed = UInt32(catalog.movieIDs.max() ?? 0)
        let maxMovie = max(chunks.map(\.maxMovie).max() ?? 0, maxListed)
        var movies = DenseIDMap(maxID: maxMovie)
        for id in catalog.movieIDs { movies.insert(UInt32(id)) }
        let listed = movies.count
        for id in DenseIDMap.presentIDs(chunks, ids: \.movies, maxID: maxMovie, threads: threads) where movies[id] == nil {
            movies.insert(id)
            catalog.add(id: Int64(id), title: "", year: 0, genres: [])
        }
        let userMap = users, movieMap = movies
        parallelForEach(count: chunks.count, threads: threads, grain: 1) { c, _ in
            userMap.remap(chunks[c].users, count: chunks[c].count)
            movieMap.remap(chunks[c].movies, count: chunks[c].count)
        }
        if let spec = input.split, spec.method == .random {
            progress("splitting and grouping by user", 0.5)
            let built = RandomSplitAssembly.build(chunks: chunks, rawUsers: users.rawIDs, rawMovies: movies.rawIDs,
                                                  spec: spec, threads: threads)
            return try completeRandomSplit(built, users: users, movies: movies, listed: listed, catalog: catalog,
                                           input: input, tally: &tally, locateDuplicate: locateDuplicate, progress: progress)
        }
        progress("grouping by user", 0.5)
        // Group by user, find duplicates, split.
        let all = RatingsByUser(chunks: chunks, userCount: users.count, movieCount: movies.count, threads: threads)
        progress("sorting rows", 0.6)
        let duplicates = all.sortRowsAndFindDuplicates(threads: threads)
        if let p = duplicates.first {
            if !input.skipBadLines {
                throw try locateDuplicate(users.rawIDs[all.user(at: p)], movies.rawIDs[Int(all.movies[p])])
            }
            for q in duplicates { all.flags[q] = 2 }
            tally.counts[.duplicatePair, default: 0] += duplicates.count
        }
        progress("splitting", 0.65)
        if let spec = input.split { RatingSplitter.apply(spec, to: all, threads: threads) }
        progress("extracting train and test", 0.7)
        let (byUser, test) = extract(all, threads: threads)
        return try finish(byUser: byUser, test: test, users: users, movies: movies, listed: listed,
                          catalog: catalog, input: input, progress: progress)
    }

    /// Handles duplicate pairs of a random split (error, or drop and count) and assembles.
    static func completeRandomSplit(
        _ built: (byUser: RatingMatrix, test: RatingTriplets, trainDuplicates: [Int], testDuplicates: [Int]),
        users: DenseIDMap, movies: DenseIDMap, listed: Int, catalog: CatalogBuilder, input: Input,
        tally: inout BadLineTally, locateDuplicate: (Int64, Int64) throws -> IngestError,
        progress: (String, Double) -> Void
    ) throws -> Output {
        var (byUser, test, trainDuplicates, testDuplicates) = built
        if !trainDuplicates.isEmpty || !testDuplicates.isEmpty {
            if !input.skipBadLines {
                if let p = trainDuplicates.first {
                    let row = byUser.rowStart.lastIndex { $0 <= p }!
                    throw try locateDuplicate(users.rawIDs[row], movies.rawIDs[Int(byUser.columnIndex[p])])
                }
                let p = testDuplicates[0]
                throw try locateDuplicate(users.rawIDs[Int(test.users[p])], movies.rawIDs[Int(test.movies[p])])
            }
            RowSort.remove(trainDuplicates, from: &byUser)
            RowSort.remove(testDuplicates, from: &test)
            tally.counts[.duplicatePair, default: 0] += trainDuplicates.count + testDuplicates.count
        }
        return try finish(byUser: byUser, test: test, users: users, movies: movies, listed: listed,
                          catalog: catalog, input: input, progress: progress)
    }

    /// Checks that train is not empty, transposes it, and assembles the dataset.
    static func finish(byUser: RatingMatrix, test: RatingTriplets, users: DenseIDMap, movies: DenseIDMap,
                               listed: Int, catalog: CatalogBuilder, input: Input,
                               progress: (String, Double) -> Void) throws -> Output {
        guard byUser.count > 0 else {
            throw IngestError.emptyTrain(detail: "\(byUser.count + test.count) ratings, \(test.count) of them held out for testing")
        }
        let threads = max(1, input.threads)
        guard let path = input.output else {
            progress("transposing", 0.8)
            let byMovie = byUser.transposed(threads: threads)
            progress("building catalogue", 0.9)
            let dataset = Dataset(userIDs: users.rawIDs, catalog: catalog.build(order: input.genreOrder), scale: input.scale,
                                  trainByUser: byUser, trainByMovie: byMovie, test: test, source: input.source)
            return Output(dataset: dataset, unlistedMovies: movies.count - listed)
        }
        // Writing while transposing: every section but the by-movie ones (written last) goes out
        // while the transposition runs on the other threads.
        progress("building catalogue", 0.8)
        let built = catalog.build(order: input.genreOrder)
        progress("transposing and writing", 0.85)
        let byMovie = Deferred { byUser.transposed(threads: threads) }
        defer { _ = byMovie.value }  // never leave it running
        try DatasetFile.write(userIDs: users.rawIDs, catalog: built, scale: input.scale, byUser: byUser,
                              byMovie: { byMovie.value }, test: test, source: input.source, to: path)
        let dataset = Dataset(userIDs: users.rawIDs, catalog: built, scale: input.scale,
                              trainByUser: byUser, trainByMovie: byMovie.value, test: test, source: input.source)
        return Output(dataset: dataset, unlistedMovies: movies.count - listed)
    }

    /// Splits the flagged ratings into the training matrix by user and the test triplets.
    static func extract(_ all: RatingsByUser, threads: Int) -> (RatingMatrix, RatingTriplets) {
        let n = all.userCount
        var trainCount = [Int](repeating: 0, count: n + 1)
        var testCount = [Int](repeating: 0, count: n + 1)
        let rs = all.rowStart
        all.flags.withUnsafeBufferPointer { f in
            trainCount.withUnsafeMutableBufferPointer { tc in
                testCount.withUnsafeMutableBufferPointer { sc in
                    let tcp = tc.baseAddress!, scp = sc.baseAddress!
                    parallelForEach(count: n, threads: threads, grain: 4096) { u, _ in
                        var a = 0, b = 0
                        for p in rs[u]..<rs[u + 1] { let x = f[p]; a += x == 0 ? 1 : 0; b += x == 1 ? 1 : 0 }
                        tcp[u + 1] = a
                        scp[u + 1] = b
                    }
                }
            }
        }
        for u in 0..<n { trainCount[u + 1] += trainCount[u]; testCount[u + 1] += testCount[u] }
        let trainStart = trainCount, testStart = testCount
        let (col, val, test) = SplitSlots.filled(train: trainStart[n], test: testStart[n]) { out in
            all.flags.withUnsafeBufferPointer { f in
                all.movies.withUnsafeBufferPointer { m in
                    all.halves.withUnsafeBufferPointer { h in
                        all.times.withUnsafeBufferPointer { t in
                            parallelForEach(count: n, threads: threads, grain: 4096) { u, _ in
                                var q = trainStart[u], s = testStart[u]
                                for p in rs[u]..<rs[u + 1] {
                                    if f[p] == 0 {
                                        out.train(q, movie: m[p], half: h[p]); q += 1
                                    } else if f[p] == 1 {
                                        out.test(s, user: Int32(u), movie: m[p], half: h[p], time: t[p]); s += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        let byUser = RatingMatrix(rowCount: n, columnCount: all.movieCount, rowStart: trainStart, columnIndex: col, value: val)
        return (byUser, test)
    }
}
