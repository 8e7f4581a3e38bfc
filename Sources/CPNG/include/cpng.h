#ifndef CPNG_H
#define CPNG_H
#include <stddef.h>
/// Version string of the libpng linked at run time.
const char *cpng_version(void);
#endif
