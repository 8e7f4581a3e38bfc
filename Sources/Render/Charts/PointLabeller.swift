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
/// important), takes the first free spot on rings of growing radius around its point; spots
/// away from the point get a leader line. Labels with no free spot are dropped and counted.
/// Cost: O(labels² × candidates).
enum PointLabeller {
    struct Placement {
        var box: Rect
        var anchor: (Double, Double)
        var text: String
        var leader: Bool
    }

    static let radii: [Double] = [5, 14, 26, 40, 58, 80]

    static func place(_ canvas: Canvas, labels: [(point: (Double, Double), text: String)], bounds: Rect,
                      markerRadius: Double) -> (placed: [Placement], dropped: Int) {
        var placed: [Placement] = []
        var dropped = 0
        let size = Theme.annotationSize
        let keepOut = labels.map { Rect(x: $0.point.0 - markerRadius - 1.5, y: $0.point.1 - markerRadius - 1.5,
                                        width: 2 * markerRadius + 3, height: 2 * markerRadius + 3) }
        for (n, label) in labels.enumerated() {
            let m = canvas.measure(label.text, size: size)
            let w = m.width + 4, h = size * 1.25
            var chosen: Placement?
            search: for (ring, r) in radii.enumerated() {
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
                    if placed.contains(where: { $0.box.insetBy(-1.5).intersects(box) }) { continue }
                    if keepOut.enumerated().contains(where: { $0.offset != n && $0.element.intersects(box) }) { continue }
                    if keepOut[n].intersects(box) { continue }
                    chosen = Placement(box: box, anchor: label.point, text: label.text, leader: ring > 0)
                    break search
                }
            }
            if let chosen { placed.append(chosen) } else { dropped += 1 }
        }
        return (placed, dropped)
    }

    /// Draws leader lines, then label backgrounds and text.
    static func draw(_ canvas: Canvas, _ placements: [Placement], markerRadius: Double) {
        let ink = Colour(hex: 0x333333)
        for p in placements where p.leader {
            let target = nearestPoint(on: p.box, to: p.anchor)
            let dx = target.0 - p.anchor.0, dy = target.1 - p.anchor.1
            let length = (dx * dx + dy * dy).squareRoot()
            guard length > markerRadius + 1 else { continue }
            let start = (p.anchor.0 + dx / length * (markerRadius + 1), p.anchor.1 + dy / length * (markerRadius + 1))
            canvas.line(start.0, start.1, target.0, target.1, colour: ink.withAlpha(0.75), width: 0.6)
        }
        for p in placements {
            canvas.roundedRect(p.box, radius: 2, fill: Colour.white.withAlpha(0.78), edge: nil)
            canvas.text(p.text, x: p.box.x + 2, y: p.box.midY, size: Theme.annotationSize, colour: ink, h: .left, v: .middle)
        }
    }

    static func nearestPoint(on r: Rect, to p: (Double, Double)) -> (Double, Double) {
        (min(max(p.0, r.x), r.maxX), min(max(p.1, r.y), r.maxY))
    }
}
