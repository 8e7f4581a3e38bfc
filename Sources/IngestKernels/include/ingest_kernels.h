/* Hot loops of ingestion, in C so that they compile to tight code: the ratings-line parser's
 * fast path (see RatingLineParser.swift; well-formed lines only, anything else is left to the
 * Swift parser) and the half-star coding of ratings for the dataset file. */
#ifndef CMX_INGEST_KERNELS_H
#define CMX_INGEST_KERNELS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Field separators. */
enum { CMX_SEP_COMMA = 0, CMX_SEP_TAB = 1, CMX_SEP_DOUBLE_COLON = 2 };

/* Parses consecutive well-formed lines `user SEP movie SEP rating SEP time` (LF or CRLF) from
 * `p`, stopping at the first line that is not plainly well formed, after `capacity` lines, or
 * when fewer than 64 bytes remain before `end` (so no read leaves the buffer).
 * Well formed means: ids of 1-10 digits below 2^31, a rating of one digit optionally followed
 * by ".0" or ".5" whose half-star value (rating x 2) lies in [min_half, max_half] and is even
 * unless `odd_allowed`, and a timestamp of 1-10 digits below 2^32. Lines that stop the scan
 * (blank, bad, or spelled unusually, such as "4.50") are for the caller to handle.
 * Writes raw ids, rating x 2 and time per line; sets *lines to the number of lines written and
 * returns the number of bytes consumed. Cost: a few instructions per byte. */
long cmx_parse_rating_lines(const uint8_t *p, const uint8_t *end, int separator,
                            unsigned min_half, unsigned max_half, int odd_allowed,
                            uint32_t *users, uint32_t *movies, uint8_t *halves, uint32_t *times,
                            long capacity, long *lines);

/* One chunk's ratings split and grouped for a user-grouped file (see UserSortedRandomSplit.swift):
 * training lines (raw movie id, rating x 2), held-out lines (also the time), one run per
 * user, and a bitmap of the raw movie ids seen (2^26 bits, for ids below 2^26). */
typedef struct {
    uint32_t user;
    int32_t train, test;
} cmx_user_run;

typedef struct {
    uint32_t *train_movie;
    uint8_t *train_half;
    uint32_t *test_movie;
    uint8_t *test_half;
    uint32_t *test_time;
    uint64_t *movie_bits;
    cmx_user_run *runs;
    long run_count, run_capacity;
    long train, test;               /* lines stored on each side */
    int32_t run_train, run_test;    /* lines of the open run */
    uint32_t user;                  /* the open run's user */
    uint32_t max_movie;             /* the largest raw movie id seen */
    int started;                    /* a run is open */
    int declined;                   /* a user id went down, or an id is 2^26 or more */
    uint64_t seed, threshold;       /* the random split: held out when hash < threshold */
} cmx_user_runs;

/* Adds n parsed lines to `s`, in order: a new run when the user changes (declining when it
 * goes down), the movie's bit, and the line on its side of the split, which is held out when
 * SplitMix64(seed ^ (user << 32 | movie)).next() < threshold (threshold 0: never; all ones:
 * always). Stops early when the run table is full (grow it and call again with the rest) or
 * on declining. Returns the number of lines taken. */
long cmx_user_runs_accept(cmx_user_runs *s, const uint32_t *users, const uint32_t *movies,
                          const uint8_t *halves, const uint32_t *times, long n);

/* Closes the open run (if any lines are in it). Returns 0 when the run table is full. */
int cmx_user_runs_close(cmx_user_runs *s);

/* Replaces the raw movie ids of one side of a chunk (`side` 0: the training lines, run.train
 * per run; 1: the held-out lines, run.test per run) by their dense ids `table[raw]`, in place,
 * and adds the side's ratings x 2 (`halves`) to `histogram` (256 counters). `n` is the side's
 * line count (the sum over the runs). Returns 1 when every run's dense ids are strictly
 * ascending (so the rows need no sorting and hold no duplicate pair), else 0; every id is
 * remapped either way. Cost: one pass. */
int cmx_runs_remap(uint32_t *ids, const uint8_t *halves, long n, const int32_t *table,
                   const cmx_user_run *runs, long run_count, int side, uint64_t *histogram);
/* Adds 1 to counts[id] for each of the n ids. */
void cmx_count_columns(const uint32_t *ids, long n, int64_t *counts);
/* The transposing scatter of one chunk's training lines (dense movie ids, see cmx_runs_remap):
 * for each run k (user run_users[k]) and each of its lines, in order, writes the user and the
 * rating x 2 at slot[movie] of out_users / out_halves and advances slot[movie]. Cost: one pass
 * with one random write per line. */
void cmx_scatter_runs(const uint32_t *movies, const uint8_t *halves, const cmx_user_run *runs,
                      long run_count, const int32_t *run_users, int64_t *slot, int32_t *out_users,
                      uint8_t *out_halves);
/* Writes each rating times two as one byte (0-255) to `codes`; returns 1 when every rating was
 * exactly representable (a multiple of 0.5 in 0...127.5, not -0), else 0 (the codes are then
 * meaningless). Cost: one pass, vectorised. */
int cmx_half_star_codes(const float *ratings, long n, uint8_t *codes);

#ifdef __cplusplus
}
#endif

#endif
