import Core
import Foundation
import Model
import Projection

/// How a set of embedding vectors is flattened to two dimensions.
public enum ProjectionMethod: String, CaseIterable, Sendable {
    case pca, tsne
}

/// Which of a model's embeddings to map.
public enum EmbeddingKind: String, CaseIterable, Sendable {
    case movies, users
}

/// A 2-D map of some of a model's movies or users: which rows, where they land, and how.
public struct EmbeddingMap: Sendable {
    /// Dense movie or user indices of the mapped rows.
    public var rows: [Int]
    /// One (x, y) per mapped row.
    public var x: [Double]
    public var y: [Double]
    public var method: ProjectionMethod
    /// A line for captions and logs, e.g. "t-SNE, perplexity 30, KL 1.82".
    public var detail: String

    /// Axis names for charts.
    public var axisNames: (String, String) { method == .pca ? ("PC 1", "PC 2") : ("t-SNE 1", "t-SNE 2") }

    /// A map of `rows` placed at (`x`, `y`).
    public init(rows: [Int], x: [Double], y: [Double], method: ProjectionMethod, detail: String) {
        self.rows = rows
        self.x = x
        self.y = y
        self.method = method
        self.detail = detail
    }

    /// Projects the rows `rows` of `vectors` with `method`. t-SNE's perplexity is lowered for
    /// small sets (it must stay below a third of the number of points). `progress` receives the
    /// fraction done.
    /// t-SNE starts from the PCA layout (deterministic) unless `randomStart` is set, in which
    /// case it starts from Gaussian noise drawn from `seed`. Cost: PCA O(n·K²); t-SNE
    /// O(n log n) per iteration (Barnes–Hut), about 1,000 iterations.
    public static func compute(vectors: Matrix, rows: [Int], method: ProjectionMethod, perplexity: Double,
                        randomStart: Bool = false, seed: UInt64, threads: Int,
                        progress: @escaping (Double) -> Void = { _ in }) throws -> EmbeddingMap {
        guard vectors.columns > 0 else {
            throw AnalysisError.noVectors(nil)
        }
        guard rows.count >= 5 else {
            throw AnalysisError.tooFew(rows.count, needed: 5, what: "movies or users")
        }
        let data = vectors.selectingRows(rows)
        switch method {
        case .pca:
            let pca = PCA(fitting: data, components: 2, threads: threads)
            let p = pca.project(data)
            let share = pca.explainedVarianceRatio.prefix(2).map { String(format: "%.0f%%", $0 * 100) }.joined(separator: " + ")
            return EmbeddingMap(rows: rows, x: (0..<p.rows).map { Double(p[$0, 0]) }, y: (0..<p.rows).map { Double(p[$0, 1]) },
                                method: .pca, detail: "PCA, \(share) of the variance")
        case .tsne:
            var parameters = TSNE.Parameters()
            parameters.perplexity = min(perplexity, Double(rows.count - 1) / 3)
            if randomStart { parameters.initialisation = .random(seed: seed) }
            parameters.threads = threads
            let total = Double(parameters.earlyExaggerationIterations + parameters.iterations)
            let result = try TSNE.embed(data, parameters: parameters) { iteration, _, _ in
                progress(Double(iteration) / total)
                return false
            }
            let e = result.embedding
            return EmbeddingMap(rows: rows, x: (0..<e.rows).map { Double(e[$0, 0]) }, y: (0..<e.rows).map { Double(e[$0, 1]) },
                                method: .tsne, detail: String(format: "t-SNE, perplexity %.0f, KL divergence %.3f", parameters.perplexity, result.klDivergence))
        }
    }
}
