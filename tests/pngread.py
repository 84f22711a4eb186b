"""A tiny PNG reader for tests: 8-bit RGB or RGBA, non-interlaced (what Chromium writes)."""

from __future__ import annotations

import struct
import zlib

__all__ = ["read_png"]


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def read_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the rows of RGB(A) bytes of a PNG image."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat = 8, b""
    width = height = channels = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace:
                raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}")
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytes(stride)
    c = channels
    for y in range(height):
        start = y * (stride + 1)
        filt, line = raw[start], raw[start + 1 : start + 1 + stride]
        if filt == 0:
            out = bytes(line)
        elif filt == 2:  # up
            out = bytes([(a + b) & 0xFF for a, b in zip(line, previous, strict=True)])
        else:
            buf = bytearray(line)
            for i in range(stride):
                left = buf[i - c] if i >= c else 0
                if filt == 1:  # sub
                    buf[i] = (buf[i] + left) & 0xFF
                elif filt == 3:  # average
                    buf[i] = (buf[i] + ((left + previous[i]) >> 1)) & 0xFF
                else:  # paeth
                    corner = previous[i - c] if i >= c else 0
                    buf[i] = (buf[i] + _paeth(left, previous[i], corner)) & 0xFF
            out = bytes(buf)
        rows.append(out)
        previous = out
    return width, height, rows
