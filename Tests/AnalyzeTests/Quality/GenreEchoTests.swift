import Core
import Testing
import Model
@testable import Analyze
import TestSupport

@Suite struct GenreEchoTests {
    /// Six movies in the plane. Nearest by cosine: 0 ↔ 1 (0.98), 2 ↔ 5 (0.995), 3 ↔ 4 (0.999).
    /// Genres: 0 [0]; 1, 2, 5 [1]; 3 [0, 1]; 4 [1, 0] (the same set as 3, listed the other way).
    static func sixMovies(ratingCounts: [Int32] = [100, 100, 100, 100, 100, 100]) -> FactorModel {
        HandBuiltModel.make(userFactors: [], movieFactors: [[1, 0], [1, 0.2], [0, 1], [1, 1], [1, 1.1], [0.1, 1]],
                            genres: [[0], [1], [1], [0, 1], [1, 0], [1]], ratingCounts: ratingCounts)
    }

    @Test func nearestNeighboursOfAHandBuiltModelEchoAsWorkedOut() {
        let m = Self.sixMovies()
        // One neighbour: 2→5, 3→4, 4→3, 5→2 share genres; 0→1 and 1→0 do not.
        #expect(GenreEcho.measure(model: m, minRatings: 0, neighbours: 1, threads: 1) == 4.0 / 6)
        // Second neighbours: 0→3 (0.71), 1→3 (0.83), 2→4 (0.74), 3→1 (0.83), 4→1 (0.80),
        // 5→4 (0.80): none shares genres, so the first-neighbour hits are 4 of 12.
        #expect(GenreEcho.measure(model: m, minRatings: 0, neighbours: 2, threads: 1) == 4.0 / 12)
        // Genre lists [0]: 1 movie, [1]: 3, {0, 1}: 2 → (0 + 3·2 + 2·1) / (6·5).
        #expect(GenreEcho.chanceRate(model: m, minRatings: 0) == 8.0 / 30)
    }

    @Test func moviesUnderTheFloorAreNeitherJudgedNorNeighbours() {
        let m = Self.sixMovies(ratingCounts: [100, 100, 100, 100, 5, 100])
        // Without movie 4: 3's nearest is now 1 (0.83), a miss; 2→5 and 5→2 remain.
        #expect(GenreEcho.measure(model: m, minRatings: 20, neighbours: 1, threads: 1) == 2.0 / 5)
        #expect(GenreEcho.chanceRate(model: m, minRatings: 20) == 6.0 / 20)
        #expect(GenreEcho.measure(model: m, minRatings: 101, threads: 1).isNaN)
    }

    @Test func aModelWithoutVectorsHasNoEcho() {
        let m = HandBuiltModel.make(userFactors: [], movieFactors: [[], [], []], rank: 0, genres: [[0], [0], [1]])
        #expect(GenreEcho.measure(model: m, minRatings: 0, threads: 1).isNaN)
    }

    /// `perList` movies for each of four genre lists, movie i having list i mod 4; the vector of
    /// each movie is its list's direction when `plantGenres`, or its own random vector otherwise.
    static func planted(perList: Int, rank: Int, plantGenres: Bool, seed: UInt64) -> FactorModel {
        var rng = SplitMix64(seed: seed)
        let lists: [[Int32]] = [[0], [1], [0, 2], [1, 3]]
        let directions = lists.map { _ in (0..<rank).map { _ in Float(rng.nextGaussian()) } }
        let movies = 4 * perList
        let vectors = (0..<movies).map { i in plantGenres ? directions[i % 4] : (0..<rank).map { _ in Float(rng.nextGaussian()) } }
        return HandBuiltModel.make(userFactors: [], movieFactors: vectors, genres: (0..<movies).map { lists[$0 % 4] })
    }

    @Test func moviesWithIdenticalVectorsPerGenreListEchoFully() {
        let m = Self.planted(perList: 25, rank: 8, plantGenres: true, seed: 3)
        #expect(GenreEcho.measure(model: m, neighbours: 10, threads: 1) == 1)
        #expect(GenreEcho.measure(model: m, neighbours: 10, threads: 2) == 1)
    }

    @Test func vectorsThatIgnoreGenresEchoAboutTheChanceRate() {
        let m = Self.planted(perList: 100, rank: 16, plantGenres: false, seed: 11)
        // A random other movie shares the list with probability 99/399.
        let chance = 99.0 / 399
        #expect(abs(GenreEcho.chanceRate(model: m) - chance) < 1e-12)
        let echo = GenreEcho.measure(model: m, neighbours: 10, threads: 2)
        #expect(abs(echo - chance) < 0.04, "echo \(echo), chance \(chance)")
        #expect(GenreEcho.measure(model: m, neighbours: 10, threads: 1) == echo)
    }
}
