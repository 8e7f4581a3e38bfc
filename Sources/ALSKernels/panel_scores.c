/* Top-k candidate scores (see als_kernels.h): one source, panel_scores_impl.h, compiled
 * portably and for AVX2+FMA, and chosen at run time (dispatch.h). */
#include "dispatch.h"

#define CMX_SCORES(x) cmx_##x##_portable
#include "panel_scores_impl.h"
#undef CMX_SCORES

#if CMX_X86
CMX_AVX2_BEGIN
#define CMX_SCORES(x) cmx_##x##_avx2
#include "panel_scores_impl.h"
#undef CMX_SCORES
CMX_AVX2_END
#endif

void cmx_panel_scores(const float *q, long rows, long d, const float *panels, const float *bias, long count, float *out) {
    if (rows == 1) CMX_PICK(1, panel_scores1, q, d, panels, bias, count, out);
    else CMX_PICK(1, panel_scores6, q, d, panels, bias, count, out);
}
