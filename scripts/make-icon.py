# Draws Cairn's icon (three stacked stones on a dark tile) as a 512x512 PNG
# with only the standard library, so packaging needs no image tools.
import struct, zlib, sys

S = 512
BG = (30, 41, 59)
STONES = [  # (centre x, centre y, radius x, radius y, colour)
    (256, 380, 150, 62, (148, 163, 184)),
    (256, 262, 112, 52, (203, 213, 225)),
    (256, 166, 74, 42, (241, 245, 249)),
]

def pixel(x, y):
    r = 96  # rounded tile corners
    cx, cy = min(max(x, r), S - r), min(max(y, r), S - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return (0, 0, 0, 0)
    for sx, sy, rx, ry, c in reversed(STONES):
        if ((x - sx) / rx) ** 2 + ((y - sy) / ry) ** 2 <= 1:
            return (*c, 255)
    return (*BG, 255)

rows = b''.join(b'\0' + b''.join(bytes(pixel(x, y)) for x in range(S)) for y in range(S))
def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', S, S, 8, 6, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(rows, 9)) + chunk(b'IEND', b'')
open(sys.argv[1] if len(sys.argv) > 1 else 'build/icon.png', 'wb').write(png)
