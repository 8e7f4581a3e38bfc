/* Half-star codes of ratings (see ingest_kernels.h). */
#include "ingest_kernels.h"
#include <math.h>
#include <string.h>

int cmx_half_star_codes(const float *ratings, long n, uint8_t *codes) {
    int bad = 0;
    for (long i = 0; i < n; i++) {
        const float twice = ratings[i] * 2.0f;
        /* Clamped first, so the conversion is defined for every input (NaN compares false). */
        const float clamped = twice >= 0.0f ? (twice <= 255.0f ? twice : 255.0f) : 0.0f;
        const uint8_t code = (uint8_t)(int)clamped;
        uint32_t bits;
        memcpy(&bits, &ratings[i], 4);
        bad |= ((float)code != twice) | (bits == 0x80000000u);
        codes[i] = code;
    }
    return !bad;
}
