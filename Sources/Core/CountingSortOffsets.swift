/// The scan step of a parallel counting sort: `counts[c][r]` is how many entries chunk `c` holds
/// for row `r`; on return it is the first slot of chunk `c`'s entries of row `r` (chunks in order
/// within each row, so the sort is stable), and the result is the `rows + 1` row starts.
/// Cost O(rows · chunks).
public func countingSortOffsets(_ counts: inout [[Int]], rows: Int) -> [Int] {
    var start = [Int](repeating: 0, count: rows + 1)
    var running = 0
    for r in 0..<rows {
        start[r] = running
        for c in 0..<counts.count {
            let n = counts[c][r]
            counts[c][r] = running
            running += n
        }
    }
    start[rows] = running
    return start
}
