/* AVX2+FMA versions of the dense kernels (see als_kernels.h), written with intrinsics over
 * whole 8-float blocks: ld is a multiple of 8, entries left of the diagonal of a factored row
 * are zero, padding columns are zero. Chosen at run time by cholesky.c (dispatch.h). */
#include "dispatch.h"
#include <math.h>

#if CMX_X86
#include <immintrin.h>

void cmx_syrk_upper_avx2(const float *rows, long kp, long n, float *gram);

CMX_AVX2_BEGIN

#include "row_residual.h"

static inline float hsum(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

long cmx_cholesky_avx2(float *a, long ld, long k) {
    for (long i = 0; i < k; i++) {
        float *ri = a + i * ld;
        const long from = i & ~7L;
        for (long j = from; j < i; j++) ri[j] = 0;
        const float d = ri[i];
        if (!(d > 0) || !(d < INFINITY)) return i + 1;
        const float root = sqrtf(d);
        const __m256 inv = _mm256_set1_ps(1.0f / root);
        for (long j = from; j < ld; j += 8) _mm256_storeu_ps(ri + j, _mm256_mul_ps(_mm256_loadu_ps(ri + j), inv));
        ri[i] = 1.0f / root; /* the diagonal keeps reciprocals: solves multiply */
        for (long r = i + 1; r < k; r++) {
            const __m256 f = _mm256_set1_ps(ri[r]);
            float *rr = a + r * ld;
            for (long j = r & ~7L; j < ld; j += 8)
                _mm256_storeu_ps(rr + j, _mm256_fnmadd_ps(f, _mm256_loadu_ps(ri + j), _mm256_loadu_ps(rr + j)));
        }
    }
    for (long i = 0; i < k; i++) for (long j = k; j < ld; j++) a[i * ld + j] = 0;
    return 0;
}

void cmx_cholesky_solve2_avx2(const float *u, long ld, long k, float *b, float *c) {
    /* Both right-hand sides advance together so their dependency chains overlap. */
    for (long j = k; j < ld; j++) { b[j] = 0; if (c) c[j] = 0; }
    float *const c2 = c ? c : b;
    for (long i = 0; i < k; i++) {
        const float *ui = u + i * ld;
        const float r = ui[i];
        const float zb = b[i] * r, zc = c2[i] * r;
        const __m256 vb = _mm256_set1_ps(zb), vc = _mm256_set1_ps(zc);
        for (long j = (i + 1) & ~7L; j < ld; j += 8) {
            const __m256 uj = _mm256_loadu_ps(ui + j);
            _mm256_storeu_ps(b + j, _mm256_fnmadd_ps(vb, uj, _mm256_loadu_ps(b + j)));
            if (c) _mm256_storeu_ps(c + j, _mm256_fnmadd_ps(vc, uj, _mm256_loadu_ps(c + j)));
        }
        b[i] = zb;
        if (c) c[i] = zc;
    }
    for (long i = k - 1; i >= 0; i--) {
        const float *ui = u + i * ld;
        const float r = ui[i], bi = b[i], ci = c2[i];
        __m256 sb = _mm256_setzero_ps(), sc = _mm256_setzero_ps();
        for (long j = i & ~7L; j < ld; j += 8) {
            const __m256 uj = _mm256_loadu_ps(ui + j);
            sb = _mm256_fmadd_ps(uj, _mm256_loadu_ps(b + j), sb);
            if (c) sc = _mm256_fmadd_ps(uj, _mm256_loadu_ps(c + j), sc);
        }
        b[i] = (bi - (hsum(sb) - r * bi)) * r;
        if (c) c[i] = (ci - (hsum(sc) - r * ci)) * r;
    }
}

void cmx_cholesky_inverse_avx2(const float *u, long ld, long k, float *out, long ldo, float *work) {
    /* work <- W = U^-T (lower triangular, rows from the top): W[i] = (e_i - sum_{m<i} U[m][i] W[m]) / U[i][i];
     * then row a of (U^T U)^-1 = W^T W is sum_{m>=a} W[m][a] W[m]. */
    for (long i = 0; i < k; i++) {
        float *wi = work + i * ld;
        for (long j = 0; j < ld; j += 8) _mm256_storeu_ps(wi + j, _mm256_setzero_ps());
        const long end = ((i + 8) & ~7L);
        for (long m = 0; m < i; m++) {
            const __m256 f = _mm256_set1_ps(u[m * ld + i]);
            const float *wm = work + m * ld;
            for (long j = 0; j < end; j += 8)
                _mm256_storeu_ps(wi + j, _mm256_fnmadd_ps(f, _mm256_loadu_ps(wm + j), _mm256_loadu_ps(wi + j)));
        }
        wi[i] += 1.0f;
        const __m256 inv = _mm256_set1_ps(u[i * ld + i]);
        for (long j = 0; j < end; j += 8) _mm256_storeu_ps(wi + j, _mm256_mul_ps(_mm256_loadu_ps(wi + j), inv));
    }
    if (ldo == ld) {
        /* W^T W = sum over rows m of W[m]^T W[m]: the normal-matrix micro-kernel, then the
         * lower triangle mirrored (W is zero right of its diagonal and in the padding). */
        for (long a = 0; a < ld; a++)
            for (long j = 0; j < ld; j += 8) _mm256_storeu_ps(out + a * ld + j, _mm256_setzero_ps());
        cmx_syrk_upper_avx2(work, ld, k, out);
        for (long a = 1; a < k; a++)
            for (long j = 0; j < a; j++) out[a * ld + j] = out[j * ld + a];
        return;
    }
    for (long a = 0; a < k; a++) {
        float *oa = out + a * ldo;
        for (long j = 0; j < ld; j += 8) {
            __m256 s = _mm256_setzero_ps();
            for (long m = a; m < k; m++)
                s = _mm256_fmadd_ps(_mm256_set1_ps(work[m * ld + a]), _mm256_loadu_ps(work + m * ld + j), s);
            _mm256_storeu_ps(oa + j, s);
        }
    }
}

float cmx_dot_avx2(const float *a, const float *b, long k) {
    __m256 s = _mm256_setzero_ps();
    long i = 0;
    for (; i + 8 <= k; i += 8) s = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s);
    float t = hsum(s);
    for (; i < k; i++) t += a[i] * b[i];
    return t;
}

double cmx_row_residuals_avx2(const float *x, const float *factors, long ld, long k,
                              const int32_t *idx, const float *value, long n, float offset,
                              const float *bias, float lo, float hi, double *clipped) {
    double raw = 0, clip = 0;
    const long kv = k & ~7L;
    for (long t = 0; t < n; t++) {
        const long j = idx[t];
        if (t + 12 < n) {
            const char *p = (const char *)(factors + (long)idx[t + 12] * ld);
            for (long b = 0; b < k * 4; b += 64) _mm_prefetch(p + b, _MM_HINT_T0);
        }
        const float *y = factors + j * ld;
        __m256 s = _mm256_setzero_ps();
        for (long i = 0; i < kv; i += 8) s = _mm256_fmadd_ps(_mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i), s);
        float d = hsum(s);
        for (long i = kv; i < k; i++) d += x[i] * y[i];
        cmx_add_residual(value[t], offset + bias[j] + d, lo, hi, &raw, &clip);
    }
    *clipped = clip;
    return raw;
}
CMX_AVX2_END
#endif
