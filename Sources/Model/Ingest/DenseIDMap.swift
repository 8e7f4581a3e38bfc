import Core

/// Raw MovieLens ids to dense indices `0..<count` and back.
///
/// MovieLens ids are small integers, so ids up to a bound below 2²⁶ go through a direct-index
/// table (`raw → dense`, −1 when absent; a 256 MB table at worst) and any larger id through a
/// hash table. `init(maxID:)` uses the table only when every id fits it; `init(tableUpTo:)`
/// always has one, for the fast paths that look ratings' ids up in bulk (all below 2²⁶) while a
/// few others — movies listed but never rated — may be any size.
/// Lookup cost O(1); building costs O(table size + count).
struct DenseIDMap {
    /// Raw id of each dense index.
    private(set) var rawIDs: [Int64] = []
    private var table: [Int32] = []
    private var hashed: [UInt32: Int32] = [:]

    static let directLimit: UInt32 = 1 << 26

    /// An empty map for ids up to `maxID`: direct-indexed when `maxID` is below 2²⁶, else hashed.
    init(maxID: UInt32) {
        if maxID < Self.directLimit { table = [Int32](repeating: -1, count: Int(maxID) + 1) }
    }

    /// An empty map whose table covers ids up to `tableMax` (at most 2²⁶ − 1); larger ids are
    /// hashed.
    init(tableUpTo tableMax: UInt32) {
        table = [Int32](repeating: -1, count: Int(min(tableMax, Self.directLimit - 1)) + 1)
    }

    /// The raw → dense table for the raw ids below its count (−1 when absent); empty for a
    /// hashed map. Bulk lookups (C kernels) index it with ids known to be below its count.
    var directTable: [Int32] { table }

    /// Number of ids mapped.
    var count: Int { rawIDs.count }

    /// Adds `raw` (if new) and returns its dense index.
    @discardableResult
    mutating func insert(_ raw: UInt32) -> Int32 {
        if let d = self[raw] { return d }
        let d = Int32(rawIDs.count)
        rawIDs.append(Int64(raw))
        if Int(raw) < table.count { table[Int(raw)] = d } else { hashed[raw] = d }
        return d
    }

    /// Dense index of `raw`, or nil.
    subscript(raw: UInt32) -> Int32? {
        if Int(raw) < table.count {
            let d = table[Int(raw)]
            return d < 0 ? nil : d
        }
        return hashed[raw]
    }

    /// Rewrites `ids[0..<count]` from raw to dense in place; every id must be mapped (ids that
    /// are not become −1's bit pattern).
    func remap(_ ids: UnsafeMutablePointer<UInt32>, count: Int) {
        table.withUnsafeBufferPointer { t in
            for i in 0..<count {
                let raw = ids[i]
                ids[i] = UInt32(bitPattern: Int(raw) < t.count ? t[Int(raw)] : hashed[raw] ?? -1)
            }
        }
    }

    /// The ids present in `chunks` (`\.users` or `\.movies`), ascending. Uses a presence bitmap
    /// per worker when ids are small. Cost O(ratings / threads + maxID).
    static func presentIDs(_ chunks: [RatingChunk], ids: KeyPath<RatingChunk, UnsafeMutablePointer<UInt32>>,
                           maxID: UInt32, threads: Int) -> [UInt32] {
        if maxID < directLimit {
            let words = Int(maxID) / 64 + 1
            let workers = max(1, min(threads, chunks.count))
            var maps = (0..<workers).map { _ in [UInt64](repeating: 0, count: words) }
            maps.withUnsafeMutableBufferPointer { mapsBuffer in
                let base = mapsBuffer.baseAddress!
                parallelForEach(count: chunks.count, threads: workers, grain: 1) { c, w in
                    let chunk = chunks[c]
                    let p = chunk[keyPath: ids]
                    base[w].withUnsafeMutableBufferPointer { bits in
                        for i in 0..<chunk.count { let v = Int(p[i]); bits[v >> 6] |= 1 << UInt64(v & 63) }
                    }
                }
            }
            var merged = maps[0]
            for m in maps.dropFirst() { for i in 0..<words { merged[i] |= m[i] } }
            var out: [UInt32] = []
            for (w, word) in merged.enumerated() where word != 0 {
                var x = word
                while x != 0 {
                    out.append(UInt32(w * 64 + x.trailingZeroBitCount))
                    x &= x - 1
                }
            }
            return out
        }
        var seen = Set<UInt32>()
        for chunk in chunks { let p = chunk[keyPath: ids]; for i in 0..<chunk.count { seen.insert(p[i]) } }
        return seen.sorted()
    }
}
