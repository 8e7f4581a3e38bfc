/// `acc + a * b` lane by lane, fused into one rounding when the build targets a CPU with FMA.
///
/// Build with `-Xswiftc -target-cpu -Xswiftc haswell -Xswiftc -DCINEMATRIX_FMA` (see
/// `scripts/bench-tsne.sh`) to get AVX2 + FMA code for the hot loops; without that flag the
/// portable baseline multiplies and adds separately (a vector `fma` on a CPU target without FMA
/// would become a slow library call per lane).
@inline(__always) @usableFromInline
func fusedMultiplyAdd(_ acc: SIMD8<Float>, _ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
    #if CINEMATRIX_FMA
    return acc.addingProduct(a, b)
    #else
    return acc + a * b
    #endif
}
