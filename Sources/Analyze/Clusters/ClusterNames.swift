/// Names for clusters that say what is in them and never repeat: the two genres most
/// over-represented in each (highest lift), "Sci-Fi · Action". Where two clusters would share
/// a name, each takes its next genre; if that does not separate them, the most-rated title of
/// each; and as a last resort the cluster's number.
public enum ClusterNames {
    /// One distinct name per summary (in order). `genreNames` names genre indices;
    /// `title(cluster, member)` gives the title of a member of a cluster (`mostPopular`).
    /// A cluster without a genre over 10 % is "mixed". Cost O(k² · rounds), k clusters.
    public static func names(_ summaries: [ClusterSummary], genreNames: [String], title: (Int, Int) -> String) -> [String] {
        var depth = summaries.map { min(2, $0.topGenres.count) }
        var named = [Bool](repeating: false, count: summaries.count)
        var numbered = named
        func name(_ i: Int) -> String {
            let s = summaries[i]
            var text = s.topGenres.prefix(depth[i]).map { genreNames[$0.genre] }.joined(separator: " · ")
            if text.isEmpty { text = "mixed" }
            if named[i], let top = s.mostPopular.first { text += " (\(title(s.cluster, top)))" }
            if numbered[i] { text += " #\(s.cluster + 1)" }
            return text
        }
        while true {
            let current = summaries.indices.map(name)
            var groups: [String: [Int]] = [:]
            for (i, n) in current.enumerated() { groups[n, default: []].append(i) }
            let clashes = groups.values.filter { $0.count > 1 }
            if clashes.isEmpty { return current }
            for members in clashes {
                // Each clashing cluster moves one step: its next genre, else its best-known title, else its number.
                for i in members {
                    if depth[i] < summaries[i].topGenres.count { depth[i] += 1 }
                    else if !named[i] && !summaries[i].mostPopular.isEmpty { named[i] = true }
                    else { numbered[i] = true }
                }
            }
        }
    }
}
