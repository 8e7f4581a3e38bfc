import Core
import Foundation
import Testing
@testable import Model
import TestSupport

@Suite struct SynthTests {
    let config = SynthConfig(users: 300, movies: 800, ratings: 24_000, seed: 11, threads: 2)

    @Test func sameSeedSameBytesWhateverTheThreadCount() throws {
        let a = IngestFixture("synth-a"), b = IngestFixture("synth-b")
        defer { a.remove(); b.remove() }
        var one = config
        one.threads = 1
        try SyntheticCSVWriter.write(SyntheticRatings(config: one), to: a.directory)
        try SyntheticCSVWriter.write(SyntheticRatings(config: config), to: b.directory)
        for name in ["ratings.csv", "movies.csv"] {
            let x = try Data(contentsOf: URL(fileURLWithPath: a.directory + "/" + name))
            let y = try Data(contentsOf: URL(fileURLWithPath: b.directory + "/" + name))
            #expect(x == y && x.count > 100, "\(name) differs")
        }
        var other = config
        other.seed = 12
        let c = IngestFixture("synth-c")
        defer { c.remove() }
        try SyntheticCSVWriter.write(SyntheticRatings(config: other), to: c.directory)
        #expect(try Data(contentsOf: URL(fileURLWithPath: c.directory + "/ratings.csv"))
                != Data(contentsOf: URL(fileURLWithPath: a.directory + "/ratings.csv")))
    }

    @Test func writtenFilesReadBackAsTheInMemoryDataset() throws {
        let f = IngestFixture("synth-read")
        defer { f.remove() }
        let synth = SyntheticRatings(config: config)
        let summary = try SyntheticCSVWriter.write(synth, to: f.directory)
        #expect(summary.ratings == config.ratings)
        let split = SplitSpec(method: .perUser, testFraction: 0.25, seed: 4)
        let read = try MovieLensReader.read(directory: f.directory, options: ReadOptions(split: split, threads: 2))
        var memory = try synth.dataset(split: split, threads: 2)
        memory.source = read.source
        #expect(read == memory)
        // Quoted titles (commas, doubled quotes) and non-ASCII titles survive the CSV round trip.
        #expect(read.catalog.titles == synth.catalog.titles)
        #expect(read.catalog.titles.contains { $0.contains(", The") })
        #expect(read.catalog.titles.contains { $0.contains("\"") })
        #expect(read.catalog.titles.contains { !$0.allSatisfy(\.isASCII) })
    }

    @Test func noTwoSyntheticMoviesShareTitleAndYear() {
        // 5,000 movies from 900 base names: repeats are certain, and each becomes a chapter.
        var rng = SplitMix64(seed: 3)
        let catalog = SyntheticCatalog.make(count: 5000, rng: &rng)
        let keys = (0..<catalog.count).map { catalog.displayTitle($0) }
        #expect(Set(keys).count == keys.count)
        #expect(catalog.titles.contains { $0.contains(": Chapter 2") })
        #expect(!catalog.titles.contains { $0.contains(", The:") })
    }

    @Test func shapeMatchesTheRequest() {
        let synth = SyntheticRatings(config: config)
        let t = synth.triplets()
        #expect(t.count == config.ratings)
        #expect(synth.ratingsPerUser.allSatisfy { $0 >= SynthConfig.minimumPerUser })
        #expect(Set(t.ratings).isSubset(of: Set(stride(from: Float(0.5), through: 5, by: 0.5))))
        #expect(Set(t.ratings).count >= 9)  // half stars are used
        // Long tails: the busiest user and the most popular movie are far above the mean.
        let perMovie = Dictionary(grouping: t.movies, by: { $0 }).mapValues(\.count)
        let top = perMovie.values.sorted(by: >).prefix(config.movies / 5).reduce(0, +)
        #expect(Double(top) > 0.4 * Double(t.count))  // top 20% of movies hold over 40% of ratings
        #expect(Double(synth.ratingsPerUser.max()!) > 4 * Double(t.count) / Double(config.users))
        // No duplicate pairs.
        #expect(Set(zip(t.users, t.movies).map { Int($0) << 32 | Int($1) }).count == t.count)
        // Some movies have no genres; genre indices valid.
        #expect((0..<synth.catalog.count).contains { synth.catalog.genres(of: $0).isEmpty } || config.movies < 200)
    }

    @Test func plantedModelExplainsTheRatingsAndGenresCarrySignal() {
        let synth = SyntheticRatings(config: config)
        let t = synth.triplets()
        let m = synth.model
        var planted = 0.0, meanOnly = 0.0
        let mean = t.ratings.reduce(0, +) / Float(t.count)
        for i in 0..<t.count {
            let e = Double(t.ratings[i] - m.predict(user: Int(t.users[i]), movie: Int(t.movies[i])))
            planted += e * e
            let f = Double(t.ratings[i] - mean)
            meanOnly += f * f
        }
        let plantedRMSE = (planted / Double(t.count)).squareRoot()
        #expect(abs(plantedRMSE - Double(config.noise)) < 0.1)  // noise plus rounding and clamping
        #expect(plantedRMSE < 0.75 * (meanOnly / Double(t.count)).squareRoot())
        // Movie factors lie close to their genres' mean factor: the residual is small.
        var residual: Float = 0, total: Float = 0
        for i in 0..<synth.catalog.count where !synth.catalog.genres(of: i).isEmpty {
            let gs = synth.catalog.genres(of: i)
            for d in 0..<m.movieFactors.columns {
                let g = gs.reduce(Float(0)) { $0 + m.genreFactors[Int($1), d] } / Float(gs.count).squareRoot()
                residual += (m.movieFactors[i, d] - g) * (m.movieFactors[i, d] - g)
                total += m.movieFactors[i, d] * m.movieFactors[i, d]
            }
        }
        #expect(residual < 0.5 * total)
    }
}
