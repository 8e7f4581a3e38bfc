/* The one AVX2/portable switch of the kernels, used by every kernel file.
 *
 * A kernel with an AVX2+FMA copy has two static (or file-external) functions beside each other,
 * cmx_<name>_portable and cmx_<name>_avx2; the AVX2 copy is compiled between CMX_AVX2_BEGIN and
 * CMX_AVX2_END (inside `#if CMX_X86`), which compile every function in between for AVX2+FMA.
 * The exported cmx_<name> is CMX_PICK(cond, name, arguments...): the AVX2 copy when `cond` holds
 * (a layout the copy needs, e.g. ld % 8 == 0; 1 when it needs none) and cmx_uses_avx2() says the
 * CPU has AVX2 and FMA (asked once with __builtin_cpu_supports) and the calling thread has not
 * forced the portable copies; the portable copy otherwise. Swift asks the same cmx_uses_avx2(). */
#ifndef CINEMATRIX_DISPATCH_H
#define CINEMATRIX_DISPATCH_H

#include "als_kernels.h"

#if defined(__x86_64__) || defined(__i386__)
#define CMX_X86 1
#define CMX_AVX2_BEGIN _Pragma("clang attribute push(__attribute__((target(\"avx2,fma\"))), apply_to = function)")
#define CMX_AVX2_END _Pragma("clang attribute pop")
#define CMX_PICK(cond, name, ...) \
    (((cond) && cmx_uses_avx2()) ? cmx_##name##_avx2(__VA_ARGS__) : cmx_##name##_portable(__VA_ARGS__))
#else
#define CMX_X86 0
#define CMX_PICK(cond, name, ...) (cmx_##name##_portable(__VA_ARGS__))
#endif

#endif
