import Core
import Analyze
import Foundation
import Model
import Testing
import TestSupport

/// The analyses the commands call, driven as library calls (no binary spawned): each on a
/// small planted dataset or a hand-built model with a known answer.
@Suite(.serialized) struct LibraryAnalysesTests {
    /// A planted dataset (genre model, known noise) and a MAP model trained on it.
    static let planted = PlantedRatings.make(users: 120, movies: 90, seed: 5)
    static let map: TrainingRun = {
        var h = Hyperparameters.defaults(for: .biasUVGenre)
        h.rank = 4
        h.epochs = 4
        h.inference = .map
        return try! ModelTraining.train(planted.dataset, settings: h, threads: 2)
    }()

    @Test func similarMoviesListsTheClosestAboveTheFloorAndNeverTheQuery() {
        // Movie 0 points along x; 1 is nearly the same but rarely rated; 2 is next; 3 opposite.
        let m = HandBuiltModel.make(userFactors: [[1, 0]], movieFactors: [[1, 0], [0.99, 0.01], [0.8, 0.6], [-1, 0]],
                                    ratingCounts: [50, 3, 50, 50])
        let hits = SimilarMovies(model: m, minRatings: 10).mostSimilar(to: 0, top: 2)
        #expect(hits.map(\.movie) == [2, 3], "the rarely rated twin is left out, the query never listed")
        #expect(abs(hits[0].score - 0.8) < 1e-5 && abs(hits[1].score + 1) < 1e-5)
        #expect(SimilarMovies(model: m, minRatings: 0).mostSimilar(to: 0, top: 1).map(\.movie) == [1])
        #expect(SimilarMovies(model: m, minRatings: 0).mostSimilar(to: 0, top: 99).count == 3, "at most the catalogue less the query")
    }

    @Test func neighbourTableFileMatchesSimilarMovies() throws {
        let folder = temporaryFolder("nbr")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let m = Self.map.model
        let written = try NeighbourTableFile.write(model: m, modelPath: "m", top: 5, similarity: .cosine, minRatings: 0, threads: 2, out: folder)
        let lines = try String(contentsOfFile: written.path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1 + m.movieCount * 5 && written.movies == m.movieCount)
        // The first movie's rows are `similar`'s list for it.
        let expected = SimilarMovies(model: m, minRatings: 0).mostSimilar(to: 0, top: 5).map { "\(m.catalog.movieIDs[$0.movie])" }
        let listed = lines.dropFirst().prefix(5).map { $0.split(separator: ",").map(String.init) }
        #expect(listed.map { $0[$0.count - 3] } == expected)
        #expect { try NeighbourTableFile.write(model: m, modelPath: "m", top: 5, similarity: .cosine, minRatings: 1_000_000, threads: 1, out: folder) }
            throws: { ($0 as? AnalysisError)?.kind == .tooFewItems(count: 0, needed: 6) }
    }

