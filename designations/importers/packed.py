"""Compressed and bundled sources (``.zip``, ``.gz``, ``.xz``), opened transparently.

A source is recognised by its first bytes, not its name. Its content is expanded into a private
temporary folder and the format's reader reads that, so every reader sees a plain file. What a
source expands to is bounded (``EXPANDED_LIMIT`` bytes in all, counted while expanding, never
trusting the sizes an archive declares): a zip bomb is refused, exit 2, before anything past the
limit is written. A zip's files keep their relative paths (a zip of a folder of version folders
stays one); an absolute or ``..`` member path refuses the zip, so nothing is written outside the
temporary folder; hidden members (``__MACOSX/._x``) are left out.

Messages about the expanded file name the source and the member: ``CONS.ZIP!CONS.XML:12: …``.
"""

from __future__ import annotations

import bz2
import contextlib
import gzip
import lzma
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import IO

from ..errors import DataError, Problem
from ..safeio import open_regular
from .progress import MAX_SOURCE_BYTES

__all__ = ["EXPANDED_LIMIT", "compression", "relabel", "unpacked"]

#: The most a compressed source may expand to, in bytes (the largest official files are tens
#: of megabytes; aggregated collections a few hundred).
EXPANDED_LIMIT = 2 << 30

_MAGIC = (
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),  # an empty zip
    (b"\x1f\x8b", "gzip"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"BZh", "bzip2"),
)
_CHUNK = 1 << 20
#: Zips that are containers of a format, not compressed sources: read by their own importer.
_OPAQUE_ZIPS = ("xl/workbook.xml", "[Content_Types].xml")


def _open(path: Path) -> IO[bytes]:
    return open_regular(path, limit=MAX_SOURCE_BYTES, follow_links=True)


def compression(path: Path) -> str | None:
    """``zip``, ``gzip``, ``xz`` or ``bzip2`` when the file starts with that format's magic
    bytes; ``None`` for anything else (including an xlsx workbook, a zip read as such)."""
    with _open(path) as handle:
        head = handle.read(8)
        for magic, kind in _MAGIC:
            if head.startswith(magic):
                if kind == "zip" and _is_container(handle):
                    return None
                return kind
    return None


def _is_container(handle: IO[bytes]) -> bool:
    try:
        with zipfile.ZipFile(handle) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return any(name in names for name in _OPAQUE_ZIPS)


def _copy(source: IO[bytes], target: Path, budget: int, shown: str, limit: int) -> int:
    """Copy at most ``budget`` bytes; refuse the source once it would give more."""
    written = 0
    with target.open("wb") as out:
        while True:
            chunk = source.read(min(_CHUNK, budget - written + 1))
            if not chunk:
                return written
            written += len(chunk)
            if written > budget:
                raise DataError.one(
                    shown,
                    0,
                    "",
                    "too-large",
                    f"expands to more than {limit:,} bytes (the limit for what a compressed "
                    "source may hold); a zip bomb or the wrong file? Nothing was imported.",
                )
            out.write(chunk)


def _gunzip(raw: IO[bytes]) -> IO[bytes]:
    return gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]  # a binary file object


def _unxz(raw: IO[bytes]) -> IO[bytes]:
    return lzma.LZMAFile(raw)


def _bunzip(raw: IO[bytes]) -> IO[bytes]:
    return bz2.BZ2File(raw)


_OPENERS: dict[str, Callable[[IO[bytes]], IO[bytes]]] = {
    "gzip": _gunzip,
    "xz": _unxz,
    "bzip2": _bunzip,
}


