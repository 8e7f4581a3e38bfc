/* Batched Cholesky factorisation, solves and inverse of eight interleaved matrices, and the
 * (de)interleaving helpers (see als_kernels.h): one source, batch_impl.h, compiled twice here,
 * portably and for AVX2+FMA, and chosen at run time (dispatch.h). */
#include "dispatch.h"
#include <math.h>

#define CMX_BATCH(x) cmx_##x##_portable
#include "batch_impl.h"
#undef CMX_BATCH

#if CMX_X86
CMX_AVX2_BEGIN
#define CMX_BATCH(x) cmx_##x##_avx2
#include "batch_impl.h"
#undef CMX_BATCH
CMX_AVX2_END
#endif

long cmx_cholesky8(float *a, long ld, long k) { return CMX_PICK(1, cholesky8, a, ld, k); }

void cmx_cholesky_solve2_8(const float *u, long ld, long k, float *b, float *c) {
    CMX_PICK(1, cholesky_solve2_8, u, ld, k, b, c);
}

void cmx_upper_solve8(const float *u, long ld, long k, float *b) { CMX_PICK(1, upper_solve8, u, ld, k, b); }

void cmx_cholesky_inverse8(const float *u, long ld, long k, const float *v, const float *h, float *out, float *w) {
    CMX_PICK(1, cholesky_inverse8, u, ld, k, v, h, out, w);
}

void cmx_interleave_upper8(const float *src, long kp, long k, long ld, float *dst) {
    CMX_PICK(1, interleave_upper8, src, kp, k, ld, dst);
}

void cmx_interleave8(const float *src, long stride, long n, float *dst) { CMX_PICK(1, interleave8, src, stride, n, dst); }

void cmx_deinterleave8(const float *src, long n, float *dst, long stride) { CMX_PICK(1, deinterleave8, src, n, dst, stride); }

void cmx_scatter_symmetric8(const float *src, long ld, long k, long kp, float *dst, long stride, long lanes) {
    CMX_PICK(1, scatter_symmetric8, src, ld, k, kp, dst, stride, lanes);
}
