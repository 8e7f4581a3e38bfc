import ALSKernels
import Core
import Testing
import TestSupport

@Suite struct DotTests {
    /// Small integers: every product and partial sum is exact in single precision, so any
    /// summation order gives the same value, and the kernel must return it exactly.
    @Test(arguments: [false, true])
    func productIsExactOnIntegers(portable: Bool) {
        cmx_force_portable(portable ? 1 : 0)
        defer { cmx_force_portable(0) }
        var rng = SplitMix64(seed: 11)
        for n in [0, 1, 7, 8, 9, 31, 32, 33, 100] {
            let a = (0..<n).map { _ in Float(Int(rng.next() % 9) - 4) }
            let b = (0..<n).map { _ in Float(Int(rng.next() % 9) - 4) }
            let truth = zip(a, b).reduce(0) { $0 + Int($1.0) * Int($1.1) }
            #expect(Dot.product(a, b, count: n) == Float(truth), "n = \(n)")
            #expect(Dot.exact(a, b, count: n) == Double(truth), "n = \(n)")
        }
    }

    @Test(arguments: [false, true])
    func productAgreesWithTheExactSumWithinRounding(portable: Bool) {
        cmx_force_portable(portable ? 1 : 0)
        defer { cmx_force_portable(0) }
        var rng = SplitMix64(seed: 12)
        for n in [3, 32, 37, 1000] {
            let a = (0..<n).map { _ in Float(rng.nextGaussian()) }
            let b = (0..<n).map { _ in Float(rng.nextGaussian()) }
            let exact = Dot.exact(a, b, count: n)
            let magnitude = zip(a, b).reduce(0.0) { $0 + abs(Double($1.0) * Double($1.1)) }
            #expect(abs(Double(Dot.product(a, b, count: n)) - exact) <= Double(n) * 0x1p-23 * magnitude)
        }
    }

    @Test func exactDotOfAVectorWithItselfIsItsSquaredNormAsSummed() {
        let v: [Float] = [0.1, -3.7, 2.25, 1e-20, 7]
        let squared = v.reduce(0.0) { $0 + Double($1) * Double($1) }
        #expect(Dot.exact(v, v, count: v.count) == squared)
    }
}
