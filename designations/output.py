"""Writing results: to standard output, or atomically to a file (a temporary file beside the
target, then a rename), so an interrupted or failed run never leaves a half-written file."""

from __future__ import annotations

import contextlib
import contextvars
import os
import signal
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from .errors import UsageError
from .render.colour import colourize
from .render.common import ci_safe
from .stdio import write_stdout

__all__ = ["atomic_write", "colour_wanted", "emit", "terminate_cleanly"]

#: Whether the running command's text output may be coloured (see :func:`colour_wanted`).
_COLOUR: contextvars.ContextVar[bool] = contextvars.ContextVar("colour", default=False)


@contextlib.contextmanager
def colour_wanted(wanted: bool) -> Iterator[None]:
    """Within this block, text written to standard output is coloured when ``wanted``, standard
    output is a terminal and ``NO_COLOR`` is not set (https://no-color.org)."""
    token = _COLOUR.set(wanted)
    try:
        yield
    finally:
        _COLOUR.reset(token)


def _colour_on() -> bool:
    return (
        _COLOUR.get()
        and not os.environ.get("NO_COLOR")
        and sys.stdout is not None
        and sys.stdout.isatty()
    )


def atomic_write(path: Path | str, text: str | bytes) -> None:
    """Replace ``path`` with ``text`` all at once; on any error the old file stays as it was
    and no temporary file is left behind."""
    target = Path(path)
    _check_target(target)
    data = text.encode("utf-8") if isinstance(text, str) else text
    folder = target.parent if str(target.parent) else Path()
    if not folder.is_dir():
        # Said of the file the user named, not of the temporary file beside it.
        raise UsageError(f"cannot write {target}: no folder {folder}")
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:  # a folder one may not write in: said of the file, not the temporary
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        Path(temp).chmod(_mode_for(target))  # mkstemp makes 0600; give what the user expects
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temp).replace(target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            Path(temp).unlink()
        if isinstance(exc, OSError):  # a full disk, a quota: said of the file the user named
            raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None
        raise


def _check_target(target: Path) -> None:
    """Refuse to replace anything but a regular file (a device, FIFO, socket or folder), and
    to reach the target through a symbolic link another user owns (as the kernel's
    ``protected_symlinks`` does in sticky folders such as ``/tmp``). A link of the user's own
    as the target is replaced by the file, never written through."""
    euid = os.geteuid() if hasattr(os, "geteuid") else None
    try:
        info = target.lstat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror}") from None
    if info is not None and not stat.S_ISREG(info.st_mode) and not stat.S_ISLNK(info.st_mode):
        raise UsageError(
            f"refusing to write {target}: it is not a regular file (a device, FIFO or folder); "
            "-o writes files only, '-o -' writes to standard output"
        )
    if _leads_to_open_files(target):
        # /dev/stdout is a link to /proc/self/fd/1: replacing it (as root may) would put a
        # regular file in its place for every later process.
        raise UsageError(
            f"refusing to write {target}: it is a link to an open file of the process (as "
            "/dev/stdout is), not a file; '-o -' writes to standard output"
        )
    if euid is None:
        return
    for place in (target, *target.absolute().parents):
        try:
            link = place.lstat()
        except OSError:
            continue
        if stat.S_ISLNK(link.st_mode) and link.st_uid not in (euid, 0):
            raise UsageError(
                f"refusing to write {target}: {place} is a symbolic link owned by another user"
            )


def _leads_to_open_files(target: Path) -> bool:
    """Whether ``target`` is in ``/proc`` or is a chain of links that reaches into it
    (``/dev/stdout``, ``/dev/fd/1``: the process's open files, not files to replace)."""
    place = Path(os.path.realpath(target.absolute().parent)) / target.name
    for _ in range(40):  # the kernel's own bound on a chain of links
        if place.parts[1:2] == ("proc",):
            return True
        try:
            hop = place.readlink()
        except OSError:  # not a link (or absent): the chain ends here
            return False
        place = Path(os.path.realpath(place.parent)) / hop
        place = Path(os.path.realpath(place.parent)) / place.name
    return False


def _mode_for(target: Path) -> int:
    """The replaced regular file's permission bits (never its setuid, setgid or sticky bit),
    or those a new file gets under the umask."""
    try:
        info = target.lstat()
        if stat.S_ISREG(info.st_mode):
            return info.st_mode & 0o777
    except OSError:
        pass
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def emit(text: str, path: str | None, fmt: str = "text") -> None:
    """Write to ``path`` atomically, or to standard output when ``path`` is None or ``-``
    (``stdio.write_stdout``). ``fmt`` names the output format, so that nothing in it reads
    as a CI workflow command (``render.common.ci_safe``)."""
    text = ci_safe(text, fmt)
    if path is None or path == "-":
        if fmt == "text" and _colour_on():
            text = colourize(text)
        write_stdout(text)
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
