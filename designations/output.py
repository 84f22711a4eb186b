"""Writing results: to standard output, or atomically to a file (a temporary file beside the
target, then a rename), so an interrupted or failed run never leaves a half-written file."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from .render.common import ci_safe

__all__ = ["atomic_write", "emit", "terminate_cleanly"]


def atomic_write(path: Path | str, text: str | bytes) -> None:
    """Replace ``path`` with ``text`` all at once; on any error the old file stays as it was
    and no temporary file is left behind."""
    target = Path(path)
    data = text.encode("utf-8") if isinstance(text, str) else text
    folder = target.parent if str(target.parent) else Path()
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        Path(temp).chmod(_mode_for(target))  # mkstemp makes 0600; give what the user expects
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temp).replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temp).unlink()
        raise


def _mode_for(target: Path) -> int:
    """The replaced file's permissions, or those a new file gets under the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def emit(text: str, path: str | None, fmt: str = "text") -> None:
    """Write to ``path`` atomically, or to standard output when ``path`` is None or ``-``.
    ``fmt`` names the output format, so that nothing in it reads as a CI workflow command
    (``render.common.ci_safe``)."""
    text = ci_safe(text, fmt)
    if path is None or path == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        atomic_write(path, text)


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def terminate_cleanly() -> Iterator[None]:
    """Treat SIGTERM like Ctrl-C while inside, so ``finally`` blocks clean up."""
    previous = signal.getsignal(signal.SIGTERM)
    try:
        signal.signal(signal.SIGTERM, _raise_interrupt)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
