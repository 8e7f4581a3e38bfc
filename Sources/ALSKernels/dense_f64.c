/* Double-precision Cholesky for the genre system (see als_kernels.h): plain loops over
 * contiguous row tails, compiled twice (AVX2+FMA and portable) and chosen at run time. */
#include "als_kernels.h"
#include <math.h>

#define CMX_F64_BODY(NAME, ATTR)                                                             \
    ATTR static long NAME##_factor(double *a, long n) {                                      \
        for (long i = 0; i < n; i++) {                                                       \
            double *ri = a + i * n;                                                          \
            const double d = ri[i];                                                          \
            if (!(d > 0) || !(d < INFINITY)) return i + 1;                                   \
            const double root = sqrt(d), inv = 1.0 / root;                                   \
            ri[i] = root;                                                                    \
            for (long j = i + 1; j < n; j++) ri[j] *= inv;                                   \
            for (long r = i + 1; r < n; r++) {                                               \
                const double f = ri[r];                                                      \
                if (f == 0) continue;                                                        \
                double *restrict rr = a + r * n;                                             \
                const double *restrict src = ri;                                             \
                for (long j = r; j < n; j++) rr[j] -= f * src[j];                            \
            }                                                                                \
        }                                                                                    \
        return 0;                                                                            \
    }                                                                                        \
    ATTR static void NAME##_solve(const double *u, long n, double *b) {                      \
        for (long i = 0; i < n; i++) {                                                       \
            const double *ui = u + i * n;                                                    \
            const double z = b[i] / ui[i];                                                   \
            b[i] = z;                                                                        \
            for (long j = i + 1; j < n; j++) b[j] -= z * ui[j];                              \
        }                                                                                    \
        for (long i = n - 1; i >= 0; i--) {                                                  \
            const double *ui = u + i * n;                                                    \
            double s = b[i];                                                                 \
            for (long j = i + 1; j < n; j++) s -= ui[j] * b[j];                              \
            b[i] = s / ui[i];                                                                \
        }                                                                                    \
    }

CMX_F64_BODY(portable, )

#if defined(__x86_64__) || defined(__i386__)
CMX_F64_BODY(avx2, __attribute__((target("avx2,fma"))))
long cmx_cholesky_f64(double *a, long n) { return cmx_uses_avx2() ? avx2_factor(a, n) : portable_factor(a, n); }
void cmx_cholesky_solve_f64(const double *u, long n, double *b) {
    if (cmx_uses_avx2()) avx2_solve(u, n, b); else portable_solve(u, n, b);
}
#else
long cmx_cholesky_f64(double *a, long n) { return portable_factor(a, n); }
void cmx_cholesky_solve_f64(const double *u, long n, double *b) { portable_solve(u, n, b); }
#endif
