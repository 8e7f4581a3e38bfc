/* Eight floats as one clang vector (ext_vector_type), loaded and stored without alignment: the
 * lane type of the batched kernels and the top-k scores. Arithmetic on it is lane by lane, and a
 * float mixed in is broadcast to all eight lanes. */
#ifndef CINEMATRIX_VEC8_H
#define CINEMATRIX_VEC8_H

typedef float cmx_v8 __attribute__((ext_vector_type(8), aligned(4)));
typedef int cmx_i8 __attribute__((ext_vector_type(8)));

#define CMX_LOAD(p) (*(const cmx_v8 *)(p))
#define CMX_STORE(p, v) (*(cmx_v8 *)(p) = (v))

#endif
