import Core

/// t-SNE to two dimensions (van der Maaten & Hinton 2008; Barnes-Hut, van der Maaten 2014),
/// following openTSNE's defaults stage by stage:
/// exact k-NN (k = 3 × perplexity) → perplexity calibration → symmetric P → initialisation →
/// early exaggeration → normal phase. All "auto" parameters are resolved in `resolved(count:)`;
/// the stages see only concrete values. Deterministic for given input, parameters and seed,
/// whatever the thread count.
public enum TSNE {
    /// Input distance between rows.
    public enum Metric: String, Sendable, CaseIterable {
        case euclidean, cosine
    }

    /// Every knob, with openTSNE's defaults. `nil` means "auto" (resolved from N).
    public struct Parameters: Sendable {
        /// Effective number of neighbours each point's Gaussian covers.
        public var perplexity: Double = 30
        /// Input distance.
        public var metric: Metric = .euclidean
        /// Neighbours per point for the affinities; auto: min(N − 1, ⌊3 × perplexity⌋).
        public var neighbours: Int? = nil
        /// Starting positions.
        public var initialisation: TSNEInitialisation = .pca
        /// Factor on P during the first phase.
        public var earlyExaggeration: Double = 12
        /// Iterations of the exaggerated phase.
        public var earlyExaggerationIterations = 250
        /// Iterations of the normal (un-exaggerated) phase.
        public var iterations = 500
        /// Learning rate; auto: N / exaggeration in each phase.
        public var learningRate: Double? = nil
        /// Momentum of the exaggerated phase.
        public var initialMomentum = 0.5
        /// Momentum of the normal phase.
        public var finalMomentum = 0.8
        /// Barnes-Hut opening angle (≤ 0.7; 0.5 is the usual speed/accuracy balance).
        public var theta = 0.5
        /// Floor added to shrinking gains.
        public var minGain = 0.01
        /// Longest step a point may take per iteration (nil: unlimited).
        public var maxStepNorm: Double? = 5
        /// Evaluate the KL divergence every this many iterations (and at the end).
        public var klEvery = 50
        /// Threads for the parallel loops (results do not depend on it).
        public var threads = availableCores

        /// openTSNE's defaults.
        public init() {}
    }

    /// A finished embedding.
    public struct Result: Sendable {
        /// N × 2 coordinates.
        public var embedding: Matrix
        /// KL(P ‖ Q) of the final embedding, in nats (Barnes-Hut estimate of Z).
        public var klDivergence: Double
        /// Iterations run (both phases), fewer when the progress closure asked to stop.
        public var iterations: Int
        /// The affinities used (for evaluation, e.g. `TSNEGradient.exactKL`).
        public var affinities: SparseAffinities
    }

    /// Called after each iteration's gradient with (iteration number from 1, KL divergence when it
    /// was evaluated, current embedding interleaved x, y); return `true` to stop early.
    public typealias Progress = (_ iteration: Int, _ kl: Double?, _ embedding: [Double]) -> Bool

    /// Embeds the rows of `data` (N × D) in 2-D.
    /// Cost: N²·D/8 vector multiply-adds for the exact neighbours, then per iteration
    /// O(N·k + N log N) (Barnes-Hut), all parallel over `parameters.threads`.
    public static func embed(_ data: Matrix, parameters: Parameters = Parameters(), progress: Progress? = nil) throws -> Result {
        try validate(data, parameters)
        let input = parameters.metric == .cosine ? ExactNeighbours.normalisedRows(data) : data
        let k = parameters.neighbours ?? min(data.rows - 1, Int(3 * parameters.perplexity))
        let neighbours = ExactNeighbours.euclidean(input, k: k, threads: parameters.threads)
        let rows = PerplexityCalibration.calibrate(neighbours, perplexity: parameters.perplexity, threads: parameters.threads)
        let p = SparseAffinities(conditional: rows, neighbours: neighbours, threads: parameters.threads)
        let start = parameters.initialisation.positions(for: input, threads: parameters.threads)
        return optimise(affinities: p, initial: start, parameters: parameters, progress: progress)
    }

    /// Runs both optimisation phases from `initial` on given affinities.
    public static func optimise(affinities p: SparseAffinities, initial: [Double], parameters: Parameters,
                                progress: Progress? = nil) -> Result {
        let n = p.count
        var y = initial
        var gradient = [Double](repeating: 0, count: 2 * n)
        var treeOrder: [Int32] = []
        var optimiser = TSNEOptimiser(count: n, minGain: parameters.minGain, maxStepNorm: parameters.maxStepNorm)
        let phases: [(exaggeration: Double, iterations: Int, momentum: Double)] = [
            (parameters.earlyExaggeration, parameters.earlyExaggerationIterations, parameters.initialMomentum),
            (1, parameters.iterations, parameters.finalMomentum),
        ]
        let total = phases.reduce(0) { $0 + $1.iterations }
        var done = 0
        run: for phase in phases {
            let rate = parameters.learningRate ?? Double(n) / phase.exaggeration
            for _ in 0..<phase.iterations {
                done += 1
                let evaluate = progress != nil && (done % max(1, parameters.klEvery) == 0 || done == total)
                let kl = TSNEGradient.barnesHut(embedding: y, affinities: p, exaggeration: phase.exaggeration,
                                                theta: parameters.theta, evaluateKL: evaluate,
                                                threads: parameters.threads, gradient: &gradient, treeOrder: &treeOrder)
                if let progress, progress(done, kl, y) { break run }
                optimiser.step(&y, gradient: gradient, learningRate: rate, momentum: phase.momentum)
            }
        }
        let kl = TSNEGradient.barnesHut(embedding: y, affinities: p, exaggeration: 1, theta: parameters.theta,
                                        evaluateKL: true, threads: parameters.threads, gradient: &gradient) ?? .nan
        let embedding = Matrix(rows: n, columns: 2, values: y.map { Float($0) })
        return Result(embedding: embedding, klDivergence: kl, iterations: done, affinities: p)
    }

    static func validate(_ data: Matrix, _ parameters: Parameters) throws {
        guard data.rows >= 4 else { throw ProjectionError.tooFewPoints(count: data.rows, needed: 4) }
        for (t, v) in data.values.enumerated() where !v.isFinite {
            throw ProjectionError.nonFiniteValue(row: t / data.columns, column: t % data.columns)
        }
        guard parameters.perplexity > 0, parameters.perplexity < Double(data.rows - 1) else {
            throw ProjectionError.invalidParameter(name: "perplexity", value: "\(parameters.perplexity)",
                                                   expected: "a value in (0, \(data.rows - 1)) for \(data.rows) points")
        }
        if let k = parameters.neighbours, k < 1 || k >= data.rows {
            throw ProjectionError.invalidParameter(name: "neighbours", value: "\(k)", expected: "1 ..< \(data.rows)")
        }
        guard parameters.theta >= 0, parameters.theta <= 1 else {
            throw ProjectionError.invalidParameter(name: "theta", value: "\(parameters.theta)", expected: "0 ... 1")
        }
    }
}
