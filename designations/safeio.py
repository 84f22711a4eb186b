"""The one way data files are read: only regular files, only inside their folder, never more
than a limit.

A data folder may come from a stranger's pull request, so a file in it may be a symbolic link
(to ``/etc/shadow``), a FIFO (that blocks forever), a device (``/dev/zero``, endless) or
enormous. Every reader of data (the loader, the cache, the importers, ``diff --base``) goes
through :func:`read_bytes` or :func:`open_regular`, which

- open the file with ``O_NOFOLLOW`` (a symbolic link is refused, not followed) and
  ``O_NONBLOCK`` (opening a FIFO cannot block), walking down from a trusted folder one
  component at a time with ``O_NOFOLLOW`` too, so no folder on the way can be a link either;
- check the type and size on the opened descriptor (``fstat``), so what is checked is what is
  read: anything but a regular file is refused, and so is a file over the limit, before a byte
  is read;
- read at most the limit plus one byte, so a file that grows while it is read is refused too.

A refusal is an :class:`UnsafeFileError` (a ``DataError``) naming the file and the rule, never
its content.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO, TypeVar

from .errors import DataError, UsageError

T = TypeVar("T")

__all__ = [
    "DEFAULT_MAX_FILE_BYTES",
    "MAX_FILE_BYTES",
    "SETTING_PROBLEMS",
    "UnsafeFileError",
    "at_most",
    "check_folder",
    "check_regular",
    "open_regular",
    "read_bytes",
    "read_opened",
    "size_setting",
]

#: The default of ``MAX_FILE_BYTES``: 2 GiB admits a real 10^6-entry snapshot (OpenSanctions'
#: scale, about 950 MB in this format) and still refuses an endless or absurd file.
DEFAULT_MAX_FILE_BYTES = 2 * 1024**3


_SIZE = re.compile(r"\A([0-9]+)\s*(?:([KMGT])(?:i?B)?|B)?\Z", re.IGNORECASE)
_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}
#: What was wrong with a setting read when this module was imported (the program says it and
#: stops; a library caller gets the default).
SETTING_PROBLEMS: list[str] = []


def size_setting(name: str, default: int) -> int:
    """The size in bytes the environment variable ``name`` sets: a whole number of bytes, or of
    KiB, MiB, GiB or TiB (``500M``, ``2GiB``, ``1 g``); ``default`` when it is unset or empty;
    ``UsageError`` when it says anything else, never silently the default."""
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    match = _SIZE.match(text) if text.isascii() else None
    size = int(match[1]) * _UNITS[(match[2] or "").upper()] if match else 0
    if size <= 0:
        raise UsageError(
            f"${name} is {text!r}: give a size in bytes, or with a unit (500M, 2G), above 0"
        )
    return size


def _max_file_bytes() -> int:
    try:
        return size_setting("DESIGNATIONS_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES)
    except UsageError as exc:
        SETTING_PROBLEMS.append(str(exc))
        return DEFAULT_MAX_FILE_BYTES


#: The largest data file read (bytes), unless a caller gives its own limit: the setting
#: ``$DESIGNATIONS_MAX_FILE_BYTES``, else ``DEFAULT_MAX_FILE_BYTES``.
MAX_FILE_BYTES = _max_file_bytes()

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_FILE_FLAGS = (
    os.O_RDONLY
    | _NOFOLLOW
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)
_DIR_FLAGS = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_WALK = os.open in os.supports_dir_fd and bool(_NOFOLLOW)


class UnsafeFileError(DataError):
    """A data path that is not a regular file (or folder) inside the data folder: a symbolic
    link, a FIFO, a device, a socket, or a path leading out of the folder. Raised before
    anything is read from it; ``check`` treats it as bad data (exit 2), not as a finding."""


def _refuse(shown: str, rule: str, what: str) -> UnsafeFileError:
    message = f"{what}; data must be regular files and folders inside the data folder"
    return UnsafeFileError.one(shown, 0, "", rule, message)


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def _too_large(shown: str, limit: int) -> DataError:
    message = f"file is larger than the limit of {limit} bytes"
    return DataError.one(shown, 0, "", "too-large", message)


def _unreadable(shown: str, exc: OSError) -> DataError:
    message = f"cannot read file: {exc.strerror or exc}"
    return DataError.one(shown, 0, "", "unreadable", message)


def _why_refused(path: Path, shown: str, exc: OSError) -> DataError:
    """Turn an ``open`` failure into the rule it broke (a link met with ``O_NOFOLLOW`` gives
    ``ELOOP``, or ``ENOTDIR`` for a folder on the way)."""
    if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
        try:
            mode = path.lstat().st_mode
        except OSError:
            return _unreadable(shown, exc)
        if stat.S_ISLNK(mode):
            return _refuse(shown, "symbolic-link", "a symbolic link")
        for parent in path.parents:
            try:
                if stat.S_ISLNK(parent.lstat().st_mode):
                    return _refuse(
                        shown, "symbolic-link", f"its folder {parent} is a symbolic link"
                    )
            except OSError:
                break
    return _unreadable(shown, exc)


def _open_fd(path: Path, shown: str, root: Path | None) -> int:
    """A descriptor of ``path`` opened without following a link: from ``root`` (trusted, may
    itself be reached through links) down, every component with ``O_NOFOLLOW``."""
    if root is None or not _WALK:
        if not _NOFOLLOW and path.is_symlink():  # pragma: no cover - systems without O_NOFOLLOW
            raise _refuse(shown, "symbolic-link", "a symbolic link")
        try:
            return os.open(path, _FILE_FLAGS)
        except OSError as exc:
            raise _why_refused(path, shown, exc) from None
    try:
        relative = path.relative_to(root)
    except ValueError:
        raise _refuse(shown, "outside-data-folder", "a path outside the data folder") from None
    parts = relative.parts
    if not parts or ".." in parts:
        raise _refuse(shown, "outside-data-folder", "a path outside the data folder")
    try:
        fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        raise _unreadable(shown, exc) from None
    try:
        for part in parts[:-1]:
            try:
                child = os.open(part, _DIR_FLAGS, dir_fd=fd)
            except OSError as exc:
                raise _why_refused(path, shown, exc) from None
            os.close(fd)
            fd = child
        try:
            return os.open(parts[-1], _FILE_FLAGS, dir_fd=fd)
        except OSError as exc:
            raise _why_refused(path, shown, exc) from None
    finally:
        os.close(fd)


def open_regular(
    path: Path | str,
    shown: str | None = None,
    *,
    limit: int | None = None,
    root: Path | str | None = None,
    follow_links: bool = False,
) -> BinaryIO:
    """``path`` opened for reading, once it is known to be a regular file (a symbolic link is
    not followed) of at most ``limit`` bytes (default ``MAX_FILE_BYTES``). With ``root``, no
    folder between ``root`` and the file may be a link either. ``follow_links`` is for a path
    the user named (an import's source), which may be a link but must still lead to a regular
    file. For streaming readers (the importers); the size is checked on the descriptor, so the
    stream read is the file checked.
    """
    path = Path(path)
    shown = shown if shown is not None else str(path)
    limit = MAX_FILE_BYTES if limit is None else limit
    if follow_links:
        try:
            fd = os.open(path, _FILE_FLAGS & ~_NOFOLLOW)
        except OSError as exc:
            raise _unreadable(shown, exc) from None
    else:
        fd = _open_fd(path, shown, Path(root) if root is not None else None)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            rule = "symbolic-link" if stat.S_ISLNK(info.st_mode) else "not-a-regular-file"
            raise _refuse(shown, rule, _kind(info.st_mode))
        if info.st_size > limit:
            raise _too_large(shown, limit)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return open(fd, "rb", closefd=True)  # noqa: PTH123 - a descriptor, not a path
    except BaseException:
        os.close(fd)
        raise


def read_bytes(
    path: Path | str,
    shown: str | None = None,
    *,
    limit: int | None = None,
    root: Path | str | None = None,
) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (default ``MAX_FILE_BYTES``);
    see :func:`open_regular`. ``UnsafeFileError`` for anything but a regular file,
    ``DataError`` (rule ``too-large``) for a larger one, even if it grows while read."""
    shown = shown if shown is not None else str(path)
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        with open_regular(path, shown, limit=limit, root=root) as handle:
            return read_opened(handle, shown, limit=limit)
    except OSError as exc:
        raise _unreadable(shown, exc) from None


def read_opened(handle: BinaryIO, shown: str, *, limit: int | None = None) -> bytes:
    """The rest of a file opened by :func:`open_regular`, bounded as :func:`read_bytes` says."""
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        # What fstat says (checked against the limit), plus one byte: a buffer of the limit
        # itself is never allocated. A file that grew since is read on, to the limit.
        size = os.fstat(handle.fileno()).st_size
        data = handle.read(size + 1)
        if len(data) > size:
            chunks, total = [data], len(data)
            while total <= limit:
                chunk = handle.read(min(1 << 20, limit + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
            data = b"".join(chunks)
    except OSError as exc:
        raise _unreadable(shown, exc) from None
    if len(data) > limit:
        raise _too_large(shown, limit)
    return data


def _entry_mode(path: Path, shown: str) -> int:
    """The mode of a folder entry itself (a link is not followed)."""
    try:
        return path.lstat().st_mode
    except OSError as exc:
        raise _unreadable(shown, exc) from None


def check_folder(path: Path | str, shown: str | None = None) -> None:
    """Refuse a folder of the data that is a symbolic link or not a folder at all (its files
    are then read without following links, so nothing outside it is reached)."""
    shown = shown if shown is not None else str(path)
    mode = _entry_mode(Path(path), shown)
    if stat.S_ISLNK(mode):
        raise _refuse(shown, "symbolic-link", "a symbolic link")
    if not stat.S_ISDIR(mode):
        raise _refuse(shown, "not-a-folder", _kind(mode))


def check_regular(path: Path | str, shown: str | None = None) -> None:
    """Refuse a data file that is not a regular file (a link, FIFO, device, socket or folder),
    from its entry in the folder, without opening it."""
    shown = shown if shown is not None else str(path)
    mode = _entry_mode(Path(path), shown)
    if not stat.S_ISREG(mode):
        rule = "symbolic-link" if stat.S_ISLNK(mode) else "not-a-regular-file"
        raise _refuse(shown, rule, _kind(mode))


def at_most(items: Iterable[T], limit: int, where: Path | str, what: str) -> list[T]:
    """The items, refused (``DataError``, rule ``too-many``, filed under ``where``) once there
    are more than ``limit`` of them: a folder from a stranger may hold millions of files, and
    none is listed past the bound. ``what`` names them: "snapshots in one list"."""
    found: list[T] = []
    for item in items:
        found.append(item)
        if len(found) > limit:
            raise DataError.one(str(where), 0, "", "too-many", f"more than {limit} {what}")
    return found
