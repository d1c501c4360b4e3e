#!/usr/bin/env python3
# Renders media/icon.png (128x128 RGBA) from simple shapes: a magnifying lens over a two-way WebSocket arrow. Standard library only.
import struct
import zlib
from math import hypot

SIZE = 128
SAMPLES = 4  # supersampling per axis, for anti-aliased edges

NAVY = (35, 47, 62)
ORANGE = (255, 153, 0)
WHITE = (255, 255, 255)


def rounded_rect(x, y, half, radius):
    """Signed distance to a square centred in the canvas with rounded corners."""
    c = SIZE / 2
    qx = abs(x - c) - (half - radius)
    qy = abs(y - c) - (half - radius)
    outside = hypot(max(qx, 0.0), max(qy, 0.0))
    inside = min(max(qx, qy), 0.0)
    return outside + inside - radius


def ring(x, y, cx, cy, radius, width):
    return abs(hypot(x - cx, y - cy) - radius) - width / 2


def capsule(x, y, ax, ay, bx, by, width):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    return hypot(x - (ax + t * dx), y - (ay + t * dy)) - width / 2


# Shapes painted in order: (signed distance function, colour).
SHAPES = [
    (lambda x, y: rounded_rect(x, y, 62, 22), NAVY),
    (lambda x, y: ring(x, y, 54, 54, 30, 10), ORANGE),
    (lambda x, y: capsule(x, y, 78, 78, 104, 104, 14), ORANGE),
    (lambda x, y: capsule(x, y, 38, 54, 70, 54, 6), WHITE),
    (lambda x, y: capsule(x, y, 38, 54, 46, 46, 6), WHITE),
    (lambda x, y: capsule(x, y, 38, 54, 46, 62, 6), WHITE),
    (lambda x, y: capsule(x, y, 70, 54, 62, 46, 6), WHITE),
    (lambda x, y: capsule(x, y, 70, 54, 62, 62, 6), WHITE),
]


def pixel(px, py):
    """Average of SAMPLES x SAMPLES sub-pixel colours, premultiplied, returned as straight RGBA bytes."""
    r = g = b = a = 0.0
    for sy in range(SAMPLES):
        for sx in range(SAMPLES):
            x = px + (sx + 0.5) / SAMPLES
            y = py + (sy + 0.5) / SAMPLES
            colour, alpha = (0, 0, 0), 0.0
            for sdf, fill in SHAPES:
                if sdf(x, y) <= 0:
                    colour, alpha = fill, 1.0
            r += colour[0] * alpha
            g += colour[1] * alpha
            b += colour[2] * alpha
            a += alpha
    if a == 0:
        return bytes((0, 0, 0, 0))
    n = SAMPLES * SAMPLES
    return bytes((round(r / a), round(g / a), round(b / a), round(255 * a / n)))


def png_chunk(kind, data):
    body = kind + data
    return struct.pack('>I', len(data)) + body + struct.pack('>I', zlib.crc32(body) & 0xFFFFFFFF)


def render():
    rows = bytearray()
    for py in range(SIZE):
        rows.append(0)  # filter type: none
        for px in range(SIZE):
            rows += pixel(px, py)
    header = struct.pack('>IIBBBBB', SIZE, SIZE, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b'\x89PNG\r\n\x1a\n' + png_chunk(b'IHDR', header) + png_chunk(b'IDAT', zlib.compress(bytes(rows), 9)) + png_chunk(b'IEND', b'')


if __name__ == '__main__':
    import os
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'icon.png')
    with open(out, 'wb') as f:
        f.write(render())
    print(out)
