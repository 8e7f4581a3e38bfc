import Foundation
import Model

extension ExplorerData {
    /// The page's data for `entries` (at least one), which must come from one catalogue and map
    /// the same movies and users (as the models of one comparison do). Cost O(movies · (k +
    /// genres) + ratings).
    public static func assemble(title: String, entries: [ExplorerEntry]) throws -> ExplorerData {
        guard let first = entries.first else { throw AnalysisError(problem: "no model to explore") }
        let m = first.model
        for e in entries.dropFirst() where e.model.catalog.movieIDs != m.catalog.movieIDs || e.movieRows != first.movieRows
            || e.userRows != first.userRows {
            throw AnalysisError(problem: "\(e.name) was trained on other data than \(first.name) (its movies or users differ); "
                                + "explore them separately")
        }
        let catalog = m.catalog
        func count(_ n: Int) -> String { n.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US"))) }
        let movies = first.minRatings > 0 ? "\(count(first.movieRows.count)) movies with ≥ \(count(first.minRatings)) ratings"
            : "\(count(first.movieRows.count)) movies"
        let subtitle = "\(ToolVersion.tag) · \(movies) · \(count(first.userRows.count)) of \(count(m.userCount)) users"
        return ExplorerData(
            title: title, subtitle: subtitle, genres: catalog.genreNames,
            genreColours: catalog.genreNames.map { GenrePalette.hex(for: $0) },
            movies: movieTable(m, rows: first.movieRows), users: userTable(m, rows: first.userRows),
            models: entries.map(modelEntry))
    }

    /// The catalogue columns of `rows`.
    static func movieTable(_ m: FactorModel, rows: [Int]) -> ExplorerMovies {
        let c = m.catalog
        let genreCount = c.genreNames.count
        let words = max(1, (genreCount + 31) / 32)
        var bits = [UInt32](repeating: 0, count: rows.count * words)
        for (p, movie) in rows.enumerated() {
            for g in c.genres(of: movie) { bits[p * words + Int(g) / 32] |= 1 << (UInt32(g) % 32) }
        }
        let primary = GenreMembership(catalog: c).primaryGenres()
        let means = meanTrainingRatings(m)
        let movieLinks = rows.map { ExplorerData.links(for: $0, in: m) }
        let hasLinks = movieLinks.contains { $0 != nil }
        func linkColumn(_ id: (ExternalIDs) -> Int64?) -> PackedColumn {
            PackedColumn(identifiers: movieLinks.map { l in l.flatMap(id).map { max(0, $0) } ?? 0 })
        }
        return ExplorerMovies(
            count: rows.count,
            ids: PackedColumn(identifiers: rows.map { c.movieIDs[$0] }),
            titles: rows.map { c.titles[$0].replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ") }
                .joined(separator: "\n"),
            years: PackedColumn(unsigned: rows.map { UInt32(clamping: max(0, c.years[$0])) }),
            genreWords: words, genres: PackedColumn(unsigned: bits),
            primaryGenre: PackedColumn(unsigned: rows.map { UInt32(clamping: primary[$0] >= 0 ? primary[$0] : genreCount) }),
            ratings: PackedColumn(unsigned: rows.map { UInt32(clamping: max(0, m.movieRatingCounts[$0])) }),
            meanRating: means.map { means in
                PackedColumn(unsigned: rows.map { means[$0].isFinite ? UInt32(clamping: Int((means[$0] * 100).rounded())) : 65_535 },
                             atLeast: .u16)
            },
            imdb: hasLinks ? linkColumn(\.imdb) : nil, tmdb: hasLinks ? linkColumn(\.tmdb) : nil)
    }

    /// The user columns of `rows`.
    static func userTable(_ m: FactorModel, rows: [Int]) -> ExplorerUsers {
        let favourite = favouriteGenres(model: m)
        let none = m.catalog.genreNames.count
        return ExplorerUsers(
            count: rows.count, ids: PackedColumn(identifiers: rows.map { m.userIDs[$0] }),
            ratings: PackedColumn(unsigned: rows.map { UInt32(clamping: m.userRatings?.rowLength($0) ?? 0) }),
            favouriteGenre: PackedColumn(unsigned: rows.map { UInt32(clamping: favourite[$0] >= 0 ? favourite[$0] : none) }),
            total: m.userCount)
    }

    /// One model's maps, neighbour lists, clusters and spread (only its name and detail when
    /// it shares an earlier entry's).
    static func modelEntry(_ e: ExplorerEntry) -> ExplorerModel {
        let m = e.model
        let h = m.hyperparameters
        let training = h.inference == .gibbs ? "Gibbs, \(h.burnIn) burn-in sweeps, \(h.samples) samples" : "MAP, \(h.epochs) epochs"
        var entry = ExplorerModel(name: e.name, detail: "\(m.kind.rawValue), K = \(m.rank), \(training)", minRatings: e.minRatings)
        if let same = e.sameAs {
            entry.sameAs = same
            return entry
        }
        entry.movieMaps = e.movieMaps.map(ExplorerMap.init)
        entry.userMaps = e.userMaps.map(ExplorerMap.init)
        entry.neighbourCount = e.neighbours.k
        entry.neighbours = PackedColumn(unsigned: e.neighbours.indices.map { UInt32(clamping: $0) })
        entry.scores = PackedColumn(signed16: e.neighbours.values.map(thousandths))
        entry.clusters = PackedColumn(unsigned: e.clusters.kmeans.assignments.map { UInt32(clamping: $0) })
        entry.clusterNames = e.clusters.summaries.map { s in
            let genres = s.topGenres.prefix(2).map { m.catalog.genreNames[$0.genre] }
            return "\(s.cluster + 1): " + (genres.isEmpty ? "mixed" : genres.joined(separator: " · "))
        }
        if let p = m.posterior {
            entry.spread = PackedColumn(unsigned: e.movieRows.map { UInt32(clamping: Int((max(0, p.movieBiasVariance[$0]).squareRoot() * 1000).rounded())) })
            entry.spreadLabel = "posterior SD of the movie's bias"
        }
        return entry
    }

    /// `score` in thousandths exactly as `similar` prints it ("%.3f"), so the page shows the
    /// same digits.
    static func thousandths(_ score: Float) -> Int {
        guard score.isFinite else { return 0 }
        let printed = String(format: "%.3f", Double(score))
        return Int((Double(printed) ?? 0) * 1000 + (score < 0 ? -0.5 : 0.5))
    }

    /// Mean training rating of each movie (NaN for a movie without any), or nil when the model
    /// holds no ratings. Cost O(ratings).
    static func meanTrainingRatings(_ m: FactorModel) -> [Float]? {
        guard let r = m.userRatings else { return nil }
        var sum = [Double](repeating: 0, count: m.movieCount), count = [Int](repeating: 0, count: m.movieCount)
        for p in 0..<r.count {
            let movie = Int(r.columnIndex[p])
            sum[movie] += Double(r.value[p])
            count[movie] += 1
        }
        return (0..<m.movieCount).map { count[$0] > 0 ? Float(sum[$0] / Double(count[$0])) : .nan }
    }
}
