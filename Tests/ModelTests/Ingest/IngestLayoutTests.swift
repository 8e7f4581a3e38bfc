import Core
import Foundation
import Testing
@testable import Model
import TestSupport

/// Each supported layout, read from small fixtures with its quirks.
@Suite struct IngestLayoutTests {
    let noSplit = ReadOptions(split: SplitSpec(method: .random, testFraction: 0, seed: 1), threads: 2)

    @Test func latestCSVWithQuotesCRLFAndNoGenres() throws {
        let f = IngestFixture.latest()
        defer { f.remove() }
        let (d, report) = try MovieLensReader.readWithReport(directory: f.directory, options: noSplit)
        #expect(report.layout.kind == .csv)
        #expect(d.userIDs == [1, 2, 10])
        #expect(d.catalog.movieIDs == [1, 2, 5, 7])
        #expect(d.catalog.titles == ["Toy Story", "Matrix, The", "\"Great Performances\" Cats", "Untitled Project"])
        #expect(d.catalog.years == [1995, 1999, 1998, 0])
        #expect(d.catalog.genreNames == ["Action", "Adventure", "Animation", "Children", "Comedy", "Fantasy", "Musical", "Sci-Fi", "Thriller"])
        #expect(d.catalog.genres(of: 3).isEmpty)
        #expect(d.catalog.genres(of: 1).map { d.catalog.genreNames[Int($0)] } == ["Action", "Sci-Fi", "Thriller"])
        #expect(d.trainByUser.count == 7 && d.test.count == 0)
        #expect(d.scale == RatingLineFormat.halfStars)
        // User 10 (dense 2) rated movies 2 and 5 (dense 1, 2).
        let u = 2
        let row = d.trainByUser.rowStart[u]..<d.trainByUser.rowStart[u + 1]
        #expect(Array(d.trainByUser.columnIndex[row]) == [1, 2])
        #expect(Array(d.trainByUser.value[row]) == [4.5, 1.0])
        #expect(d.trainByMovie == d.trainByUser.transposed())
    }

    @Test func ml100kTabSeparatedWithLatin1Titles() throws {
        let f = IngestFixture("100k")
        defer { f.remove() }
        f.write("u.genre", "unknown|0\nAction|1\nComedy|2\n\n")
        var item = Array("1|Toy Story (1995)|01-Jan-1995||http://x|0|0|1\n2|Caf".utf8)
        item += [0xE9]  // é in Latin-1
        item += Array(" Society|01-Jan-1996||http://y|0|1|1\n3|unknown|||http://z|1|0|0\n".utf8)
        f.write("u.item", bytes: item)
        f.write("u.data", "196\t1\t3\t881250949\n186\t2\t5\t891717742\n196\t3\t1\t878887116\n")
        let (d, report) = try MovieLensReader.readWithReport(directory: f.directory, options: noSplit)
        #expect(report.layout.kind == .ml100k)
        #expect(d.catalog.titles == ["Toy Story", "Café Society", "unknown"])
        #expect(d.catalog.years == [1995, 1996, 0])
        #expect(d.catalog.genreNames == ["Action", "Comedy"])  // "unknown" means no genre
        #expect(d.catalog.genres(of: 1) == [0, 1])
        #expect(d.catalog.genres(of: 2).isEmpty)
        #expect(d.userIDs == [186, 196])
        #expect(d.scale == RatingLineFormat.wholeStars)
        #expect(d.trainByUser.value == [5, 3, 1])
    }

    @Test func ml1mAndMl10mDoubleColonFiles() throws {
        let f = IngestFixture("1m")
        defer { f.remove() }
        var movies = Array("1::Toy Story (1995)::Animation|Children's|Comedy\n2::Star Wars: Episode IV - A New Hope (1977)::Action|Sci-Fi\n3::Ame".utf8)
        movies += [0x6C, 0x69, 0x65, 0x20] + Array("(2001)::Comedy|Romance\n".utf8)
        f.write("movies.dat", bytes: movies)
        f.write("users.dat", "1::F::1::10::48067\n")
        f.write("ratings.dat", "1::1::5::978300760\n1::2::3::978302109\n2::3::4::978301968\n")
        let d = try MovieLensReader.read(directory: f.directory, options: noSplit)
        #expect(d.catalog.titles == ["Toy Story", "Star Wars: Episode IV - A New Hope", "Amelie"])
        #expect(d.catalog.years == [1995, 1977, 2001])
        #expect(d.scale == RatingLineFormat.wholeStars)
        #expect(d.trainByUser.count == 3)
        // Half stars are off the ml-1m scale…
        f.write("ratings.dat", "1::1::3.5::978300760\n")
        let text = errorText { _ = try MovieLensReader.read(directory: f.directory, options: noSplit) }
        #expect(text?.contains("ratings.dat:1: rating off scale") == true)
        // …but fine in ml-10m (no users.dat), found inside its single sub-folder.
        let g = IngestFixture("10m")
        defer { g.remove() }
        g.write("ml-10M100K/movies.dat", "122::Boomerang (1992)::Comedy|Romance\n")
        g.write("ml-10M100K/ratings.dat", "1::122::3.5::838985046\n2::122::0.5::838983525\n")
        let e = try MovieLensReader.read(directory: g.directory, options: noSplit)
        #expect(e.scale == RatingLineFormat.halfStars)
        #expect(e.trainByMovie.value == [3.5, 0.5])
    }

    @Test func fixedTrainAndTestFilesAreKeptExactly() throws {
        let f = IngestFixture.latest()
        defer { f.remove() }
        let train = f.write("split/train.csv", "userId,movieId,rating,timestamp\n1,1,4.0,1\n2,1,5.0,2\n2,7,2.5,3\n")
        let test = f.write("split/test.csv", "userId,movieId,rating,timestamp\n1,2,3.5,4\n3,5,2.0,5\n")
        let d = try MovieLensReader.read(directory: f.directory, options: ReadOptions(trainFile: train, testFile: test, threads: 2))
        #expect(d.trainByUser.count == 3)
        #expect(d.userIDs == [1, 2, 3])
        #expect(d.test.users == [0, 2] && d.test.movies == [1, 2] && d.test.ratings == [3.5, 2.0] && d.test.timestamps == [4, 5])
    }

    @Test func largerFilesParseInParallelChunksLikeOneChunk() throws {
        // Big enough for several chunks; compare 1 thread with 2.
        let f = IngestFixture("chunks")
        defer { f.remove() }
        var text = "userId,movieId,rating,timestamp\n"
        var rng = SplitMix64(seed: 3)
        var seen = Set<Int>()
        while seen.count < 400_000 {
            let u = Int(rng.next() % 5000) + 1, m = Int(rng.next() % 3000) + 1
            if seen.insert(u * 10_000 + m).inserted { text += "\(u),\(m),\(Double(rng.next() % 10 + 1) / 2),\(rng.next() % 1_000_000_000)\n" }
        }
        f.write("ratings.csv", text)
        f.write("movies.csv", "movieId,title,genres\n1,A (2000),Drama\n")
        let one = try MovieLensReader.read(directory: f.directory, options: ReadOptions(threads: 1))
        let two = try MovieLensReader.read(directory: f.directory, options: ReadOptions(threads: 2))
        #expect(one == two)
        #expect(one.trainByUser.count + one.test.count == 400_000)
        #expect(one.catalog.count == 3000)  // 1 listed + 2,999 rated but unlisted
    }
}
