/// A Barnes-Hut quadtree over 2-D points, built from their Morton (Z-order) codes.
///
/// Points are sorted by a 2 × 31-bit Morton code of their position in the bounding square, so
/// every cell is a contiguous run of `order`, and children (non-empty quadrants only) are stored
/// contiguously. Each node carries its point count, centre of mass and squared side length.
/// Building costs one sort, O(N log N); memory about 2N nodes of 48 bytes.
struct QuadTree {
    struct Node {
        var comX: Double
        var comY: Double
        var mass: Double
        var side2: Double
        /// First child index, or −1 for a leaf.
        var firstChild: Int32
        var childCount: Int32
        /// Range of `order` covered by the node.
        var lo: Int32
        var hi: Int32
    }

    var nodes: [Node] = []
    /// Point indices sorted by Morton code.
    var order: [Int32]
    /// Position of each point in `order`.
    var rank: [Int32]

    static let bits = 31

    /// Builds the tree over `positions` (interleaved x, y; N points).
    init(positions y: [Double]) {
        let n = y.count / 2
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for i in 0..<n {
            minX = min(minX, y[2 * i]); maxX = max(maxX, y[2 * i])
            minY = min(minY, y[2 * i + 1]); maxY = max(maxY, y[2 * i + 1])
        }
        let side = max(maxX - minX, maxY - minY, 1e-12) * (1 + 1e-9)
        let scale = Double(1 << Self.bits) / side
        var codes = [UInt64](repeating: 0, count: n)
        for i in 0..<n {
            let qx = UInt64(min(Double((1 << Self.bits) - 1), (y[2 * i] - minX) * scale))
            let qy = UInt64(min(Double((1 << Self.bits) - 1), (y[2 * i + 1] - minY) * scale))
            codes[i] = Self.spread(qx) | (Self.spread(qy) << 1)
        }
        // Sort (code, index) pairs packed as one key each: deterministic and fast.
        order = (0..<n).map { Int32($0) }
        order.sort { codes[Int($0)] < codes[Int($1)] || (codes[Int($0)] == codes[Int($1)] && $0 < $1) }
        rank = [Int32](repeating: 0, count: n)
        for (r, i) in order.enumerated() { rank[Int(i)] = Int32(r) }
        let sortedCodes = order.map { codes[Int($0)] }
        nodes.reserveCapacity(2 * n + 1)
        nodes.append(Node(comX: 0, comY: 0, mass: 0, side2: side * side, firstChild: -1, childCount: 0, lo: 0, hi: Int32(n)))
        build(node: 0, level: 0, side: side, codes: sortedCodes, y: y)
    }

    /// Fills node `index` (range already set) and, recursively, its children.
    private mutating func build(node index: Int, level: Int, side: Double, codes: [UInt64], y: [Double]) {
        let lo = Int(nodes[index].lo), hi = Int(nodes[index].hi)
        if hi - lo == 1 || level == Self.bits {
            var sx = 0.0, sy = 0.0
            for r in lo..<hi { let i = Int(order[r]); sx += y[2 * i]; sy += y[2 * i + 1] }
            let m = Double(hi - lo)
            nodes[index].comX = sx / m; nodes[index].comY = sy / m; nodes[index].mass = m
            return
        }
        let shift = UInt64(2 * (Self.bits - 1 - level))
        var bounds: [(Int, Int)] = []
        var start = lo
        while start < hi {
            let quadrant = (codes[start] >> shift) & 3
            var end = start + 1
            while end < hi && (codes[end] >> shift) & 3 == quadrant { end += 1 }
            bounds.append((start, end))
            start = end
        }
        let first = nodes.count
        let childSide = side / 2
        for (a, b) in bounds {
            nodes.append(Node(comX: 0, comY: 0, mass: 0, side2: childSide * childSide, firstChild: -1, childCount: 0,
                              lo: Int32(a), hi: Int32(b)))
        }
        nodes[index].firstChild = Int32(first)
        nodes[index].childCount = Int32(bounds.count)
        var sx = 0.0, sy = 0.0, m = 0.0
        for c in first..<(first + bounds.count) {
            build(node: c, level: level + 1, side: childSide, codes: codes, y: y)
            sx += nodes[c].comX * nodes[c].mass; sy += nodes[c].comY * nodes[c].mass; m += nodes[c].mass
        }
        nodes[index].comX = sx / m; nodes[index].comY = sy / m; nodes[index].mass = m
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

    /// Barnes-Hut sums for point `i` at (px, py): `Σⱼ wᵢⱼ` and `Σⱼ wᵢⱼ² (yᵢ − yⱼ)` over all
    /// j ≠ i, with `w = 1 / (1 + d²)`; a cell is summarised by its centre of mass when
    /// `side² < θ² d²`. `stack` is caller-owned scratch of at least 4 · 32 + 1 entries.
    @inline(__always)
    func repulsion(point i: Int, px: Double, py: Double, theta2: Double,
                   nodes: UnsafePointer<Node>, stack: UnsafeMutablePointer<Int32>) -> (z: Double, fx: Double, fy: Double) {
        let myRank = rank[i]
        var z = 0.0, fx = 0.0, fy = 0.0
        var top = 0
        stack[0] = 0
        top = 1
        while top > 0 {
            top -= 1
            let node = nodes[Int(stack[top])]
            let dx = px - node.comX, dy = py - node.comY
            let d2 = dx * dx + dy * dy
            if node.firstChild < 0 {
                var m = node.mass
                if myRank >= node.lo && myRank < node.hi { m -= 1 }
                if m == 0 { continue }
                let w = 1 / (1 + d2)
                let q = m * w
                z += q
                fx += q * w * dx; fy += q * w * dy
            } else if node.side2 < theta2 * d2 && !(myRank >= node.lo && myRank < node.hi) {
                let w = 1 / (1 + d2)
                let q = node.mass * w
                z += q
                fx += q * w * dx; fy += q * w * dy
            } else {
                let first = node.firstChild
                for c in 0..<node.childCount { stack[top] = first + c; top += 1 }
            }
        }
        return (z, fx, fy)
    }
}
