import Core
import Testing
@testable import Model
import TestSupport

/// `ValidationSplit.carve`: the validation ratings come from the training ratings only, every
/// user keeps `minimumKept` of them, and grid search never reads the test ratings.
@Suite struct ValidationSplitTests {
    /// Each training rating as "user,movie" → stars, and each validation rating likewise.
    static func ratings(_ m: RatingMatrix) -> [String: Float] {
        var out: [String: Float] = [:]
        for u in 0..<m.rowCount {
            for p in m.rowStart[u]..<m.rowStart[u + 1] { out["\(u),\(m.columnIndex[p])"] = m.value[p] }
        }
        return out
    }

    static func ratings(_ t: RatingTriplets) -> [String: Float] {
        var out: [String: Float] = [:]
        for i in 0..<t.count { out["\(t.users[i]),\(t.movies[i])"] = t.ratings[i] }
        return out
    }

    /// Users with 1, 2, …, 12 training ratings (user u rates movies 0…u), stars from the pair.
    static let ladder: Dataset = {
        var u: [Int32] = [], m: [Int32] = [], r: [Float] = []
        for user in 0..<12 {
            for movie in 0...user {
                u.append(Int32(user)); m.append(Int32(movie)); r.append(Float(1 + (user + movie) % 5))
            }
        }
        let catalog = MovieCatalog(movieIDs: (0..<12).map { Int64($0 + 1) }, titles: (0..<12).map { "Movie \($0)" },
                                   years: Array(repeating: 2000, count: 12), genreNames: [], genreStart: Array(repeating: 0, count: 13),
                                   genreIndex: [])
        return Dataset(userIDs: (0..<12).map { Int64($0 + 1) }, catalog: catalog, scale: RatingScale(minimum: 0.5, maximum: 5, step: 0.5),
                       trainByUser: .fromTriplets(rows: u, columns: m, values: r, rowCount: 12, columnCount: 12),
                       test: RatingTriplets(users: [0, 1], movies: [5, 6], ratings: [2, 3], timestamps: [0, 0]), source: "ladder")
    }()

    @Test(arguments: [1, 2, 3])
    func everyUserKeepsAtLeastMinimumKeptRatings(minimumKept: Int) throws {
        // At fraction 0.95 the draws alone would take almost every rating of every user; a user
        // with 3 ratings would lose all of them in 86 % of seeds without the guarantee.
        var sawValidation = false
        for seed in UInt64(1)...40 {
            let split = ValidationSplit.carve(Self.ladder, fraction: 0.95, seed: seed, minimumKept: minimumKept)
            for user in 0..<12 {
                let n = user + 1
                let kept = split.trainByUser.rowLength(user)
                if n <= minimumKept {
                    #expect(kept == n, "seed \(seed): user with \(n) ratings lost some")
                } else {
                    #expect(kept >= minimumKept, "seed \(seed): user with \(n) ratings kept \(kept) < \(minimumKept)")
                    sawValidation = sawValidation || kept < n
                }
            }
        }
        #expect(sawValidation)
    }

    @Test func validationRatingsArePartOfTheTrainingRatingsAndTheTestSetIsDropped() throws {
        let planted = PlantedRatings.make(users: 200, movies: 150, ratingsPerUser: 3...40, seed: 5)
        let data = planted.dataset
        let split = ValidationSplit.carve(data, fraction: 0.2, seed: 9)
        // Training and validation partition the original training ratings, stars unchanged.
        let train = Self.ratings(split.trainByUser), validation = Self.ratings(split.test)
        #expect(Set(train.keys).isDisjoint(with: validation.keys))
        #expect(train.merging(validation) { a, _ in a } == Self.ratings(data.trainByUser))
        // No original test rating appears anywhere in the result.
        let test = Self.ratings(data.test)
        #expect(!test.isEmpty && Set(test.keys).isDisjoint(with: Set(train.keys).union(validation.keys)))
        // The share held out is the fraction asked for (a user's rows of 3 or fewer stay whole).
        let share = Double(split.test.count) / Double(data.trainByUser.count)
        #expect(abs(share - 0.2) < 0.02, "share \(share)")
        // Deterministic in the seed; another seed draws other ratings.
        #expect(ValidationSplit.carve(data, fraction: 0.2, seed: 9) == split)
        #expect(ValidationSplit.carve(data, fraction: 0.2, seed: 10).test != split.test)
    }

    @Test func gridSearchResultsDoNotDependOnTheTestRatings() throws {
        let data = PlantedRatings.make(users: 150, movies: 120, seed: 6).dataset
        var scrambled = data
        // Same training ratings; the test ratings' stars moved far off.
        scrambled.test.ratings = data.test.ratings.map { -$0 * 3 + 40 }
        let grid = GridSearch.grid(base: testSettings(.biasUV, epochs: 3), ranks: [2, 4], lambdas: [1], taus: [0.5, 4], gammas: [2])
        let a = try GridSearch.run(grid, on: ValidationSplit.carve(data, fraction: 0.25, seed: 3), threads: 2)
        let b = try GridSearch.run(grid, on: ValidationSplit.carve(scrambled, fraction: 0.25, seed: 3), threads: 2)
        #expect(a.map(\.validationRMSE) == b.map(\.validationRMSE) && a.map(\.trainRMSE) == b.map(\.trainRMSE))
        // The test ratings do differ: the full runs score differently on them.
        let full = try ALSTrainer.train(data, settings: grid[0], threads: 2), other = try ALSTrainer.train(scrambled, settings: grid[0], threads: 2)
        #expect(full.history.last!.testRMSE != other.history.last!.testRMSE)
    }

    @Test func bestIsTheLowestValidationRMSEFirstOnTies() throws {
        let data = PlantedRatings.make(users: 150, movies: 120, seed: 7).dataset
        let grid = GridSearch.grid(base: testSettings(.biasUV, epochs: 3), ranks: [1, 4], lambdas: [1], taus: [0.1, 3, 30], gammas: [2])
        let results = try GridSearch.run(grid, on: ValidationSplit.carve(data, fraction: 0.25, seed: 3), threads: 2)
        #expect(results.count == 6 && Set(results.map(\.validationRMSE)).count > 1)
        let best = try #require(GridSearch.best(results))
        #expect(results.allSatisfy { best.validationRMSE <= $0.validationRMSE })
        let tied = [results[1], results[0], results[1]].map { var r = $0; r.validationRMSE = 0.5; return r }
        #expect(GridSearch.best(tied) == tied[0] && GridSearch.best([]) == nil)
    }
}
