/* Floor of ratings.csv parsing: a bare loop over `user,movie,rating,timestamp` lines with no
 * validation, no id mapping and no output, on one core; prints nanoseconds per line.
 * Used by scripts/bench-floors.sh. Usage: floor_parse ratings.csv */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s ratings.csv\n", argv[0]); return 2; }
    const int fd = open(argv[1], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) { perror(argv[1]); return 1; }
    const long n = st.st_size;
    const unsigned char *b = mmap(0, n, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (b == MAP_FAILED) { perror("mmap"); return 1; }
    const double t0 = now();
    const unsigned char *p = b, *end = b + n;
    while (p < end && *p != '\n') p++; /* header */
    p++;
    uint64_t su = 0, sm = 0, sr = 0, stt = 0;
    long lines = 0;
    while (p < end) {
        uint64_t u = 0, m = 0, r, t = 0;
        while (*p != ',') u = u * 10 + (*p++ - '0');
        p++;
        while (*p != ',') m = m * 10 + (*p++ - '0');
        p++;
        r = (uint64_t)(*p++ - '0') * 2;
        if (*p == '.') { p++; if (*p == '5') r++; p++; }
        p++;
        while (*p != '\n') t = t * 10 + (*p++ - '0');
        p++;
        su += u; sm += m; sr += r; stt += t; lines++;
    }
    const double t1 = now();
    printf("bare parse of %ld lines (%.0f MB): %.2f s, %.1f ns/line, %.0f MB/s (checksum %lu)\n",
           lines, n / 1e6, t1 - t0, (t1 - t0) / lines * 1e9, n / (t1 - t0) / 1e6,
           (unsigned long)(su + sm + sr + stt));
    return 0;
}
