#!/usr/bin/env python3
"""Generate the Teams app icons for VpiBot: color.png (192x192) and outline.png (32x32).

Requirements (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package#app-icons):
- color.png: 192x192, full colour; the symbol sits in the central 96x96 area (48 px padding).
- outline.png: 32x32, white on a transparent background only (alpha channel, no other colours).

The mark is a white ring with a check mark inside ("pilot on track"). Only the standard
library is used (zlib + struct); the PNGs are 8-bit RGBA, non-interlaced, filter type 0.
Run from anywhere: python3 appPackage/make-icons.py
"""
import math
import os
import struct
import zlib

UN_BLUE = (0x00, 0x9E, 0xDB)
WHITE = (0xFF, 0xFF, 0xFF)
SUPERSAMPLE = 4


def segment_distance(px, py, ax, ay, bx, by):
    """Distance from point p to the segment a-b."""
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def mark_contains(x, y):
    """The mark in unit coordinates (0..1 on both axes, centre 0.5,0.5)."""
    r = math.hypot(x - 0.5, y - 0.5)
    if 0.40 <= r <= 0.49:  # ring
        return True
    check = [(0.29, 0.52), (0.44, 0.67), (0.72, 0.36)]
    for (ax, ay), (bx, by) in zip(check, check[1:]):
        if segment_distance(x, y, ax, ay, bx, by) <= 0.055:
            return True
    return False


def coverage(size, px, py, origin, extent):
    """Fraction of pixel (px, py) covered by the mark drawn in the square origin..origin+extent."""
    hits = 0
    for sy in range(SUPERSAMPLE):
        for sx in range(SUPERSAMPLE):
            x = (px + (sx + 0.5) / SUPERSAMPLE - origin) / extent
            y = (py + (sy + 0.5) / SUPERSAMPLE - origin) / extent
            if 0 <= x <= 1 and 0 <= y <= 1 and mark_contains(x, y):
                hits += 1
    return hits / (SUPERSAMPLE * SUPERSAMPLE)


def png(width, height, rgba_rows):
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    raw = b"".join(b"\x00" + bytes(row) for row in rgba_rows)  # filter type 0 on every row
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def color_icon(size=192):
    # Symbol 96x96 in the centre: 48 px padding on each side.
    rows = []
    for py in range(size):
        row = []
        for px in range(size):
            a = coverage(size, px, py, origin=48, extent=96)
            row += [round(b + (w - b) * a) for b, w in zip(UN_BLUE, WHITE)] + [255]
        rows.append(row)
    return png(size, size, rows)


def outline_icon(size=32):
    # White only; the shape is carried by the alpha channel. Fully transparent pixels are
    # also written as white so that no other colour appears anywhere in the file.
    rows = []
    for py in range(size):
        row = []
        for px in range(size):
            a = coverage(size, px, py, origin=1, extent=30)
            row += list(WHITE) + [round(255 * a)]
        rows.append(row)
    return png(size, size, rows)


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    for name, data in (("color.png", color_icon()), ("outline.png", outline_icon())):
        with open(os.path.join(here, name), "wb") as f:
            f.write(data)
        print(f"wrote {name} ({len(data)} bytes)")
