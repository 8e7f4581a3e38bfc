import Core

/// How held-out test ratings are chosen.
public enum SplitMethod: String, Sendable, CaseIterable, Codable {
    /// Each rating independently with probability `fraction` (a seeded hash of user and movie,
    /// so the choice does not depend on file order or thread count).
    case random
    /// For each user, round(fraction × n) of their n ratings chosen at random (at least one
    /// rating stays in train).
    case perUser = "per-user"
    /// For each user, their latest round(fraction × n) ratings by timestamp (at least one
    /// rating stays in train). Ratings with equal timestamps are ordered by movie id, the higher
    /// id counting as the later, so a tie at the cut holds out the higher ids whatever the
    /// order of the files.
    case temporal
}

/// A split request: method, test fraction and seed.
public struct SplitSpec: Sendable, Equatable {
    public var method: SplitMethod
    /// Fraction of ratings to hold out, in [0, 1).
    public var testFraction: Double
    /// Seed for the random choices.
    public var seed: UInt64

    public init(method: SplitMethod = .random, testFraction: Double = 0.2, seed: UInt64 = 42) {
        self.method = method
        self.testFraction = testFraction
        self.seed = seed
    }
}

enum RatingSplitter {
    /// Marks test ratings in `all` (flag 1) according to a per-user or temporal `spec`
    /// (random splits take the `RandomSplitAssembly` path); dropped ratings (flag 2) are left
    /// alone. `movieIDs` are the raw ids of the dense movie indices (the temporal tie-break).
    /// Parallel over users; deterministic for a given seed.
    static func apply(_ spec: SplitSpec, to all: RatingsByUser, movieIDs: [Int64], threads: Int) {
        let f = spec.testFraction
        guard f > 0 else { return }
        let rs = all.rowStart
        let seed = spec.seed
        all.movies.withUnsafeBufferPointer { mb in
            all.times.withUnsafeBufferPointer { tb in
                all.flags.withUnsafeMutableBufferPointer { fb in
                    let m = mb.baseAddress, t = tb.baseAddress, flags = fb.baseAddress!
                    switch spec.method {
                    case .random:
                        preconditionFailure("random splits are drawn by RandomSplitAssembly")
                    case .perUser, .temporal:
                        let root = SplitMix64(seed: seed)
                        let temporal = spec.method == .temporal
                        parallelForEach(count: all.userCount, threads: threads, grain: 256) { u, _ in
                            var positions = (rs[u]..<rs[u + 1]).filter { flags[$0] == 0 }
                            let n = positions.count
                            var k = Int((f * Double(n)).rounded())
                            if k >= n { k = n - 1 }
                            if k <= 0 { return }
                            if temporal {
                                positions.sort { t![$0] != t![$1] ? t![$0] > t![$1] : movieIDs[Int(m![$0])] > movieIDs[Int(m![$1])] }
                            } else {
                                var rng = root.substream(UInt64(u))
                                for i in 0..<k {
                                    let j = i + Int(rng.next() % UInt64(n - i))
                                    positions.swapAt(i, j)
                                }
                            }
                            for i in 0..<k { flags[positions[i]] = 1 }
                        }
                    }
                }
            }
        }
    }
}
