import Core
import Foundation
import Testing
import TestSupport
@testable import Render

@Suite struct AxisAndPaletteTests {
    @Test func niceTicksStayInsideTheRangeWithNiceSteps() throws {
        var rng = SeededUniform(seed: 42)
        for _ in 0..<500 {
            let centre = (rng.next() - 0.5) * pow(10, rng.next() * 12 - 6)
            let span = pow(10, rng.next() * 10 - 5)
            let lo = centre - span * rng.next(), hi = lo + span
            let maxTicks = 3 + Int(rng.next() * 6)
            let axis = Axis(lower: lo, upper: hi, scale: .linear, maxTicks: maxTicks)
            try #require(axis.ticks.count >= 2, "\(lo)…\(hi): \(axis.ticks)")
            #expect(axis.ticks.count <= maxTicks + 1, "\(lo)…\(hi): \(axis.ticks)")
            #expect(axis.ticks.allSatisfy { $0 >= lo - span * 1e-9 && $0 <= hi + span * 1e-9 })
            // (The difference of two large ticks loses digits: compare mantissas loosely.)
            let step = axis.ticks[1] - axis.ticks[0]
            let mantissa = step / pow(10, floor(log10(step)))
            #expect([1, 2, 2.5, 5, 10].contains { abs(mantissa - $0) < 1e-4 }, "step \(step) \(lo)…\(hi) \(axis.ticks)")
            #expect(Set(axis.labels.map(\.text)).count == axis.labels.count, "labels repeat: \(lo)…\(hi) \(axis.ticks) \(axis.labels.map(\.text))")
        }
    }

    @Test func integerAxesGetWholeTicks() {
        let axis = Axis(lower: 0.6, upper: 4.4, scale: .linear, maxTicks: 9, integer: true)
        #expect(axis.ticks == [1, 2, 3, 4])
        #expect(axis.labels.map(\.text) == ["1", "2", "3", "4"])
    }

    @Test func labelsUseMinusSignAndMultiplierForBigNumbers() {
        let negative = Axis(lower: -2, upper: 2, scale: .linear, maxTicks: 4)
        #expect(negative.labels.first?.text == "\u{2212}2")
        let big = Axis(lower: 0, upper: 5e6, scale: .linear, maxTicks: 5)
        #expect(big.multiplier == 6)
        #expect(big.labels.map(\.text).contains("5"))
    }

    @Test func logTicksAreDecadesOrOneTwoFive() {
        let wide = Axis(lower: 1e-3, upper: 1e4, scale: .log, maxTicks: 8)
        #expect(wide.ticks.map { log10($0) }.allSatisfy { abs($0 - $0.rounded()) < 1e-9 })
        #expect(wide.minorTicks.contains { abs($0 - 0.02) < 1e-12 })
        let narrow = Axis(lower: 0.4, upper: 30, scale: .log, maxTicks: 8)
        #expect(narrow.ticks.count >= 3)
        #expect(narrow.ticks.allSatisfy { v in [1.0, 2, 5].contains { abs(v / pow(10, floor(log10(v))) - $0) < 1e-9 } })
        #expect(abs(wide.fraction(1) - 3.0 / 7.0) < 1e-12)
    }

    @Test func viridisIsMonotoneInLightnessAndHitsItsEnds() {
        #expect(Palette.viridis(0) == Colour(hex: 0x440154))
        #expect(Palette.viridis(1) == Colour(hex: 0xFDE725))
        let lum = stride(from: 0.0, through: 1.0, by: 0.01).map { Palette.viridis($0).luminance }
        #expect(zip(lum, lum.dropFirst()).allSatisfy { $0 < $1 })
        #expect(Palette.viridis(.nan) == Palette.viridis(0) && Palette.viridis(2) == Palette.viridis(1))
    }

    @Test func categoricalPaletteHasTwentyDistinctColours() {
        let colours = Palette.categorical
        #expect(colours.count == 20 && Set(colours).count == 20)
        #expect(Palette.category(20) == Palette.category(0) && Palette.category(-1) == Palette.category(19))
        // Every colour stands out on white (WCAG 3:1 for graphics) and any two differ clearly.
        for (i, c) in colours.enumerated() {
            #expect(c.contrast(with: .white) >= 3, "colour \(i) \(c.hex) is too light on white")
            #expect(c.lab.l >= 29, "colour \(i) \(c.hex) is nearly black")
        }
        for i in colours.indices { for j in colours.indices where i < j {
            #expect(colours[i].difference(from: colours[j]) >= 20, "\(i) \(colours[i].hex) and \(j) \(colours[j].hex) are too alike")
        } }
        // The old palette's yellow (the invisible Documentary dots) fails the same check.
        #expect(Colour(hex: 0xF0E442).contrast(with: .white) < 2)
    }

    @Test func colourScienceKnownAnswers() {
        // CIELAB of sRGB primaries and white (published D65 values), WCAG contrast of black on white.
        let red = Colour(hex: 0xFF0000).lab
        #expect(abs(red.l - 53.24) < 0.05 && abs(red.a - 80.09) < 0.05 && abs(red.b - 67.20) < 0.05)
        let white = Colour.white.lab
        #expect(abs(white.l - 100) < 1e-4 && abs(white.a) < 1e-3 && abs(white.b) < 1e-3)
        #expect(abs(Colour.black.contrast(with: .white) - 21) < 1e-9)
        #expect(Colour(hex: 0x0072B2).hex == "#0072B2")
        #expect(Colour(hex: 0x0A0B0C).hex == "#0A0B0C")
    }
}

/// A tiny seeded uniform generator for test inputs (SplitMix64 steps).
struct SeededUniform {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> Double {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
}
