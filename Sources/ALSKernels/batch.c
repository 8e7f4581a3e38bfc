/* Batched Cholesky factorisation, solves and inverse of eight interleaved matrices, and the
 * (de)interleaving helpers (see als_kernels.h): the AVX2+FMA copy in batch_avx2.c when the CPU
 * has it, else the portable copy compiled here from the same source, batch_impl.h. */
#include "als_kernels.h"
#include <math.h>

#define CMX_BATCH(x) x##_portable
#include "batch_impl.h"
#undef CMX_BATCH

#if defined(__x86_64__) || defined(__i386__)
long cmx_cholesky8_avx2(float *a, long ld, long k);
void cmx_cholesky_solve2_8_avx2(const float *u, long ld, long k, float *b, float *c);
void cmx_upper_solve8_avx2(const float *u, long ld, long k, float *b);
void cmx_cholesky_inverse8_avx2(const float *u, long ld, long k, const float *v, const float *h, float *out, float *w);
void cmx_interleave_upper8_avx2(const float *src, long kp, long k, long ld, float *dst);
void cmx_interleave8_avx2(const float *src, long stride, long n, float *dst);
void cmx_deinterleave8_avx2(const float *src, long n, float *dst, long stride);
void cmx_scatter_symmetric8_avx2(const float *src, long ld, long k, long kp, float *dst, long stride, long lanes);
#define CMX_PICK8(name, ...) (cmx_uses_avx2() ? cmx_##name##_avx2(__VA_ARGS__) : name##_portable(__VA_ARGS__))
#else
#define CMX_PICK8(name, ...) (name##_portable(__VA_ARGS__))
#endif

long cmx_cholesky8(float *a, long ld, long k) { return CMX_PICK8(cholesky8, a, ld, k); }

void cmx_cholesky_solve2_8(const float *u, long ld, long k, float *b, float *c) {
    CMX_PICK8(cholesky_solve2_8, u, ld, k, b, c);
}

void cmx_upper_solve8(const float *u, long ld, long k, float *b) { CMX_PICK8(upper_solve8, u, ld, k, b); }

void cmx_cholesky_inverse8(const float *u, long ld, long k, const float *v, const float *h, float *out, float *w) {
    CMX_PICK8(cholesky_inverse8, u, ld, k, v, h, out, w);
}

void cmx_interleave_upper8(const float *src, long kp, long k, long ld, float *dst) {
    CMX_PICK8(interleave_upper8, src, kp, k, ld, dst);
}

void cmx_interleave8(const float *src, long stride, long n, float *dst) { CMX_PICK8(interleave8, src, stride, n, dst); }

void cmx_deinterleave8(const float *src, long n, float *dst, long stride) { CMX_PICK8(deinterleave8, src, n, dst, stride); }

void cmx_scatter_symmetric8(const float *src, long ld, long k, long kp, float *dst, long stride, long lanes) {
    CMX_PICK8(scatter_symmetric8, src, ld, k, kp, dst, stride, lanes);
}
