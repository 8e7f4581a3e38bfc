#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include "cpng.h"

#define CPNG_MESSAGE 256

const char *cpng_version(void) { return png_get_libpng_ver(NULL); }

static void set_message(char *message, const char *text) {
    if (!message) return;
    strncpy(message, text, CPNG_MESSAGE - 1);
    message[CPNG_MESSAGE - 1] = 0;
}

/* libpng error callback: copy the message and jump back into the function that set the jmp_buf. */
static void on_error(png_structp png, png_const_charp text) {
    char *message = (char *)png_get_error_ptr(png);
    set_message(message, text ? text : "libpng error");
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp text) { (void)png; (void)text; }

/* ---------- writing ---------- */

static void write_to_bytes(png_structp png, png_bytep data, png_size_t length) {
    cpng_bytes *out = (cpng_bytes *)png_get_io_ptr(png);
    if (out->size + length > out->capacity) {
        size_t capacity = out->capacity ? out->capacity : 65536;
        while (capacity < out->size + length) capacity *= 2;
        unsigned char *grown = (unsigned char *)realloc(out->data, capacity);
        if (!grown) png_error(png, "out of memory while encoding");
        out->data = grown;
        out->capacity = capacity;
    }
    memcpy(out->data + out->size, data, length);
    out->size += length;
}

static void flush_bytes(png_structp png) { (void)png; }

int cpng_encode(const unsigned char *pixels, uint32_t width, uint32_t height, size_t stride,
                int channels, int level, const cpng_text *texts, int text_count,
                cpng_bytes *out, char *message) {
    if (!pixels || !out || width == 0 || height == 0 || (channels != 3 && channels != 4) ||
        level < 0 || level > 9 || stride < (size_t)width * (size_t)channels || text_count < 0) {
        set_message(message, "invalid image arguments");
        return CPNG_ERR_ARGUMENT;
    }
    out->data = NULL; out->size = 0; out->capacity = 0;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, message, on_error, on_warning);
    if (!png) { set_message(message, "cannot create libpng write struct"); return CPNG_ERR_MEMORY; }
    png_infop info = png_create_info_struct(png);
    png_textp volatile chunks = NULL;
    png_bytepp volatile rows = NULL;
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        set_message(message, "cannot create libpng info struct");
        return CPNG_ERR_MEMORY;
    }
    /* volatile: modified after setjmp and read after longjmp. */
    volatile int status = CPNG_ERR_LIBPNG;
    if (setjmp(png_jmpbuf(png))) {
        goto done;
    }
    png_set_write_fn(png, out, write_to_bytes, flush_bytes);
    png_set_compression_level(png, level);
    png_set_IHDR(png, info, width, height, 8,
                 channels == 4 ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (text_count > 0) {
        chunks = (png_textp)calloc((size_t)text_count, sizeof(png_text));
        if (!chunks) png_error(png, "out of memory for text chunks");
        for (int i = 0; i < text_count; i++) {
            chunks[i].compression = PNG_TEXT_COMPRESSION_NONE;
            chunks[i].key = (png_charp)texts[i].key;
            chunks[i].text = (png_charp)texts[i].text;
            chunks[i].text_length = strlen(texts[i].text);
        }
        png_set_text(png, info, chunks, text_count);
    }
    rows = (png_bytepp)malloc(sizeof(png_bytep) * height);
    if (!rows) png_error(png, "out of memory for row pointers");
    for (uint32_t y = 0; y < height; y++) rows[y] = (png_bytep)(pixels + (size_t)y * stride);
    png_write_info(png, info);
    png_write_image(png, rows);
    png_write_end(png, info);
    status = CPNG_OK;
done:
    free(rows);
    free(chunks);
    png_destroy_write_struct(&png, &info);
    if (status != CPNG_OK) cpng_free_bytes(out);
    return status;
}

void cpng_free_bytes(cpng_bytes *bytes) {
    if (!bytes) return;
    free(bytes->data);
    bytes->data = NULL; bytes->size = 0; bytes->capacity = 0;
}

/* ---------- reading ---------- */

typedef struct { const unsigned char *data; size_t size; size_t offset; } read_cursor;

static void read_from_bytes(png_structp png, png_bytep data, png_size_t length) {
    read_cursor *cursor = (read_cursor *)png_get_io_ptr(png);
    if (cursor->size - cursor->offset < length) png_error(png, "PNG data is truncated");
    memcpy(data, cursor->data + cursor->offset, length);
    cursor->offset += length;
}

