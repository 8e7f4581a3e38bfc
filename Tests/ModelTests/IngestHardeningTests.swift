import Foundation
import Testing
@testable import Model

/// Issue 16: valid but unusual input is read correctly on every path (no trap), and odd text
/// input is refused or read the same in every layout.
@Suite struct IngestHardeningTests {
    /// A movie list with an id of 2²⁶ that no rating refers to, in a user-grouped file (the
    /// one-parse path) and an ungrouped one (the two-pass path).
    @Test(arguments: ["1,1,4.0,100\n", "2,1,3.0,90\n1,1,4.0,100\n"])
    func listedMovieIdOfTwoToThe26WithoutRatingsIsKept(ratings: String) throws {
        let f = IngestFixture.latest(ratings: "userId,movieId,rating,timestamp\n" + ratings,
                                     movies: "movieId,title,genres\n1,A (1999),Drama\n67108864,B (2000),Drama\n")
        defer { f.remove() }
        let options = ReadOptions(split: SplitSpec(method: .random, testFraction: 0, seed: 1), threads: 2)
        let (summary, _) = try MovieLensReader.prepareFile(directory: f.directory, options: options, to: f.directory + "/a.cmx")
        #expect(summary.movies == 2 && summary.ratedMovies == 1)
        let (d, _) = try DatasetFile.read(path: f.directory + "/a.cmx")
        #expect(d.catalog.movieIDs.contains(67_108_864))
        let inMemory = try MovieLensReader.read(directory: f.directory, options: options)
        #expect(inMemory.catalog.movieIDs == d.catalog.movieIDs)
        for method in [SplitMethod.perUser, .temporal] {
            let other = ReadOptions(split: SplitSpec(method: method, testFraction: 0.5, seed: 1), threads: 2)
            #expect(try MovieLensReader.read(directory: f.directory, options: other).catalog.count == 2)
        }
    }
}
