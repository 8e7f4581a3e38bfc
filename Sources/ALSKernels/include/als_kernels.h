#ifndef CINEMATRIX_ALS_KERNELS_H
#define CINEMATRIX_ALS_KERNELS_H

/* Dense kernels behind the ALS solver: normal-matrix accumulation over a CSR row, Cholesky
 * factorisation, solves and inverse, and residual sums. Pure functions on caller-owned
 * buffers; no allocation, no I/O. Each has an AVX2+FMA version chosen at run time when the
 * CPU has it, and a portable version otherwise. Matrices are row-major with leading
 * dimension `ld` (floats); `kp` is the padded width, a multiple of 8. */

#include <stdint.h>

/* Rows of the gather tile used by cmx_accumulate_normal (scratch size: CMX_TILE_ROWS * kp). */
#define CMX_TILE_ROWS 128

/* 1 when the AVX2+FMA kernels are in use, 0 for the portable ones. */
int cmx_uses_avx2(void);

/* With on != 0, use the portable kernels even on an AVX2 CPU (for tests; affects the calling thread only). */
void cmx_force_portable(int on);

/* For the n entries idx[t] / target[t] of one row, adds to the (kp x kp, leading dimension kp)
 * upper triangle of `gram` the sum of q q^T, to `sum` the sum of q and to `rhs` the sum of
 * target[t] * q, where q is row idx[t] of `factors` (leading dimension ld >= kp).
 * Entries below the diagonal of `gram` are left in an unspecified state. Cost n*kp^2/2 FMAs. */
void cmx_accumulate_normal(const float *factors, long ld, long kp,
                           const int32_t *idx, const float *target, long n,
                           float *gram, float *sum, float *rhs, float *tile);

/* Factors the leading k x k block of the symmetric matrix `a` (upper triangle read,
 * leading dimension ld, a multiple of 8) in place as U^T U with U upper triangular; the
 * diagonal holds 1/U[i][i] (so solves multiply), entries left of it are zeroed, and so are
 * columns k..ld-1. Returns 0 on success, or i + 1 when pivot i is not positive and finite.
 * Cost k^3/6 FMAs. */
long cmx_cholesky(float *a, long ld, long k);

/* Solves U^T U x = b in place (b has ld entries; b[k..] become 0), U from cmx_cholesky.
 * Cost k^2 FMAs. */
void cmx_cholesky_solve(const float *u, long ld, long k, float *b);

/* Solves U^T U x = b and U^T U y = c in place together (c may be NULL). */
void cmx_cholesky_solve2(const float *u, long ld, long k, float *b, float *c);

/* Writes (U^T U)^-1 into `out` (k x k, full, leading dimension ldo), U from cmx_cholesky;
 * `work` holds k*ld floats. Cost about k^3/3 FMAs. */
void cmx_cholesky_inverse(const float *u, long ld, long k, float *out, long ldo, float *work);

/* Dot product of two k-vectors. */
float cmx_dot(const float *a, const float *b, long k);

/* Residual sums of one row: for each t, e = value[t] - offset - bias[idx[t]] - x . y_idx[t]
 * (y rows of `factors`, leading dimension ld, k used). Returns the sum of e^2 and stores in
 * *clipped the same sum with the prediction first clamped to [lo, hi]. Cost n*k FMAs. */
double cmx_row_residuals(const float *x, const float *factors, long ld, long k,
                         const int32_t *idx, const float *value, long n,
                         float offset, const float *bias, float lo, float hi, double *clipped);

#endif
