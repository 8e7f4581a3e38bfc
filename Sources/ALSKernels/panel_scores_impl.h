/* Scores of queries against candidates packed in panels of eight (see cmx_panel_scores in
 * als_kernels.h): the blocked matrix product behind exact top-k search. Written with clang
 * vector extensions and included twice by panel_scores.c, portably and for AVX2+FMA;
 * CMX_SCORES(x) gives each copy its own names. Each lane sums q[j] * candidate[j] for j in
 * order, then adds the bias; the AVX2 copy fuses each multiply-add into one FMA. */

#include "vec8.h"

/* Six query rows against two panels (16 candidates) a step: 12 accumulators hide the FMA
 * latency, with 2 loads and 6 broadcasts per 12 multiply-adds. */
static void CMX_SCORES(panel_scores6)(const float *q, long d, const float *panels, const float *bias,
                                      long count, float *out) {
    const long width = 16 * ((count + 1) / 2);
    for (long p = 0; p < count; p += 2) {
        const long p1 = p + 1 < count ? p + 1 : p;
        const float *b0p = panels + p * d * 8, *b1p = panels + p1 * d * 8;
        cmx_v8 a0[6], a1[6];
        for (int r = 0; r < 6; r++) { a0[r] = 0; a1[r] = 0; }
        for (long j = 0; j < d; j++) {
            const cmx_v8 b0 = CMX_LOAD(b0p + j * 8), b1 = CMX_LOAD(b1p + j * 8);
            for (int r = 0; r < 6; r++) {
                const cmx_v8 x = q[r * d + j];
                a0[r] += x * b0;
                a1[r] += x * b1;
            }
        }
        const cmx_v8 c0 = CMX_LOAD(bias + p * 8), c1 = CMX_LOAD(bias + p1 * 8);
        for (int r = 0; r < 6; r++) {
            CMX_STORE(out + r * width + 8 * p, a0[r] + c0);
            CMX_STORE(out + r * width + 8 * p + 8, a1[r] + c1);
        }
    }
}

/* One query row against two panels a step. */
static void CMX_SCORES(panel_scores1)(const float *q, long d, const float *panels, const float *bias,
                                      long count, float *out) {
    for (long p = 0; p < count; p += 2) {
        const long p1 = p + 1 < count ? p + 1 : p;
        const float *b0p = panels + p * d * 8, *b1p = panels + p1 * d * 8;
        cmx_v8 a0 = 0, a1 = 0;
        for (long j = 0; j < d; j++) {
            const cmx_v8 x = q[j];
            a0 += x * CMX_LOAD(b0p + j * 8);
            a1 += x * CMX_LOAD(b1p + j * 8);
        }
        CMX_STORE(out + 8 * p, a0 + CMX_LOAD(bias + p * 8));
        CMX_STORE(out + 8 * p + 8, a1 + CMX_LOAD(bias + p1 * 8));
    }
}
