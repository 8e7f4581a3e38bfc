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

    /// Checks the parameters of a model read from `path`: a usable rating scale (finite,
    /// minimum below maximum, positive step), a finite mean, finite biases and factors,
    /// non-negative rating counts, and training ratings that are finite and on the scale.
    /// Cost: one pass over the parameters read (a NaN anywhere would otherwise turn every
    /// prediction into NaN or a clamped constant without a word).
    static func checkParameters(_ model: FactorModel, path: String) throws {
        func refuse(_ detail: String) -> ContainerError { .corrupted(path: path, detail: detail) }
        let s = model.scale
        guard s.minimum.isFinite, s.maximum.isFinite, s.step.isFinite, s.minimum < s.maximum, s.step > 0 else {
            throw refuse("rating scale \(s.minimum)…\(s.maximum) in steps of \(s.step)")
        }
        guard model.globalMean.isFinite else { throw refuse("the mean rating is \(model.globalMean)") }
        let parts: [(String, [Float])] = [
            ("userBias", model.userBias), ("movieBias", model.movieBias), ("userF", model.userFactors.values),
            ("movieF", model.movieFactors.values), ("genreF", model.genreFactors.values),
        ]
        for (name, values) in parts where !allFinite(values) { throw refuse("section '\(name)' holds a value that is not finite") }
        guard model.movieRatingCounts.allSatisfy({ $0 >= 0 }) else { throw refuse("a negative rating count") }
        if let rated = model.userRatings, !rated.value.allSatisfy({ $0 >= s.minimum && $0 <= s.maximum }) {
            throw refuse("a training rating off the scale \(s.minimum)…\(s.maximum)")
        }
    }
}
