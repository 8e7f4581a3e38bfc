import Foundation

/// Names for clusters that say what is in them and never repeat: the two genres most
/// over-represented in each (highest lift), "Sci-Fi · Action". Where two clusters would share
/// a name — the same genres in any order — each takes its next genre; if that does not
/// separate them, the most-rated title of each instead ("Comedy · Romance: Mrs. Doubtfire");
/// and as a last resort the cluster's number.
public enum ClusterNames {
    /// One distinct name per summary (in order). `genreNames` names genre indices;
    /// `title(cluster, member)` gives the (short) title of a member of a cluster (`mostPopular`).
    /// A cluster without a genre over 10 % is "mixed". Cost O(k² · rounds), k clusters.
    public static func names(_ summaries: [ClusterSummary], genreNames: [String], title: (Int, Int) -> String) -> [String] {
        var depth = summaries.map { min(2, $0.topGenres.count) }
        var named = [Bool](repeating: false, count: summaries.count)
        var numbered = named
        /// The name, and what makes two names the same: the same genres in any order
        /// ("Comedy · Romance" repeats "Romance · Comedy") and the same additions.
        func name(_ i: Int) -> (text: String, key: String) {
            let s = summaries[i]
            // A title replaces the third genre that failed to tell the clusters apart.
            let genres = s.topGenres.prefix(named[i] ? min(2, depth[i]) : depth[i]).map { genreNames[$0.genre] }
            var text = genres.isEmpty ? "mixed" : genres.joined(separator: " · ")
            if named[i], let top = s.mostPopular.first { text += ": " + shortened(title(s.cluster, top)) }
            if numbered[i] { text += " #\(s.cluster + 1)" }
            return (text, genres.sorted().joined(separator: "\u{1}") + "\u{2}" + text.dropFirst(genres.joined(separator: " · ").count))
        }
        while true {
            let current = summaries.indices.map(name)
            var groups: [String: [Int]] = [:]
            for (i, n) in current.enumerated() { groups[n.key, default: []].append(i) }
            let clashes = groups.values.filter { $0.count > 1 }
            if clashes.isEmpty { return current.map(\.text) }
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

    /// `title` cut at a word boundary to at most 22 characters, with "…" when cut.
    static func shortened(_ title: String) -> String {
        guard title.count > 22 else { return title }
        let head = title.prefix(21)
        let cut = head.lastIndex(of: " ").map { head[..<$0] } ?? head
        return cut.trimmingCharacters(in: .punctuationCharacters.union(.whitespaces)) + "…"
    }
}
