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
    /// (127.5 stars) on a 0.5–5 scale is refused. Cost: one pass, a 256-entry table.
    static func checkCodes(_ codes: [UInt8], on scale: RatingScale, name: String, path: String) throws {
        let allowed = (0...255).map { code -> Bool in
            let x = Float(code) * 0.5, steps = (x - scale.minimum) / scale.step
            return x >= scale.minimum && x <= scale.maximum && abs(steps - steps.rounded()) < 1e-3
        }
        let ok = codes.withUnsafeBufferPointer { c in
            var bad = false
            for code in c { bad = bad || !allowed[Int(code)] }
            return !bad
        }
        guard ok else {
            let s = scale
            throw ContainerError.corrupted(path: path, detail: "section '\(name)' holds a rating off the scale \(s.minimum)–\(s.maximum) in steps of \(s.step)")
        }
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
