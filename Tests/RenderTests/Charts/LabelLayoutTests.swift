import Foundation
import Testing
import Render

/// Point labels and their leader lines: no label over another, no leader through a label or
/// across another leader.
@Suite struct LabelLayoutTests {
    /// A dense cloud with many labels on points packed together, as the famous titles of a
    /// movie map are.
    func crowded(seed: UInt64) throws -> RenderedChart {
        var random = SeededUniform(seed: seed)
        var xs: [Double] = [], ys: [Double] = []
        for _ in 0..<1500 {
            // Half the points in a tight blob in the middle, where the labelled ones are.
            let tight = xs.count % 2 == 0
            xs.append(tight ? 0.45 + 0.1 * random.next() : random.next())
            ys.append(tight ? 0.45 + 0.1 * random.next() : random.next())
        }
        let labels = (0..<24).map { PointLabel(index: 2 * $0, text: "A rather long movie title (19\($0 + 70))") }
        return try ScatterPlot(x: xs, y: ys, labels: labels).render(style: ChartStyle(width: 720, height: 450, scale: 1))
    }

    @Test(arguments: [1, 2, 3] as [UInt64]) func leaderLinesCrossNoLabelAndNoOtherLeader(seed: UInt64) throws {
        let rendered = try crowded(seed: seed)
        let boxes = rendered.layout.labelBoxes, leaders = rendered.layout.labelLeaders
        #expect(boxes.count == leaders.count)
        #expect(boxes.count + rendered.droppedLabels == 24)
        #expect(leaders.compactMap { $0 }.count >= 3, "the crowded centre should need leader lines")
        for i in boxes.indices {
            for j in boxes.indices where i != j {
                #expect(!boxes[i].intersects(boxes[j]), "labels \(i) and \(j) overlap")
                if let leader = leaders[i] {
                    #expect(!leader.intersects(boxes[j]), "the leader of label \(i) runs through label \(j)")
                    if let other = leaders[j] { #expect(!leader.intersects(other), "leaders \(i) and \(j) cross") }
                }
            }
        }
    }
}
