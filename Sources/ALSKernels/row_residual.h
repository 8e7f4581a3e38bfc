/* One rating's share of cmx_row_residuals (see als_kernels.h), common to its portable and
 * AVX2+FMA copies: with prediction p, adds (value - p)^2 to *raw and (value - clamp(p, lo, hi))^2
 * to *clipped, in double precision. */
#ifndef CINEMATRIX_ROW_RESIDUAL_H
#define CINEMATRIX_ROW_RESIDUAL_H

static inline void cmx_add_residual(float value, float p, float lo, float hi, double *raw, double *clipped) {
    const float e = value - p;
    const float pc = p < lo ? lo : (p > hi ? hi : p);
    const float ec = value - pc;
    *raw += (double)e * e;
    *clipped += (double)ec * ec;
}

#endif
