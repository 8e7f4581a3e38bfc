#ifndef CPNG_H
#define CPNG_H
#include <stddef.h>
#include <stdint.h>

/// libpng behind a tiny C interface. libpng reports errors by longjmp; every setjmp/longjmp
/// stays inside cpng.c. Functions return 0 on success or a negative code, with a message
/// (NUL-terminated, at most 255 bytes) in the caller's buffer.

enum {
    CPNG_OK = 0,
    CPNG_ERR_ARGUMENT = -1,   ///< bad width/height/channels/level
    CPNG_ERR_MEMORY = -2,     ///< allocation failed
    CPNG_ERR_LIBPNG = -3,     ///< libpng raised an error (message says which)
    CPNG_ERR_NOT_PNG = -4,    ///< input does not start with the PNG signature
};

/// One tEXt chunk: Latin-1 keyword (1–79 bytes) and text.
typedef struct {
    const char *key;
    const char *text;
} cpng_text;

/// Bytes owned by the shim; release with cpng_free_bytes.
typedef struct {
    unsigned char *data;
    size_t size;
    size_t capacity;
} cpng_bytes;

/// Encodes 8-bit RGB (channels 3) or RGBA (channels 4) rows into a PNG in memory.
/// `level` is the zlib level 0–9. No time chunk is written, so equal input gives equal bytes.
int cpng_encode(const unsigned char *pixels, uint32_t width, uint32_t height, size_t stride,
                int channels, int level, const cpng_text *texts, int text_count,
                cpng_bytes *out, char *message);

void cpng_free_bytes(cpng_bytes *bytes);

/// A decoded PNG: header fields as stored in the file, pixels expanded to 8-bit RGBA.
typedef struct {
    uint32_t width;
    uint32_t height;
    int colour_type;   ///< PNG colour type from IHDR: 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA
    int bit_depth;     ///< from IHDR
    unsigned char *rgba;      ///< width*height*4 bytes
    int text_count;
    char **keys;
    char **texts;
} cpng_image;

/// Decodes a PNG from memory. Release with cpng_free_image (also after a failure).
int cpng_decode(const unsigned char *data, size_t size, cpng_image *out, char *message);

void cpng_free_image(cpng_image *image);

/// Converts cairo's ARGB32 (premultiplied alpha, native-endian 32-bit words) into straight
/// 8-bit RGBA (channels 4) or RGB (channels 3, alpha dropped) rows of width*channels bytes.
void cpng_unpremultiply_argb32(const unsigned char *src, size_t src_stride, uint32_t width,
                               uint32_t height, unsigned char *dst, int channels);

/// Version string of the libpng linked at run time.
const char *cpng_version(void);
#endif
