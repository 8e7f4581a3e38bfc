#!/usr/bin/env python3
"""Makes a PNG written by cinematrix smaller for the documentation, with the standard library only.

Usage: scripts/png_shrink.py IN.png OUT.png [FACTOR]

FACTOR 2 averages each 2x2 block of pixels (a chart drawn at --scale 2 becomes the same chart at
1x, 1/4 of the pixels); FACTOR 1 (the default) keeps every pixel. Either way each row gets the
PNG filter (none, sub, up, average, Paeth) whose output has the smallest sum of absolute values,
and the rows are deflated at zlib level 9. Reads 8-bit RGB or RGBA, non-interlaced, as
cinematrix writes them; text chunks are dropped.
"""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG file")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace != 0:
        sys.exit(f"{path}: only 8-bit RGB or RGBA, non-interlaced PNGs are handled")
    channels = 3 if colour == 2 else 4
    raw, stride, rows, previous, at = zlib.decompress(idat), width * channels, [], bytearray(width * channels), 0
    for _ in range(height):
        kind, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b, c = previous[x], (previous[x - channels] if x >= channels else 0)
            line[x] = (line[x] + (0, a, b, (a + b) // 2, paeth(a, b, c))[kind]) & 255
        rows.append(line)
        previous = line
    return width, height, channels, rows


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def downsample(width, height, channels, rows, factor):
    out_w, out_h, area, out = width // factor, height // factor, factor * factor, []
    for y in range(out_h):
        block = rows[y * factor:(y + 1) * factor]
        line = bytearray(out_w * channels)
        for x in range(out_w):
            for k in range(channels):
                total = sum(row[(x * factor + dx) * channels + k] for row in block for dx in range(factor))
                line[x * channels + k] = (total + area // 2) // area
        out.append(line)
    return out_w, out_h, out


def write_png(path, width, height, channels, rows):
    body, previous = bytearray(), bytearray(width * channels)
    for row in rows:
        best = None
        for kind in range(5):
            line = bytearray(len(row))
            for x in range(len(row)):
                a = row[x - channels] if x >= channels else 0
                b, c = previous[x], (previous[x - channels] if x >= channels else 0)
                line[x] = (row[x] - (0, a, b, (a + b) // 2, paeth(a, b, c))[kind]) & 255
            cost = sum(v if v < 128 else 256 - v for v in line)
            if best is None or cost < best[0]:
                best = (cost, kind, line)
        body.append(best[1])
        body += best[2]
        previous = row

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2 if channels == 3 else 6, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(body), 9)) + chunk(b"IEND", b""))


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    factor = int(sys.argv[3]) if len(sys.argv) == 4 else 1
    if factor not in (1, 2, 3, 4):
        sys.exit("FACTOR must be 1, 2, 3 or 4")
    width, height, channels, rows = read_png(sys.argv[1])
    if factor > 1:
        width, height, rows = downsample(width, height, channels, rows, factor)
    write_png(sys.argv[2], width, height, channels, rows)


if __name__ == "__main__":
    main()
