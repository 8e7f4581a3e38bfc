/* Cholesky factorisation, solves, inverse and residual sums (see als_kernels.h): intrinsics
 * versions in dense_avx2.c when the CPU has AVX2+FMA, else the portable loops of dense_impl.h. */
#include "als_kernels.h"
#include <math.h>

/* Dot products in the portable copy may be reassociated so they vectorise. */
#pragma clang fp reassociate(on)
#define CMX_NAME(x) x##_portable
#include "dense_impl.h"
#undef CMX_NAME

#if defined(__x86_64__) || defined(__i386__)
long cmx_cholesky_avx2(float *a, long ld, long k);
void cmx_cholesky_solve2_avx2(const float *u, long ld, long k, float *b, float *c);
void cmx_cholesky_inverse_avx2(const float *u, long ld, long k, float *out, long ldo, float *work);
float cmx_dot_avx2(const float *a, const float *b, long k);
double cmx_row_residuals_avx2(const float *x, const float *factors, long ld, long k, const int32_t *idx,
                              const float *value, long n, float offset, const float *bias, float lo,
                              float hi, double *clipped);
#define CMX_PICK(name, ...) ((ld % 8 == 0 && cmx_uses_avx2()) ? cmx_##name##_avx2(__VA_ARGS__) : name##_portable(__VA_ARGS__))
#else
#define CMX_PICK(name, ...) (name##_portable(__VA_ARGS__))
#endif

long cmx_cholesky(float *a, long ld, long k) { return CMX_PICK(cholesky, a, ld, k); }

void cmx_cholesky_solve(const float *u, long ld, long k, float *b) { CMX_PICK(cholesky_solve2, u, ld, k, b, 0); }

void cmx_cholesky_solve2(const float *u, long ld, long k, float *b, float *c) { CMX_PICK(cholesky_solve2, u, ld, k, b, c); }

void cmx_cholesky_inverse(const float *u, long ld, long k, float *out, long ldo, float *work) {
    CMX_PICK(cholesky_inverse, u, ld, k, out, ldo, work);
}

float cmx_dot(const float *a, const float *b, long k) {
    const long ld = 8;
    return CMX_PICK(dot, a, b, k);
}

double cmx_row_residuals(const float *x, const float *factors, long ld, long k, const int32_t *idx,
                         const float *value, long n, float offset, const float *bias, float lo,
                         float hi, double *clipped) {
    return CMX_PICK(row_residuals, x, factors, ld, k, idx, value, n, offset, bias, lo, hi, clipped);
}
