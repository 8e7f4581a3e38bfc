/// A Barnes-Hut quadtree over 2-D points, built from their Morton (Z-order) codes.
///
/// Points are sorted by a 2 × 31-bit Morton code of their position in the bounding square, so
/// every cell is a contiguous run of `order`, and the non-empty children of a cell are stored
/// contiguously. Each node carries its point count, centre of mass and squared side length, in
/// single precision (ample for forces that the Barnes-Hut approximation already perturbs by
/// ~1e-3). Building costs one sort, O(N log N) — nearly linear when `previousOrder` (the last
/// iteration's order) is passed, since the sort then sees almost sorted input; memory ≈ 2N nodes.
struct QuadTree {
    /// Centre of mass x, y, point count and squared side of each node.
    var comX: [Float] = [], comY: [Float] = [], mass: [Float] = [], side2: [Float] = []
    /// First child of each node (−1 for a leaf) and its number of children.
    var firstChild: [Int32] = [], childCount: [Int32] = []
    /// Point indices sorted by Morton code.
    var order: [Int32]

    static let bits = 31

    /// Builds the tree over `positions` (interleaved x, y; N points).
    init(positions y: [Double], previousOrder: [Int32]? = nil) {
        let n = y.count / 2
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for i in 0..<n {
            minX = min(minX, y[2 * i]); maxX = max(maxX, y[2 * i])
            minY = min(minY, y[2 * i + 1]); maxY = max(maxY, y[2 * i + 1])
        }
        let side = max(maxX - minX, maxY - minY, 1e-12) * (1 + 1e-9)
        let scale = Double(1 << Self.bits) / side
        let top = Double((1 << Self.bits) - 1)
        var codes = [UInt64](repeating: 0, count: n)
        for i in 0..<n {
            let qx = UInt64(min(top, (y[2 * i] - minX) * scale))
            let qy = UInt64(min(top, (y[2 * i + 1] - minY) * scale))
            codes[i] = Self.spread(qx) | (Self.spread(qy) << 1)
        }
        var order = previousOrder?.count == n ? previousOrder! : (0..<n).map { Int32($0) }
        codes.withUnsafeBufferPointer { c in
            order.sort { c[Int($0)] < c[Int($1)] || (c[Int($0)] == c[Int($1)] && $0 < $1) }
        }
        self.order = order
        let sortedCodes = order.map { codes[Int($0)] }
        reserve(2 * n + 1)
        append(side2: Float(side * side))
        var ranges: [(Int, Int)] = [(0, n)]
        ranges.reserveCapacity(2 * n + 1)
        sortedCodes.withUnsafeBufferPointer { codes in
            y.withUnsafeBufferPointer { pos in
                build(node: 0, lo: 0, hi: n, level: 0, side: side, codes: codes, y: pos)
            }
        }
    }

    private mutating func reserve(_ count: Int) {
        comX.reserveCapacity(count); comY.reserveCapacity(count); mass.reserveCapacity(count)
        side2.reserveCapacity(count); firstChild.reserveCapacity(count); childCount.reserveCapacity(count)
    }

    private mutating func append(side2 s: Float) {
        comX.append(0); comY.append(0); mass.append(0); side2.append(s); firstChild.append(-1); childCount.append(0)
    }

    /// Fills node `index` covering `order[lo ..< hi]` and, recursively, its children.
    private mutating func build(node index: Int, lo: Int, hi: Int, level: Int, side: Double,
                                codes: UnsafeBufferPointer<UInt64>, y: UnsafeBufferPointer<Double>) {
        if hi - lo == 1 || level == Self.bits {
            var sx = 0.0, sy = 0.0
            for r in lo..<hi { let i = Int(order[r]); sx += y[2 * i]; sy += y[2 * i + 1] }
            let m = Double(hi - lo)
            comX[index] = Float(sx / m); comY[index] = Float(sy / m); mass[index] = Float(m)
            return
        }
        let shift = UInt64(2 * (Self.bits - 1 - level))
        // Boundaries of the (up to) four quadrants: codes are sorted, so quadrants are runs.
        var cuts = (lo, lo, lo, lo, hi)
        for q in 1...3 {
            var a = lo, b = hi
            while a < b {
                let mid = (a + b) / 2
                if (codes[mid] >> shift) & 3 < UInt64(q) { a = mid + 1 } else { b = mid }
            }
            switch q { case 1: cuts.1 = a; case 2: cuts.2 = a; default: cuts.3 = a }
        }
        let bounds = [cuts.0, cuts.1, cuts.2, cuts.3, cuts.4]
        let first = comX.count
        let childSide2 = Float(side * side / 4)
        var children = 0
        for q in 0..<4 where bounds[q + 1] > bounds[q] { append(side2: childSide2); children += 1 }
        firstChild[index] = Int32(first)
        childCount[index] = Int32(children)
        var sx = 0.0, sy = 0.0, m = 0.0
        var c = first
        for q in 0..<4 where bounds[q + 1] > bounds[q] {
            build(node: c, lo: bounds[q], hi: bounds[q + 1], level: level + 1, side: side / 2, codes: codes, y: y)
            let mc = Double(mass[c])
            sx += Double(comX[c]) * mc; sy += Double(comY[c]) * mc; m += mc
            c += 1
        }
        comX[index] = Float(sx / m); comY[index] = Float(sy / m); mass[index] = Float(m)
    }

    /// Interleaves the low 31 bits of `v` with zeros (bit b moves to bit 2b).
    static func spread(_ v: UInt64) -> UInt64 {
        var x = v & 0x7FFF_FFFF
        x = (x | (x << 16)) & 0x0000_FFFF_0000_FFFF
        x = (x | (x << 8)) & 0x00FF_00FF_00FF_00FF
        x = (x | (x << 4)) & 0x0F0F_0F0F_0F0F_0F0F
        x = (x | (x << 2)) & 0x3333_3333_3333_3333
        x = (x | (x << 1)) & 0x5555_5555_5555_5555
        return x
    }
}
