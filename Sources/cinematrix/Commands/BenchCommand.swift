import ArgumentParser
import Core
import Foundation
import Model
import Projection
import Analyze

/// Developer benchmarks (`cinematrix bench tsne|neighbours`), driven by `scripts/bench-*.sh`,
/// which run the peer tool on the same input in the same run.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time t-SNE and the neighbour table on a .npy matrix (developer tool; see scripts/bench-*.sh).",
        shouldDisplay: false,
        subcommands: [TSNEBench.self, NeighboursBench.self, RecommendBench.self]
    )
}

/// Seconds elapsed while running `body`.
func measure<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try body()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

struct TSNEBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tsne", abstract: "Run t-SNE on a .npy matrix and score it.")

    @Option(help: "Input matrix (.npy, N × D float32/float64).") var input: String
    @Option(help: "Embedding from another tool (.npy, N × 2) to score on the same terms.") var reference: String?
    @Option(help: "Write our embedding here (.npy).") var out: String?
    @Option(help: "Perplexity.") var perplexity: Double = 30
    @Option(help: "Normal-phase iterations.") var iterations: Int = 500
    @Option(help: "Barnes-Hut opening angle.") var theta: Double = 0.5
    @Option(help: "Threads (default: all cores); give the peer the same count (openTSNE n_jobs).") var threads: Int = availableCores
    @Flag(help: "Print KL every 50 iterations.") var verbose = false

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let data = try NPYFile.read(path: input)
        var parameters = TSNE.Parameters()
        parameters.perplexity = perplexity
        parameters.iterations = iterations
        parameters.theta = theta
        parameters.threads = boundedThreads(threads)
        var last = DispatchTime.now().uptimeNanoseconds
        let (result, seconds) = try measure {
            try TSNE.embed(data, parameters: parameters) { iteration, kl, _ in
                if verbose, let kl {
                    let now = DispatchTime.now().uptimeNanoseconds
                    print(String(format: "  iteration %4d  KL %.4f  (%.2f s)", iteration, kl, Double(now - last) / 1e9))
                    last = now
                }
                return false
            }
        }
        if let out { try NPYFile.write(result.embedding, to: out) }
        let high = ExactNeighbours.euclidean(data, k: 10)
        let ours = result.embedding.values.map(Double.init)
        let exact = TSNEGradient.exactKL(embedding: ours, affinities: result.affinities)
        let kept = NeighbourPreservation.score(high: high, low: result.embedding, k: 10)
        print(String(format: "cinematrix  n=%d  time %7.2f s  KL(own) %.4f  KL(exact, shared P) %.4f  10-NN preservation %.4f  (threads=%d)",
                     data.rows, seconds, result.klDivergence, exact, kept, parameters.threads))
        if let reference {
            let other = try NPYFile.read(path: reference)
            let y = other.values.map(Double.init)
            let otherKL = TSNEGradient.exactKL(embedding: y, affinities: result.affinities)
            let otherKept = NeighbourPreservation.score(high: high, low: other, k: 10)
            print(String(format: "reference   n=%d  KL(exact, shared P) %.4f  10-NN preservation %.4f", other.rows, otherKL, otherKept))
        }
    }
}

struct NeighboursBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "neighbours", abstract: "Time the all-rows top-k table and single queries.")

    @Option(help: "Input matrix (.npy, N × D).") var input: String
    @Option(help: "Neighbours per row.") var top: Int = 10
    @Option(help: "cosine or dot.") var similarity: String = "cosine"
    @Option(help: "Another tool's neighbour indices (.npy, N × top, as floats) to compare with.") var reference: String?

    func run() throws {
        let data = try NPYFile.read(path: input)
        guard let kind = Similarity(rawValue: similarity) else { throw ValidationError("--similarity must be cosine or dot") }
        let (index, prepare) = measure { NeighbourIndex(vectors: data, similarity: kind) }
        let (table, seconds) = measure { index.table(k: top) }
        let queries = stride(from: 0, to: data.rows, by: max(1, data.rows / 200)).map { $0 }
        var checksum = 0
        let (_, querySeconds) = measure { for q in queries { checksum &+= index.mostSimilar(toRow: q, k: top).first?.index ?? 0 } }
        print(String(format: "cinematrix  n=%d  table %.2f s (+ %.3f s packing)  one query %.3f ms  (checksum %d)",
                     data.rows, seconds, prepare, 1000 * querySeconds / Double(queries.count), checksum))
        if let reference {
            let other = try NPYFile.read(path: reference)
            var same = 0
            for i in 0..<data.rows {
                let mine = Set(table.neighbours(of: i).map(Int.init))
                same += other.row(i).prefix(top).filter { mine.contains(Int($0)) }.count
            }
            print(String(format: "agreement with reference: %.5f of neighbours identical", Double(same) / Double(data.rows * top)))
        }
    }
}
