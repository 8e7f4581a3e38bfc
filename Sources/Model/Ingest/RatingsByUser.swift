import Core

/// Every rating (train and test candidates alike) grouped by dense user, movies ascending within
/// a user: the working form from which splits are drawn.
///
/// Built from parsed chunks by a parallel, stable counting sort (per-chunk offsets, so the order
/// within a user is file order before the per-row sort). 10 bytes per rating.
final class RatingsByUser: @unchecked Sendable {
    let userCount: Int
    let movieCount: Int
    /// `userCount + 1` offsets.
    var rowStart: [Int]
    var movies: [Int32]
    var halves: [UInt8]
    var times: [UInt32]
    /// 0 = train, 1 = test, 2 = dropped (a skipped duplicate).
    var flags: [UInt8]

    var count: Int { movies.count }

    /// Groups the (already dense-remapped) chunks by user. Cost O(ratings / threads + users × chunks).
    init(chunks: [RatingChunk], userCount: Int, movieCount: Int, threads: Int) {
        self.userCount = userCount
        self.movieCount = movieCount
        // Per-chunk counts per user.
        var offsets = (0..<chunks.count).map { _ in [Int](repeating: 0, count: userCount) }
        offsets.withUnsafeMutableBufferPointer { all in
            let base = all.baseAddress!
            parallelForEach(count: chunks.count, threads: threads, grain: 1) { c, _ in
                let chunk = chunks[c]
                base[c].withUnsafeMutableBufferPointer { counts in
                    for i in 0..<chunk.count { counts[Int(chunk.users[i])] += 1 }
                }
            }
        }
        // Row starts and each chunk's first slot per user.
        let start = countingSortOffsets(&offsets, rows: userCount)
        rowStart = start
        let total = start[userCount]
        movies = [Int32](repeating: 0, count: total)
        halves = [UInt8](repeating: 0, count: total)
        times = [UInt32](repeating: 0, count: total)
        flags = [UInt8](repeating: 0, count: total)
        movies.withUnsafeMutableBufferPointer { mb in
            halves.withUnsafeMutableBufferPointer { hb in
                times.withUnsafeMutableBufferPointer { tb in
                    flags.withUnsafeMutableBufferPointer { fb in
                        let mp = mb.baseAddress, hp = hb.baseAddress, tp = tb.baseAddress, fp = fb.baseAddress
                        offsets.withUnsafeMutableBufferPointer { all in
                            let base = all.baseAddress!
                            parallelForEach(count: chunks.count, threads: threads, grain: 1) { c, _ in
                                let chunk = chunks[c]
                                let flag: UInt8 = chunk.isTest ? 1 : 0
                                base[c].withUnsafeMutableBufferPointer { slot in
                                    for i in 0..<chunk.count {
                                        let u = Int(chunk.users[i])
                                        let q = slot[u]
                                        slot[u] = q + 1
                                        mp![q] = Int32(bitPattern: chunk.movies[i])
                                        hp![q] = chunk.halves[i]
                                        tp![q] = chunk.times[i]
                                        fp![q] = flag
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Sorts each user's ratings by movie, stably (file order among equal movies), and returns
    /// the positions of later duplicates of a (user, movie) pair. Cost O(ratings) for rows that
    /// are already sorted (the MovieLens CSV files), O(n log n) per unsorted row otherwise.
    func sortRowsAndFindDuplicates(threads: Int) -> [Int] {
        let duplicates = PositionList()
        let rs = rowStart
        movies.withUnsafeMutableBufferPointer { mb in
            halves.withUnsafeMutableBufferPointer { hb in
                times.withUnsafeMutableBufferPointer { tb in
                    flags.withUnsafeMutableBufferPointer { fb in
                        let m = mb.baseAddress!, h = hb.baseAddress!, t = tb.baseAddress!, f = fb.baseAddress!
                        parallelForEach(count: userCount, threads: threads, grain: 1024) { u, _ in
                            let a = rs[u], b = rs[u + 1]
                            if b - a < 2 { return }
                            var sorted = true
                            for p in (a + 1)..<b where m[p - 1] >= m[p] { sorted = false; break }
                            if sorted { return }
                            // Stable sort of the row by movie.
                            let order = (a..<b).sorted { m[$0] != m[$1] ? m[$0] < m[$1] : $0 < $1 }
                            let mm = order.map { m[$0] }, hh = order.map { h[$0] }, tt = order.map { t[$0] }, ff = order.map { f[$0] }
                            for k in 0..<(b - a) { m[a + k] = mm[k]; h[a + k] = hh[k]; t[a + k] = tt[k]; f[a + k] = ff[k] }
                            var found: [Int] = []
                            for p in (a + 1)..<b where m[p - 1] == m[p] { found.append(p) }
                            if !found.isEmpty { duplicates.append(found) }
                        }
                    }
                }
            }
        }
        return duplicates.sorted
    }

    /// The flagged ratings split into the training matrix by user (flag 0) and the test
    /// triplets (flag 1), each in row order; dropped ratings (flag 2) go nowhere.
    /// Cost O(ratings / threads).
    func extractSplit(threads: Int) -> (RatingMatrix, RatingTriplets) {
        let all = self
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

    /// The user owning position `p` (binary search over row starts).
    func user(at p: Int) -> Int {
        var lo = 0, hi = userCount
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if rowStart[mid] <= p { lo = mid } else { hi = mid }
        }
        return lo
    }
}
