import Core
import Foundation
import Testing
@testable import Model
import TestSupport

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
        let (summary, _) = try DatasetPreparation.prepare(directory: f.directory, options: options, to: f.directory + "/a.cmx")
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

    let noSplit = ReadOptions(split: SplitSpec(method: .random, testFraction: 0.3, seed: 1), threads: 2)
    static let ratingsCSV = "userId,movieId,rating,timestamp\n1,1,4.0,100\n1,2,3.5,101\n2,1,5.0,102\n3,2,0.5,103\n3,5,2.0,104\n"
    static let moviesCSV = "movieId,title,genres\n1,A (1999),Drama\n2,\"B, The (2000)\",Comedy|Drama\n5,C,(no genres listed)\n"

    /// The parts of a dataset that do not name the folder it came from.
    func content(_ d: Dataset) -> [String] {
        ["\(d.userIDs)", "\(d.catalog.movieIDs)", "\(Array(d.catalog.titles))", "\(d.catalog.genreNames)",
         "\(d.trainByUser)", "\(d.test)"]
    }

    func read(ratings: String, movies: String = moviesCSV, layout: String = "csv") throws -> Dataset {
        let f = IngestFixture("text")
        defer { f.remove() }
        f.write("ratings.\(layout)", ratings)
        f.write("movies.\(layout)", movies)
        return try MovieLensReader.read(directory: f.directory, options: noSplit)
    }

    @Test func ratingsColumnsAreFoundByName() throws {
        let standard = try read(ratings: Self.ratingsCSV)
        // The same ratings with the columns in another order (and names in another case).
        let permuted = "movieid,Rating,timestamp,userId\n1,4.0,100,1\n2,3.5,101,1\n1,5.0,102,2\n2,0.5,103,3\n5,2.0,104,3\n"
        #expect(content(try read(ratings: permuted)) == content(standard))
        let text = errorText { _ = try read(ratings: "userId,movieId,rating\n1,1,4.0\n") }
        #expect(text?.contains("no column \"timestamp\"") == true)
        #expect(errorText { _ = try read(ratings: "userId,movieId,stars,timestamp\n1,1,4.0,5\n") }?.contains("\"stars\"") == true)
        // A bad line in the permuted layout is named by line and kind.
        let bad = errorText { _ = try read(ratings: "movieId,rating,timestamp,userId\n1,4.0,100,1\n2,9.0,101,1\n") }
        #expect(bad?.contains(":3: rating off scale") == true)
    }

    @Test func movieColumnsAreFoundByName() throws {
        let standard = try read(ratings: Self.ratingsCSV)
        let permuted = "genres,movieId,title\nDrama,1,A (1999)\nComedy|Drama,2,\"B, The (2000)\"\n(no genres listed),5,C\n"
        #expect(content(try read(ratings: Self.ratingsCSV, movies: permuted)) == content(standard))
        let text = errorText { _ = try read(ratings: Self.ratingsCSV, movies: "movieId,name,genres\n1,A,Drama\n") }
        #expect(text?.contains("no column \"title\"") == true)
    }

    @Test(arguments: ["\r\n", "\r"])
    func crAndCRLFLineEndsReadLikeLF(lineEnd: String) throws {
        let standard = try read(ratings: Self.ratingsCSV)
        let ratings = Self.ratingsCSV.replacingOccurrences(of: "\n", with: lineEnd)
        let movies = Self.moviesCSV.replacingOccurrences(of: "\n", with: lineEnd)
        #expect(content(try read(ratings: ratings, movies: movies)) == content(standard))
        // A bad line is still located by its number.
        let bad = errorText { _ = try read(ratings: ratings + "4,x,1.0,5" + lineEnd, movies: movies) }
        #expect(bad?.contains("ratings.csv:7: non-numeric id") == true)
    }

    @Test func aByteOrderMarkIsSkippedInEveryLayout() throws {
        let bom = "\u{FEFF}"
        let standard = try read(ratings: Self.ratingsCSV)
        #expect(content(try read(ratings: bom + Self.ratingsCSV, movies: bom + Self.moviesCSV)) == content(standard))
        let headerless = String(Self.ratingsCSV.drop { $0 != "\n" }.dropFirst())
        #expect(content(try read(ratings: bom + headerless)) == content(standard))
        let dat = try read(ratings: bom + "1::1::4::100\n2::2::5::101\n", movies: bom + "1::A (1999)::Drama\n2::B::Comedy\n", layout: "dat")
        #expect(dat.catalog.movieIDs == [1, 2] && dat.userIDs == [1, 2])
        let f = IngestFixture("bom100k")
        defer { f.remove() }
        f.write("u.genre", bom + "unknown|0\nAction|1\n")
        f.write("u.item", bom + "1|A (1995)|01-Jan-1995||http://x|0|1\r2|B|01-Jan-1996||http://y|1|0\r")
        f.write("u.data", bom + "196\t1\t3\t881250949\r186\t2\t5\t891717742\r")
        let d = try MovieLensReader.read(directory: f.directory, options: noSplit)
        #expect(d.catalog.movieIDs == [1, 2], "\(d.catalog.movieIDs)")
        #expect(d.catalog.genreNames.contains("Action"), "\(d.catalog.genreNames)")
        #expect(d.userIDs == [186, 196], "\(d.userIDs)")
    }

    @Test func nonRegularInputFilesAreRefused() throws {
        let f = IngestFixture("fifo")
        defer { f.remove() }
        f.write("movies.csv", Self.moviesCSV)
        #expect(mkfifo(f.directory + "/ratings.csv", 0o600) == 0)
        let text = errorText { _ = try MovieLensReader.read(directory: f.directory, options: noSplit) }
        #expect(text?.contains("named pipe") == true)
        let g = IngestFixture("dir")
        defer { g.remove() }
        g.write("ratings.csv", Self.ratingsCSV)
        try FileManager.default.createDirectory(atPath: g.directory + "/movies.csv", withIntermediateDirectories: true)
        #expect(errorText { _ = try MovieLensReader.read(directory: g.directory, options: noSplit) }?.contains("directory") == true)
    }

    /// Found by the movies fuzz target: "3:::Drama" has overlapping "::" and trapped on a
    /// backwards range.
    @Test func overlappingSeparatorsInMoviesDatAreABadLine() throws {
        let text = errorText { _ = try read(ratings: "1::1::4::100\n", movies: "1::A (1999)::Drama\n3:::Drama\n", layout: "dat") }
        #expect(text?.contains("movies.dat:2: missing field") == true)
    }
}
