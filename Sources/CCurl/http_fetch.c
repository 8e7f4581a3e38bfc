/* Resumable HTTP downloads over a dlopen'ed libcurl (see cmx_http.h). The curl header is used
 * for constants and types only; no libcurl symbol is linked. */
#include "cmx_http.h"
#include <curl/curl.h>
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static struct {
    CURLcode (*global_init)(long);
    CURL *(*init)(void);
    CURLcode (*setopt)(CURL *, CURLoption, ...);
    CURLcode (*perform)(CURL *);
    CURLcode (*getinfo)(CURL *, CURLINFO, ...);
    void (*cleanup)(CURL *);
    const char *(*strerror)(CURLcode);
    int loaded; /* 1 loaded, -1 failed */
    char why[256];
} lib;

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    const char *names[] = {"libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so", "libcurl.4.dylib", "libcurl.dylib"};
    void *h = 0;
    for (size_t i = 0; i < sizeof names / sizeof *names && !h; i++) h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(lib.why, sizeof lib.why, "downloading needs libcurl, which is not installed (Debian/Ubuntu: apt-get install libcurl4)");
        lib.loaded = -1;
        return;
    }
#define SYM(field, name) *(void **)&lib.field = dlsym(h, name)
    SYM(global_init, "curl_global_init");
    SYM(init, "curl_easy_init");
    SYM(setopt, "curl_easy_setopt");
    SYM(perform, "curl_easy_perform");
    SYM(getinfo, "curl_easy_getinfo");
    SYM(cleanup, "curl_easy_cleanup");
    SYM(strerror, "curl_easy_strerror");
#undef SYM
    if (!lib.global_init || !lib.init || !lib.setopt || !lib.perform || !lib.getinfo || !lib.cleanup || !lib.strerror) {
        snprintf(lib.why, sizeof lib.why, "the installed libcurl lacks the functions cinematrix needs");
        lib.loaded = -1;
        return;
    }
    lib.global_init(CURL_GLOBAL_DEFAULT);
    lib.loaded = 1;
}

struct transfer {
    CURL *curl;
    FILE *file;
    int64_t resume, received, expected;
    int decided;      /* the response status has been seen */
    int refused;      /* an error status: the body is not written */
    int file_error;
    cmx_http_progress progress;
    void *context;
};

/* The first body bytes decide what the response means: 206 appends, 200 starts afresh. */
static int decide(struct transfer *t) {
    long code = 0;
    curl_off_t length = -1;
    lib.getinfo(t->curl, CURLINFO_RESPONSE_CODE, &code);
    lib.getinfo(t->curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
    t->decided = 1;
    if (code == 206) {
        t->expected = length >= 0 ? t->resume + length : -1;
        return 1;
    }
    if (code == 200 || code == 0) { /* 0: a scheme without status, e.g. file:// */
        if (t->resume > 0) {
            fflush(t->file);
            if (ftruncate(fileno(t->file), 0) != 0 || fseek(t->file, 0, SEEK_SET) != 0) { t->file_error = errno; return 0; }
        }
        t->received = 0;
        t->expected = length >= 0 ? length : -1;
        return 1;
    }
    t->refused = 1;
    return 0;
}

static size_t on_body(char *data, size_t size, size_t count, void *user) {
    struct transfer *t = user;
    const size_t n = size * count;
    if (!t->decided && !decide(t)) return 0; /* aborts the transfer */
    if (fwrite(data, 1, n, t->file) != n) { t->file_error = errno ? errno : EIO; return 0; }
    t->received += (int64_t)n;
    if (t->progress) t->progress(t->context, t->received, t->expected);
    return n;
}

int cmx_http_fetch(const char *url, const char *path, int64_t resume_from,
                   cmx_http_progress progress, void *context,
                   long *status, int64_t *received, int64_t *expected,
                   char *errbuf, size_t errlen) {
    *status = 0;
    *received = resume_from;
    *expected = -1;
    if (errlen) errbuf[0] = 0;
    pthread_once(&once, load);
    if (lib.loaded != 1) { snprintf(errbuf, errlen, "%s", lib.why); return CMX_HTTP_NO_LIBCURL; }
    FILE *f = fopen(path, resume_from > 0 ? "ab" : "wb");
    if (!f) { snprintf(errbuf, errlen, "cannot open %s: %s", path, strerror(errno)); return CMX_HTTP_FILE; }
    CURL *c = lib.init();
    if (!c) { fclose(f); snprintf(errbuf, errlen, "libcurl could not start a transfer"); return CMX_HTTP_TRANSFER; }
    struct transfer t = {c, f, resume_from, resume_from, -1, 0, 0, 0, progress, context};
    char curl_error[CURL_ERROR_SIZE] = {0};
    lib.setopt(c, CURLOPT_URL, url);
    lib.setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    lib.setopt(c, CURLOPT_USERAGENT, "cinematrix");
    lib.setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    lib.setopt(c, CURLOPT_WRITEDATA, &t);
    lib.setopt(c, CURLOPT_ERRORBUFFER, curl_error);
    lib.setopt(c, CURLOPT_NOSIGNAL, 1L);
    lib.setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
    /* Give up on a stalled connection: under 1 byte/s for 60 s. */
    lib.setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    lib.setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);
    if (resume_from > 0) lib.setopt(c, CURLOPT_RESUME_FROM_LARGE, (curl_off_t)resume_from);
    const CURLcode rc = lib.perform(c);
    lib.getinfo(c, CURLINFO_RESPONSE_CODE, status);
    if (!t.decided && rc == CURLE_OK && (*status == 200 || *status == 206)) decide(&t); /* empty body */
    lib.cleanup(c);
    const int closed = fclose(f);
    *received = t.received;
    *expected = t.expected;
    if (t.file_error || closed != 0) {
        snprintf(errbuf, errlen, "cannot write %s: %s", path, strerror(t.file_error ? t.file_error : errno));
        return CMX_HTTP_FILE;
    }
    if (*status == 416) { *expected = *received; return CMX_HTTP_OK; } /* the part was already complete */
    if (t.refused || *status >= 400) return CMX_HTTP_STATUS;
    if (rc == CURLE_RANGE_ERROR && resume_from > 0) { /* a server that cannot resume at all */
        snprintf(errbuf, errlen, "the server cannot resume this download");
        return CMX_HTTP_TRANSFER;
    }
    if (rc != CURLE_OK) {
        snprintf(errbuf, errlen, "%s", curl_error[0] ? curl_error : lib.strerror(rc));
        return CMX_HTTP_TRANSFER;
    }
    if (t.expected >= 0 && t.received < t.expected) {
        snprintf(errbuf, errlen, "expected %lld bytes", (long long)t.expected);
        return CMX_HTTP_TRANSFER;
    }
    return CMX_HTTP_OK;
}
