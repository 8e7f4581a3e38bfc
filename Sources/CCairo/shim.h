// cairo with its FreeType font backend, and fontconfig to resolve a family name to a font file.
#include <cairo.h>
#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>
