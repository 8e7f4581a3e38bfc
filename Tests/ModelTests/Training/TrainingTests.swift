import Core
import Testing
@testable import Model
import TestSupport

/// Behaviour of the ALS trainer on planted synthetic data, for all three models.
@Suite struct TrainingTests {
    static let data = PlantedRatings.make()

    @Test(arguments: ModelKind.allCases)
    func lossNeverIncreases(kind: ModelKind) throws {
        let run = try ALSTrainer.train(Self.data.dataset, settings: testSettings(kind, epochs: 12), threads: 2)
        #expect(run.history.count == 12)
        for (a, b) in zip(run.history, run.history.dropFirst()) {
            #expect(b.loss <= a.loss * (1 + 1e-6), "epoch \(b.epoch): \(b.loss) > \(a.loss)")
        }
        // Also monotone within the epoch: each half-step lowers L.
        let state = try ALSState(dataset: Self.data.dataset, settings: testSettings(kind), threads: 2)
        var last = state.evaluate().loss
        for _ in 0..<4 {
            try state.updateUsers()
            let afterUsers = state.evaluate().loss
            try state.updateMovies()
            let afterMovies = state.evaluate().loss
            #expect(afterUsers <= last * (1 + 1e-6) && afterMovies <= afterUsers * (1 + 1e-6))
            last = afterMovies
        }
    }

    @Test(arguments: ModelKind.allCases)
    func eachBlockUpdateZeroesItsGradient(kind: ModelKind) throws {
        let state = try ALSState(dataset: Self.data.dataset, settings: testSettings(kind), threads: 2)
        try state.epoch()
        let before = BlockGradients(state).largest
        try state.updateUsers()
        let afterUsers = BlockGradients(state).largest
        try state.updateMovies()
        let afterMovies = BlockGradients(state).largest
        // A user step leaves user gradients at rounding level; the movie step (jointly with the
        // genre vectors for the genre model) leaves movie and genre gradients there.
        #expect(afterUsers.users < 2e-3, "user gradient \(afterUsers.users)")
        #expect(afterMovies.movies < 2e-3, "movie gradient \(afterMovies.movies)")
        #expect(afterMovies.genres < 2e-3, "genre gradient \(afterMovies.genres)")
        // … and the gradients were not already small (so the check can fail).
        #expect(max(before.users, afterUsers.movies) > 1e-2)
    }

    @Test func plantedModelIsRecovered() throws {
        let planted = PlantedRatings.make(users: 400, movies: 150, ratingsPerUser: 30...60, noise: 0.3)
        let run = try ALSTrainer.train(planted.dataset, settings: testSettings(.biasUVGenre, epochs: 15, tau: 1, gamma: 1), threads: 2)
        let test = run.history.last!.testRMSE
        #expect(test < Double(planted.noise) * 1.25, "test RMSE \(test) vs noise \(planted.noise)")
        #expect(test > Double(planted.noise) * 0.8)
    }

    @Test func modelsAreOrderedWhenGenresMatter() throws {
        // Few ratings per movie: the genre prior carries information the ratings do not.
        let planted = PlantedRatings.make(users: 250, movies: 400, ratingsPerUser: 5...25, genreStrength: 1.2, movieStrength: 0.3)
        var rmse: [ModelKind: Double] = [:]
        for kind in ModelKind.allCases {
            let run = try ALSTrainer.train(planted.dataset, settings: testSettings(kind, epochs: 15, tau: 1, gamma: 2), threads: 2)
            rmse[kind] = run.history.last!.testRMSE
        }
        #expect(rmse[.bias]! > rmse[.biasUV]! && rmse[.biasUV]! > rmse[.biasUVGenre]!, "\(rmse)")
    }

    @Test func jointGenreStepConvergesFasterThanAlternation() throws {
        // Movies with few ratings and informative genres: there y and w are tightly coupled and
        // plain block alternation crawls (measured: after 10 epochs the alternating scheme is
        // ~225 above the optimum of ~780, the joint step ~8 above it).
        let planted = PlantedRatings.make(users: 250, movies: 400, ratingsPerUser: 5...25, genreStrength: 1.2, movieStrength: 0.3)
        let settings = testSettings(.biasUVGenre, tau: 5, gamma: 2)
        let joint = try ALSState(dataset: planted.dataset, settings: settings, threads: 2)
        let plain = try ALSState(dataset: planted.dataset, settings: settings, threads: 2, genreScheme: .alternating)
        for _ in 0..<10 { try joint.epoch(); try plain.epoch() }
        let reference = try ALSState(dataset: planted.dataset, settings: settings, threads: 2)
        for _ in 0..<40 { try reference.epoch() }
        let best = reference.evaluate().loss
        let jointGap = joint.evaluate().loss - best, plainGap = plain.evaluate().loss - best
        #expect(jointGap >= -1e-6 * best && plainGap > 0)
        #expect(jointGap < 0.2 * plainGap, "after 10 epochs: joint gap \(jointGap), alternating gap \(plainGap)")
    }

