import Model

/// Each user's favourite genre, for colouring user maps: the genre most over-represented among
/// the movies the user rated at or above their own mean rating, relative to how common the
/// genre is among all ratings (lift), counting only genres with at least three such movies.
/// Without the lift every user's favourite would be Drama, the commonest genre. −1 when no genre
/// qualifies. Cost O(ratings · genres per movie).
public func favouriteGenres(model m: FactorModel) -> [Int] {
    guard let rated = m.userRatings else { return [Int](repeating: -1, count: m.userCount) }
    let g = m.catalog.genreNames.count
    var overall = [Double](repeating: 0, count: g)
    for p in 0..<rated.count { for f in m.catalog.genres(of: Int(rated.columnIndex[p])) { overall[Int(f)] += 1 } }
    let total = max(1, overall.reduce(0, +))
    return (0..<m.userCount).map { u in
        let range = rated.rowStart[u]..<rated.rowStart[u + 1]
        guard !range.isEmpty else { return -1 }
        let mean = range.reduce(Float(0)) { $0 + rated.value[$1] } / Float(range.count)
        var liked = [Double](repeating: 0, count: g)
        var likedTotal = 0.0
        for p in range where rated.value[p] >= mean {
            for f in m.catalog.genres(of: Int(rated.columnIndex[p])) { liked[Int(f)] += 1; likedTotal += 1 }
        }
        var best = -1, bestLift = 0.0
        for f in 0..<g where liked[f] >= 3 && overall[f] > 0 {
            let lift = (liked[f] / likedTotal) / (overall[f] / total)
            if lift > bestLift { best = f; bestLift = lift }
        }
        return best
    }
}
