/* Double-precision Cholesky (see als_kernels.h): one source, dense_f64_impl.h, compiled
 * portably and for AVX2+FMA, and chosen at run time (dispatch.h). */
#include "dispatch.h"
#include <math.h>

#define CMX_F64(x) cmx_##x##_portable
#include "dense_f64_impl.h"
#undef CMX_F64

#if CMX_X86
CMX_AVX2_BEGIN
#define CMX_F64(x) cmx_##x##_avx2
#include "dense_f64_impl.h"
#undef CMX_F64
CMX_AVX2_END
#endif

long cmx_cholesky_f64(double *a, long n) { return CMX_PICK(1, cholesky_f64, a, n); }

void cmx_cholesky_solve_f64(const double *u, long n, double *b) { CMX_PICK(1, cholesky_solve_f64, u, n, b); }
