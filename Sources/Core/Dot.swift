import ALSKernels

/// The library's dot products, one for each precision.
public enum Dot {
    /// ⟨a, b⟩ over `count` floats in single precision: the C kernel `cmx_dot` (AVX2+FMA when the
    /// CPU has it, else a loop the compiler may vectorise), the one behind ALS solves and
    /// losses, predictions and recommendation scores. Cost `count` multiply-adds.
    @inlinable
    public static func product(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        cmx_dot(a, b, count)
    }

    /// ⟨a, b⟩ of two float vectors summed in double precision, in order (each product of two
    /// floats is exact in double, so only the sums round): for rescoring that must be exact to
    /// float rounding, e.g. a vector's cosine with itself is then exactly 1. Cost `count`
    /// multiply-adds.
    @inlinable
    public static func exact(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Double {
        var s = 0.0
        for t in 0..<count { s += Double(a[t]) * Double(b[t]) }
        return s
    }
}
