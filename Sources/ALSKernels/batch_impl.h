/* Batched dense kernels: eight independent K x K problems solved together, interleaved across
 * the eight lanes of a vector (structure of arrays). Every operation is a vertical 8-lane op,
 * so lane m's result depends only on lane m's inputs and the eight dependency chains overlap.
 *
 * Layout: element (i, j) of matrix m sits at a[(i * ld + j) * 8 + m]; element i of vector m at
 * v[i * 8 + m]. Kernels work on 8-column blocks that may run past column k, so matrices need
 * ld >= k + 7 and vectors k + 7 entries; those extra columns end up with garbage.
 *
 * Written with clang vector extensions and included twice by batch.c, portably and for
 * AVX2+FMA; CMX_BATCH(x) gives each copy its own names. */

#include "vec8.h"

#define CMX_AT(p, i, j, ld) ((p) + ((i) * (ld) + (j)) * 8)

/* In-register 8 x 8 transpose: r[t][m] -> r[m][t] (unpack, shuffle, swap 128-bit halves). */
static inline __attribute__((always_inline)) void CMX_BATCH(transpose)(cmx_v8 r[8]) {
    cmx_v8 t[8], u[8];
    for (int p = 0; p < 8; p += 2) {
        t[p] = __builtin_shufflevector(r[p], r[p + 1], 0, 8, 1, 9, 4, 12, 5, 13);
        t[p + 1] = __builtin_shufflevector(r[p], r[p + 1], 2, 10, 3, 11, 6, 14, 7, 15);
    }
    for (int p = 0; p < 8; p += 4) {
        u[p] = __builtin_shufflevector(t[p], t[p + 2], 0, 1, 8, 9, 4, 5, 12, 13);
        u[p + 1] = __builtin_shufflevector(t[p], t[p + 2], 2, 3, 10, 11, 6, 7, 14, 15);
        u[p + 2] = __builtin_shufflevector(t[p + 1], t[p + 3], 0, 1, 8, 9, 4, 5, 12, 13);
        u[p + 3] = __builtin_shufflevector(t[p + 1], t[p + 3], 2, 3, 10, 11, 6, 7, 14, 15);
    }
    for (int p = 0; p < 4; p++) {
        r[p] = __builtin_shufflevector(u[p], u[p + 4], 0, 1, 2, 3, 8, 9, 10, 11);
        r[p + 4] = __builtin_shufflevector(u[p], u[p + 4], 4, 5, 6, 7, 12, 13, 14, 15);
    }
}

static long CMX_BATCH(cholesky8)(float *a, long ld, long k) {
    /* Left-looking (Crout) by rows: U[i][j] = (A[i][j] - sum_{m<i} U[m][i] U[m][j]) / U[i][i],
     * eight columns at a time in registers; the diagonal keeps 1/U[i][i]. */
    cmx_i8 bad = 0;
    for (long i = 0; i < k; i++) {
        cmx_v8 rinv = 0;
        for (long j0 = i; j0 < k; j0 += 8) {
            cmx_v8 acc[8];
            for (int t = 0; t < 8; t++) acc[t] = CMX_LOAD(CMX_AT(a, i, j0 + t, ld));
            for (long m = 0; m < i; m++) {
                const cmx_v8 f = CMX_LOAD(CMX_AT(a, m, i, ld));
                const float *um = CMX_AT(a, m, j0, ld);
                for (int t = 0; t < 8; t++) acc[t] -= f * CMX_LOAD(um + 8 * t);
            }
            if (j0 == i) {
                const cmx_v8 d = acc[0];
                bad |= ~((d > 0) & (d < INFINITY));
                rinv = 1.0f / __builtin_elementwise_sqrt(d);
            }
            for (int t = 0; t < 8; t++) acc[t] *= rinv;
            if (j0 == i) acc[0] = rinv;
            for (int t = 0; t < 8; t++) CMX_STORE(CMX_AT(a, i, j0 + t, ld), acc[t]);
        }
    }
    long mask = 0;
    for (int m = 0; m < 8; m++) if (bad[m]) mask |= 1L << m;
    return mask;
}

