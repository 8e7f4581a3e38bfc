#ifndef CINEMATRIX_HTTP_H
#define CINEMATRIX_HTTP_H

/* HTTP(S) downloads through libcurl, loaded with dlopen on first use: the program does not
 * link libcurl (and its ~25 dependent libraries), so every other command starts faster. */

#include <stddef.h>
#include <stdint.h>

/* Outcome of cmx_http_fetch. */
enum {
    CMX_HTTP_OK = 0,          /* the whole body is in the file (or a 416 said it already was) */
    CMX_HTTP_STATUS = 1,      /* the server answered with an error status (see *status) */
    CMX_HTTP_TRANSFER = 2,    /* the transfer failed or stopped early (message in errbuf) */
    CMX_HTTP_NO_LIBCURL = 3,  /* libcurl could not be loaded (message in errbuf) */
    CMX_HTTP_FILE = 4         /* the output file could not be opened or written (errbuf) */
};

/* Called as bytes arrive: total bytes in the file so far, and the expected total or -1. */
typedef void (*cmx_http_progress)(void *context, int64_t received, int64_t expected);

/* Fetches `url` (following redirects) into the file `path`. With resume_from > 0 the file
 * already holds that many bytes; a Range request asks for the rest and the body is appended,
 * unless the server ignores the range (status 200), in which case the file is rewritten from
 * the start. On return *status is the last HTTP status, *received the bytes now in the file
 * and *expected the full length or -1. Blocks until done. */
int cmx_http_fetch(const char *url, const char *path, int64_t resume_from,
                   cmx_http_progress progress, void *context,
                   long *status, int64_t *received, int64_t *expected,
                   char *errbuf, size_t errlen);

#endif
