/* Grouping parsed ratings into user runs with a random split (see ingest_kernels.h). */
#include "ingest_kernels.h"

static inline int held_out(uint32_t user, uint32_t movie, uint64_t seed, uint64_t threshold) {
    if (threshold == 0) return 0;
    if (threshold == UINT64_MAX) return 1;
    /* SplitMix64 seeded with seed ^ (user << 32 | movie), one step (as SplitMix64.swift). */
    uint64_t z = (seed ^ ((uint64_t)user << 32 | movie)) + 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return (z ^ (z >> 31)) < threshold;
}

int cmx_user_runs_close(cmx_user_runs *s) {
    if (s->started && s->run_train + s->run_test > 0) {
        if (s->run_count == s->run_capacity) return 0;
        cmx_user_run *r = &s->runs[s->run_count++];
        r->user = s->user;
        r->train = s->run_train;
        r->test = s->run_test;
    }
    s->run_train = 0;
    s->run_test = 0;
    return 1;
}

long cmx_user_runs_accept(cmx_user_runs *s, const uint32_t *users, const uint32_t *movies,
                          const uint8_t *halves, const uint32_t *times, long n) {
    const uint32_t limit = 1u << 26;
    long train = s->train, test = s->test;
    int32_t run_train = s->run_train, run_test = s->run_test;
    uint32_t max_movie = s->max_movie;
    long i = 0;
    for (; i < n; i++) {
        const uint32_t u = users[i], m = movies[i];
        if (u != s->user || !s->started) {
            if (s->started && u < s->user) { s->declined = 1; break; }
            s->run_train = run_train;
            s->run_test = run_test;
            if (!cmx_user_runs_close(s)) break;
            run_train = 0;
            run_test = 0;
            s->user = u;
            s->started = 1;
            if (u >= limit) { s->declined = 1; break; }
        }
        if (m >= limit) { s->declined = 1; break; }
        s->movie_bits[m >> 6] |= (uint64_t)1 << (m & 63);
        if (m > max_movie) max_movie = m;
        if (held_out(u, m, s->seed, s->threshold)) {
            s->test_movie[test] = m;
            s->test_half[test] = halves[i];
            s->test_time[test] = times[i];
            test++;
            run_test++;
        } else {
            s->train_movie[train] = m;
            s->train_half[train] = halves[i];
            train++;
            run_train++;
        }
    }
    s->train = train;
    s->test = test;
    s->run_train = run_train;
    s->run_test = run_test;
    s->max_movie = max_movie;
    return i;
}
