#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The MovieLens file layouts Cinematrix reads, and where their files are.
public struct MovieLensLayout: Sendable, Equatable {
    /// The family of layout.
    public enum Kind: String, Sendable, Equatable, Codable {
        /// ml-100k: `u.data`, `u.item`, `u.genre`; whole stars 1–5.
        case ml100k = "ml-100k"
        /// ml-1m and ml-10m: `ratings.dat`, `movies.dat`; ml-1m (with `users.dat`) whole stars,
        /// ml-10m half stars.
        case dat = "ml-1m/ml-10m"
        /// ml-latest(-small), ml-20m, ml-25m, ml-32m: `ratings.csv`, `movies.csv`; half stars.
        case csv = "ml-latest"
    }

    /// Which layout.
    public var kind: Kind
    /// The folder holding the files (possibly a single sub-folder of the folder given).
    public var directory: String
    /// The ratings file (may be absent when fixed train/test files are given).
    public var ratingsPath: String
    /// The movie list.
    public var moviesPath: String
    /// ml-100k's genre list.
    public var genresPath: String?
    /// How ratings lines are spelled, including the rating scale.
    public var ratingFormat: RatingLineFormat

    /// Finds the layout of `directory` (or of its only sub-folder, as when ml-10m unzips to
    /// `ml-10M100K/`). Throws `unknownLayout` listing what is there, or `missingFile` when a
    /// layout is recognised but its movie list is absent.
    public static func detect(directory: String) throws -> MovieLensLayout {
        let names = try listing(directory)
        if let found = match(directory, names) { return try found.checked() }
        let subfolders = names.filter { isDirectory(directory + "/" + $0) && !$0.hasPrefix(".") }
        if subfolders.count == 1 {
            let inner = directory + "/" + subfolders[0]
            if let found = match(inner, try listing(inner)) { return try found.checked() }
        }
        throw IngestError.unknownLayout(directory: directory, found: names.sorted())
    }

    private static func match(_ d: String, _ names: [String]) -> MovieLensLayout? {
        let has = Set(names)
        if has.contains("ratings.csv") || has.contains("movies.csv") {
            return MovieLensLayout(kind: .csv, directory: d, ratingsPath: d + "/ratings.csv", moviesPath: d + "/movies.csv",
                                   genresPath: nil, ratingFormat: .init(separator: .comma, scale: RatingLineFormat.halfStars))
        }
        if has.contains("ratings.dat") || has.contains("movies.dat") {
            let scale = has.contains("users.dat") ? RatingLineFormat.wholeStars : RatingLineFormat.halfStars
            return MovieLensLayout(kind: .dat, directory: d, ratingsPath: d + "/ratings.dat", moviesPath: d + "/movies.dat",
                                   genresPath: nil, ratingFormat: .init(separator: .doubleColon, scale: scale))
        }
        if has.contains("u.data") || has.contains("u.item") {
            return MovieLensLayout(kind: .ml100k, directory: d, ratingsPath: d + "/u.data", moviesPath: d + "/u.item",
                                   genresPath: d + "/u.genre", ratingFormat: .init(separator: .tab, scale: RatingLineFormat.wholeStars))
        }
        return nil
    }

    private func checked() throws -> MovieLensLayout {
        for p in [moviesPath] + (genresPath.map { [$0] } ?? []) where access(p, F_OK) != 0 {
            throw IngestError.missingFile(path: p, expected: "\(expectedFiles) in \(directory) (\(kind.rawValue) layout)")
        }
        return self
    }

    /// The files this layout needs, for messages.
    public var expectedFiles: String {
        switch kind {
        case .csv: return "ratings.csv and movies.csv"
        case .dat: return "ratings.dat and movies.dat"
        case .ml100k: return "u.data, u.item and u.genre"
        }
    }

    private static func listing(_ directory: String) throws -> [String] {
        guard let dir = opendir(directory) else {
            let code = errno
            if code == ENOENT || code == ENOTDIR {
                throw IngestError.missingFile(path: directory, expected: "a MovieLens folder (e.g. ml-latest-small/ with ratings.csv and movies.csv)")
            }
            throw IngestError.io(path: directory, operation: "list", errno: code)
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
