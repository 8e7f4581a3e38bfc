import Core

/// The invariants `DatasetFile.read` relies on beyond the structural checks of each matrix
/// (row starts ascending, column indices in range): a usable scale, every rating on it, and
/// the two orientations of the training matrix holding the same ratings. A file that breaks
/// one is refused as damaged, so a crafted or damaged file whose checksums match cannot train
/// on 127.5-star ratings or on a by-movie matrix that disagrees with the by-user one.
extension DatasetFile {
    /// The scale stored in a dataset file, checked: finite, minimum below maximum, a positive step.
    static func checkedScale(_ values: [Float], path: String) throws -> RatingScale {
        let s = RatingScale(minimum: values[0], maximum: values[1], step: values[2])
        guard s.minimum.isFinite, s.maximum.isFinite, s.step.isFinite, s.minimum < s.maximum, s.step > 0 else {
            throw ContainerError.corrupted(path: path, detail: "rating scale \(s.minimum)…\(s.maximum) in steps of \(s.step)")
        }
        return s
    }

    /// Checks that every half-star code in `codes` (section `name`) is a rating on `scale`:
    /// between its minimum and maximum, a whole number of steps from the minimum. Code 255
    /// (127.5 stars) on a 0.5–5 scale is refused. Cost: one vectorised pass (smallest and
    /// largest code, and whether any is odd), a second pass only for scales whose step is
    /// neither a half nor a whole star.
    static func checkCodes(_ codes: [UInt8], on scale: RatingScale, name: String, path: String) throws {
        func refuse() -> ContainerError {
            .corrupted(path: path, detail: "section '\(name)' holds a rating off the scale \(scale.minimum)–\(scale.maximum) in steps of \(scale.step)")
        }
        guard !codes.isEmpty else { return }
        var lo: UInt8 = 255, hi: UInt8 = 0, bits: UInt8 = 0
        codes.withUnsafeBufferPointer { c in
            for code in c { lo = min(lo, code); hi = max(hi, code); bits |= code }
        }
        guard Float(lo) * 0.5 >= scale.minimum, Float(hi) * 0.5 <= scale.maximum else { throw refuse() }
        let stepCodes = scale.step * 2, minimumCode = scale.minimum * 2
        if stepCodes == 1 && minimumCode.rounded() == minimumCode { return }  // half stars: every code in range
        if stepCodes == 2 && minimumCode.rounded() == minimumCode {           // whole stars: one parity
            let parity = UInt8(Int(minimumCode) & 1)
            if parity == 0 ? bits & 1 == 0 : codes.allSatisfy({ $0 & 1 == 1 }) { return }
            throw refuse()
        }
        let allowed = (0...255).map { code -> Bool in
            let steps = (Float(code) * 0.5 - scale.minimum) / scale.step
            return abs(steps - steps.rounded()) < 1e-3
        }
        guard codes.allSatisfy({ allowed[Int($0)] }) else { throw refuse() }
    }

    /// Checks that every rating stored as a Float (section `name`) is finite. Such ratings need
    /// not lie on the scale (datasets built in code may hold any value).
    static func checkFinite(_ values: [Float], name: String, path: String) throws {
        guard allFinite(values) else {
            throw ContainerError.corrupted(path: path, detail: "section '\(name)' holds a rating that is not finite")
        }
    }

    /// Checks that `byMovie` is the transpose of `byUser` as far as counts tell: each movie's
    /// row length equals the number of its entries in `byUser`, and each user's row length the
    /// number of theirs in `byMovie`. Cost O(ratings + users + movies).
    static func checkOrientations(_ byUser: RatingMatrix, _ byMovie: RatingMatrix, path: String) throws {
        func agree(_ a: RatingMatrix, _ b: RatingMatrix) -> Bool {
            var perColumn = [Int](repeating: 0, count: a.columnCount)
            for c in a.columnIndex { perColumn[Int(c)] += 1 }
            for r in 0..<b.rowCount where b.rowStart[r + 1] - b.rowStart[r] != perColumn[r] { return false }
            return true
        }
        guard byUser.count == byMovie.count, agree(byUser, byMovie), agree(byMovie, byUser) else {
            throw ContainerError.corrupted(path: path, detail: "the by-user and by-movie matrices disagree")
        }
    }
}
