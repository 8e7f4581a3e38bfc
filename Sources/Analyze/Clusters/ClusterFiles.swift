import Foundation
import Model

/// k-means clusters of a model's movies written as files: `clusters.csv`,
/// `cluster-summary.csv`, `genre-similarity.png`, `clusters.json` (settings and agreement
/// scores) and `clusters.png` (the clusters on a 2-D map). The work of `cinematrix cluster`.
public enum ClusterFiles {
    public static func write(model m: FactorModel, modelPath: String, k: Int, restarts: Int, method: ProjectionMethod,
                             minRatings: Int, seed: UInt64, threads: Int, out: String,
                             progress: @escaping (Double) -> Void) throws -> ClusterAnalysis {
        guard m.rank > 0 else { throw AnalysisError.noVectors(modelPath) }
        let rows = MapProjection.rows(of: .movies, model: m, minRatings: minRatings)
        let result = try ClusterAnalysis.run(model: m, rows: rows, k: k, restarts: restarts, seed: seed, threads: threads)
        let subject = ChartSubject.of(model: m, modelPath: modelPath)
        try result.write(into: out, subject: subject)
        var record = ParameterRecord(model: modelPath, seed: seed, minRatings: minRatings)
        record.set("k", Double(k))
        record.set("restarts", Double(restarts))
        record.set("method", method.rawValue)
        record.set("inertia", result.kmeans.inertia)
        record.set("purity", result.agreement.purity)
        record.set("nmi", result.agreement.normalisedMutualInformation)
        record.set("ari", result.agreement.adjustedRandIndex)
        try record.write(to: out + "/clusters.json")
        let map = try EmbeddingMap.compute(vectors: m.movieFactors, rows: rows, method: method, perplexity: 30, seed: seed,
                                           threads: threads, progress: progress)
        try result.mapChart(map, subject: subject).write(to: out + "/clusters.png")
        return result
    }
}