static void CMX_BATCH(cholesky_solve2_8)(const float *u, long ld, long k, float *b, float *c) {
    /* Forward z_i = (b_i - sum_{m<i} U[m][i] z_m) / U[i][i], then back x_i = (z_i - sum_{j>i}
     * U[i][j] x_j) / U[i][i]; two partial sums per right-hand side shorten the chains. */
    for (long i = 0; i < k; i++) {
        cmx_v8 sb0 = CMX_LOAD(b + 8 * i), sc0 = CMX_LOAD(c + 8 * i), sb1 = 0, sc1 = 0;
        long m = 0;
        for (; m + 2 <= i; m += 2) {
            const cmx_v8 u0 = CMX_LOAD(CMX_AT(u, m, i, ld)), u1 = CMX_LOAD(CMX_AT(u, m + 1, i, ld));
            sb0 -= u0 * CMX_LOAD(b + 8 * m);
            sc0 -= u0 * CMX_LOAD(c + 8 * m);
            sb1 -= u1 * CMX_LOAD(b + 8 * m + 8);
            sc1 -= u1 * CMX_LOAD(c + 8 * m + 8);
        }
        if (m < i) {
            const cmx_v8 u0 = CMX_LOAD(CMX_AT(u, m, i, ld));
            sb0 -= u0 * CMX_LOAD(b + 8 * m);
            sc0 -= u0 * CMX_LOAD(c + 8 * m);
        }
        const cmx_v8 r = CMX_LOAD(CMX_AT(u, i, i, ld));
        CMX_STORE(b + 8 * i, (sb0 + sb1) * r);
        CMX_STORE(c + 8 * i, (sc0 + sc1) * r);
    }
    for (long i = k - 1; i >= 0; i--) {
        cmx_v8 sb0 = CMX_LOAD(b + 8 * i), sc0 = CMX_LOAD(c + 8 * i), sb1 = 0, sc1 = 0;
        long j = i + 1;
        for (; j + 2 <= k; j += 2) {
            const cmx_v8 u0 = CMX_LOAD(CMX_AT(u, i, j, ld)), u1 = CMX_LOAD(CMX_AT(u, i, j + 1, ld));
            sb0 -= u0 * CMX_LOAD(b + 8 * j);
            sc0 -= u0 * CMX_LOAD(c + 8 * j);
            sb1 -= u1 * CMX_LOAD(b + 8 * j + 8);
            sc1 -= u1 * CMX_LOAD(c + 8 * j + 8);
        }
        if (j < k) {
            const cmx_v8 u0 = CMX_LOAD(CMX_AT(u, i, j, ld));
            sb0 -= u0 * CMX_LOAD(b + 8 * j);
            sc0 -= u0 * CMX_LOAD(c + 8 * j);
        }
        const cmx_v8 r = CMX_LOAD(CMX_AT(u, i, i, ld));
        CMX_STORE(b + 8 * i, (sb0 + sb1) * r);
        CMX_STORE(c + 8 * i, (sc0 + sc1) * r);
    }
}

static void CMX_BATCH(upper_solve8)(const float *u, long ld, long k, float *b) {
    /* Back substitution x_i = (b_i - sum_{j>i} U[i][j] x_j) / U[i][i] alone: with b a standard
     * normal vector, x = U^-1 b has covariance (U^T U)^-1, the draw a Gibbs row step needs. */
    for (long i = k - 1; i >= 0; i--) {
        cmx_v8 s0 = CMX_LOAD(b + 8 * i), s1 = 0;
        long j = i + 1;
        for (; j + 2 <= k; j += 2) {
            s0 -= CMX_LOAD(CMX_AT(u, i, j, ld)) * CMX_LOAD(b + 8 * j);
            s1 -= CMX_LOAD(CMX_AT(u, i, j + 1, ld)) * CMX_LOAD(b + 8 * j + 8);
        }
        if (j < k) s0 -= CMX_LOAD(CMX_AT(u, i, j, ld)) * CMX_LOAD(b + 8 * j);
        CMX_STORE(b + 8 * i, (s0 + s1) * CMX_LOAD(CMX_AT(u, i, i, ld)));
    }
}

