/// What characterises one cluster: its size, its most over-represented genres and its best
/// known members.
public struct ClusterSummary: Sendable, Equatable {
    /// A genre's standing in a cluster.
    public struct GenreShare: Sendable, Equatable {
        public var genre: Int
        /// Fraction of the cluster's items that carry the genre.
        public var share: Double
        /// `share` divided by the genre's share among all items (> 1: over-represented).
        public var lift: Double
    }

    public var cluster: Int
    public var size: Int
    /// Genres carried by at least `minimumShare` of the cluster, by decreasing lift.
    public var topGenres: [GenreShare]
    /// Members with the most ratings, most first (ties: lower index).
    public var mostPopular: [Int]

    /// Summaries of clusters 0..<k for items labelled by `assignments`, with genres from
    /// `membership` and popularity from `ratingCounts` (both per item). Cost O(N log N + N·G).
    public static func summarise(assignments: [Int32], k: Int, membership: GenreMembership, ratingCounts: [Int],
                                 topGenres: Int = 3, topItems: Int = 5, minimumShare: Double = 0.1) -> [ClusterSummary] {
        precondition(assignments.count == membership.count && ratingCounts.count == membership.count,
                     "cluster summary: one assignment, genre list and rating count per item")
        let n = assignments.count, g = membership.genreCount
        let overall = membership.genreSizes.map { Double($0) / Double(max(n, 1)) }
        var sizes = [Int](repeating: 0, count: k)
        var genreCounts = [[Int]](repeating: [Int](repeating: 0, count: g), count: k)
        var members = [[Int]](repeating: [], count: k)
        for i in 0..<n {
            let c = Int(assignments[i])
            sizes[c] += 1
            members[c].append(i)
            for genre in membership.genres(of: i) { genreCounts[c][Int(genre)] += 1 }
        }
        return (0..<k).map { c in
            let shares = (0..<g).compactMap { genre -> GenreShare? in
                guard sizes[c] > 0, overall[genre] > 0 else { return nil }
                let share = Double(genreCounts[c][genre]) / Double(sizes[c])
                return share >= minimumShare ? GenreShare(genre: genre, share: share, lift: share / overall[genre]) : nil
            }
            let ranked = shares.sorted { $0.lift > $1.lift || ($0.lift == $1.lift && $0.genre < $1.genre) }
            let popular = members[c].sorted { ratingCounts[$0] > ratingCounts[$1] || (ratingCounts[$0] == ratingCounts[$1] && $0 < $1) }
            return ClusterSummary(cluster: c, size: sizes[c], topGenres: Array(ranked.prefix(topGenres)),
                                  mostPopular: Array(popular.prefix(topItems)))
        }
    }
}