    @Test func sameSeedGivesIdenticalModelsWhateverTheThreadCount() throws {
        let settings = testSettings(.biasUVGenre, epochs: 4)
        let runA = try ALSTrainer.train(Self.data.dataset, settings: settings, threads: 2)
        let runC = try ALSTrainer.train(Self.data.dataset, settings: settings, threads: 1)
        let a = runA.model, c = runC.model
        let b = try ALSTrainer.train(Self.data.dataset, settings: settings, threads: 2).model
        #expect(a == b)
        #expect(a == c)
        // The held-out RMSE (summed in parallel) is the same at any thread count, and is the
        // RMSE of the model's clamped predictions.
        #expect(runA.history.map(\.testRMSE) == runC.history.map(\.testRMSE))
        let test = Self.data.dataset.test
        var squares: Double = 0
        for t in 0..<test.count {
            let e = Double(test.ratings[t] - a.predict(user: Int(test.users[t]), movie: Int(test.movies[t])))
            squares += e * e
        }
        let direct = (squares / Double(test.count)).squareRoot()
        #expect(abs(runA.history.last!.testRMSE - direct) < 1e-5)
        var other = settings
        other.seed = 4
        #expect(try ALSTrainer.train(Self.data.dataset, settings: other, threads: 2).model != a)
    }

    @Test(arguments: [(Float(0), Float(0)), (0, 1), (1, 0)])
    func degenerateDataAndZeroPriorsStayFinite(tau: Float, gamma: Float) throws {
        // Users with one rating, users and movies with none, τ = 0 and/or γ = 0.
        let planted = PlantedRatings.make(users: 60, movies: 80, ratingsPerUser: 1...4, emptyUsers: 3, emptyMovies: 4)
        for kind in ModelKind.allCases {
            let run = try ALSTrainer.train(planted.dataset, settings: testSettings(kind, epochs: 3, tau: tau, gamma: gamma), threads: 2)
            let m = run.model
            let all = m.userBias + m.movieBias + m.userFactors.values + m.movieFactors.values + m.genreFactors.values + [m.globalMean]
            #expect(all.allSatisfy { $0.isFinite }, "\(kind) τ=\(tau) γ=\(gamma)")
            #expect(run.history.allSatisfy { $0.loss.isFinite && $0.testRMSE.isFinite })
        }
    }

    @Test func moviesWithoutRatingsFallBackToTheirGenrePrior() throws {
        let planted = PlantedRatings.make(users: 100, movies: 80, emptyMovies: 5)
        let m = try ALSTrainer.train(planted.dataset, settings: testSettings(.biasUVGenre, epochs: 5), threads: 2).model
        for i in 80..<85 {
            #expect(m.movieBias[i] == 0)
            let g = m.genrePrior(movie: i)
            for c in 0..<m.rank { #expect(abs(m.movieFactors[i, c] - g[c]) < 1e-5) }
        }
    }

    @Test func invalidSettingsAreRejectedBeforeWork() {
        var s = testSettings(.biasUV)
        for change in [{ (h: inout Hyperparameters) in h.lambda = 0 }, { $0.lambda = -1 }, { $0.tau = -0.1 },
                       { $0.gamma = .nan }, { $0.rank = 0 }, { $0.epochs = 0 }, { $0.initScale = -1 }] {
            var h = s
            change(&h)
            #expect(throws: TrainingError.self) { try ALSTrainer.train(Self.data.dataset, settings: h) }
        }
        s.kind = .bias
        s.rank = 0
        #expect(throws: Never.self) { try s.validate() }
    }

    @Test func aFailedCholeskyNamesTheRowAndSuggestsRaisingTau() throws {
        // Vectors of size 1e20 overflow the first user's normal matrix (Σ y yᵀ = ∞).
        var h = testSettings(.biasUVGenre, epochs: 1)
        h.initScale = 1e20
        let error = #expect(throws: TrainingError.self) { try ALSTrainer.train(Self.data.dataset, settings: h, threads: 2) }
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains("user row 0 (id \(Self.data.dataset.userIDs[0]))"), "\(text)")
        #expect(text.contains("τ, e.g. to 20.0"), "\(text)")
        // The genre system has no row: its message says so, with the same advice.
        let genre = "\(TrainingError.genreSystemFailed(tau: 3))"
        #expect(genre.contains("genre vectors' joint system") && genre.contains("τ, e.g. to 30.0"))
    }

    @Test func progressClosureCanStopTraining() throws {
        var seen = 0
        let run = try ALSTrainer.train(Self.data.dataset, settings: testSettings(.biasUV, epochs: 10), threads: 2) { report in
            seen += 1
            return report.epoch == 3
        }
        #expect(seen == 3 && run.history.count == 3)
    }
}
