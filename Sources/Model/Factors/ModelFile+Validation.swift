import Core

/// The invariants `ModelFile.read` relies on, checked before anything is built from a file's
/// numbers: a damaged or crafted file whose checksums match is refused with
/// `ContainerError.corrupted` ("damaged or not a Cinematrix file; re-create it with
/// `cinematrix train`") instead of trapping in a conversion, a precondition or a later kernel.
extension ModelFile {
    /// The model's shape as stored (users, movies, rank K, genre rows).
    struct Shape {
        var users: Int, movies: Int, rank: Int, genres: Int
    }

    /// The `shape` section, checked: every count non-negative, and every count and every
    /// product that sizes a section (users × K, movies × K, genres × K Floats) small enough to
    /// fit in the file, so no later multiplication overflows (K = 2⁵⁸ is refused here).
    static func checkedShape(_ r: ContainerReader) throws -> Shape {
        let raw: [Int64] = try r.array("shape", expectedCount: 4)
        let limit = Int64(r.byteCount / MemoryLayout<Float>.stride)
        guard raw.allSatisfy({ $0 >= 0 && $0 <= limit }) else {
            throw ContainerError.corrupted(path: r.path, detail: "shape \(raw) does not fit a file of \(r.byteCount) bytes")
        }
        let k = raw[2]
        for rows in [raw[0], raw[1], raw[3]] {
            let (floats, overflow) = rows.multipliedReportingOverflow(by: k)
            guard !overflow, floats <= limit else {
                throw ContainerError.corrupted(path: r.path, detail: "shape \(raw) does not fit a file of \(r.byteCount) bytes")
            }
        }
        return Shape(users: Int(raw[0]), movies: Int(raw[1]), rank: Int(k), genres: Int(raw[3]))
    }

    /// Checks the genre tables: `start` begins at 0, never goes down and ends at the number of
    /// entries; every entry names a genre; the genre factor rows are none or one per genre.
    static func checkGenreTables(start: [Int64], index: [Int32], names: Int, genreRows: Int, path: String) throws {
        guard start.first == 0, start.last == Int64(index.count),
              zip(start, start.dropFirst()).allSatisfy({ $0 <= $1 }),
              index.allSatisfy({ $0 >= 0 && Int($0) < names }),
              genreRows == 0 || genreRows == names else {
            throw ContainerError.corrupted(path: path, detail: "inconsistent genre tables")
        }
    }

    /// Checks the parameters `read` is about to load, in place in the file (no copy): a usable
    /// rating scale (finite, minimum below maximum, positive step), a finite mean, finite
    /// biases and factors (of the users selected), non-negative rating counts, and training
    /// ratings that are finite and on the scale. Cost: one pass over the sections read (a NaN
    /// anywhere would otherwise turn every prediction into NaN or a clamped constant).
    static func checkParameters(_ r: ContainerReader, users: UserSelection, shape: Shape) throws {
        func refuse(_ detail: String) -> ContainerError { .corrupted(path: r.path, detail: detail) }
        let s: [Float] = try r.array("scale", expectedCount: 3)
        guard s.allSatisfy(\.isFinite), s[0] < s[1], s[2] > 0 else { throw refuse("rating scale \(s[0])…\(s[1]) in steps of \(s[2])") }
        let mean: [Float] = try r.array("mean", expectedCount: 1)
        guard mean[0].isFinite else { throw refuse("the mean rating is \(mean[0])") }
        func finite(_ name: String, count: Int, rows: Range<Int>? = nil) throws {
            let ok = try r.withArray(name, as: Float.self, expectedCount: count, verifying: rows) { v in
                allFinite(rows.map { UnsafeBufferPointer(rebasing: v[$0]) } ?? v)
            }
            if !ok { throw refuse("section '\(name)' holds a value that is not finite") }
        }
        let k = shape.rank
        try finite("movieBias", count: shape.movies)
        try finite("movieF", count: shape.movies * k)
        try finite("genreF", count: shape.genres * k)
        let counts: [Int32] = try r.array("counts", expectedCount: shape.movies)
        guard counts.allSatisfy({ $0 >= 0 }) else { throw refuse("a negative rating count") }
        switch users {
        case .none:
            return
        case let .one(id):
            guard let u = try r.withArray("userIDs", as: Int64.self, expectedCount: shape.users, { $0.firstIndex(of: id) }) else { return }
            try finite("userBias", count: shape.users, rows: u..<(u + 1))
            try finite("userF", count: shape.users * k, rows: (u * k)..<((u + 1) * k))
        case let .all(ratings):
            try finite("userBias", count: shape.users)
            try finite("userF", count: shape.users * k)
            guard ratings, r.has("ratedStars") else { return }
            let onScale = try r.withArray("ratedStars", as: Float.self) { v in v.allSatisfy { $0 >= s[0] && $0 <= s[1] } }
            if !onScale { throw refuse("a training rating off the scale \(s[0])…\(s[1])") }
        }
    }
}