static void CMX_BATCH(cholesky_inverse8)(const float *u, long ld, long k, const float *v, const float *h,
                                         float *out, float *w) {
    /* w <- V = U^-1 (upper triangular), rows from the bottom:
     * V[i][j] = (delta_ij - sum_{i<m<=j} U[i][m] V[m][j]) / U[i][i]. The sum runs over whole
     * 8-column blocks, relying on w's lower triangle (and rows k..k+6) being zero. */
    for (long i = k - 1; i >= 0; i--) {
        const cmx_v8 r = CMX_LOAD(CMX_AT(u, i, i, ld));
        for (long j0 = i; j0 < k; j0 += 8) {
            cmx_v8 acc[8];
            for (int t = 0; t < 8; t++) acc[t] = 0;
            if (j0 == i) acc[0] = 1;
            const long end = j0 + 8 < k ? j0 + 8 : k;
            for (long m = i + 1; m < end; m++) {
                const cmx_v8 f = CMX_LOAD(CMX_AT(u, i, m, ld));
                const float *vm = CMX_AT(w, m, j0, ld);
                for (int t = 0; t < 8; t++) acc[t] -= f * CMX_LOAD(vm + 8 * t);
            }
            for (int t = 0; t < 8; t++) CMX_STORE(CMX_AT(w, i, j0 + t, ld), acc[t] * r);
        }
    }
    /* Upper triangle of (U^T U)^-1 = V V^T (+ v h^T): out[a][b] = sum_{m>=b} V[a][m] V[b][m]. */
    for (long a = 0; a < k; a++) {
        const cmx_v8 va = v ? CMX_LOAD(v + 8 * a) : (cmx_v8)0;
        const float *wa = CMX_AT(w, a, 0, ld);
        for (long j0 = a; j0 < k; j0 += 8) {
            cmx_v8 acc[8];
            for (int t = 0; t < 8; t++) acc[t] = v ? va * CMX_LOAD(h + 8 * (j0 + t)) : (cmx_v8)0;
            for (long m = j0; m < k; m++) {
                const cmx_v8 f = CMX_LOAD(wa + 8 * m);
                for (int t = 0; t < 8; t++) acc[t] += f * CMX_LOAD(CMX_AT(w, j0 + t, m, ld));
            }
            for (int t = 0; t < 8; t++) CMX_STORE(CMX_AT(out, a, j0 + t, ld), acc[t]);
        }
    }
}

static void CMX_BATCH(interleave_upper8)(const float *src, long kp, long k, long ld, float *dst) {
    for (long i = 0; i < k; i++)
        for (long b0 = i & ~7L; b0 < kp; b0 += 8) {
            cmx_v8 r[8];
            for (int m = 0; m < 8; m++) r[m] = CMX_LOAD(src + m * kp * kp + i * kp + b0);
            CMX_BATCH(transpose)(r);
            for (int t = 0; t < 8; t++) CMX_STORE(CMX_AT(dst, i, b0 + t, ld), r[t]);
        }
}

static void CMX_BATCH(interleave8)(const float *src, long stride, long n, float *dst) {
    for (long b0 = 0; b0 < n; b0 += 8) {
        cmx_v8 r[8];
        for (int m = 0; m < 8; m++) r[m] = CMX_LOAD(src + m * stride + b0);
        CMX_BATCH(transpose)(r);
        for (int t = 0; t < 8; t++) CMX_STORE(dst + 8 * (b0 + t), r[t]);
    }
}

static void CMX_BATCH(deinterleave8)(const float *src, long n, float *dst, long stride) {
    for (long b0 = 0; b0 < n; b0 += 8) {
        cmx_v8 r[8];
        for (int t = 0; t < 8; t++) r[t] = CMX_LOAD(src + 8 * (b0 + t));
        CMX_BATCH(transpose)(r);
        for (int m = 0; m < 8; m++) CMX_STORE(dst + m * stride + b0, r[m]);
    }
}

static void CMX_BATCH(scatter_symmetric8)(const float *src, long ld, long k, long kp, float *dst,
                                          long stride, long lanes) {
    for (long a = 0; a < kp; a++)
        for (long b0 = 0; b0 < kp; b0 += 8) {
            cmx_v8 r[8];
            for (int t = 0; t < 8; t++) {
                const long b = b0 + t;
                r[t] = a < k && b < k ? CMX_LOAD(a <= b ? CMX_AT(src, a, b, ld) : CMX_AT(src, b, a, ld)) : (cmx_v8)0;
            }
            CMX_BATCH(transpose)(r);
            for (int m = 0; m < 8; m++)
                if (lanes >> m & 1) CMX_STORE(dst + m * stride + a * kp + b0, r[m]);
        }
}
