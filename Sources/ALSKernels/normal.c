/* Normal-matrix accumulation: the hot loop of ALS (see als_kernels.h). */
#include "dispatch.h"
#include <string.h>

#if CMX_X86
#include <immintrin.h>
#endif

/* ---- portable version ---------------------------------------------------------------- */

static void cmx_accumulate_portable(const float *factors, long ld, long kp, const int32_t *idx,
                                    const float *target, long n, float *gram, float *sum, float *rhs,
                                    float *tile) {
    (void)tile;
    for (long t = 0; t < n; t++) {
        const float *q = factors + (long)idx[t] * ld;
        const float e = target[t];
        for (long i = 0; i < kp; i++) {
            const float qi = q[i];
            float *row = gram + i * kp;
            for (long j = i; j < kp; j++) row[j] += qi * q[j];
            sum[i] += qi;
            rhs[i] += e * qi;
        }
    }
}

#if CMX_X86
/* ---- AVX2 + FMA version ---------------------------------------------------------------
 * The row's factor vectors are gathered CMX_TILE_ROWS at a time into a contiguous tile T,
 * then gram += T^T T is computed in register blocks of R rows x 8*NV columns covering the
 * upper triangle (a BLIS-style 6x16 micro-kernel: 12 accumulators, 2 loads and 6
 * broadcasts per 12 FMAs). */
CMX_AVX2_BEGIN

#define DEFINE_BLOCK(R, NV)                                                                    \
    static void block_##R##_##NV(const float *tile, long kp, long n, float *gram,              \
                                 long a, long b) {                                             \
        __m256 acc[R][NV];                                                                     \
        for (int r = 0; r < R; r++)                                                            \
            for (int v = 0; v < NV; v++) acc[r][v] = _mm256_loadu_ps(gram + (a + r) * kp + b + 8 * v); \
        const float *p = tile;                                                                 \
        for (long t = 0; t < n; t++, p += kp) {                                                \
            __m256 col[NV];                                                                    \
            for (int v = 0; v < NV; v++) col[v] = _mm256_loadu_ps(p + b + 8 * v);              \
            for (int r = 0; r < R; r++) {                                                      \
                const __m256 s = _mm256_broadcast_ss(p + a + r);                               \
                for (int v = 0; v < NV; v++) acc[r][v] = _mm256_fmadd_ps(s, col[v], acc[r][v]); \
            }                                                                                  \
        }                                                                                      \
        for (int r = 0; r < R; r++)                                                            \
            for (int v = 0; v < NV; v++) _mm256_storeu_ps(gram + (a + r) * kp + b + 8 * v, acc[r][v]); \
    }

DEFINE_BLOCK(1, 1) DEFINE_BLOCK(2, 1) DEFINE_BLOCK(3, 1)
DEFINE_BLOCK(4, 1) DEFINE_BLOCK(5, 1) DEFINE_BLOCK(6, 1)
DEFINE_BLOCK(1, 2) DEFINE_BLOCK(2, 2) DEFINE_BLOCK(3, 2)
DEFINE_BLOCK(4, 2) DEFINE_BLOCK(5, 2) DEFINE_BLOCK(6, 2)

typedef void (*block_fn)(const float *, long, long, float *, long, long);
static const block_fn blocks1[7] = {0, block_1_1, block_2_1, block_3_1, block_4_1, block_5_1, block_6_1};
static const block_fn blocks2[7] = {0, block_1_2, block_2_2, block_3_2, block_4_2, block_5_2, block_6_2};

static void gram_tile(const float *tile, long kp, long n, float *gram) {
    for (long a = 0; a < kp; a += 6) {
        const long rows = kp - a < 6 ? kp - a : 6;
        long b = a / 8 * 8;
        for (; b + 16 <= kp; b += 16) blocks2[rows](tile, kp, n, gram, a, b);
        if (b < kp) blocks1[rows](tile, kp, n, gram, a, b);
    }
}

/* gram (kp x kp, leading dimension kp) += R^T R for the n rows of R (leading dimension kp),
 * upper triangle only: the micro-kernel above, for the inverse in dense_avx2.c. */
void cmx_syrk_upper_avx2(const float *rows, long kp, long n, float *gram) {
    gram_tile(rows, kp, n, gram);
}

/* Rows ahead of the current one whose factor vectors are prefetched during the gather: the
 * other side's factors are tens of MB at ml-32m size, so most rows miss the caches. */
#define CMX_PREFETCH_AHEAD 12

static void cmx_accumulate_avx2(const float *factors, long ld, long kp, const int32_t *idx,
                                const float *target, long n, float *gram, float *sum,
                                float *rhs, float *tile) {
    for (long start = 0; start < n; start += CMX_TILE_ROWS) {
        const long rows = n - start < CMX_TILE_ROWS ? n - start : CMX_TILE_ROWS;
        /* Gather: one pass, whole rows, prefetching ahead. */
        for (long t = 0; t < rows; t++) {
            const long ahead = start + t + CMX_PREFETCH_AHEAD;
            if (ahead < n) {
                const char *p = (const char *)(factors + (long)idx[ahead] * ld);
                for (long b = 0; b < kp * 4; b += 64) _mm_prefetch(p + b, _MM_HINT_T0);
            }
            const float *q = factors + (long)idx[start + t] * ld;
            float *d = tile + t * kp;
            for (long v = 0; v < kp; v += 8) _mm256_storeu_ps(d + v, _mm256_loadu_ps(q + v));
        }
        /* Sums over the tile (now in L1). */
        for (long v = 0; v < kp; v += 8) {
            __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
            __m256 r0 = _mm256_setzero_ps(), r1 = _mm256_setzero_ps();
            long t = 0;
            for (; t + 2 <= rows; t += 2) {
                const __m256 q0 = _mm256_loadu_ps(tile + t * kp + v), q1 = _mm256_loadu_ps(tile + (t + 1) * kp + v);
                s0 = _mm256_add_ps(s0, q0);
                s1 = _mm256_add_ps(s1, q1);
                r0 = _mm256_fmadd_ps(_mm256_set1_ps(target[start + t]), q0, r0);
                r1 = _mm256_fmadd_ps(_mm256_set1_ps(target[start + t + 1]), q1, r1);
            }
            if (t < rows) {
                const __m256 q0 = _mm256_loadu_ps(tile + t * kp + v);
                s0 = _mm256_add_ps(s0, q0);
                r0 = _mm256_fmadd_ps(_mm256_set1_ps(target[start + t]), q0, r0);
            }
            _mm256_storeu_ps(sum + v, _mm256_add_ps(_mm256_loadu_ps(sum + v), _mm256_add_ps(s0, s1)));
            _mm256_storeu_ps(rhs + v, _mm256_add_ps(_mm256_loadu_ps(rhs + v), _mm256_add_ps(r0, r1)));
        }
        gram_tile(tile, kp, rows, gram);
    }
}
CMX_AVX2_END
#endif

void cmx_accumulate_normal(const float *factors, long ld, long kp, const int32_t *idx,
                           const float *target, long n, float *gram, float *sum, float *rhs,
                           float *tile) {
    CMX_PICK(kp % 8 == 0, accumulate, factors, ld, kp, idx, target, n, gram, sum, rhs, tile);
}