static char *copy_string(const char *s, size_t n) {
    char *copy = (char *)malloc(n + 1);
    if (copy) { memcpy(copy, s, n); copy[n] = 0; }
    return copy;
}

int cpng_decode(const unsigned char *data, size_t size, cpng_image *out, char *message) {
    if (!out) { set_message(message, "no output image"); return CPNG_ERR_ARGUMENT; }
    memset(out, 0, sizeof(*out));
    if (!data || size < 8 || png_sig_cmp((png_const_bytep)data, 0, 8) != 0) {
        set_message(message, "not a PNG file (bad signature)");
        return CPNG_ERR_NOT_PNG;
    }
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, message, on_error, on_warning);
    if (!png) { set_message(message, "cannot create libpng read struct"); return CPNG_ERR_MEMORY; }
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_read_struct(&png, NULL, NULL);
        set_message(message, "cannot create libpng info struct");
        return CPNG_ERR_MEMORY;
    }
    read_cursor cursor = { data, size, 0 };
    png_bytepp volatile rows = NULL;
    volatile int status = CPNG_ERR_LIBPNG;
    if (setjmp(png_jmpbuf(png))) {
        goto done;
    }
    png_set_read_fn(png, &cursor, read_from_bytes);
    png_read_info(png, info);
    out->width = png_get_image_width(png, info);
    out->height = png_get_image_height(png, info);
    out->colour_type = png_get_color_type(png, info);
    out->bit_depth = png_get_bit_depth(png, info);
    /* Expand everything to 8-bit RGBA. */
    png_set_expand(png);
    png_set_strip_16(png);
    png_set_gray_to_rgb(png);
    png_set_add_alpha(png, 0xff, PNG_FILLER_AFTER);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    if (png_get_rowbytes(png, info) != (size_t)out->width * 4) png_error(png, "unexpected row size");
    out->rgba = (unsigned char *)malloc((size_t)out->width * out->height * 4);
    rows = (png_bytepp)malloc(sizeof(png_bytep) * out->height);
    if (!out->rgba || !rows) png_error(png, "out of memory for pixels");
    for (uint32_t y = 0; y < out->height; y++) rows[y] = out->rgba + (size_t)y * out->width * 4;
    png_read_image(png, rows);
    png_read_end(png, info);
    png_textp chunks = NULL;
    int count = png_get_text(png, info, &chunks, NULL);
    if (count > 0) {
        out->keys = (char **)calloc((size_t)count, sizeof(char *));
        out->texts = (char **)calloc((size_t)count, sizeof(char *));
        if (!out->keys || !out->texts) png_error(png, "out of memory for text chunks");
        out->text_count = count;
        for (int i = 0; i < count; i++) {
            out->keys[i] = copy_string(chunks[i].key, strlen(chunks[i].key));
            out->texts[i] = copy_string(chunks[i].text ? chunks[i].text : "", chunks[i].text ? chunks[i].text_length : 0);
        }
    }
    status = CPNG_OK;
done:
    free(rows);
    png_destroy_read_struct(&png, &info, NULL);
    return status;
}

void cpng_free_image(cpng_image *image) {
    if (!image) return;
    free(image->rgba);
    for (int i = 0; i < image->text_count; i++) {
        if (image->keys) free(image->keys[i]);
        if (image->texts) free(image->texts[i]);
    }
    free(image->keys);
    free(image->texts);
    memset(image, 0, sizeof(*image));
}

/* ---------- cairo pixels ---------- */

void cpng_unpremultiply_argb32(const unsigned char *src, size_t src_stride, uint32_t width,
                               uint32_t height, unsigned char *dst, int channels) {
    for (uint32_t y = 0; y < height; y++) {
        const uint32_t *row = (const uint32_t *)(src + (size_t)y * src_stride);
        unsigned char *o = dst + (size_t)y * width * (size_t)channels;
        for (uint32_t x = 0; x < width; x++) {
            uint32_t p = row[x];
            uint32_t a = p >> 24, r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
            if (a != 0 && a != 255) {
                r = (r * 255 + a / 2) / a; if (r > 255) r = 255;
                g = (g * 255 + a / 2) / a; if (g > 255) g = 255;
                b = (b * 255 + a / 2) / a; if (b > 255) b = 255;
            }
            o[0] = (unsigned char)r; o[1] = (unsigned char)g; o[2] = (unsigned char)b;
            if (channels == 4) { o[3] = (unsigned char)a; o += 4; } else { o += 3; }
        }
    }
}
