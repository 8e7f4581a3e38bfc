/// Barnes-Hut repulsion for groups of 8 points at a time (Barnes 1990 "grouping").
///
/// Eight consecutive points in Morton order form a group with a bounding box. The tree is
/// walked once per group: a cell is summarised by its centre of mass when
/// `side² < θ² · (distance from its centre of mass to the box)²` — stricter than the per-point
/// test, hence at least as accurate — and otherwise opened. The accepted cells are then applied
/// to all eight points at once with SIMD8 arithmetic. A cell that touches the box is never
/// summarised, so each point meets itself only in its own leaf, as a term with w = 1 and no
/// force, which is removed. Cost: O(N log N / θ²) interactions, ≈ 8× fewer tree visits.
struct BarnesHutRepulsion {
    /// Scratch owned by one worker: traversal stack and interaction list (grown on demand).
    final class Scratch {
        var stack: UnsafeMutablePointer<Int32>
        var stackCapacity = 256
        var cells: UnsafeMutablePointer<SIMD4<Float>>
        var cellCapacity = 4096
        init() {
            stack = .allocate(capacity: stackCapacity)
            cells = .allocate(capacity: cellCapacity)
        }
        deinit { stack.deallocate(); cells.deallocate() }
        func growStack() {
            let bigger = UnsafeMutablePointer<Int32>.allocate(capacity: 2 * stackCapacity)
            bigger.update(from: stack, count: stackCapacity)
            stack.deallocate(); stack = bigger; stackCapacity *= 2
        }
        func growCells() {
            let bigger = UnsafeMutablePointer<SIMD4<Float>>.allocate(capacity: 2 * cellCapacity)
            bigger.update(from: cells, count: cellCapacity)
            cells.deallocate(); cells = bigger; cellCapacity *= 2
        }
    }

    /// For the points `tree.order[start ..< start + 8]` (fewer at the end), the sums
    /// `Σⱼ wᵢⱼ` and `Σⱼ wᵢⱼ² (yᵢ − yⱼ)` over j ≠ i, written to `z` and `force` (2 per point).
    static func group(start: Int, tree: QuadTree, positions y: UnsafeBufferPointer<Double>, theta2: Float,
                      scratch: Scratch, z: UnsafeMutableBufferPointer<Double>, force: UnsafeMutableBufferPointer<Double>) {
        let count = min(8, tree.order.count - start)
        var px = SIMD8<Float>(), py = SIMD8<Float>()
        var x0 = Float.infinity, x1 = -Float.infinity, y0 = Float.infinity, y1 = -Float.infinity
        for l in 0..<8 {
            let i = Int(tree.order[start + min(l, count - 1)])
            px[l] = Float(y[2 * i]); py[l] = Float(y[2 * i + 1])
            x0 = min(x0, px[l]); x1 = max(x1, px[l]); y0 = min(y0, py[l]); y1 = max(y1, py[l])
        }
        var accepted = 0
        tree.comX.withUnsafeBufferPointer { comX in
        tree.comY.withUnsafeBufferPointer { comY in
        tree.side2.withUnsafeBufferPointer { side2 in
        tree.firstChild.withUnsafeBufferPointer { firstChild in
        tree.childCount.withUnsafeBufferPointer { childCount in
        tree.mass.withUnsafeBufferPointer { mass in
            var top = 1
            scratch.stack[0] = 0
            while top > 0 {
                top -= 1
                let k = Int(scratch.stack[top])
                let cx = comX[k], cy = comY[k]
                let dx = max(x0 - cx, 0, cx - x1), dy = max(y0 - cy, 0, cy - y1)
                let d2 = dx * dx + dy * dy
                if firstChild[k] < 0 || side2[k] < theta2 * d2 {
                    if accepted == scratch.cellCapacity { scratch.growCells() }
                    scratch.cells[accepted] = SIMD4(cx, cy, mass[k], 0)
                    accepted += 1
                } else {
                    if top + 4 > scratch.stackCapacity { scratch.growStack() }
                    let first = firstChild[k]
                    for c in 0..<childCount[k] { scratch.stack[top] = first + c; top += 1 }
                }
            }
        }}}}}}
        var zs = SIMD8<Float>(), fx = SIMD8<Float>(), fy = SIMD8<Float>()
        let cells = scratch.cells
        for t in 0..<accepted {
            let cell = cells[t]
            let dx = px - SIMD8(repeating: cell.x), dy = py - SIMD8(repeating: cell.y)
            let w = 1 / (1 + dx * dx + dy * dy)
            let q = SIMD8(repeating: cell.z) * w
            zs += q
            let qw = q * w
            fx += qw * dx; fy += qw * dy
        }
        for l in 0..<count {
            let i = Int(tree.order[start + l])
            z[i] = Double(zs[l]) - 1
            force[2 * i] = Double(fx[l]); force[2 * i + 1] = Double(fy[l])
        }
    }
}
