/// Whether every value is finite (no NaN, no ±∞): one pass, for checking
/// parameters and ratings read from a file. Cost O(n).
func allFinite(_ values: [Float]) -> Bool {
    values.withUnsafeBufferPointer { v in
        var bad = false
        for x in v { bad = bad || !x.isFinite }
        return !bad
    }
}
