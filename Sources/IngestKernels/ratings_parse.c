/* Ratings-line parsing fast path (see ingest_kernels.h). */
#include "ingest_kernels.h"
#include <string.h>

/* The number of leading decimal digits in the 8 bytes at p (0-8) and their value. A byte is a
 * digit when its high nibble is 3 and, after adding 6, still is (a carry out of a non-digit
 * byte only disturbs later bytes). The digits are moved to the top bytes and combined with
 * three multiplies. */
static inline int eight_digits(const uint8_t *p, uint64_t *value) {
    uint64_t w;
    memcpy(&w, p, 8);
    const uint64_t high = 0xF0F0F0F0F0F0F0F0ULL;
    const uint64_t flags = ((w & high) | (((w + 0x0606060606060606ULL) & high) >> 4)) ^ 0x3333333333333333ULL;
    const int k = flags ? __builtin_ctzll(flags) >> 3 : 8;
    if (k == 0) { *value = 0; return 0; }
    uint64_t x = (w & 0x0F0F0F0F0F0F0F0FULL) << (64 - 8 * k);
    x = (x * 2561) >> 8;
    x = ((x & 0x00FF00FF00FF00FFULL) * 6553601) >> 16;
    *value = ((x & 0x0000FFFF0000FFFFULL) * 42949672960001ULL) >> 32;
    return k;
}

/* A number of 1-10 digits at *pp, no more than `limit`; advances *pp. Returns 0 when there is
 * no such number (no digit, more than 10 digits, or too large). Reads 16 bytes. */
static inline int number(const uint8_t **pp, uint64_t limit, uint64_t *value) {
    const uint8_t *p = *pp;
    uint64_t a;
    const int k = eight_digits(p, &a);
    if (k == 0) return 0;
    if (k < 8) {
        *pp = p + k;
        *value = a;
        return a <= limit;
    }
    uint64_t b;
    const int k2 = eight_digits(p + 8, &b);
    if (k2 > 2) return 0;
    const uint64_t v = a * (k2 == 0 ? 1 : (k2 == 1 ? 10 : 100)) + b;
    *pp = p + 8 + k2;
    *value = v;
    return v <= limit;
}

static inline int skip_separator(const uint8_t **pp, int separator) {
    const uint8_t *p = *pp;
    switch (separator) {
    case CMX_SEP_COMMA: if (p[0] != ',') return 0; *pp = p + 1; return 1;
    case CMX_SEP_TAB: if (p[0] != '\t') return 0; *pp = p + 1; return 1;
    default: if (p[0] != ':' || p[1] != ':') return 0; *pp = p + 2; return 1;
    }
}

/* One specialised loop per separator, so the separator test is a constant. */
#define DEFINE_PARSE(NAME, SEP)                                                                  \
    static long NAME(const uint8_t *start, const uint8_t *end, unsigned min_half,               \
                     unsigned max_half, int odd_allowed, uint32_t *users, uint32_t *movies,     \
                     uint8_t *halves, uint32_t *times, long capacity, long *lines) {            \
        const uint8_t *p = start;                                                               \
        long n = 0;                                                                             \
        while (n < capacity && end - p >= 64) {                                                 \
            const uint8_t *q = p;                                                               \
            uint64_t u, m, t;                                                                   \
            if (!number(&q, 0x7FFFFFFFULL, &u) || !skip_separator(&q, SEP)) break;             \
            if (!number(&q, 0x7FFFFFFFULL, &m) || !skip_separator(&q, SEP)) break;             \
            const unsigned whole = (unsigned)q[0] - '0';                                        \
            if (whole > 9) break;                                                               \
            unsigned half = whole * 2;                                                          \
            q++;                                                                                \
            if (q[0] == '.') {                                                                  \
                if (q[1] == '5') half++;                                                        \
                else if (q[1] != '0') break;                                                    \
                q += 2;                                                                         \
            }                                                                                   \
            if (half < min_half || half > max_half || (!odd_allowed && (half & 1))) break;      \
            if (!skip_separator(&q, SEP)) break;                                                \
            if (!number(&q, 0xFFFFFFFFULL, &t)) break;                                          \
            if (q[0] == '\r') q++;                                                              \
            if (q[0] != '\n') break;                                                            \
            users[n] = (uint32_t)u;                                                             \
            movies[n] = (uint32_t)m;                                                            \
            halves[n] = (uint8_t)half;                                                          \
            times[n] = (uint32_t)t;                                                             \
            n++;                                                                                \
            p = q + 1;                                                                          \
        }                                                                                       \
        *lines = n;                                                                             \
        return p - start;                                                                       \
    }

DEFINE_PARSE(parse_comma, CMX_SEP_COMMA)
DEFINE_PARSE(parse_tab, CMX_SEP_TAB)
DEFINE_PARSE(parse_double_colon, CMX_SEP_DOUBLE_COLON)

long cmx_parse_rating_lines(const uint8_t *p, const uint8_t *end, int separator,
                            unsigned min_half, unsigned max_half, int odd_allowed,
                            uint32_t *users, uint32_t *movies, uint8_t *halves, uint32_t *times,
                            long capacity, long *lines) {
    switch (separator) {
    case CMX_SEP_COMMA:
        return parse_comma(p, end, min_half, max_half, odd_allowed, users, movies, halves, times, capacity, lines);
    case CMX_SEP_TAB:
        return parse_tab(p, end, min_half, max_half, odd_allowed, users, movies, halves, times, capacity, lines);
    default:
        return parse_double_colon(p, end, min_half, max_half, odd_allowed, users, movies, halves, times, capacity, lines);
    }
}
