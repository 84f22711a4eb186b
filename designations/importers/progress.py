"""Reading a source file in a stream, with a progress bar on a terminal.

The bar counts bytes read from the file. It is drawn on standard error only when standard error
is a terminal and the work has taken more than ``DELAY`` seconds, so quick imports, pipes and
tests stay silent.
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path
from typing import IO, Any

from ..safeio import open_regular

__all__ = ["DELAY", "MAX_SOURCE_BYTES", "Progress", "open_counted"]

#: The largest official file an import reads (bytes); read as a stream, so memory stays small.
MAX_SOURCE_BYTES = 4 * 1024**3

#: Seconds of work before the bar appears.
DELAY = 1.0
_WIDTH = 30


class Progress:
    """A byte-count progress bar for one file."""

    def __init__(self, label: str, total: int, stream: IO[str] | None = None) -> None:
        self.label = label
        self.total = max(total, 1)
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_terminal(self.stream)
        self.started = time.monotonic()
        self.done = 0
        self.drawn = False
        self._last = 0.0

    def advance(self, count: int) -> None:
        self.done += count
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < DELAY or now - self._last < 0.1:
            return
        self._last = now
        share = min(self.done / self.total, 1.0)
        filled = int(share * _WIDTH)
        bar = "#" * filled + "-" * (_WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {share:4.0%}")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        """Clear the bar's line, if one was drawn."""
        if self.drawn:
            self.stream.write("\r" + " " * (len(self.label) + _WIDTH + 9) + "\r")
            self.stream.flush()
            self.drawn = False


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class _Counted(io.RawIOBase):
    """A binary file that reports every read to a ``Progress``."""

    def __init__(self, raw: IO[bytes], progress: Progress) -> None:
        self._raw = raw
        self._progress = progress

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        count = len(data)
        buffer[:count] = data
        self._progress.advance(count)
        return count

    def close(self) -> None:
        self._raw.close()
        super().close()


def open_counted(path: Path, progress: Progress) -> io.BufferedReader:
    """Open ``path`` (a regular file, see ``safeio``) for binary reading; each read advances
    ``progress``."""
    raw = open_regular(path, limit=MAX_SOURCE_BYTES, follow_links=True)
    return io.BufferedReader(_Counted(raw, progress), buffer_size=256 * 1024)