    @Test func mapProjectionWritesCoordinatesChartAndSettings() throws {
        let folder = temporaryFolder("map")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let m = Self.map.model
        let (map, stem) = try MapProjection.write(.movies, model: m, modelPath: "model", method: .pca, perplexity: 30, randomStart: false,
                                                  minRatings: 5, seed: 3, threads: 2, out: folder) { _ in }
        let rows = MapProjection.rows(of: .movies, model: m, minRatings: 5)
        #expect(map.rows == rows && rows.allSatisfy { m.movieRatingCounts[$0] >= 5 })
        let csv = try String(contentsOfFile: stem + ".csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.first == "movieId,title,year,genres,ratings,x,y" && csv.count == rows.count + 1)
        let settings = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: stem + ".json"))) as? [String: Any]
        #expect(settings?["seed"] as? Int == 3 && settings?["method"] as? String == "pca" && settings?["minRatings"] as? Int == 5)
        #expect(FileManager.default.fileExists(atPath: stem + ".png"))
        let bias = HandBuiltModel.make(userFactors: [[]], movieFactors: [[], []], rank: 0)
        #expect(throws: AnalysisError.self) {
            try MapProjection.write(.movies, model: bias, modelPath: "b", method: .pca, perplexity: 30, randomStart: false,
                                    minRatings: 0, seed: 1, threads: 1, out: folder) { _ in }
        }
    }

    @Test func experimentRunSavesModelMetricsConfigAndCurvesInOneFolder() throws {
        let folder = temporaryFolder("exp") + "/run"
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        var h = Hyperparameters.defaults(for: .biasUV)
        h.rank = 3
        h.epochs = 2
        h.inference = .map
        var epochs: [Int] = []
        let run = try ExperimentRun.trainAndSave(Self.planted.dataset, checksum: 0xABC, datasetPath: "d.cmx", settings: h, threads: 2,
                                                 folder: folder) { epochs.append($0.epoch); return false }
        #expect(epochs == [1, 2] && run.history.count == 2)
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
        #expect(files == ["model.cmxm", "metrics.csv", "config.json", "loss.png", "rmse.png"])
        let config = try JSONDecoder().decode(ExperimentConfig.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/config.json")))
        #expect(config.datasetChecksum == "abc" && config.toolVersion == ToolVersion.current && config.hyperparameters == h)
        #expect(ChartSubject.line(h, dataSource: nil, users: 1234, movies: 56).hasSuffix("1,234 users × 56 movies"))
        #expect(try ModelFile.read(path: folder).movieFactors == run.model.movieFactors)
    }

    @Test func comparisonRecordPicksTheBestRoundsForPeopleAndRoundTrips() throws {
        let folder = temporaryFolder("cmp")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = Self.planted.dataset
        var calls = 0
        let comparison = try ModelComparison.run(data, checksum: 1, datasetPath: "d.cmx", settings: { kind in
            var h = Hyperparameters.defaults(for: kind)
            h.rank = kind.hasVectors ? 3 : 0
            h.epochs = 3
            return h
        }, inferences: [.map], rule: .standard, minRatings: 0, threads: 2, out: folder) { _, _ in calls += 1 }
        let record = comparison.record
        #expect(record.rows.map(\.name) == ["bias MAP", "bias-uv MAP", "bias-uv-genre MAP"] && calls == 9)
        let lowest = record.rows.indices.min { record.rows[$0].testRMSE < record.rows[$1].testRMSE }
        #expect(record.best == lowest)
        #expect(record.table.rows[0][3] == String(format: "%.4f", record.rows[0].testRMSE), "tables round for people")
        #expect(record.csv.rows[0][5] == "\(record.rows[0].testRMSE)", "the CSV keeps full precision")
        // NaN (the bias model's genre echo) is not equal to itself, so compare the encodings.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let back = try #require(try ComparisonRecord.read(folder: folder))
        #expect(try encoder.encode(back) == encoder.encode(record), "comparison.json reads back what was written")
        #expect(record.rows[0].genreEcho.isNaN && back.rows[0].genreEcho.isNaN)
        #expect(record.rules.count == RankingRule.candidates.count && record.rules.filter(\.used).count == 1)
        for name in ["comparison.csv", "ranking-rules.csv", "comparison.png", "bias-uv-map/model.cmxm"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/" + name), "\(name)")
        }
    }

    @Test func modelAnalysisAndReportBuilderWorkFromDataAndImages() throws {
        let folder = temporaryFolder("analysis")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var model = Self.map.model
        model.userRatings = Self.planted.dataset.trainByUser
        var steps: [String] = []
        let analysis = try ModelAnalysis.run(model: model, folder: folder, minRatings: 0, clusters: 4, seed: 2, threads: 2) { steps.append($0) }
        #expect(analysis.maps.count == 4 && analysis.neighbourTables.count == 4 && analysis.clusterTable?.rows.count == 4)
        #expect(steps.first == "pca of \(model.movieCount) movies" && steps.last == "recommendations for a made-up user")
        // The neighbour tables are `similar`'s lists.
        let first = analysis.neighbourTables[0]
        let famous = (0..<model.movieCount).max { model.movieRatingCounts[$0] < model.movieRatingCounts[$1] }!
        #expect(first.title == "Most similar to \(model.catalog.displayTitle(famous))")
        #expect(first.rows.map { $0[1] } == SimilarMovies(model: model, minRatings: 0).mostSimilar(to: famous, top: 10)
            .map { model.catalog.displayTitle($0.movie) })
        let png = analysis.maps[0].png
        let html = try ReportBuilder.html(.init(title: "T", model: model, summary: DatasetSummary(Self.planted.dataset), config: nil,
                                                curves: [(png: png, caption: "a curve")], comparison: nil, comparisonChart: nil,
                                                analysis: analysis, date: "2026-12-05"))
        #expect(html.contains("<title>T</title>") && html.contains("2026-12-05") && html.contains("a curve"))
        #expect(html.contains(png.base64EncodedString().prefix(200)), "images are embedded from memory")
        #expect(!html.contains(folder), "the page names no file of the analysis folder")
    }

    @Test func tuneRunPicksTheLowestValidationRMSEAndScoresTheTestOnce() throws {
        let folder = temporaryFolder("tune")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var base = Hyperparameters.defaults(for: .biasUV)
        base.inference = .map
        base.epochs = 3
        let grid = GridSearch.grid(base: base, ranks: [2], lambdas: [1], taus: [0.5, 50], gammas: [3])
        let outcome = try TuneRun.run(grid, on: Self.planted.dataset, checksum: 9, datasetPath: "d.cmx", fraction: 0.2, splitSeed: 4,
                                      threads: 2, out: folder)
        #expect(outcome.results.count == 2)
        #expect(outcome.best.validationRMSE == outcome.results.map(\.validationRMSE).min())
        #expect(outcome.testRMSE.isFinite && FileManager.default.fileExists(atPath: outcome.bestFolder + "/model.cmxm"))
        #expect(try String(contentsOfFile: outcome.csvPath, encoding: .utf8).split(separator: "\n").count == 3)
    }
}

