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
        progress("grouping by user", 0.5)
        // Group by user, find duplicates, split.
        let all = RatingsByUser(chunks: chunks, userCount: users.count, movieCount: movies.count, threads: threads)
        let duplicates = all.sortRowsAndFindDuplicates(threads: threads)
        if let p = duplicates.first {
            if !input.skipBadLines {
                throw try locateDuplicate(users.rawIDs[all.user(at: p)], movies.rawIDs[Int(all.movies[p])])
            }
            for q in duplicates { all.flags[q] = 2 }
            tally.counts[.duplicatePair, default: 0] += duplicates.count
        }
        if let spec = input.split { RatingSplitter.apply(spec, to: all, threads: threads) }
        progress("building matrices", 0.7)
        let (byUser, test) = extract(all, threads: threads)
        guard byUser.count > 0 else {
            throw IngestError.emptyTrain(detail: "\(all.count) ratings, \(test.count) of them held out for testing")
        }
        let byMovie = byUser.transposed(threads: threads)
        let dataset = Dataset(userIDs: users.rawIDs, catalog: catalog.build(order: input.genreOrder), scale: input.scale,
                              trainByUser: byUser, trainByMovie: byMovie, test: test, source: input.source)
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
        var col = [Int32](repeating: 0, count: trainStart[n]), val = [Float](repeating: 0, count: trainStart[n])
        var tu = [Int32](repeating: 0, count: testStart[n]), tm = [Int32](repeating: 0, count: testStart[n])
        var tr = [Float](repeating: 0, count: testStart[n]), tt = [Int64](repeating: 0, count: testStart[n])
        all.flags.withUnsafeBufferPointer { f in
            all.movies.withUnsafeBufferPointer { m in
                all.halves.withUnsafeBufferPointer { h in
                    all.times.withUnsafeBufferPointer { t in
                        col.withUnsafeMutableBufferPointer { cb in
                            val.withUnsafeMutableBufferPointer { vb in
                                tu.withUnsafeMutableBufferPointer { tub in
                                    tm.withUnsafeMutableBufferPointer { tmb in
                                        tr.withUnsafeMutableBufferPointer { trb in
                                            tt.withUnsafeMutableBufferPointer { ttb in
                                                let c = cb.baseAddress, v = vb.baseAddress, xu = tub.baseAddress
                                                let xm = tmb.baseAddress, xr = trb.baseAddress, xt = ttb.baseAddress
                                                parallelForEach(count: n, threads: threads, grain: 4096) { u, _ in
                                                    var q = trainStart[u], s = testStart[u]
                                                    for p in rs[u]..<rs[u + 1] {
                                                        let rating = Float(h[p]) * 0.5
                                                        if f[p] == 0 {
                                                            c![q] = m[p]; v![q] = rating; q += 1
                                                        } else if f[p] == 1 {
                                                            xu![s] = Int32(u); xm![s] = m[p]; xr![s] = rating; xt![s] = Int64(t[p]); s += 1
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        let byUser = RatingMatrix(rowCount: n, columnCount: all.movieCount, rowStart: trainStart, columnIndex: col, value: val)
        return (byUser, RatingTriplets(users: tu, movies: tm, ratings: tr, timestamps: tt))
    }
}
