/* Dense kernels written as plain loops over whole padded rows (kp a multiple of 8), so the
 * compiler vectorises them fully: the portable copies, included by cholesky.c with CMX_NAME(x)
 * naming them (the AVX2+FMA copies are the intrinsics of dense_avx2.c). */

#include "row_residual.h"

static long CMX_NAME(cholesky)(float *a, long ld, long k) {
    /* Right-looking, row-oriented: after step i, row i holds row i of U and its entries left
     * of the diagonal are zero, so later updates may run over whole 8-aligned blocks. */
    for (long i = 0; i < k; i++) {
        float *ri = a + i * ld;
        for (long j = 0; j < i; j++) ri[j] = 0;
        const float d = ri[i];
        if (!(d > 0) || !(d < INFINITY)) return i + 1;
        const float root = sqrtf(d), inv = 1.0f / root;
        const long from = i / 8 * 8;
        for (long j = from; j < ld; j++) ri[j] *= inv;
        ri[i] = inv; /* the diagonal keeps reciprocals: solves multiply */
        for (long r = i + 1; r < k; r++) {
            const float f = ri[r];
            float *rr = a + r * ld;
            const long b = r / 8 * 8;
            for (long j = b; j < ld; j++) rr[j] -= f * ri[j];
        }
    }
    /* Zero everything right of column k in the factored rows (padding) for the solves. */
    for (long i = 0; i < k; i++) for (long j = k; j < ld; j++) a[i * ld + j] = 0;
    return 0;
}

static void CMX_NAME(solve_one)(const float *u, long ld, long k, float *b) {
    for (long j = k; j < ld; j++) b[j] = 0;
    for (long i = 0; i < k; i++) {
        const float *ui = u + i * ld;
        const float z = b[i] * ui[i];
        for (long j = i + 1; j < ld; j++) b[j] -= z * ui[j];
        b[i] = z;
    }
    for (long i = k - 1; i >= 0; i--) {
        const float *ui = u + i * ld;
        float s = 0;
        for (long j = i + 1; j < ld; j++) s += ui[j] * b[j];
        b[i] = (b[i] - s) * ui[i];
    }
}

static void CMX_NAME(cholesky_solve2)(const float *u, long ld, long k, float *b, float *c) {
    CMX_NAME(solve_one)(u, ld, k, b);
    if (c) CMX_NAME(solve_one)(u, ld, k, c);
}

static void CMX_NAME(cholesky_inverse)(const float *u, long ld, long k, float *out, long ldo, float *work) {
    /* work <- V = U^-1 (upper, zero below), rows from the bottom: V[i] = (e_i - sum_{m>i}
     * U[i][m] V[m]) / U[i][i]; then out = V V^T using whole rows. */
    for (long i = k - 1; i >= 0; i--) {
        float *vi = work + i * ld;
        const float *ui = u + i * ld;
        for (long j = 0; j < ld; j++) vi[j] = 0;
        for (long m = i + 1; m < k; m++) {
            const float f = ui[m];
            const float *vm = work + m * ld;
            for (long j = 0; j < ld; j++) vi[j] -= f * vm[j];
        }
        vi[i] += 1.0f;
        const float inv = ui[i];
        for (long j = 0; j < ld; j++) vi[j] *= inv;
    }
    for (long i = 0; i < k; i++) {
        const float *vi = work + i * ld;
        for (long j = i; j < k; j++) {
            const float *vj = work + j * ld;
            float s = 0;
            for (long m = 0; m < ld; m++) s += vi[m] * vj[m];
            out[i * ldo + j] = s;
            out[j * ldo + i] = s;
        }
    }
}

static float CMX_NAME(dot)(const float *a, const float *b, long k) {
    float s = 0;
    for (long i = 0; i < k; i++) s += a[i] * b[i];
    return s;
}

static double CMX_NAME(row_residuals)(const float *x, const float *factors, long ld, long k,
                                      const int32_t *idx, const float *value, long n, float offset,
                                      const float *bias, float lo, float hi, double *clipped) {
    double raw = 0, clip = 0;
    for (long t = 0; t < n; t++) {
        const long j = idx[t];
        const float *y = factors + j * ld;
        float d = 0;
        for (long i = 0; i < k; i++) d += x[i] * y[i];
        cmx_add_residual(value[t], offset + bias[j] + d, lo, hi, &raw, &clip);
    }
    *clipped = clip;
    return raw;
}
