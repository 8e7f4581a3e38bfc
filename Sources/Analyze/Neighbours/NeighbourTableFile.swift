import Core
import Foundation
import Model

/// Every movie's nearest neighbours as one CSV table
/// (`movieId,title,rank,neighbourId,neighbourTitle,similarity`): the work of
/// `cinematrix neighbours`. Only movies with at least `minRatings` training ratings take part,
/// as queries and as neighbours.
public enum NeighbourTableFile {
    /// What was written.
    public struct Written: Sendable {
        public var path: String
        public var movies: Int
        public var top: Int
        /// Seconds spent finding the neighbours (the blocked products), not writing them.
        public var seconds: Double
    }

    /// Computes the table exactly (blocked matrix products, O(movies² · K)) and writes it to
    /// `OUT/neighbours.csv`.
    public static func write(model m: FactorModel, modelPath: String, top: Int, similarity: Similarity, minRatings: Int,
                             threads: Int, out: String) throws -> Written {
        guard m.rank > 0 else { throw AnalysisError.noVectors(modelPath) }
        let rows = MapProjection.rows(of: .movies, model: m, minRatings: minRatings)
        guard rows.count > top else { throw AnalysisError.tooFew(rows.count, needed: top + 1, what: "movies") }
        try OutputFolderCreation.create(out)
        let start = Date()
        let index = NeighbourIndex(vectors: m.movieFactors.selectingRows(rows), similarity: similarity)
        let table = index.table(k: top, threads: threads)
        let seconds = Date().timeIntervalSince(start)
        var csv = "movieId,title,rank,neighbourId,neighbourTitle,similarity\n"
        csv.reserveCapacity(rows.count * top * 60)
        for (q, movie) in rows.enumerated() {
            let head = "\(m.catalog.movieIDs[movie]),\(CSVTable.field(m.catalog.displayTitle(movie))),"
            for r in 0..<top {
                let n = rows[Int(table.indices[q * top + r])]
                csv += head + "\(r + 1),\(m.catalog.movieIDs[n]),\(CSVTable.field(m.catalog.displayTitle(n))),\(table.values[q * top + r])\n"
            }
        }
        let path = out + "/neighbours.csv"
        try OutputFile.write(csv, to: path)
        return Written(path: path, movies: rows.count, top: top, seconds: seconds)
    }
}
