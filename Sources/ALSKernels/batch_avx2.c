/* AVX2+FMA copy of the batched kernels (batch_impl.h); chosen at run time by batch.c. */
#include "als_kernels.h"
#include <math.h>

#if defined(__x86_64__) || defined(__i386__)
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#define CMX_BATCH(x) x##_avx2
#include "batch_impl.h"

long cmx_cholesky8_avx2(float *a, long ld, long k) { return cholesky8_avx2(a, ld, k); }
void cmx_cholesky_solve2_8_avx2(const float *u, long ld, long k, float *b, float *c) {
    cholesky_solve2_8_avx2(u, ld, k, b, c);
}
void cmx_upper_solve8_avx2(const float *u, long ld, long k, float *b) { upper_solve8_avx2(u, ld, k, b); }
void cmx_cholesky_inverse8_avx2(const float *u, long ld, long k, const float *v, const float *h, float *out, float *w) {
    cholesky_inverse8_avx2(u, ld, k, v, h, out, w);
}
void cmx_interleave_upper8_avx2(const float *src, long kp, long k, long ld, float *dst) {
    interleave_upper8_avx2(src, kp, k, ld, dst);
}
void cmx_interleave8_avx2(const float *src, long stride, long n, float *dst) { interleave8_avx2(src, stride, n, dst); }
void cmx_deinterleave8_avx2(const float *src, long n, float *dst, long stride) { deinterleave8_avx2(src, n, dst, stride); }
void cmx_scatter_symmetric8_avx2(const float *src, long ld, long k, long kp, float *dst, long stride, long lanes) {
    scatter_symmetric8_avx2(src, ld, k, kp, dst, stride, lanes);
}
#pragma clang attribute pop
#endif
