import Core
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Synthetic movie titles, years and genres, MovieLens style.
///
/// Titles are "Adjective Noun (Year)"; about 8% are "Noun, The (Year)" (a comma, so the CSV
/// writer quotes them), 3% contain double quotes (`"Great" Harbor (1999)`, written with doubled
/// quotes), 2% have no year, 3% contain non-ASCII letters, 0.8% have no genres. No two movies
/// share title and year.
enum SyntheticCatalog {
    /// The 19 MovieLens genres (ml-latest), with relative frequencies.
    static let genres: [(String, Double)] = [
        ("Action", 7.5), ("Adventure", 4.5), ("Animation", 2.3), ("Children", 2.9), ("Comedy", 15.8),
        ("Crime", 5.4), ("Documentary", 3.2), ("Drama", 19.3), ("Fantasy", 3.2), ("Film-Noir", 0.4),
        ("Horror", 4.3), ("IMAX", 0.7), ("Musical", 1.5), ("Mystery", 2.6), ("Romance", 6.9),
        ("Sci-Fi", 3.3), ("Thriller", 8.2), ("War", 1.6), ("Western", 0.8),
    ]

    static let adjectives = ["Silent", "Crimson", "Broken", "Golden", "Hidden", "Last", "Lonely", "Wild", "Dark",
                             "Electric", "Frozen", "Burning", "Distant", "Secret", "Little", "Endless", "Quiet",
                             "Savage", "Blue", "Midnight", "Iron", "Paper", "Glass", "Lost", "Sweet", "Bitter",
                             "Velvet", "Hollow", "Scarlet", "Northern"]
    static let nouns = ["Harbor", "Garden", "River", "Empire", "Promise", "Stranger", "Kingdom", "Summer", "Road",
                        "Mirror", "Storm", "Letter", "Island", "Station", "Winter", "Heart", "Machine", "City",
                        "Horizon", "Detective", "Dream", "Circus", "Orchard", "Signal", "Voyage", "Witness",
                        "Frontier", "Lantern", "Tide", "Canyon"]
    static let accented = ["Amélie", "Café", "Señor", "Zoë", "Noël", "Straße", "Ångström", "Déjà Vu", "Mañana", "Crème"]

    /// Builds the catalogue for `count` movies from `rng`: raw ids increasing with gaps of 1–3.
    static func make(count: Int, rng: inout SplitMix64) -> MovieCatalog {
        let genreTable = AliasTable(weights: genres.map(\.1))
        var ids: [Int64] = [], titles: [String] = [], years: [Int32] = []
        var start = [0], index: [Int32] = []
        var id: Int64 = 0
        var seen: [String: Int] = [:]
        for _ in 0..<count {
            id += 1 + Int64(rng.next() % 3 == 0 ? rng.next() % 3 : 0)
            ids.append(id)
            let year = Int32(2024 - Int(pow(rng.nextUnit(), 1.8) * 100))
            let a = adjectives[Int(rng.next() % UInt64(adjectives.count))]
            let n = nouns[Int(rng.next() % UInt64(nouns.count))]
            let style = rng.nextUnit()
            var title: String
            var hasYear = true
            switch style {
            case ..<0.08: title = "\(a) \(n), The"
            case ..<0.11: title = "\"\(a)\" \(n)"
            case ..<0.13: title = "\(a) \(n)"; hasYear = false
            case ..<0.16: title = "\(accented[Int(rng.next() % UInt64(accented.count))]) \(n)"
            default: title = "\(a) \(n)"
            }
            if rng.next() % 10 == 0 { title += " \(2 + rng.next() % 3)" }  // sequels
            // Title and year together stay unique, as in MovieLens (where a repeat is rare): a
            // repeat becomes a numbered chapter. Draws nothing from `rng`.
            let key = "\(title)|\(hasYear ? year : 0)"
            if let repeats = seen[key] {
                seen[key] = repeats + 1
                let chapter = ": Chapter \(repeats + 1)"
                title = title.hasSuffix(", The") ? String(title.dropLast(5)) + chapter + ", The" : title + chapter
            } else {
                seen[key] = 1
            }
            titles.append(title)
            years.append(hasYear ? year : 0)
            if rng.nextUnit() >= 0.008 {
                var chosen = Set<Int32>()
                let k = 1 + Int(min(4, -log(max(rng.nextUnit(), 1e-12)) * 1.1))
                while chosen.count < k { chosen.insert(Int32(genreTable.sample(&rng))) }
                index.append(contentsOf: chosen.sorted())
            }
            start.append(index.count)
        }
        return MovieCatalog(movieIDs: ids, titles: titles, years: years, genreNames: genres.map(\.0),
                            genreStart: start, genreIndex: index)
    }
}
