/* The by-user runs of a parsed chunk as matrix columns (see ingest_kernels.h): dense ids in
 * place with an order check, column counts, and the transposing scatter. */
#include "ingest_kernels.h"

int cmx_runs_remap(uint32_t *ids, const uint8_t *halves, long n, const int32_t *table,
                   const cmx_user_run *runs, long run_count, int side, uint64_t *histogram) {
    int ascending = 1;
    long p = 0;
    for (long k = 0; k < run_count; k++) {
        const long length = side == 0 ? runs[k].train : runs[k].test;
        int32_t last = -1;
        for (long e = p + length; p < e; p++) {
            const int32_t d = table[ids[p]];
            ids[p] = (uint32_t)d;
            ascending &= d > last;
            last = d;
        }
    }
    for (long i = 0; i < n; i++) histogram[halves[i]]++;
    return ascending;
}

void cmx_count_columns(const uint32_t *ids, long n, int64_t *counts) {
    for (long i = 0; i < n; i++) counts[ids[i]]++;
}

void cmx_scatter_runs(const uint32_t *movies, const uint8_t *halves, const cmx_user_run *runs,
                      long run_count, const int32_t *run_users, int64_t *slot, int32_t *out_users,
                      uint8_t *out_halves) {
    long p = 0;
    for (long k = 0; k < run_count; k++) {
        const int32_t u = run_users[k];
        for (long e = p + runs[k].train; p < e; p++) {
            const uint32_t m = movies[p];
            const int64_t q = slot[m]++;
            out_users[q] = u;
            out_halves[q] = halves[p];
        }
    }
}
