/// An order of items that puts similar ones side by side, for the rows and columns of a
/// similarity heatmap: average-linkage agglomerative clustering (repeatedly join the two groups
/// with the highest mean similarity between their members), reading the leaves left to right
/// and turning each join so that the two most similar ends meet.
public enum SimilarityOrder {
    /// A permutation of `0..<n` for the symmetric n × n `similarity` (larger = more alike).
    /// Ties go to the lower indices, so the order is deterministic. Cost O(n³) time (n ≤ a few
    /// hundred), O(n²) memory.
    public static func order(_ similarity: [[Double]]) -> [Int] {
        let n = similarity.count
        guard n > 2 else { return Array(0..<n) }
        var groups: [[Int]] = (0..<n).map { [$0] }
        // Sum of similarities between every two groups (average = sum / (size × size)).
        var sums = similarity.map { row in row.map { $0.isFinite ? $0 : -1 } }
        while groups.count > 1 {
            var best = (a: 0, b: 1), bestMean = -Double.infinity
            for a in groups.indices {
                for b in groups.indices where b > a {
                    let mean = sums[a][b] / Double(groups[a].count * groups[b].count)
                    if mean > bestMean { bestMean = mean; best = (a, b) }
                }
            }
            let joined = join(groups[best.a], groups[best.b], similarity)
            // Replace group a by the join and drop group b, keeping the sums in step.
            for c in groups.indices where c != best.a && c != best.b {
                sums[best.a][c] += sums[best.b][c]
                sums[c][best.a] = sums[best.a][c]
            }
            groups[best.a] = joined
            groups.remove(at: best.b)
            sums.remove(at: best.b)
            for r in sums.indices { sums[r].remove(at: best.b) }
        }
        return groups[0]
    }

    /// `a` followed by `b`, each possibly reversed, with the most similar pair of ends adjacent
    /// (ties: the first of a, a reversed; b, b reversed).
    static func join(_ a: [Int], _ b: [Int], _ similarity: [[Double]]) -> [Int] {
        let options = [a + b, a + b.reversed(), a.reversed() + b, a.reversed() + b.reversed()]
        let seam = a.count
        return options.max { x, y in similarity[x[seam - 1]][x[seam]] < similarity[y[seam - 1]][y[seam]] } ?? a + b
    }
}
