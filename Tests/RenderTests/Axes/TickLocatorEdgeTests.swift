import Foundation
import Testing
@testable import Render

/// Issue 16: tick placement terminates and never traps, whatever the data's range.
@Suite struct TickLocatorEdgeTests {
    @Test(arguments: [(1e17, 1e17 + 64), (1e30, 1e30 * (1 + 1e-15)), (-1e308, 1e308), (1e308, 1.7e308),
                      (-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude), (5e-324, 1e-323), (0, 5e-324)])
    func linearTicksTerminateWithFewDistinctValues(lower: Double, upper: Double) {
        for integer in [false, true] {
            let (ticks, step) = TickLocator.linear(lower: lower, upper: upper, maxCount: 6, integer: integer)
            #expect(ticks.count <= 1000)
            #expect(Set(ticks).count == ticks.count)
            #expect(step > 0 && step.isFinite)
            _ = TickFormatter.labels(for: ticks, scale: .linear, step: step)
        }
    }

    @Test func limitsOfTheLargestDoublesStayFinite() {
        let (lo, hi) = Axis.limits(min: -1e308, max: 1e308, scale: .linear)
        #expect(lo.isFinite && hi.isFinite && lo < -1e308 && hi > 1e308)
        let axis = Axis(lower: lo, upper: hi, scale: .linear, maxTicks: 6)
        #expect(axis.fraction(0) > 0.49 && axis.fraction(0) < 0.51)
        #expect(!axis.ticks.isEmpty)
    }

    @Test func nonFiniteOrNonPositiveBoundsGiveNoTicksInsteadOfATrap() {
        for (lo, hi) in [(-Double.infinity, 1), (0, Double.nan), (0, 10), (-5, 10), (10, 1)] {
            _ = TickLocator.ticks(lower: lo, upper: hi, scale: .log, maxCount: 6, integer: false)
            _ = TickLocator.ticks(lower: lo, upper: hi, scale: .linear, maxCount: 6, integer: false)
        }
        #expect(TickFormatter.labels(for: [.infinity, 1e6], scale: .linear, step: 1e5).multiplier == 6)
    }
}
