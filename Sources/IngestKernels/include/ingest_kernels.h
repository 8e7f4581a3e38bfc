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

/* Writes each rating times two as one byte (0-255) to `codes`; returns 1 when every rating was
 * exactly representable (a multiple of 0.5 in 0...127.5, not -0), else 0 (the codes are then
 * meaningless). Cost: one pass, vectorised. */
int cmx_half_star_codes(const float *ratings, long n, uint8_t *codes);

#ifdef __cplusplus
}
#endif

#endif
