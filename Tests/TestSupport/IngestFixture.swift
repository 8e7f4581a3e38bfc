import Core
import Foundation
import Model

/// Small MovieLens folders written by the tests into a fresh temporary directory.
public struct IngestFixture {
    public let directory: String

    public init(_ name: String = "fixture") {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("cmx-ingest-\(name)-\(UUID().uuidString.prefix(8))").path
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Writes `text` (UTF-8) to `name` in the fixture folder and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) -> String { write(name, bytes: Array(text.utf8)) }

    /// Writes raw bytes to `name` and returns its path.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) -> String {
        let path = directory + "/" + name
        let parent = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    public func remove() { try? FileManager.default.removeItem(atPath: directory) }

    /// A minimal ml-latest folder: 3 users, 4 movies (one quoted with a comma, one with doubled
    /// quotes, one without genres), CRLF line ends in ratings.csv.
    public static func latest(ratings: String? = nil, movies: String? = nil) -> IngestFixture {
        let f = IngestFixture("latest")
        f.write("movies.csv", movies ?? """
        movieId,title,genres
        1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy
        2,"Matrix, The (1999)",Action|Sci-Fi|Thriller
        5,\"\"\"Great Performances\"\" Cats (1998)\",Musical
        7,Untitled Project,(no genres listed)

        """)
        f.write("ratings.csv", ratings ?? "userId,movieId,rating,timestamp\r\n1,1,4.0,964982703\r\n1,2,3.5,964981247\r\n1,5,0.5,964982224\r\n2,1,5.0,964983815\r\n2,7,2.5,964982931\r\n10,2,4.5,964982400\r\n10,5,1.0,964982401\r\n")
        return f
    }

    /// A folder holding `synth`'s ml-latest files for a small planted model.
    public static func synthetic(_ name: String, users: Int, movies: Int, ratings: Int, seed: UInt64) throws -> IngestFixture {
        let f = IngestFixture(name)
        let synth = SyntheticRatings(config: SynthConfig(users: users, movies: movies, ratings: ratings, seed: seed, threads: 2))
        try SyntheticCSVWriter.write(synth, to: f.directory)
        return f
    }

    /// A ratings file (with header) in which user 42 rates movies 1…3,000 in order, whole and
    /// half stars, then user 43 one movie: one user that spans every chunk of a chunked read.
    public static let oneLongUser: String = {
        var text = "userId,movieId,rating,timestamp\n"
        for m in 1...3_000 { text += "42,\(m),\(1 + m % 4).\(m % 2 == 0 ? "5" : "0"),\(1_000 + m)\n" }
        return text + "43,7,3.0,5\n"
    }()
}
