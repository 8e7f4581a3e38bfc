/// A MovieLens release that `cinematrix download` knows how to fetch from GroupLens.
struct MovieLensRelease: Sendable {
    /// The name users type, e.g. "ml-25m".
    var name: String
    /// The zip file's name on the server.
    var archive: String
    /// The folder the zip unpacks to (ml-10m unpacks to "ml-10M100K").
    var folder: String
    /// Approximate download size, for the message before starting.
    var approximateSize: String

    /// Where GroupLens publishes the releases (overridable for tests and mirrors).
    static let defaultBaseURL = "https://files.grouplens.org/datasets/movielens/"

    /// Every release the command accepts, smallest first.
    static let all: [MovieLensRelease] = [
        .init(name: "ml-latest-small", archive: "ml-latest-small.zip", folder: "ml-latest-small", approximateSize: "1 MB"),
        .init(name: "ml-100k", archive: "ml-100k.zip", folder: "ml-100k", approximateSize: "5 MB"),
        .init(name: "ml-1m", archive: "ml-1m.zip", folder: "ml-1m", approximateSize: "6 MB"),
        .init(name: "ml-10m", archive: "ml-10m.zip", folder: "ml-10M100K", approximateSize: "63 MB"),
        .init(name: "ml-20m", archive: "ml-20m.zip", folder: "ml-20m", approximateSize: "198 MB"),
        .init(name: "ml-25m", archive: "ml-25m.zip", folder: "ml-25m", approximateSize: "250 MB"),
        .init(name: "ml-32m", archive: "ml-32m.zip", folder: "ml-32m", approximateSize: "239 MB"),
    ]

    /// The release called `name`, if any.
    static func named(_ name: String) -> MovieLensRelease? { all.first { $0.name == name.lowercased() } }
}
