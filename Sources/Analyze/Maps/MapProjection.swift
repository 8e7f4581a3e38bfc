import Foundation
import Model

/// A 2-D map of a model's movies or users written as files: coordinates (CSV), a scatter plot
/// (PNG) and the settings (JSON) for `cinematrix project`, or one highlight map per genre for
/// `cinematrix maps`.
public enum MapProjection {
    /// The mapped rows: movies with at least `minRatings` training ratings, or users with at
    /// least that many ratings (every user when the model holds no ratings).
    public static func rows(of kind: EmbeddingKind, model m: FactorModel, minRatings: Int) -> [Int] {
        switch kind {
        case .movies:
            return (0..<m.movieCount).filter { Int(m.movieRatingCounts[$0]) >= minRatings }
        case .users:
            guard let r = m.userRatings else { return Array(0..<m.userCount) }
            return (0..<m.userCount).filter { r.rowLength($0) >= minRatings }
        }
    }

    /// Maps `kind` of `model` (read from `modelPath`) and writes `OUT/<kind>-<method>.csv`,
    /// `.png` and `.json`. Returns the map and the path stem.
    public static func write(_ kind: EmbeddingKind, model m: FactorModel, modelPath: String, method: ProjectionMethod,
                             perplexity: Double, randomStart: Bool, minRatings: Int, seed: UInt64, threads: Int, out: String,
                             progress: @escaping (Double) -> Void) throws -> (map: EmbeddingMap, stem: String) {
        guard m.rank > 0 else { throw AnalysisError.noVectors(modelPath) }
        try OutputFolderCreation.create(out)
        let rows = rows(of: kind, model: m, minRatings: minRatings)
        let map = try EmbeddingMap.compute(vectors: kind == .movies ? m.movieFactors : m.userFactors, rows: rows, method: method,
                                           perplexity: perplexity, randomStart: randomStart, seed: seed, threads: threads,
                                           progress: progress)
        let stem = "\(out)/\(kind.rawValue)-\(method.rawValue)"
        switch kind {
        case .movies: try EmbeddingCharts.movies(map, model: m, subject: ChartSubject.of(model: m, modelPath: modelPath)).write(to: stem + ".png")
        case .users: try EmbeddingCharts.users(map, model: m, subject: ChartSubject.of(model: m, modelPath: modelPath)).write(to: stem + ".png")
        }
        try table(kind, map: map, model: m).write(to: stem + ".csv")
        var record = ParameterRecord(model: modelPath, seed: seed, minRatings: minRatings)
        record.set("of", kind.rawValue)
        record.set("method", method.rawValue)
        record.set("perplexity", perplexity)
        record.set("randomStart", randomStart)
        record.set("points", Double(map.rows.count))
        record.set("detail", map.detail)
        try record.write(to: stem + ".json")
        return (map, stem)
    }

    /// The coordinates of `map` (of `kind` of `model`) as the CSV `project` writes:
    /// `movieId,title,year,genres,ratings,x,y` for movies, `userId,favouriteGenre,x,y` for users.
    /// Cost O(points), plus O(ratings) for users' favourite genres.
    public static func table(_ kind: EmbeddingKind, map: EmbeddingMap, model m: FactorModel) -> CSVTable {
        switch kind {
        case .movies:
            return CSVTable(header: ["movieId", "title", "year", "genres", "ratings", "x", "y"], rows: map.rows.enumerated().map { p, i in
                ["\(m.catalog.movieIDs[i])", m.catalog.titles[i], "\(m.catalog.years[i])", m.catalog.genreList(i),
                 "\(m.movieRatingCounts[i])", "\(map.x[p])", "\(map.y[p])"]
            })
        case .users:
            let favourite = favouriteGenres(model: m)
            return CSVTable(header: ["userId", "favouriteGenre", "x", "y"], rows: map.rows.enumerated().map { p, u in
                ["\(m.userIDs[u])", favourite[u] >= 0 ? m.catalog.genreNames[favourite[u]] : "", "\(map.x[p])", "\(map.y[p])"]
            })
        }
    }

    /// The movie map drawn once per genre into `OUT/maps/` (`<Genre>.png`, `grid.png`,
    /// `parameters.json`). Returns the map and the paths of the pictures.
    public static func writeGenreMaps(model m: FactorModel, modelPath: String, method: ProjectionMethod, perplexity: Double,
                                      minRatings: Int, seed: UInt64, threads: Int, out: String,
                                      progress: @escaping (Double) -> Void) throws -> (map: EmbeddingMap, paths: [String]) {
        guard m.rank > 0 else { throw AnalysisError.noVectors(modelPath) }
        let rows = rows(of: .movies, model: m, minRatings: minRatings)
        let map = try EmbeddingMap.compute(vectors: m.movieFactors, rows: rows, method: method, perplexity: perplexity, seed: seed,
                                           threads: threads, progress: progress)
        let paths = try EmbeddingCharts.writeGenreMaps(map, model: m, subject: ChartSubject.of(model: m, modelPath: modelPath),
                                                       into: out + "/maps")
        var record = ParameterRecord(model: modelPath, seed: seed, minRatings: minRatings)
        record.set("method", method.rawValue)
        record.set("perplexity", perplexity)
        record.set("points", Double(map.rows.count))
        record.set("detail", map.detail)
        try record.write(to: out + "/maps/parameters.json")
        return (map, paths)
    }
}
