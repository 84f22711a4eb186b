"""File decoding: a source file's size checked, its encoding detected, and its text read as
lines in a stream."""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from pathlib import Path

from ..errors import DataError
from ..safeio import open_regular
from .progress import MAX_SOURCE_BYTES, Progress, open_counted

__all__ = ["check_size", "detect_encoding", "text_lines"]


def _latin1_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Bytes cp1252 leaves undefined (0x81, 0x8d, 0x8f, 0x90, 0x9d) read as Latin-1 does."""
    assert isinstance(exc, UnicodeDecodeError)
    return exc.object[exc.start : exc.end].decode("latin-1"), exc.end


codecs.register_error("designations-latin1", _latin1_fallback)


def detect_encoding(path: Path) -> str:
    """``utf-8-sig`` for a file with a BOM; ``utf-8`` for one whose non-ASCII bytes are all
    UTF-8; else ``cp1252`` (the official CSVs' encoding). Decided from the whole file, read in
    blocks: one character far into it counts as much as one at the start."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    ascii_only = True
    with open_regular(path, limit=MAX_SOURCE_BYTES, follow_links=True) as handle:
        for index, block in enumerate(iter(lambda: handle.read(1 << 20), b"")):
            if index == 0 and block.startswith(codecs.BOM_UTF8):
                return "utf-8-sig"
            if ascii_only and block.isascii():
                continue
            ascii_only = False
            try:
                decoder.decode(block)
            except UnicodeDecodeError:
                return "cp1252"
    if ascii_only:
        return "cp1252"
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def text_lines(path: Path, progress: Progress) -> Iterator[str]:
    """The lines of a text file in a stream, decoded, with a DOS end-of-file byte (Ctrl-Z)
    removed. Line endings are kept for the ``csv`` module."""
    encoding = detect_encoding(path)
    errors = "strict" if encoding.startswith("utf-8") else "designations-latin1"
    with io.TextIOWrapper(open_counted(path, progress), encoding, errors, newline="") as text:
        for line in text:
            if "\x1a" in line:
                line = line.replace("\x1a", "")
                if not line.strip():
                    continue
            yield line


def check_size(path: Path) -> None:
    """Refuse a source that is missing, not a file, or empty."""
    if not path.is_file():
        raise DataError.one(str(path), 0, "", "not-found", "no such file")
    if path.stat().st_size == 0:
        raise DataError.one(str(path), 0, "", "empty-file", "the file is empty")