@contextlib.contextmanager
def unpacked(path: Path, limit: int | None = None) -> Iterator[tuple[Path, str]]:
    """The path a reader should read, and how messages should name it.

    A plain file is given as it is. A compressed file is expanded into a temporary folder
    (removed afterwards): a gzip, xz or bzip2 file to one file, named as the source without
    its suffix; a zip holding one file to that file; a zip holding several files to the folder
    holding them (for formats read from a folder, such as OFAC's CSV set). ``limit`` defaults
    to ``EXPANDED_LIMIT``."""
    limit = EXPANDED_LIMIT if limit is None else limit
    kind = compression(path) if path.is_file() else None
    if kind is None:
        yield path, str(path)
        return
    with tempfile.TemporaryDirectory(prefix="designations-") as tmp:
        folder = Path(tmp)
        if kind == "zip":
            yield _unzip(path, folder, limit)
            return
        opener = _OPENERS[kind]
        name = path.stem if path.suffix.lower() in (".gz", ".xz", ".bz2", ".tgz") else path.name
        target = folder / (name if name and not name.startswith(".") else "source")
        try:
            with _open(path) as raw, opener(raw) as stream:
                _copy(stream, target, limit, str(path), limit)
        except (OSError, EOFError, lzma.LZMAError) as exc:
            raise DataError.one(
                str(path), 0, "", "bad-archive", f"cannot expand this {kind} file: {exc}"
            ) from None
        yield target, f"{path}!{target.name}"


#: The most files a zip may hold.
MAX_MEMBERS = 10_000


def _member_parts(path: Path, name: str) -> tuple[str, ...] | None:
    """A member's path as safe parts under the temporary folder; ``None`` for a member to
    leave out (hidden files such as ``__MACOSX/._x``); an absolute or ``..`` path refuses the
    zip."""
    parts = [p for p in PurePosixPath(name.replace("\\", "/")).parts if p not in ("", ".")]
    if name.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
        raise DataError.one(str(path), 0, "", "bad-archive", f"unsafe member path {name!r}")
    if not parts or any(p.startswith(".") for p in parts):
        return None
    return tuple(parts)


def _unzip(path: Path, folder: Path, limit: int) -> tuple[Path, str]:
    try:
        with _open(path) as raw, zipfile.ZipFile(raw) as archive:
            members = [i for i in archive.infolist() if not i.is_dir()]
            if len(members) > MAX_MEMBERS:
                raise DataError.one(
                    str(path), 0, "", "too-large", f"the zip holds more than {MAX_MEMBERS} files"
                )
            taken: list[Path] = []
            budget = limit
            for info in members:
                parts = _member_parts(path, info.filename)
                if parts is None:
                    continue
                if info.flag_bits & 0x1:
                    raise DataError.one(
                        str(path), 0, "", "bad-archive", f"{info.filename} is encrypted"
                    )
                target = folder.joinpath(*parts)
                if target.exists():
                    raise DataError.one(
                        str(path), 0, "", "bad-archive", f"{info.filename} is in the zip twice"
                    )
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as stream:
                    budget -= _copy(stream, target, budget, str(path), limit)
                taken.append(target)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise DataError.one(
            str(path), 0, "", "bad-archive", f"cannot read this zip: {exc}"
        ) from None
    if not taken:
        raise DataError.one(str(path), 0, "", "empty-file", "the zip holds no file")
    if len(taken) == 1:
        return taken[0], f"{path}!{taken[0].relative_to(folder)}"
    # Several files: the folder holding them all (a zip of one folder gives that folder).
    common = Path(os.path.commonpath([str(t.parent) for t in taken]))
    return common, f"{path}!"


def relabel(error: DataError, actual: Path, shown: str) -> DataError:
    """The same error with the temporary path of an expanded source replaced by ``shown``."""
    if shown == str(actual):
        return error
    prefix = str(actual)
    base = shown.rstrip("!") if shown.endswith("!") else shown

    def fix(where: str) -> str:
        if where == prefix:
            return base
        if where.startswith(prefix):
            rest = where[len(prefix) :].lstrip("/")
            return f"{base}{rest}" if base.endswith("!") else f"{base}!{rest}"
        return where.replace(prefix, base)

    problems = [
        Problem(fix(p.path), p.line, p.field, p.rule, p.message.replace(prefix, base))
        for p in error.problems
    ]
    return DataError(problems)
