/* The run-time choice between the AVX2+FMA and the portable kernels (see dispatch.h). */
#include "dispatch.h"

static _Thread_local int cmx_forced_portable = 0;

void cmx_force_portable(int on) { cmx_forced_portable = on; }

int cmx_uses_avx2(void) {
#if CMX_X86
    static int cached = -1;
    if (cached < 0) {
        __builtin_cpu_init();
        cached = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }
    return cached && !cmx_forced_portable;
#else
    return 0;
#endif
}