/// Model-side library calls the commands make.
struct CommandLibraryCallsTests {
    @Test func movieQueryTakesIdsAndForgivingTitles() throws {
        var m = HandBuiltModel.make(userFactors: [[1]], movieFactors: [[1], [0.5]])
        m.catalog = MovieCatalog(movieIDs: [10, 20], titles: ["Matrix, The", "Heat"], years: [1999, 1995], genreNames: [],
                                 genreStart: [0, 0, 0], genreIndex: [])
        var query = MovieQuery(model: m)
        #expect(try query.resolve("#20") == 1)
        #expect(try query.resolve("the matrix") == 0)
        #expect(throws: TitleLookupError.self) { try query.resolve("#99") }
        #expect(try query.resolve([(query: "heat (1995)", stars: 4, line: 1)]).map(\.movie) == [1])
    }

    @Test func overridesApplyOverDefaultsAndBelongToTheirInference() throws {
        let given = HyperparameterOverrides(rank: 8, epochs: 3, tau: 2)
        let h = given.applied(to: Hyperparameters.defaults(for: .bias))
        #expect(h.rank == 0 && h.epochs == 3 && h.tau == 2, "K stays 0 for the bias model")
        #expect(throws: TrainingError.settingOfOtherInference(name: "epochs", inference: .map)) { try given.checkApplicable(to: .gibbs) }
        #expect(throws: Never.self) { try given.checkApplicable(to: .map) }
        #expect(throws: TrainingError.settingOfOtherInference(name: "samples", inference: .gibbs)) {
            try HyperparameterOverrides(samples: 5).checkApplicable(to: .map)
        }
    }

    @Test func recommendationListsForKnownAndNewUsersAgree() throws {
        let (model, ratings, _) = HandBuiltModel.random(users: 30, movies: 40, rank: 3, seed: 8)
        var m = model
        m.userRatings = ratings
        let filter = RankingFilter(minRatings: 0, top: 5, rule: .predictedRating)
        let known = try RecommendationList.forKnownUser(id: 1, model: m, filter: filter, explain: true)
        #expect(known.items.count == 5 && known.heading.hasPrefix("Recommendations for user 1"))
        let rated = Set(m.ratings(ofUser: 0)?.map(\.movie) ?? [])
        #expect(known.items.allSatisfy { !rated.contains($0.recommendation.movie) }, "rated movies are left out")
        let scores = known.items.map(\.recommendation.score)
        #expect(scores == scores.sorted(by: >))
        let fresh = try RecommendationList.forNewUser([(query: "#1", stars: 5, line: 1), (query: "#2", stars: 1, line: 2)], model: m,
                                                      filter: filter, explain: false)
        #expect(fresh.items.count == 5 && fresh.given == [0: 5, 1: 1])
        #expect(throws: UserLookupError.self) { try RecommendationList.forKnownUser(id: 999, model: m, filter: filter, explain: false) }
    }

    @Test func exportedNPYImportsBackToTheSameVectors() throws {
        let folder = temporaryFolder("export")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = PlantedRatings.make(users: 40, movies: 30, seed: 2).dataset
        var h = Hyperparameters.defaults(for: .biasUV)
        h.rank = 3
        h.epochs = 2
        h.inference = .map
        let model = try ModelTraining.train(data, settings: h, threads: 1).model
        try ModelExport.write(model, format: .npy, to: folder)
        try ModelExport.write(model, format: .csv, to: folder + "/csv")
        let imported = try FactorImport.assemble(.init(movies: folder + "/movie_factors.npy", movieIDs: folder + "/movie_ids.txt",
                                                       users: folder + "/user_factors.npy", userIDs: folder + "/user_ids.txt"),
                                                 dataset: data, globalMean: 0, tau: 15, gamma: 3)
        #expect(imported.model.movieFactors == model.movieFactors && imported.model.userFactors == model.userFactors)
        #expect(imported.notes.first == "movies: 30 with vectors, 0 without, 0 ids not in the dataset")
        let header = try String(contentsOfFile: folder + "/csv/movies.csv", encoding: .utf8).split(separator: "\n").first
        #expect(header == "movieId,title,year,genres,ratings,bias,f1,f2,f3")
    }
}
