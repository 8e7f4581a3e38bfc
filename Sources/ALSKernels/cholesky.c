/* Cholesky factorisation, solves, inverse and residual sums (see als_kernels.h): the loops
 * of dense_impl.h compiled twice — for AVX2+FMA and portable — and chosen at run time. */
#include "als_kernels.h"
#include <math.h>

/* The callers keep ld a multiple of 8 and the vectors' padding zero. Dot products allow
 * reassociation so they vectorise. */
#pragma clang fp reassociate(on)

#define CMX_NAME(x) x##_portable
#include "dense_impl.h"
#undef CMX_NAME

#if defined(__x86_64__) || defined(__i386__)
#define CMX_HAS_AVX2_COPY 1
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#define CMX_NAME(x) x##_avx2
#include "dense_impl.h"
#undef CMX_NAME
#pragma clang attribute pop
#define CMX_PICK(name, ...) (cmx_uses_avx2() ? name##_avx2(__VA_ARGS__) : name##_portable(__VA_ARGS__))
#else
#define CMX_PICK(name, ...) (name##_portable(__VA_ARGS__))
#endif

long cmx_cholesky(float *a, long ld, long k) { return CMX_PICK(cholesky, a, ld, k); }

void cmx_cholesky_solve(const float *u, long ld, long k, float *b) { CMX_PICK(cholesky_solve, u, ld, k, b); }

void cmx_cholesky_inverse(const float *u, long ld, long k, float *out, long ldo, float *work) {
    CMX_PICK(cholesky_inverse, u, ld, k, out, ldo, work);
}

float cmx_dot(const float *a, const float *b, long k) { return CMX_PICK(dot, a, b, k); }

double cmx_row_residuals(const float *x, const float *factors, long ld, long k, const int32_t *idx,
                         const float *value, long n, float offset, const float *bias, float lo,
                         float hi, double *clipped) {
    return CMX_PICK(row_residuals, x, factors, ld, k, idx, value, n, offset, bias, lo, hi, clipped);
}
