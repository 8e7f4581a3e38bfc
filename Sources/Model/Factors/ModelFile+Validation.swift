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

    /// The sections of a Gibbs model's posterior spread (`PosteriorSpread`): all or none.
    static let posteriorSections = ["pScalars", "pUserBiasVar", "pMovieBiasVar", "pUserFVar", "pMovieFVar", "pUserMean", "pUserPrec"]

    /// Checks the posterior spread `read` is about to load, in place: the seven sections all
    /// present or all absent; `pScalars` = (samples, α, β_b) with samples a whole number from 1
    /// to 2²⁴ and the precisions α, β_b positive normal floats (so 1/α is finite); the
    /// variances (of the users selected, and every movie's) finite and ≥ 0; μ_x finite; Λ_x
    /// finite, symmetric (to 10⁻⁴ relative), with a positive diagonal and, for K ≤ 256,
    /// positive definite (a Cholesky factorisation succeeds). Section lengths must match the
    /// shape. Cost: one pass over the sections read, plus K³/6 for the factorisation.
    static func checkPosterior(_ r: ContainerReader, users: UserSelection, shape: Shape) throws {
        func refuse(_ detail: String) -> ContainerError { .corrupted(path: r.path, detail: detail) }
        let present = posteriorSections.filter(r.has)
        if present.isEmpty { return }
        guard present.count == posteriorSections.count else {
            throw refuse("incomplete posterior spread (sections \(present.joined(separator: ", ")) without the others)")
        }
        let scalars: [Float] = try r.array("pScalars", expectedCount: 3)
        let samples = scalars[0]
        guard samples.isFinite, samples >= 1, samples <= 16_777_216, samples.rounded() == samples else {
            throw refuse("posterior sample count \(samples)")
        }
        guard scalars[1].isNormal, scalars[1] > 0, scalars[2].isNormal, scalars[2] > 0 else {
            throw refuse("posterior precisions α = \(scalars[1]), β_b = \(scalars[2]) (must be positive)")
        }
        let k = shape.rank
        func variances(_ name: String, count: Int, rows: Range<Int>? = nil) throws {
            let ok = try r.withArray(name, as: Float.self, expectedCount: count, verifying: rows) { v in
                (rows.map { UnsafeBufferPointer(rebasing: v[$0]) } ?? v).allSatisfy { $0.isFinite && $0 >= 0 }
            }
            if !ok { throw refuse("section '\(name)' holds a variance that is negative or not finite") }
        }
        try variances("pMovieBiasVar", count: shape.movies)
        try variances("pMovieFVar", count: shape.movies * k)
        switch users {
        case .none:
            break
        case let .one(id):
            if let u = try r.withArray("userIDs", as: Int64.self, expectedCount: shape.users, { $0.firstIndex(of: id) }) {
                try variances("pUserBiasVar", count: shape.users, rows: u..<(u + 1))
                try variances("pUserFVar", count: shape.users * k, rows: (u * k)..<((u + 1) * k))
            }
        case .all:
            try variances("pUserBiasVar", count: shape.users)
            try variances("pUserFVar", count: shape.users * k)
        }
        let mean: [Float] = try r.array("pUserMean", expectedCount: k)
        guard mean.allSatisfy(\.isFinite) else { throw refuse("section 'pUserMean' holds a value that is not finite") }
        let (squared, overflow) = k.multipliedReportingOverflow(by: k)
        guard !overflow else { throw refuse("rank \(k) too large for a prior precision matrix") }
        let precision: [Float] = try r.array("pUserPrec", expectedCount: squared)
        try checkPriorPrecision(precision, rank: k, path: r.path)
    }

    /// Checks Λ_x (K × K, row-major) as `checkPosterior` describes.
    static func checkPriorPrecision(_ a: [Float], rank k: Int, path: String) throws {
        func refuse(_ detail: String) -> ContainerError { .corrupted(path: path, detail: "prior precision Λ_x " + detail) }
        guard a.allSatisfy(\.isFinite) else { throw refuse("holds a value that is not finite") }
        for i in 0..<k {
            guard a[i * k + i] > 0 else { throw refuse("has diagonal entry \(i) = \(a[i * k + i]) (must be positive)") }
            for j in 0..<i {
                let upper = a[j * k + i], lower = a[i * k + j]
                guard abs(upper - lower) <= 1e-4 * max(abs(upper), abs(lower)) else {
                    throw refuse("is not symmetric (entries (\(i), \(j)) and (\(j), \(i)) are \(lower) and \(upper))")
                }
            }
        }
        guard k <= 256 else { return }
        var u = a.map(Double.init)
        if let pivot = u.withUnsafeMutableBufferPointer({ DenseCholesky.factor($0.baseAddress!, n: k) }) {
            throw refuse("is not positive definite (Cholesky fails at pivot \(pivot))")
        }
    }
}
