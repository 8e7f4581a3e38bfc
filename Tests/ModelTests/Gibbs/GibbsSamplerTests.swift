import Core
import Foundation
import Testing
@testable import Model
import TestSupport

/// The Gibbs sampler: its row draws against the closed-form conditional, its determinism, and
/// what it recovers on planted data.
@Suite struct GibbsSamplerTests {
    static func gibbsSettings(_ kind: ModelKind, rank: Int = 4, burnIn: Int = 20, samples: Int = 60, seed: UInt64 = 3) -> Hyperparameters {
        var h = testSettings(kind, rank: rank, seed: seed)
        h.inference = .gibbs
        h.burnIn = burnIn
        h.samples = samples
        return h
    }

    /// Draws one row's (b, x) many times (one sweep number per draw) and compares the sample
    /// mean and covariance with the conditional's closed form, computed here in double:
    /// precision α·M with M = [[n + β/α, sᵀ], [s, Σ q qᵀ + Λ/α]], mean M⁻¹ (Σe, Σ e q + Λm/α).
    @Test func rowDrawsMatchTheConditional() throws {
        let k = 3, kp = paddedRank(k), draws = 6000
        let alpha: Float = 2, beta: Float = 1.5
        // Row 0 of a 1-row problem rates four "movies" whose vectors and biases are fixed.
        let q: [[Float]] = [[0.5, -0.2, 0.1], [0.3, 0.4, -0.6], [-0.7, 0.1, 0.2], [0.2, 0.9, 0.3]]
        let d: [Float] = [0.1, -0.3, 0.2, 0.0]
        let v: [Float] = [4, 2.5, 3, 5]
        let mu: Float = 3.2
        let rows = RatingMatrix.fromTriplets(rows: [0, 0, 0, 0], columns: [0, 1, 2, 3], values: v, rowCount: 1, columnCount: 4)
        var other = [Float](repeating: 0, count: 4 * kp)
        for j in 0..<4 { for c in 0..<k { other[j * kp + c] = q[j][c] } }
        let lambda: [[Float]] = [[2, 0.3, 0], [0.3, 1, -0.2], [0, -0.2, 1.5]]
        let m: [Float] = [0.2, -0.1, 0.4]
        var precision = [Float](repeating: 0, count: kp * kp), term = [Float](repeating: 0, count: kp)
        for i in 0..<k {
            for j in 0..<k { precision[i * kp + j] = lambda[i][j] / alpha; term[i] += lambda[i][j] * m[j] / alpha }
        }
        // Closed form.
        let n = k + 1
        var mat = [Double](repeating: 0, count: n * n), rhs = [Double](repeating: 0, count: n)
        mat[0] = Double(4) + Double(beta / alpha)
        for j in 0..<4 {
            let e = Double(v[j] - mu - d[j])
            rhs[0] += e
            for a in 0..<k {
                mat[a + 1] += Double(q[j][a]); mat[(a + 1) * n] += Double(q[j][a])
                rhs[a + 1] += e * Double(q[j][a])
                for b in 0..<k { mat[(a + 1) * n + b + 1] += Double(q[j][a] * q[j][b]) }
            }
        }
        for a in 0..<k { rhs[a + 1] += Double(term[a]); for b in 0..<k { mat[(a + 1) * n + b + 1] += Double(precision[a * kp + b]) } }
        let covariance = try #require(SymmetricMatrix.inverse(mat, n: n)).map { $0 / Double(alpha) }
        let mean = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + covariance[i * n + $1] * Double(alpha) * rhs[$1] } }

        let scratch = SolverScratch.pool(count: 1, stride: kp, maxRowLength: 4)
        var sum = [Double](repeating: 0, count: n), outer = [Double](repeating: 0, count: n * n)
        var x = [Float](repeating: 0, count: kp), b: [Float] = [0]
        try other.withUnsafeBufferPointer { y in
            try d.withUnsafeBufferPointer { c in
                try precision.withUnsafeBufferPointer { p in
                    try term.withUnsafeBufferPointer { t in
                        for sweep in 1...draws {
                            let problem = GibbsSideProblem(
                                rows: rows, otherFactors: y.baseAddress!, otherBias: c.baseAddress!, mean: mu, rank: k, stride: kp,
                                priorPrecision: p.baseAddress!, priorTerm: t.baseAddress!, priorTermStride: 0,
                                biasPrecision: beta / alpha, noiseScale: 1 / alpha.squareRoot(), seed: 5, sweep: sweep, block: .userRows)
                            let failed = x.withUnsafeMutableBufferPointer { xp in
                                b.withUnsafeMutableBufferPointer { bp in
                                    sampleRowGroup(0, problem, SideOutput(factors: xp.baseAddress!, bias: bp.baseAddress!), scratch[0])
                                }
                            }
                            try #require(failed == 0)
                            let z = [Double(b[0])] + (0..<k).map { Double(x[$0]) }
                            for i in 0..<n { sum[i] += z[i]; for j in 0..<n { outer[i * n + j] += z[i] * z[j] } }
                        }
                    }
                }
            }
        }
        let count = Double(draws)
        for i in 0..<n {
            let sampleMean = sum[i] / count
            let standardError = (covariance[i * n + i] / count).squareRoot()
            #expect(abs(sampleMean - mean[i]) < 5 * standardError, "mean[\(i)] \(sampleMean) vs \(mean[i])")
            for j in 0..<n {
                let sampleCov = outer[i * n + j] / count - sampleMean * sum[j] / count
                let tolerance = 5 * ((covariance[i * n + i] * covariance[j * n + j] + covariance[i * n + j] * covariance[i * n + j]) / count).squareRoot()
                #expect(abs(sampleCov - covariance[i * n + j]) < tolerance, "cov[\(i),\(j)] \(sampleCov) vs \(covariance[i * n + j])")
            }
        }
    }

    @Test(arguments: ModelKind.allCases)
    func sameSeedSameModelAtAnyThreadCount(kind: ModelKind) throws {
        let data = PlantedRatings.make(users: 120, movies: 90).dataset
        let settings = Self.gibbsSettings(kind, burnIn: 3, samples: 4)
        let one = try GibbsTrainer.train(data, settings: settings, threads: 1)
        let three = try GibbsTrainer.train(data, settings: settings, threads: 3)
        #expect(one.model == three.model)
        #expect(one.history.map(\.testRMSE) == three.history.map(\.testRMSE))
        #expect(one.history.map(\.alpha) == three.history.map(\.alpha))
        var other = settings
        other.seed += 1
        let reseeded = try GibbsTrainer.train(data, settings: other, threads: 2)
        #expect(reseeded.model.userBias != one.model.userBias, "a different seed must give a different chain")
    }

    @Test func recoversThePlantedNoiseAndPredictions() throws {
        let planted = PlantedRatings.make(users: 400, movies: 150, ratingsPerUser: 30...60, noise: 0.3)
        let run = try GibbsTrainer.train(planted.dataset, settings: Self.gibbsSettings(.biasUVGenre, burnIn: 30, samples: 60), threads: 2)
        let alpha = Double(try #require(run.model.posterior).noisePrecision)
        let plantedα = 1 / Double(planted.noise * planted.noise)
        #expect(abs(alpha - plantedα) / plantedα < 0.15, "posterior mean α \(alpha) vs planted \(plantedα)")
        let test = run.history.last!.testRMSE
        #expect(test < Double(planted.noise) * 1.2, "test RMSE \(test) vs noise \(planted.noise)")
    }

    @Test func posteriorMeanBeatsMAPWithLittleData() throws {
        // Few ratings per user and movie: a point estimate overfits what the posterior averages.
        let planted = PlantedRatings.make(users: 300, movies: 120, ratingsPerUser: 6...15, noise: 0.5, movieStrength: 0.3, seed: 21)
        let map = try ALSTrainer.train(planted.dataset, settings: testSettings(.biasUV, rank: 8, epochs: 15, tau: 1, gamma: 1), threads: 2)
        let gibbs = try GibbsTrainer.train(planted.dataset, settings: Self.gibbsSettings(.biasUV, rank: 8, burnIn: 30, samples: 80), threads: 2)
        let mapRMSE = map.history.last!.testRMSE, gibbsRMSE = gibbs.history.last!.testRMSE
        #expect(gibbsRMSE < mapRMSE - 0.01, "Gibbs \(gibbsRMSE) vs MAP \(mapRMSE)")
    }

    @Test func historyMarksTheBurnInAndAveragesAfterIt() throws {
        let data = PlantedRatings.make(users: 100, movies: 80).dataset
        let run = try GibbsTrainer.train(data, settings: Self.gibbsSettings(.biasUV, burnIn: 5, samples: 7), threads: 2)
        #expect(run.history.count == 12)
        #expect(run.history.filter(\.burnIn).map(\.epoch) == Array(1...5))
        #expect(run.history.allSatisfy { $0.alpha.isFinite && $0.alpha > 0 && $0.trainRMSE.isFinite })
        #expect(run.model.posterior?.samples == 7)
        #expect(run.model.hyperparameters.inference == .gibbs)
        let csv = ExperimentFolder.metricsCSV(run.history)
        #expect(csv.hasPrefix("sweep,burn_in,train_rmse,test_rmse,alpha,seconds\n1,1,"))
        #expect(csv.split(separator: "\n").count == 13)
    }

    @Test func badSettingsAreRefusedBeforeAnyWork() {
        let data = PlantedRatings.make(users: 20, movies: 20).dataset
        var h = Self.gibbsSettings(.biasUV)
        h.samples = 0
        #expect(throws: TrainingError.self) { try GibbsTrainer.train(data, settings: h) }
        h.samples = 5
        h.burnIn = -1
        #expect(throws: TrainingError.self) { try GibbsTrainer.train(data, settings: h) }
    }

    @Test func nonFiniteRatingsStopTheRunNamingTheSweepAndRow() throws {
        var data = PlantedRatings.make(users: 40, movies: 30).dataset
        var values = data.trainByUser.value
        values[5] = .infinity
        data = Dataset(userIDs: data.userIDs, catalog: data.catalog, scale: data.scale,
                       trainByUser: RatingMatrix(rowCount: data.trainByUser.rowCount, columnCount: data.trainByUser.columnCount,
                                                 rowStart: data.trainByUser.rowStart, columnIndex: data.trainByUser.columnIndex, value: values),
                       test: data.test, source: data.source)
        do {
            _ = try GibbsTrainer.train(data, settings: Self.gibbsSettings(.biasUV, burnIn: 1, samples: 2), threads: 2)
            Issue.record("a non-finite rating must stop the sampler")
        } catch let error as TrainingError {
            #expect(error.description.contains("sweep"), "\(error)")
        }
    }

    @Test(arguments: ModelKind.allCases)
    func sweepResidualsFromNormalEquationsMatchAPassOverTheRatings(kind: ModelKind) throws {
        let data = PlantedRatings.make(users: 150, movies: 100).dataset
        let state = try GibbsState(dataset: data, settings: Self.gibbsSettings(kind), threads: 2, warmStart: 0)
        for sweep in 1...3 {
            let fromSweep = try state.sweep(sweep)
            let direct = state.residuals()
            #expect(fromSweep.count == direct.count)
            #expect(abs(fromSweep.squared - direct.squared) <= 1e-4 * direct.squared, "sweep \(sweep): \(fromSweep.squared) vs \(direct.squared)")
        }
    }
}
