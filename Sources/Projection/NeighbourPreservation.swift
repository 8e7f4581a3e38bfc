import Core

/// How well a 2-D embedding keeps each point's neighbourhood: the mean fraction of each row's
/// `k` nearest neighbours in the original space (`high`) that are also among its `k` nearest
/// in the embedding (`low`, exact Euclidean neighbours). 1 keeps every neighbourhood; a random
/// layout keeps about k/n. Cost O(n² · 2) for the exact neighbours of `low`.
public enum NeighbourPreservation {
    public static func score(high: NeighbourLists, low: Matrix, k: Int) -> Double {
        let lowNN = ExactNeighbours.euclidean(low, k: k)
        var kept = 0
        for i in 0..<high.count {
            let a = Set(high.neighbours(of: i).prefix(k))
            kept += lowNN.neighbours(of: i).filter { a.contains($0) }.count
        }
        return Double(kept) / Double(max(1, high.count * k))
    }
}
