/* Cholesky factorisation, solves, inverse, dot product and residual sums (see als_kernels.h):
 * the intrinsics copies in dense_avx2.c, or the portable loops of dense_impl.h (dispatch.h). */
#include "dispatch.h"
#include <math.h>

/* Dot products in the portable copy may be reassociated so they vectorise. */
#pragma clang fp reassociate(on)
#define CMX_NAME(x) cmx_##x##_portable
#include "dense_impl.h"
#undef CMX_NAME

#if CMX_X86
long cmx_cholesky_avx2(float *a, long ld, long k);
void cmx_cholesky_solve2_avx2(const float *u, long ld, long k, float *b, float *c);
void cmx_cholesky_inverse_avx2(const float *u, long ld, long k, float *out, long ldo, float *work);
float cmx_dot_avx2(const float *a, const float *b, long k);
double cmx_row_residuals_avx2(const float *x, const float *factors, long ld, long k, const int32_t *idx,
                              const float *value, long n, float offset, const float *bias, float lo,
                              float hi, double *clipped);
#endif

long cmx_cholesky(float *a, long ld, long k) { return CMX_PICK(ld % 8 == 0, cholesky, a, ld, k); }

void cmx_cholesky_solve(const float *u, long ld, long k, float *b) {
    CMX_PICK(ld % 8 == 0, cholesky_solve2, u, ld, k, b, 0);
}

void cmx_cholesky_solve2(const float *u, long ld, long k, float *b, float *c) {
    CMX_PICK(ld % 8 == 0, cholesky_solve2, u, ld, k, b, c);
}

void cmx_cholesky_inverse(const float *u, long ld, long k, float *out, long ldo, float *work) {
    CMX_PICK(ld % 8 == 0, cholesky_inverse, u, ld, k, out, ldo, work);
}

float cmx_dot(const float *a, const float *b, long k) { return CMX_PICK(1, dot, a, b, k); }

double cmx_row_residuals(const float *x, const float *factors, long ld, long k, const int32_t *idx,
                         const float *value, long n, float offset, const float *bias, float lo,
                         float hi, double *clipped) {
    return CMX_PICK(ld % 8 == 0, row_residuals, x, factors, ld, k, idx, value, n, offset, bias, lo, hi, clipped);
}
