import Core
import Foundation
import Testing
@testable import Model
import TestSupport

/// Every kind of bad input stops with the file, the line and the problem — or, with
/// `skipBadLines`, is skipped and counted by kind.
@Suite struct IngestBadInputTests {
    let options = ReadOptions(split: SplitSpec(testFraction: 0), threads: 2)
    let header = "userId,movieId,rating,timestamp\n"

    /// Reads a latest-layout fixture whose ratings.csv is `ratings` and returns the error text.
    func failure(ratings: String? = nil, movies: String? = nil) -> String? {
        let f = IngestFixture.latest(ratings: ratings, movies: movies)
        defer { f.remove() }
        return errorText { _ = try MovieLensReader.read(directory: f.directory, options: options) }
    }

    @Test(arguments: [
        ("1,1,4.0,964982703\n1,2\n", 3, "missing field"),
        ("1,1,4.0,964982703\n1,2,4.0\n", 3, "missing field"),
        ("1,1,4.0,964982703\nx7,2,4.0,1\n", 3, "non-numeric id"),
        ("1,1,4.0,964982703\n1,abc,4.0,1\n", 3, "non-numeric id"),
        ("1,1,4.0,964982703\n1,2,5.5,1\n", 3, "rating off scale"),
        ("1,1,4.0,964982703\n1,2,0,1\n", 3, "rating off scale"),
        ("1,1,4.0,964982703\n1,2,3.3,1\n", 3, "rating off scale"),
        ("1,1,4.0,964982703\n1,2,four,1\n", 3, "rating off scale"),
        ("1,1,4.0,964982703\n1,2,4.0,yesterday\n", 3, "bad timestamp"),
        ("1,1,4.0,964982703\n1,2,4.0,1,extra\n", 3, "extra field"),
        ("1,1,4.0,964982703\n2,1,4.0,5\n1,1,3.0,964982704\n", 4, "duplicate (user, movie) pair"),
    ])
    func badRatingsLineIsNamed(ratings: String, line: Int, kind: String) {
        let text = failure(ratings: header + ratings)
        #expect(text?.contains("ratings.csv:\(line): \(kind)") == true, "\(text ?? "no error")")
        #expect(text?.contains("skip and count such lines") == true && text?.contains("--") == false, "the library names no flag")
    }

    @Test func badMovieLinesAreNamed() {
        let m = "movieId,title,genres\n1,Toy Story (1995),Comedy\n"
        #expect(failure(movies: m + "2,\"Matrix, The (1999),Action\n")?.contains("movies.csv:3: unterminated quote") == true)
        var bytes = Array((m + "2,Caf").utf8)
        bytes += [0xE9] + Array(" (1999),Drama\n".utf8)
        let f = IngestFixture.latest()
        defer { f.remove() }
        f.write("movies.csv", bytes: bytes)
        let text = errorText { _ = try MovieLensReader.read(directory: f.directory, options: options) }
        #expect(text?.contains("movies.csv:3: invalid UTF-8") == true, "\(text ?? "")")
        #expect(failure(movies: m + "1,Again (1996),Drama\n")?.contains("movies.csv:3: duplicate movie id") == true)
        #expect(failure(movies: m + "one,Again (1996),Drama\n")?.contains("movies.csv:3: non-numeric id") == true)
        #expect(failure(movies: m + "3,Title only\n")?.contains("movies.csv:3: missing field") == true)
    }

    @Test func missingFilesEmptyFilesAndUnknownLayouts() {
        #expect(failure(ratings: header)?.contains("ratings.csv: the file holds no ratings") == true)
        #expect(failure(ratings: "")?.contains("holds no ratings") == true)
        let f = IngestFixture("layouts")
        defer { f.remove() }
        f.write("notes.txt", "hello")
        let unknown = errorText { _ = try MovieLensReader.read(directory: f.directory) }
        #expect(unknown?.contains("not a MovieLens folder (it holds notes.txt)") == true)
        #expect(unknown?.contains("ratings.csv + movies.csv") == true)
        f.write("ratings.csv", header + "1,1,4.0,1\n")
        let missing = errorText { _ = try MovieLensReader.read(directory: f.directory) }
        #expect(missing?.contains("movies.csv: file not found. Expected ratings.csv and movies.csv") == true, "\(missing ?? "")")
        let absent = errorText { _ = try MovieLensReader.read(directory: f.directory + "/nope") }
        #expect(absent?.contains("nope: file not found") == true)
        let g = IngestFixture.latest()
        defer { g.remove() }
        let noTest = errorText {
            _ = try MovieLensReader.read(directory: g.directory, options: ReadOptions(trainFile: g.directory + "/ratings.csv", testFile: g.directory + "/gone.csv"))
        }
        #expect(noTest?.contains("gone.csv: file not found") == true)
    }

    @Test func splitThatEmptiesTrainIsAnError() {
        let f = IngestFixture.latest()
        defer { f.remove() }
        let empty = f.write("empty.csv", header)
        let test = f.write("test.csv", header + "1,1,4.0,1\n")
        let text = errorText { _ = try MovieLensReader.read(directory: f.directory, options: ReadOptions(trainFile: empty, testFile: test)) }
        #expect(text?.contains("empty.csv: the file holds no ratings") == true)
        let whole = errorText { _ = try MovieLensReader.read(directory: f.directory, options: ReadOptions(split: SplitSpec(testFraction: 1))) }
        #expect(whole?.contains("test fraction must be") == true)
    }

    @Test func skipBadLinesCountsByKind() throws {
        let ratings = header + "1,1,4.0,1\n1,2\nx,2,4.0,1\n1,5,9.0,1\n1,7,3.0,z\n1,1,2.0,2\n2,1,4.0,1\n2,2,4.0,1,9\n"
        let f = IngestFixture.latest(ratings: ratings)
        defer { f.remove() }
        var skipping = options
        skipping.skipBadLines = true
        let (d, report) = try MovieLensReader.readWithReport(directory: f.directory, options: skipping)
        #expect(report.badLines.counts == [.missingField: 1, .nonNumericID: 1, .ratingOffScale: 1, .badTimestamp: 1,
                                           .duplicatePair: 1, .extraField: 1])
        #expect(report.badLines.total == 6)
        #expect("\(report.badLines.first!)".contains("ratings.csv:3: missing field"))
        #expect(d.trainByUser.count == 2)
        #expect(d.trainByUser.value == [4.0, 4.0])  // the first of the duplicate pair is kept
    }
}
