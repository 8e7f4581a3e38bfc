/* Micro-benchmark of the per-row dense algebra of an ALS half-step at rank K (default 32):
 * the one-matrix-at-a-time kernels (cmx_cholesky, cmx_cholesky_solve2, cmx_cholesky_inverse
 * + the K^2 rank-one update, as solveRow runs them) against the eight-lane batched ones
 * (cmx_interleave_upper8, cmx_cholesky8, cmx_cholesky_solve2_8, cmx_cholesky_inverse8,
 * cmx_scatter_symmetric8, as solveRowGroup runs them), side by side in one run. Each row starts
 * from a fresh copy of an SPD normal matrix from a small pool (in cache, as after
 * cmx_accumulate_normal); copies and (de)interleaving are included in the times.
 * Prints nanoseconds per row (best of 5) on one core. Used by scripts/bench-floors.sh.
 * Usage: bench_row_solve [K] */
#include "als_kernels.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }

static float *floats(long n) {
    float *p;
    if (posix_memalign((void **)&p, 64, (size_t)(n < 16 ? 16 : n) * 4)) exit(1);
    memset(p, 0, (size_t)(n < 16 ? 16 : n) * 4);
    return p;
}

enum { POOL = 64, ROWS = 16384 };

/* Stage 0: factor; 1: factor + solve2; 2: factor + solve2 + inverse + v h^T update. */
static double single(int stage, long k, long kp, const float *pool, const float *rhs) {
    float *a = floats(kp * kp), *b = floats(kp), *c = floats(kp), *work = floats(kp * kp);
    float *B = floats(kp * kp), *h = floats(kp);
    volatile float sink = 0;
    const double t0 = now();
    for (long r = 0; r < ROWS; r++) {
        memcpy(a, pool + (r % POOL) * kp * kp, (size_t)(kp * kp) * 4);
        if (cmx_cholesky(a, kp, k)) exit(3);
        if (stage >= 1) {
            memcpy(b, rhs, (size_t)kp * 4);
            memcpy(c, rhs + kp, (size_t)kp * 4);
            cmx_cholesky_solve2(a, kp, k, b, c);
        }
        if (stage >= 2) {
            cmx_cholesky_inverse(a, kp, k, B, kp, work);
            for (long i = 0; i < k; i++) h[i] = b[i] * 0.5f;
            for (long i = 0; i < k; i++)
                for (long j = 0; j < k; j++) B[i * kp + j] += b[i] * h[j];
        }
        sink += a[kp + 1] + b[0] + B[1];
    }
    const double t = (now() - t0) / ROWS * 1e9;
    free(a); free(b); free(c); free(work); free(B); free(h);
    return t;
}

static double batched(int stage, long k, long kp, const float *pool, const float *rhs) {
    const long ld = CMX_BATCH_LD(kp), square = (kp + 8) * ld * 8;
    float *lanes = floats(8 * kp * kp), *lb = floats(8 * kp), *lc = floats(8 * kp), *lh = floats(8 * kp);
    float *a8 = floats(square), *w8 = floats(square), *inv8 = floats(square);
    float *b8 = floats(ld * 8), *c8 = floats(ld * 8), *h8 = floats(ld * 8), *B = floats(8 * kp * kp);
    for (int m = 0; m < 8; m++) { memcpy(lb + m * kp, rhs, (size_t)kp * 4); memcpy(lc + m * kp, rhs + kp, (size_t)kp * 4); }
    volatile float sink = 0;
    const double t0 = now();
    for (long r = 0; r < ROWS; r += 8) {
        for (int m = 0; m < 8; m++) memcpy(lanes + m * kp * kp, pool + ((r + m) % POOL) * kp * kp, (size_t)(kp * kp) * 4);
        cmx_interleave_upper8(lanes, kp, k, ld, a8);
        if (cmx_cholesky8(a8, ld, k)) exit(3);
        if (stage >= 1) {
            cmx_interleave8(lb, kp, kp, b8);
            cmx_interleave8(lc, kp, kp, c8);
            cmx_cholesky_solve2_8(a8, ld, k, b8, c8);
            cmx_deinterleave8(b8, kp, lb + 0, kp);
            cmx_deinterleave8(c8, kp, lc + 0, kp);
        }
        if (stage >= 2) {
            for (long i = 0; i < 8 * kp; i++) lh[i] = lb[i] * 0.5f;
            cmx_interleave8(lh, kp, kp, h8);
            cmx_cholesky_inverse8(a8, ld, k, b8, h8, inv8, w8);
            cmx_scatter_symmetric8(inv8, ld, k, kp, B, kp * kp, 0xFF);
        }
        for (int m = 0; m < 8; m++) { memcpy(lb + m * kp, rhs, (size_t)kp * 4); memcpy(lc + m * kp, rhs + kp, (size_t)kp * 4); }
        sink += a8[8 * (ld + 1)] + b8[0] + B[1];
    }
    const double t = (now() - t0) / ROWS * 1e9;
    free(lanes); free(lb); free(lc); free(lh); free(a8); free(w8); free(inv8); free(b8); free(c8); free(h8); free(B);
    return t;
}

int main(int argc, char **argv) {
    const long k = argc > 1 ? atol(argv[1]) : 32, kp = (k + 7) / 8 * 8;
    float *pool = floats(POOL * kp * kp), *rhs = floats(2 * kp), *q = floats(kp);
    uint64_t s = 88172645463325252ULL;
    for (int p = 0; p < POOL; p++) /* A = sum of 3K random q q^T + I */
        for (long t = 0; t < 3 * k; t++) {
            for (long i = 0; i < k; i++) { s ^= s << 13; s ^= s >> 7; s ^= s << 17; q[i] = (float)((s >> 40) % 2001) / 1000.0f - 1.0f; }
            for (long i = 0; i < k; i++)
                for (long j = 0; j < k; j++) pool[p * kp * kp + i * kp + j] += q[i] * q[j] + (t == 0 && i == j);
        }
    for (long i = 0; i < k; i++) { rhs[i] = (float)(i % 5) - 2; rhs[kp + i] = (float)(i % 3) + 1; }
    static const char *names[3] = {"factor", "factor+solve2", "factor+solve2+inverse"};
    printf("row solve, K = %ld (%s): ns per row, best of 5, one core\n", k, cmx_uses_avx2() ? "AVX2+FMA" : "portable");
    printf("%-24s %10s %10s %8s\n", "stage", "one-by-one", "batched8", "speed-up");
    for (int stage = 0; stage < 3; stage++) {
        double one = 1e30, eight = 1e30;
        for (int rep = 0; rep < 5; rep++) {
            const double x = single(stage, k, kp, pool, rhs), y = batched(stage, k, kp, pool, rhs);
            if (x < one) one = x;
            if (y < eight) eight = y;
        }
        printf("%-24s %10.0f %10.0f %7.1fx\n", names[stage], one, eight, one / eight);
    }
    return 0;
}
