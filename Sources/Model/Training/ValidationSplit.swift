import Core

/// Carves a validation set out of a dataset's training ratings, for tuning without touching
/// the test set.
public enum ValidationSplit {
    /// A copy of `dataset` whose training ratings lose a random `fraction` of each user's
    /// ratings, which become its `test` ratings (the original test set is dropped). Every user
    /// keeps at least `minimumKept` training ratings (all of them when they have no more): each
    /// rating is drawn for validation with probability `fraction`, and when that leaves fewer
    /// than `minimumKept`, drawn ratings chosen uniformly at random go back until exactly
    /// `minimumKept` stay. Deterministic in `seed`. Cost O(nnz).
    public static func carve(_ dataset: Dataset, fraction: Double, seed: UInt64, minimumKept: Int = 2) -> Dataset {
        precondition(fraction > 0 && fraction < 1 && minimumKept >= 0)
        let m = dataset.trainByUser
        var rng = SplitMix64(seed: seed)
        var start = [Int](repeating: 0, count: m.rowCount + 1)
        var columns: [Int32] = [], values: [Float] = []
        columns.reserveCapacity(m.count)
        values.reserveCapacity(m.count)
        var vu: [Int32] = [], vm: [Int32] = [], vr: [Float] = []
        var drawn: [Int] = []
        for u in 0..<m.rowCount {
            let a = m.rowStart[u], n = m.rowStart[u + 1] - a
            drawn.removeAll(keepingCapacity: true)
            if n > minimumKept {
                for p in a..<(a + n) where rng.nextUnit() < fraction { drawn.append(p) }
                // Too few left in training: return random drawn ratings until minimumKept stay.
                while n - drawn.count < minimumKept {
                    drawn.remove(at: Int(rng.next() % UInt64(drawn.count)))
                }
            }
            var next = 0  // drawn is ascending: walk it alongside the row
            for p in a..<(a + n) {
                if next < drawn.count && drawn[next] == p {
                    next += 1
                    vu.append(Int32(u)); vm.append(m.columnIndex[p]); vr.append(m.value[p])
                } else {
                    columns.append(m.columnIndex[p]); values.append(m.value[p])
                }
            }
            start[u + 1] = columns.count
        }
        let train = RatingMatrix(rowCount: m.rowCount, columnCount: m.columnCount, rowStart: start,
                                 columnIndex: columns, value: values)
        return Dataset(userIDs: dataset.userIDs, catalog: dataset.catalog, scale: dataset.scale,
                       trainByUser: train,
                       test: RatingTriplets(users: vu, movies: vm, ratings: vr, timestamps: [Int64](repeating: 0, count: vu.count)),
                       source: dataset.source + "; validation split \(fraction) seed \(seed)")
    }
}
