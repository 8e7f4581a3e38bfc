/* Double-precision Cholesky factorisation and solve for the genre system and the Gibbs
 * hyperparameters (see als_kernels.h): plain loops over contiguous row tails, included twice by
 * dense_f64.c, portably and for AVX2+FMA; CMX_F64(x) gives each copy its own names. */

static long CMX_F64(cholesky_f64)(double *a, long n) {
    for (long i = 0; i < n; i++) {
        double *ri = a + i * n;
        const double d = ri[i];
        if (!(d > 0) || !(d < INFINITY)) return i + 1;
        const double root = sqrt(d), inv = 1.0 / root;
        ri[i] = root;
        for (long j = i + 1; j < n; j++) ri[j] *= inv;
        for (long r = i + 1; r < n; r++) {
            const double f = ri[r];
            if (f == 0) continue;
            double *restrict rr = a + r * n;
            const double *restrict src = ri;
            for (long j = r; j < n; j++) rr[j] -= f * src[j];
        }
    }
    return 0;
}

static void CMX_F64(cholesky_solve_f64)(const double *u, long n, double *b) {
    for (long i = 0; i < n; i++) {
        const double *ui = u + i * n;
        const double z = b[i] / ui[i];
        b[i] = z;
        for (long j = i + 1; j < n; j++) b[j] -= z * ui[j];
    }
    for (long i = n - 1; i >= 0; i--) {
        const double *ui = u + i * n;
        double s = b[i];
        for (long j = i + 1; j < n; j++) s -= ui[j] * b[j];
        b[i] = s / ui[i];
    }
}
