/* Floor of the ALS gather: copies random 128-byte rows (K = 32 floats) of a `rows`-row table
 * into a 128-row tile, as cmx_accumulate_normal does, with software prefetch `ahead` rows in
 * advance, and prints nanoseconds per row on one core. Used by scripts/bench-floors.sh.
 * Usage: floor_gather ROWS GATHERS AHEAD */
#include <immintrin.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: %s ROWS GATHERS AHEAD\n", argv[0]); return 2; }
    const long rows = atol(argv[1]), n = atol(argv[2]), ahead = atol(argv[3]);
    float *f;
    if (posix_memalign((void **)&f, 64, (size_t)rows * 32 * 4)) return 1;
    for (long i = 0; i < rows * 32; i++) f[i] = (float)i * 1e-7f;
    int32_t *idx = malloc((size_t)n * 4);
    uint64_t s = 88172645463325252ULL; /* xorshift, fixed seed */
    for (long i = 0; i < n; i++) { s ^= s << 13; s ^= s >> 7; s ^= s << 17; idx[i] = (int32_t)((s >> 11) % (uint64_t)rows); }
    static float tile[128 * 32] __attribute__((aligned(64)));
    __m256 acc = _mm256_setzero_ps();
    const double t0 = now();
    for (long start = 0; start < n; start += 128) {
        for (long t = 0; t < 128 && start + t < n; t++) {
            if (ahead && start + t + ahead < n) {
                const char *p = (const char *)(f + (long)idx[start + t + ahead] * 32);
                _mm_prefetch(p, _MM_HINT_T0);
                _mm_prefetch(p + 64, _MM_HINT_T0);
            }
            const float *q = f + (long)idx[start + t] * 32;
            for (int v = 0; v < 32; v += 8) _mm256_store_ps(tile + t * 32 + v, _mm256_load_ps(q + v));
        }
        for (int t = 0; t < 128; t++) acc = _mm256_add_ps(acc, _mm256_load_ps(tile + t * 32));
    }
    const double t1 = now();
    float out[8];
    _mm256_storeu_ps(out, acc);
    printf("gather from %ld rows (%.1f MB), prefetch %ld ahead: %.2f ns/row (checksum %g)\n",
           rows, rows * 128 / 1e6, ahead, (t1 - t0) / n * 1e9, out[0]);
    return 0;
}
