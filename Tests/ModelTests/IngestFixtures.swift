import Foundation
@testable import Model

/// Small MovieLens folders written by the tests into a fresh temporary directory.
struct IngestFixture {
    let directory: String

    init(_ name: String = "fixture") {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("cmx-ingest-\(name)-\(UUID().uuidString.prefix(8))").path
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Writes `text` (UTF-8) to `name` in the fixture folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String { write(name, bytes: Array(text.utf8)) }

    /// Writes raw bytes to `name` and returns its path.
    @discardableResult
    func write(_ name: String, bytes: [UInt8]) -> String {
        let path = directory + "/" + name
        let parent = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    /// A minimal ml-latest folder: 3 users, 4 movies (one quoted with a comma, one with doubled
    /// quotes, one without genres), CRLF line ends in ratings.csv.
    static func latest(ratings: String? = nil, movies: String? = nil) -> IngestFixture {
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
}

/// The message of the error thrown by `body`, or nil.
func errorText(_ body: () throws -> Void) -> String? {
    do { try body(); return nil } catch { return "\(error)" }
}
