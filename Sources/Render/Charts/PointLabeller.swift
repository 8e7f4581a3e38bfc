import Foundation

/// A text label for one data point of a scatter plot.
public struct PointLabel: Sendable {
    /// Index of the point in the chart's x/y arrays.
    public var index: Int
    public var text: String
    public init(index: Int, text: String) {
        self.index = index
        self.text = text
    }
}

/// Places point labels without overlaps: each label, in the order given (earlier = more
/// important), tries spots on rings of growing radius around its point and takes the one that
/// collides with no placed label and covers the fewest data points (each ring outwards costs
/// as much as 1.5 covered points); spots away from the point get a leader line. A leader line
/// never crosses a label, another leader line or another labelled point, and no label is put
/// over a leader line; labels and leaders keep out of `blocked` boxes (a legend). Labels with no free spot are dropped and counted.
/// Cost: O(labels × candidates × (labels + points per box)).
enum PointLabeller {
    struct Placement {
        var box: Rect
        var anchor: (Double, Double)
        var text: String
        /// From the edge of the point's marker to the nearest point of the box; nil when the
        /// label sits next to its point.
        var leader: Segment?
    }

    static let radii: [Double] = [5, 14, 26, 40, 58, 80]

    static func place(_ canvas: Canvas, labels: [(point: (Double, Double), text: String)], bounds: Rect,
                      markerRadius: Double, data: [(Double, Double)] = [], blocked: [Rect] = []) -> (placed: [Placement], dropped: Int) {
        let density = PointBins(points: data, bounds: bounds, cell: 12)
        var placed: [Placement] = []
        var dropped = 0
        let size = Theme.annotationSize
        let keepOut = labels.map { Rect(x: $0.point.0 - markerRadius - 1.5, y: $0.point.1 - markerRadius - 1.5,
                                        width: 2 * markerRadius + 3, height: 2 * markerRadius + 3) }
        for (n, label) in labels.enumerated() {
            let m = canvas.measure(label.text, size: size)
            let w = m.width + 4, h = size * 1.25
            var chosen: Placement?
            var bestCost = Double.infinity
            for (ring, r) in radii.enumerated() {
                if Double(ring) * 1.5 >= bestCost { break }
                let directions = ring == 0 ? 8 : 16
                for k in 0..<directions {
                    // Start to the upper right, then go round; alternate sides for balance.
                    let step = (k + 1) / 2 * (k % 2 == 0 ? -1 : 1)
                    let theta = Double.pi / 4 + Double(step) * 2 * .pi / Double(directions)
                    let c = cos(theta), s = sin(theta)
                    let ax = label.point.0 + (r + markerRadius) * c, ay = label.point.1 - (r + markerRadius) * s
                    let x = c > 0.35 ? ax : (c < -0.35 ? ax - w : ax - w / 2)
                    let y = s > 0.35 ? ay - h : (s < -0.35 ? ay : ay - h / 2)
                    let box = Rect(x: x, y: y, width: w, height: h)
                    guard bounds.contains(box) else { continue }
                    let leader = ring > 0 ? leaderLine(from: label.point, to: box, markerRadius: markerRadius) : nil
                    guard isFree(box, leader: leader, label: n, placed: placed, keepOut: keepOut) else { continue }
                    if blocked.contains(where: { $0.intersects(box) || leader?.intersects($0) == true }) { continue }
                    let cost = Double(density.count(in: box)) + Double(ring) * 1.5
                    if cost < bestCost {
                        bestCost = cost
                        chosen = Placement(box: box, anchor: label.point, text: label.text, leader: leader)
                    }
                }
            }
            if let chosen { placed.append(chosen) } else { dropped += 1 }
        }
        return (placed, dropped)
    }

    /// Whether label `n` may take `box` with `leader`: the box meets no placed label (with a
    /// 1.5-point gap), no placed leader and no labelled point's marker; the leader meets no
    /// placed label, no placed leader and no other labelled point's marker.
    static func isFree(_ box: Rect, leader: Segment?, label n: Int, placed: [Placement], keepOut: [Rect]) -> Bool {
        for p in placed {
            let grown = p.box.insetBy(-1.5)
            if grown.intersects(box) { return false }
            if let other = p.leader, other.intersects(box.insetBy(-1)) { return false }
            if let leader {
                if leader.intersects(grown) { return false }
                if let other = p.leader, leader.intersects(other) { return false }
            }
        }
        for (i, rect) in keepOut.enumerated() {
            if rect.intersects(box) { return false }
            if i != n, let leader, leader.intersects(rect) { return false }
        }
        return true
    }

    /// The leader from the edge of the marker at `anchor` to the nearest point of `box`, or nil
    /// when the box is within a point of the marker.
    static func leaderLine(from anchor: (Double, Double), to box: Rect, markerRadius: Double) -> Segment? {
        let target = nearestPoint(on: box, to: anchor)
        let dx = target.0 - anchor.0, dy = target.1 - anchor.1
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > markerRadius + 1 else { return nil }
        let k = (markerRadius + 1) / length
        return Segment(x0: anchor.0 + dx * k, y0: anchor.1 + dy * k, x1: target.0, y1: target.1)
    }

    /// Draws leader lines, then the labels' text with a white halo.
    static func draw(_ canvas: Canvas, _ placements: [Placement]) {
        let ink = Colour(hex: 0x333333)
        for p in placements {
            guard let l = p.leader else { continue }
            canvas.line(l.x0, l.y0, l.x1, l.y1, colour: ink.withAlpha(0.75), width: 0.6)
        }
        for p in placements {
            canvas.haloText(p.text, x: p.box.x + 2, y: p.box.midY, size: Theme.annotationSize, colour: ink,
                            halo: Colour.white.withAlpha(0.85), haloWidth: 2.6, h: .left, v: .middle)
        }
    }

    static func nearestPoint(on r: Rect, to p: (Double, Double)) -> (Double, Double) {
        (min(max(p.0, r.x), r.maxX), min(max(p.1, r.y), r.maxY))
    }
}

/// Points binned on a square grid, to count quickly how many fall inside a box.
struct PointBins {
    let origin: (Double, Double)
    let cell: Double
    let columns: Int
    let rows: Int
    var bins: [[(Double, Double)]]

    init(points: [(Double, Double)], bounds: Rect, cell: Double) {
        origin = (bounds.x, bounds.y)
        self.cell = cell
        columns = max(1, Int((bounds.width / cell).rounded(.up)))
        rows = max(1, Int((bounds.height / cell).rounded(.up)))
        bins = Array(repeating: [], count: columns * rows)
        for p in points {
            let c = Int((p.0 - origin.0) / cell), r = Int((p.1 - origin.1) / cell)
            guard c >= 0, r >= 0, c < columns, r < rows else { continue }
            bins[r * columns + c].append(p)
        }
    }

    /// Number of points inside `box`.
    func count(in box: Rect) -> Int {
        let c0 = max(0, Int((box.x - origin.0) / cell)), c1 = min(columns - 1, Int((box.maxX - origin.0) / cell))
        let r0 = max(0, Int((box.y - origin.1) / cell)), r1 = min(rows - 1, Int((box.maxY - origin.1) / cell))
        guard c0 <= c1, r0 <= r1 else { return 0 }
        var n = 0
        for r in r0...r1 {
            for c in c0...c1 {
                for p in bins[r * columns + c] where p.0 >= box.x && p.0 <= box.maxX && p.1 >= box.y && p.1 <= box.maxY { n += 1 }
            }
        }
        return n
    }
}
