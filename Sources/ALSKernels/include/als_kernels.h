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

/* Double-precision Cholesky of the n x n symmetric matrix `a` (row-major, upper triangle read)
 * in place as U^T U (U in the upper triangle, true diagonal). Returns 0, or i + 1 when pivot i
 * is not positive and finite. Cost n^3/6 FMAs, streaming the trailing rows. */
long cmx_cholesky_f64(double *a, long n);

/* Solves U^T U x = b in place, U from cmx_cholesky_f64. Cost n^2 FMAs. */
void cmx_cholesky_solve_f64(const double *u, long n, double *b);

/* Dot product of two k-vectors. */
float cmx_dot(const float *a, const float *b, long k);

/* Residual sums of one row: for each t, e = value[t] - offset - bias[idx[t]] - x . y_idx[t]
 * (y rows of `factors`, leading dimension ld, k used). Returns the sum of e^2 and stores in
 * *clipped the same sum with the prediction first clamped to [lo, hi]. Cost n*k FMAs. */
double cmx_row_residuals(const float *x, const float *factors, long ld, long k,
                         const int32_t *idx, const float *value, long n,
                         float offset, const float *bias, float lo, float hi, double *clipped);

/* ---- Batched kernels: eight independent problems interleaved across vector lanes ----------
 * Element (i, j) of matrix m is a[(i * ld + j) * 8 + m] and element i of vector m is
 * v[i * 8 + m] (m = 0..7). The kernels work on 8-column blocks that may run past column k, so
 * ld >= k + 7, vectors hold (k + 7) * 8 floats, and columns k.. end up with garbage. Lanes never
 * mix: lane m's results are those of its own inputs, whatever the other lanes hold. */

/* Recommended leading dimension (elements) of an interleaved matrix for padded rank kp. */
#define CMX_BATCH_LD(kp) ((kp) + 8)

/* Factors the leading k x k blocks of eight interleaved symmetric matrices (upper triangle
 * read) in place as U^T U, the diagonal holding 1/U[i][i] as in cmx_cholesky. Returns a mask
 * with bit m set when lane m has a pivot that is not positive and finite (that lane's results
 * are then garbage; the others are unaffected). Cost k^3/6 8-wide FMAs. */
long cmx_cholesky8(float *a, long ld, long k);

/* Solves U^T U x = b and U^T U y = c in place for eight interleaved problems, U from
 * cmx_cholesky8 (b, c interleaved vectors, both required). Cost 2 k^2 8-wide FMAs. */
void cmx_cholesky_solve2_8(const float *u, long ld, long k, float *b, float *c);

/* Solves U x = b in place for eight interleaved problems (back substitution only), U from
 * cmx_cholesky8. With b standard normal, x has covariance (U^T U)^-1: the random part of a
 * Gibbs draw from N(A^-1 r, A^-1) with A = U^T U. Cost k^2/2 8-wide FMAs. */
void cmx_upper_solve8(const float *u, long ld, long k, float *b);

/* Writes the upper triangle (j >= i, i, j < k) of (U^T U)^-1 + v h^T for eight interleaved
 * problems into `out` (leading dimension ld), U from cmx_cholesky8; v and h interleaved
 * vectors with h a multiple of v in each lane (so that v h^T is symmetric, as v v^T / sigma
 * is in the solver), or both NULL for no update. `w` is work space of (k + 7) * ld * 8 floats whose
 * entries below the diagonal must be zero (zero it once; the kernel writes only j >= i).
 * Cost k^3/3 8-wide FMAs. */
void cmx_cholesky_inverse8(const float *u, long ld, long k, const float *v, const float *h, float *out, float *w);

/* Interleaves rows 0..k-1, columns (i & ~7)..kp-1 of eight kp x kp matrices stored one after
 * another at `src` into `dst` (leading dimension ld >= kp). Cost k * kp / 8 transposes 8 x 8. */
void cmx_interleave_upper8(const float *src, long kp, long k, long ld, float *dst);

/* dst[i * 8 + m] = src[m * stride + i] for i < n (n a multiple of 8). */
void cmx_interleave8(const float *src, long stride, long n, float *dst);

/* dst[m * stride + i] = src[i * 8 + m] for i < n (n a multiple of 8). */
void cmx_deinterleave8(const float *src, long n, float *dst, long stride);

/* For each lane m with bit m of `lanes` set, writes the full symmetric kp x kp matrix
 * (leading dimension kp) whose leading k x k block is lane m of the upper triangle at `src`
 * (leading dimension ld) and whose padding rows and columns are zero, to dst + m * stride. */
void cmx_scatter_symmetric8(const float *src, long ld, long k, long kp, float *dst, long stride, long lanes);

/* ---- Top-k scores: candidates packed in panels of eight ------------------------------------
 * Panel p holds candidates 8p .. 8p + 7 feature-major: element j of candidate 8p + m is
 * panels[(p * d + j) * 8 + m], and bias[p * 8 + m] is added to that candidate's scores. */

/* Scores of `rows` query rows (6, the register block, or 1; row r at q + r * d) against `count`
 * panels, two panels (16 candidates) a step: out[r * w + 16 t + l], w = 16 * ((count + 1) / 2),
 * is query r's score of candidate 16 t + l of these panels, sum_j q[r][j] * c[j] (j in order) +
 * bias. A lone last panel is scored twice, so lanes 8..15 of its step repeat lanes 0..7.
 * Cost rows * count * 8 * d FMAs. */
void cmx_panel_scores(const float *q, long rows, long d, const float *panels, const float *bias, long count, float *out);

#endif
