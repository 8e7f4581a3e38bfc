/// Whether every value is finite (no NaN, no ±∞): one pass, for checking
/// parameters and ratings read from a file. Cost O(n).
public func allFinite(_ values: [Float]) -> Bool {
    values.withUnsafeBufferPointer { allFinite($0) }
}

/// `allFinite` of values in place.
public func allFinite(_ values: UnsafeBufferPointer<Float>) -> Bool {
    var bad = false
    for x in values { bad = bad || !x.isFinite }
    return !bad
}
