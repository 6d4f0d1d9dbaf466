#!/usr/bin/env python3
"""Draws Waypoint's icons (a plain waypoint marker, neutral on a shared phone) as PNG and ICO
files with the standard library only, so no image tool needs installing. Run it after
changing the design; the output is committed in public/icons/ and public/favicon.ico."""
import math
import struct
import zlib
from pathlib import Path

TEAL = (29, 92, 99)
WHITE = (255, 255, 255)


def png(size, maskable):
    # Maskable icons keep their drawing inside the central 80% safe zone.
    scale = 0.62 if maskable else 0.8
    cx, cy = size / 2, size / 2
    r_outer = size * scale / 2
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            px, py = x + 0.5, y + 0.5
            inside_bg = True
            if not maskable:
                # Rounded square background for ordinary icons.
                corner = size * 0.18
                dx = max(corner - px, 0, px - (size - corner))
                dy = max(corner - py, 0, py - (size - corner))
                inside_bg = dx * dx + dy * dy <= corner * corner
            colour = TEAL if inside_bg else None
            # A marker: a ring with a dot, pointing down.
            d = math.hypot(px - cx, py - cy * 0.9)
            ring_outer, ring_inner, dot = r_outer * 0.62, r_outer * 0.42, r_outer * 0.2
            tip_y = cy * 0.9 + r_outer * 0.95
            in_point = (py > cy * 0.9 and py < tip_y and
                        abs(px - cx) < (tip_y - py) / (tip_y - cy * 0.9) * ring_outer * 0.9)
            if colour and ((ring_inner <= d <= ring_outer) or d <= dot or (in_point and d > ring_inner)):
                colour = WHITE
            if colour is None:
                row += bytes([0, 0, 0, 0])
            else:
                row += bytes([*colour, 255])
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
            chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def ico(png_bytes, size):
    # An ICO file may hold a PNG image directly.
    header = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png_bytes), 22)
    return header + entry + png_bytes


def main():
    public = Path(__file__).resolve().parent.parent / "public"
    (public / "icons").mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        (public / "icons" / f"icon-{size}.png").write_bytes(png(size, False))
        (public / "icons" / f"maskable-{size}.png").write_bytes(png(size, True))
    (public / "favicon.ico").write_bytes(ico(png(32, False), 32))


if __name__ == "__main__":
    main()
