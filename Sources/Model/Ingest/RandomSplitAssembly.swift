import Core

/// The fast path for a random split: each parsed rating goes straight into either the training
/// matrix (by user) or the test triplets (grouped by user), in one parallel counting-sort
/// scatter, with no intermediate all-ratings table.
///
/// A rating is held out when a seeded hash of its (user, movie) pair falls below
/// `fraction × 2⁶⁴` — the same rule as `RatingSplitter` — so both copies of a duplicated pair
/// land on the same side and duplicates are found by checking each side's rows.
/// Cost O(ratings / threads + users × chunks); 8 bytes per training and 20 per test rating.
enum RandomSplitAssembly {
    /// Whether the rating of raw movie id `movie` by raw user id `user` is held out.
    @inline(__always) static func isTest(user: UInt32, movie: UInt32, seed: UInt64, threshold: UInt64) -> Bool {
        if threshold == 0 { return false }
        var mixer = SplitMix64(seed: seed ^ (UInt64(user) << 32 | UInt64(movie)))
        return threshold == .max || mixer.next() < threshold
    }

    /// The hash threshold for a test fraction.
    static func threshold(_ fraction: Double) -> UInt64 {
        fraction <= 0 ? 0 : (fraction >= 1 ? .max : UInt64(fraction * 0x1p64))
    }

    /// Builds the training matrix and test triplets; returns the positions of later duplicates
    /// in each (sorted) side.
    /// The chunks hold dense ids; `rawUsers`/`rawMovies` give the raw ids the split hashes.
    static func build(chunks: [RatingChunk], rawUsers: [Int64], rawMovies: [Int64], spec: SplitSpec, threads: Int)
    -> (byUser: RatingMatrix, test: RatingTriplets, trainDuplicates: [Int], testDuplicates: [Int]) {
        let userCount = rawUsers.count, movieCount = rawMovies.count
        let threshold = Self.threshold(spec.testFraction)
        let seed = spec.seed
        // Per-chunk counts per user, train and test; the test flag is kept in bit 7 of `halves`.
        var trainSlots = (0..<chunks.count).map { _ in [Int](repeating: 0, count: userCount) }
        var testSlots = (0..<chunks.count).map { _ in [Int](repeating: 0, count: userCount) }
        trainSlots.withUnsafeMutableBufferPointer { tr in
            testSlots.withUnsafeMutableBufferPointer { te in
                let trb = tr.baseAddress!, teb = te.baseAddress!
                parallelForEach(count: chunks.count, threads: threads, grain: 1) { c, _ in
                    let chunk = chunks[c]
                    trb[c].withUnsafeMutableBufferPointer { a in
                        teb[c].withUnsafeMutableBufferPointer { b in
                            for i in 0..<chunk.count {
                                let u = Int(chunk.users[i])
                                if isTest(user: UInt32(rawUsers[u]), movie: UInt32(rawMovies[Int(chunk.movies[i])]), seed: seed, threshold: threshold) {
                                    chunk.halves[i] |= 0x80
                                    b[u] += 1
                                } else {
                                    a[u] += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        let trainStart = countingSortOffsets(&trainSlots, rows: userCount)
        let testStart = countingSortOffsets(&testSlots, rows: userCount)
        let nTrain = trainStart[userCount], nTest = testStart[userCount]
        let (col, val, test) = SplitSlots.filled(train: nTrain, test: nTest) { out in
            trainSlots.withUnsafeMutableBufferPointer { trs in
                testSlots.withUnsafeMutableBufferPointer { tes in
                    let trb = trs.baseAddress!, teb = tes.baseAddress!
                    parallelForEach(count: chunks.count, threads: threads, grain: 1) { k, _ in
                        let chunk = chunks[k]
                        trb[k].withUnsafeMutableBufferPointer { a in
                            teb[k].withUnsafeMutableBufferPointer { b in
                                for i in 0..<chunk.count {
                                    let u = Int(chunk.users[i])
                                    let h = chunk.halves[i]
                                    let m = Int32(bitPattern: chunk.movies[i])
                                    if h & 0x80 == 0 {
                                        let q = a[u]; a[u] = q + 1
                                        out.train(q, movie: m, half: h)
                                    } else {
                                        let q = b[u]; b[u] = q + 1
                                        out.test(q, user: Int32(u), movie: m, half: h & 0x7F, time: chunk.times[i])
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return sorted(RatingMatrix(rowCount: userCount, columnCount: movieCount, rowStart: trainStart, columnIndex: col, value: val),
                      test, testStart: testStart, threads: threads)
    }

    /// Sorts both sides' rows by movie and finds duplicate pairs.
    static func sorted(_ matrix: RatingMatrix, _ triplets: RatingTriplets, testStart: [Int], threads: Int)
    -> (byUser: RatingMatrix, test: RatingTriplets, trainDuplicates: [Int], testDuplicates: [Int]) {
        var byUser = matrix, test = triplets
        let trainDuplicates = RowSort.sortRows(&byUser, threads: threads)
        let testDuplicates = RowSort.sortTestRows(&test, rowStart: testStart, threads: threads)
        return (byUser, test, trainDuplicates, testDuplicates)
    }
}
