"""A cache of parsed snapshots, so that reading an unchanged file again costs about what
decoding its records costs, and reading a file that differs from one read before in a few
entries costs about what parsing those entries costs.

What is stored, in ``$DESIGNATIONS_CACHE_DIR``, else ``$XDG_CACHE_HOME/designations``, else
``~/.cache/designations``:

- ``records/KEY.snap``, one per snapshot that loaded without problems: its top level and change
  records, which entries it has (by pack and position) with their lines, and the digest of each
  entry's text (for incremental reading, see ``load.read_snapshot``). ``KEY`` is a SHA-256 of
  everything the loaded snapshot depends on: the file's digest (``incremental.pieces``: a
  SHA-256 over its pieces, which only a SHA-256 collision could make two files share), its
  name, the list's ``list.yaml`` as read, the date of the snapshot before it, and the library
  (its version and the source of the modules that read files, ``_yamltree.c`` included). A
  file with errors is never stored.
- ``packs/DIGEST.pack``: entries, each stored once however many snapshots have it; named by
  the SHA-256 of their bytes, which every read checks.
- ``records/NAME.stamp``, one per data file read (POSIX only): its status (device, inode, size,
  modification and change times) and its digest (as in the key), so that a file whose status has
  not changed is not read or hashed again to find its record. Any write to a file sets its
  change time, which no program can set back; a file is stamped only when it had not changed
  for two seconds before it was read, and not changed while it was read (as git trusts its
  index). Authenticated like the records.
- ``secret``: a random key, readable by its owner only. Every record carries an HMAC-SHA-256 of
  its bytes under it, so a record written by anyone who cannot read the key (another user with
  write access to a shared folder, a file copied in) is never used; packs are trusted only
  through a record naming their digest.

The encoding is MessagePack (``msgspec``), decoded straight into the library's records; never
pickle, so a cache file cannot run code. Safety:

- the folder (and each folder in it) is used only when it is a real folder (not a link) owned
  by the user and not writable by the group or others; otherwise the cache is off
  (``SnapshotCache.refused`` says why);
- files are opened without following links, and only a regular file owned by the user, no
  larger than the cache's size limit, is read;
- files are written to a temporary file and renamed into place, so processes may fill the same
  cache at once;
- pruning keeps the total size under ``max_bytes`` (``$DESIGNATIONS_CACHE_MAX_BYTES``, default
  2 GiB): the least recently used records go first, then packs no remaining record names.
  It lists folders without following links and deletes only regular files whose names the
  cache itself gives (``*.snap``, ``*.pack``, its temporary files).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import itertools
import os
import re
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import msgspec

from . import yamlio
from .incremental import Pieces, pieces
from .load import list_dates, read_snapshot, relined
from .model import Acknowledgement, ChangeRecord, Entry, ListInfo, Publication, Snapshot
from .rows import Plan
from .safeio import open_regular, read_opened, size_setting
from .vocab import Completeness
from .yamlio import paused_gc

__all__ = ["FORMAT", "MAX_BYTES", "SnapshotCache", "default_cache_dir", "library_key"]

#: The layout of the cache's files; part of every key.
FORMAT = "designations.snapshot-cache/6"
#: The default bound on the cache's total size (bytes); ``$DESIGNATIONS_CACHE_MAX_BYTES``.
MAX_BYTES = 2 * 1024**3
#: The modules whose code decides what a file loads to: a change to any of them is a new key.
_CODE = (
    "cache",
    "dates",
    "fields",
    "incremental",
    "load",
    "model",
    "rows",
    "shape",
    "vocab",
    "yamlio",
)
_NAME = re.compile(r"[0-9a-f]{64}\.(snap|pack|stamp)\Z")
#: Stamps (``SnapshotCache._stamped``) where a file's ``st_ctime`` is its last change: POSIX.
_STAMPS = os.name == "posix"
#: A file is stamped only when it had not changed for this long (nanoseconds) when read.
_SETTLED_NS = 2_000_000_000
_TEMP = re.compile(r"\.tmp-[0-9a-f]{32}\Z")
_SECRET = "secret"
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_READ_FLAGS = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
#: A temporary file older than this (seconds) was left by a process that died: pruned.
_STALE = 3600.0
_code_key: str | None = None


class _Record(msgspec.Struct, array_like=True):
    """One snapshot, its entries by reference."""

    format: str
    key: str
    #: SHA-256 of the source file (``incremental.pieces``: ``source``).
    source: bytes
    list_id: str
    as_of: str
    completeness: str
    sources: list[str]
    coverage: str | None
    entries_line: int
    sources_line: int
    changes: list[ChangeRecord]
    publication: Publication | None
    acknowledged: list[Acknowledgement]
    #: The packs the entries are in, by digest.
    packs: list[str]
    #: For each entry, in order: the pack (its index in ``packs``), its position there, its line.
    pack_of: list[int]
    position: list[int]
    lines: list[int]
    #: The digest of each entry's text (see ``incremental``), or empty.
    digests: list[bytes]


class _Opened:
    """A data file opened for reading, with its status (``before``) and the time (``now``)
    taken before anything is read of it: what a stamp is made from (``SnapshotCache._stamp``)."""

    def __init__(self, handle: BinaryIO, shown: str, limit: int) -> None:
        self.handle, self.shown, self.limit = handle, shown, limit
        self.now = time.time_ns()
        self.before = os.fstat(handle.fileno())


class _Known:
    """The entries read in one list context in this process: by the digest of their text,
    each entry (handed to the loader, on every miss) and where it is stored (its pack and
    position there); ``until``, the latest ``as_of`` of the snapshots they were read in."""

    def __init__(self) -> None:
        self.entries: dict[bytes, Entry] = {}
        self.places: dict[bytes, tuple[str, int]] = {}
        self.until: dt.date | None = None

    def read_on(self, as_of: dt.date) -> None:
        if self.until is None or as_of > self.until:
            self.until = as_of


class _StampRecord(msgspec.Struct, array_like=True):
    """What the cache knows of a data file without reading it: its status when it was read,
    and its digest then (``incremental.pieces``: ``source``; see ``SnapshotCache._stamped``)."""

    format: str
    status: tuple[int, int, int, int, int]
    source: bytes


def _status(info: os.stat_result) -> tuple[int, int, int, int, int]:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


#: A pack: the cache's format and entries as rows (see ``rows``).
_ENTRY_ROWS = Plan.of(Entry)
_Pack = tuple[str, list[_ENTRY_ROWS.row_type]]  # type: ignore[name-defined]


_encoder = msgspec.msgpack.Encoder()
_record_decoder = msgspec.msgpack.Decoder(_Record)
_pack_decoder = msgspec.msgpack.Decoder(_Pack)
_stamp_decoder = msgspec.msgpack.Decoder(_StampRecord)


def default_cache_dir() -> Path:
    """``$DESIGNATIONS_CACHE_DIR``, else ``$XDG_CACHE_HOME/designations``, else
    ``~/.cache/designations``."""
    explicit = os.environ.get("DESIGNATIONS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "designations"


def _max_bytes() -> int:
    return size_setting("DESIGNATIONS_CACHE_MAX_BYTES", MAX_BYTES)


def library_key() -> str:
    """The library's part of every key: the cache's format, the version and the source of the
    code that decides what a file loads to."""
    global _code_key
    if _code_key is None:
        from ._version import __version__

        digest = hashlib.sha256(f"{FORMAT}\0{__version__}".encode())
        here = Path(__file__).resolve().parent
        for module in _CODE:
            with contextlib.suppress(OSError):
                digest.update((here / f"{module}.py").read_bytes())
        # The compiled reader's source: every install carries it, compiled or not, so the
        # two kinds of install still share a cache.
        with contextlib.suppress(OSError):
            digest.update((here / "_yamltree.c").read_bytes())
        _code_key = digest.hexdigest()
    return _code_key


class _Refused(Exception):
    """The cache folder is not safe to use."""


class _Folder:
    """A folder of the cache, held open: every file in it is reached through its descriptor,
    without following links."""

    def __init__(self, fd: int, shown: str) -> None:
        self.fd = fd
        self.shown = shown

    @staticmethod
    def _check(fd: int, shown: str) -> None:
        info = os.fstat(fd)
        if not stat.S_ISDIR(info.st_mode):
            raise _Refused(f"{shown} is not a folder")
        if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
            raise _Refused(f"{shown} is not owned by the current user")
        if info.st_mode & 0o022:
            raise _Refused(f"{shown} is writable by its group or by others")

    @classmethod
    def root(cls, path: Path) -> _Folder:
        """The cache's own folder, made (private) if missing. The path the user gave may pass
        through links; the folder itself must be safe."""
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=0o700, parents=True)
        try:
            fd = os.open(path, _DIR_FLAGS)
        except OSError as exc:
            raise _Refused(f"{path}: {exc.strerror}") from None
        try:
            cls._check(fd, str(path))
        except BaseException:
            os.close(fd)
            raise
        return cls(fd, str(path))

    def sub(self, name: str) -> _Folder:
        with contextlib.suppress(FileExistsError):
            os.mkdir(name, 0o700, dir_fd=self.fd)
        shown = f"{self.shown}/{name}"
        try:
            fd = os.open(name, _DIR_FLAGS | _NOFOLLOW, dir_fd=self.fd)
        except OSError as exc:
            raise _Refused(f"{shown}: {exc.strerror} (a link?)") from None
        try:
            self._check(fd, shown)
        except BaseException:
            os.close(fd)
            raise
        return _Folder(fd, shown)

    def read(self, name: str, limit: int) -> bytes | None:
        """The bytes of a regular file of ours of at most ``limit`` bytes, else ``None``."""
        try:
            fd = os.open(name, _READ_FLAGS, dir_fd=self.fd)
        except OSError:
            return None
        try:
            info = os.fstat(fd)
            if (
                not stat.S_ISREG(info.st_mode)
                or info.st_size > limit
                or (hasattr(os, "geteuid") and info.st_uid != os.geteuid())
            ):
                return None
            chunks = []
            left = info.st_size + 1
            while left > 0:
                chunk = os.read(fd, min(left, 1 << 24))
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
            data = b"".join(chunks)
            return data if len(data) <= info.st_size else None
        except OSError:
            return None
        finally:
            os.close(fd)

    def write(self, name: str, data: bytes) -> bool:
        """Write ``name`` atomically (a private temporary file, then a rename)."""
        temp = f".tmp-{os.urandom(16).hex()}"
        try:
            fd = os.open(temp, _WRITE_FLAGS, 0o600, dir_fd=self.fd)
        except OSError:
            return False
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
            os.replace(temp, name, src_dir_fd=self.fd, dst_dir_fd=self.fd)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temp, dir_fd=self.fd)
            return False
        return True

    def create_once(self, name: str, data: bytes) -> None:
        """Write ``name`` with ``data`` unless it exists (then leave it as it is)."""
        temp = f".tmp-{os.urandom(16).hex()}"
        fd = os.open(temp, _WRITE_FLAGS, 0o600, dir_fd=self.fd)
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
            with contextlib.suppress(FileExistsError):
                os.link(temp, name, src_dir_fd=self.fd, dst_dir_fd=self.fd, follow_symlinks=False)
        finally:
            os.unlink(temp, dir_fd=self.fd)

    def files(self) -> Iterator[tuple[str, int, float]]:
        """(name, size, last access or change) of each regular file of ours; links and anything
        else are passed over, never followed."""
        uid = os.geteuid() if hasattr(os, "geteuid") else None
        with os.scandir(self.fd) as found:
            for item in found:
                if not (_NAME.match(item.name) or _TEMP.match(item.name)):
                    continue
                try:
                    info = item.stat(follow_symlinks=False)
                except OSError:
                    continue
                if stat.S_ISREG(info.st_mode) and (uid is None or info.st_uid == uid):
                    yield item.name, info.st_size, max(info.st_mtime, info.st_atime)

    def unlink(self, name: str) -> None:
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=self.fd)

    def touch(self, name: str) -> None:
        with contextlib.suppress(OSError, NotImplementedError):
            os.utime(name, dir_fd=self.fd, follow_symlinks=False)

    def close(self) -> None:
        os.close(self.fd)


class SnapshotCache:
    """Parsed snapshots on disk. Use ``load`` as a ``Registry`` loader (same arguments as the
    default one); ``directory`` defaults to ``default_cache_dir()``, ``max_bytes`` to
    ``$DESIGNATIONS_CACHE_MAX_BYTES`` or ``MAX_BYTES``.

    ``hits`` counts snapshots read from the cache, ``misses`` those parsed, ``reused`` the
    entries taken from entries read before instead of parsed; ``refused`` says why the folder
    is not used, when it is not."""

    def __init__(self, directory: Path | str | None = None, max_bytes: int | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_cache_dir()
        self.max_bytes = max_bytes if max_bytes is not None else _max_bytes()
        self.hits = 0
        self.misses = 0
        self.reused = 0
        self.refused: str | None = None
        self._opened = False
        self._records: _Folder | None = None
        self._packs: _Folder | None = None
        self._secret = b""
        # Entries read in this process, by list context: the digest of each entry's text ->
        # the entry (handed to the loader as it is, on every miss), and -> where it is stored
        # (its pack and position there).
        self._known: dict[str, _Known] = {}
        self._pending: dict[str, list[tuple[_Record, list[Entry]]]] = {}
        self._decoded: dict[str, list[Entry]] = {}
        # ``context`` of each ``ListInfo`` loaded with, by id (a list's snapshots share one;
        # the info is held, so its id is not reused).
        self._contexts: dict[int, tuple[ListInfo, str]] = {}

    # -- keys

    @staticmethod
    def context(info: ListInfo) -> str:
        """What an entry's validity depends on besides its text: the list and the library."""
        digest = hashlib.sha256(library_key().encode())
        digest.update(repr(info).encode())
        return digest.hexdigest()

    def _context_of(self, info: ListInfo) -> str:
        """``context(info)``, computed once per ``ListInfo`` (records are immutable)."""
        found = self._contexts.get(id(info))
        if found is None or found[0] is not info:
            found = self._contexts[id(info)] = (info, self.context(info))
        return found[1]

    def key(self, data: bytes, path: Path, info: ListInfo, previous: dt.date | None) -> str:
        """Everything the loaded snapshot depends on, hashed."""
        return self._key(pieces(data).source, path, self.context(info), previous)

    @staticmethod
    def _key(source: bytes, path: Path, context: str, previous: dt.date | None) -> str:
        """``key``, from the file's digest (``source``) and ``context``, which ``load`` needs
        too."""
        digest = hashlib.sha256(context.encode())
        digest.update(source)
        # The loader checks the file name against as_of, and change records against the date
        # of the snapshot before this one.
        digest.update(f"\0{path.name}\0".encode())
        if previous is None:
            # ``load_snapshot`` then finds the previous date among the files beside this one.
            siblings = list_dates(path.parent) if path.parent.is_dir() else []
            digest.update(("none:" + ",".join(map(str, siblings))).encode())
        else:
            digest.update(str(previous).encode())
        return digest.hexdigest()

    # -- the folder

    def usable(self) -> bool:
        """Whether the cache's folder is safe to use (checked on the first call); when it is
        not, ``refused`` says why. What is kept beside the cache is kept only when it is."""
        return self._open()

    def _open(self) -> bool:
        if not self._opened:
            self._opened = True
            root = None
            try:
                root = _Folder.root(self.directory)
                self._secret = self._read_secret(root)
                self._records = root.sub("records")
                self._packs = root.sub("packs")
            except (_Refused, OSError) as exc:
                self.refused = str(exc)
                self._records = self._packs = None
            finally:
                if root is not None:
                    root.close()
        return self._records is not None

    @staticmethod
    def _read_secret(root: _Folder) -> bytes:
        secret = root.read(_SECRET, 64)
        if secret is None:
            root.create_once(_SECRET, os.urandom(32))
            secret = root.read(_SECRET, 64)
        elif len(secret) != 32:
            # The user's own key, damaged (cut short by a full disk, say): a new one. Every
            # record signed with the old one is then read again and rewritten, never trusted.
            root.write(_SECRET, os.urandom(32))
            secret = root.read(_SECRET, 64)
        if secret is None or len(secret) != 32:
            raise _Refused(f"{root.shown}/{_SECRET} is not the cache's key")
        info = os.stat(_SECRET, dir_fd=root.fd, follow_symlinks=False)
        if info.st_mode & 0o077:
            raise _Refused(f"{root.shown}/{_SECRET} is readable by others")
        return secret

    def _mac(self, body: bytes | memoryview) -> bytes:
        return hmac.new(self._secret, body, hashlib.sha256).digest()

    # -- loading

    def load(
        self, path: Path, info: ListInfo, previous: dt.date | None, shown: str | None = None
    ) -> Snapshot:
        """The snapshot at ``path``: from the cache when it holds it, else read (reusing the
        entries read before whose text is unchanged) and then stored. Errors in the file are
        the loader's, every time."""
        path = Path(path)
        shown = shown if shown is not None else str(path)
        limit = yamlio.MAX_FILE_BYTES
        # The same bounded read as the loader's: a link, FIFO, device or oversized file is
        # refused here, before anything is read or hashed.
        with open_regular(path, shown, limit=limit) as handle:
            if not self._open():
                data = read_opened(handle, shown, limit=limit)
                return read_snapshot(data, path, info, previous=previous, shown=shown).snapshot
            context = self._context_of(info)
            file = _Opened(handle, shown, limit)
            stamped = self._stamped(file.before)
            if stamped is not None:
                key = self._key(stamped, path, context, previous)
                cached = self._cached(key, stamped, context, info, shown)
                if cached is not None:
                    return cached
            data, cut = self._read_file(file, stamped)
        source = cut.source
        if source != stamped:  # else stamped rightly, and already looked for
            key = self._key(source, path, context, previous)
            cached = self._cached(key, source, context, info, shown)
            if cached is not None:
                return cached
        with paused_gc():  # many small acyclic objects: see yamlio.paused_gc
            self.misses += 1
            known = self._known_in(context)
            reading = read_snapshot(
                data,
                path,
                info,
                previous=previous,
                shown=shown,
                known=known.entries,
                known_until=known.until,
                pieces=cut,
            )
            del data
            self.reused += reading.reused
            self._write(key, source, context, reading.snapshot, reading.digests)
        return reading.snapshot

    def digest(self, path: Path, shown: str | None = None) -> bytes:
        """The digest the cache knows the data file at ``path`` by (``incremental.pieces``:
        ``source``): from its stamp when the file has not changed since it was stamped, else
        read (a regular file within the size limit, as ``load`` reads it) and stamped."""
        path = Path(path)
        shown = shown if shown is not None else str(path)
        limit = yamlio.MAX_FILE_BYTES
        with open_regular(path, shown, limit=limit) as handle:
            if not self._open():
                return pieces(read_opened(handle, shown, limit=limit)).source
            file = _Opened(handle, shown, limit)
            stamped = self._stamped(file.before)
            return stamped if stamped is not None else self._read_file(file, None)[1].source

    def _read_file(self, file: _Opened, stamped: bytes | None) -> tuple[bytes, Pieces]:
        """The bytes of an open data file and its pieces; the file is stamped with its digest
        (``_stamp``) unless its stamp said so already (``stamped``)."""
        data = read_opened(file.handle, file.shown, limit=file.limit)
        after = os.fstat(file.handle.fileno())
        with paused_gc():
            cut = pieces(data)
        if cut.source != stamped:
            self._stamp(file.before, after, file.now, cut.source)
        return data, cut

    # -- stamps: a file's checksum, known from its status without reading it

    @staticmethod
    def _stamp_name(info: os.stat_result) -> str:
        where = f"{FORMAT}\0stamp\0{info.st_dev}\0{info.st_ino}".encode()
        return f"{hashlib.sha256(where).hexdigest()}.stamp"

    def _stamped(self, info: os.stat_result) -> bytes | None:
        """The digest (``source``) of the file whose status is ``info``, from its stamp, when
        the file has not changed since it was stamped (same device, inode, size, modification
        and change times: any write to a file sets its change time, which no program can set
        back), else ``None``. Never on systems whose ``st_ctime`` is not the change time
        (Windows)."""
        if not _STAMPS:
            return None
        assert self._records is not None
        raw = self._records.read(self._stamp_name(info), 4096)
        if raw is None or len(raw) < 32:
            return None
        body = memoryview(raw)[32:]
        if not hmac.compare_digest(raw[:32], self._mac(body)):
            return None
        try:
            stamp = _stamp_decoder.decode(body)
        except msgspec.DecodeError:
            return None
        if stamp.format != FORMAT or stamp.status != _status(info) or len(stamp.source) != 32:
            return None
        return stamp.source

    def _stamp(
        self, before: os.stat_result, after: os.stat_result, now: int, source: bytes
    ) -> None:
        """Remember the checksum of a file just read, if it did not change while it was read
        and had not changed for ``_SETTLED_NS`` before: a write in the same tick of the clock
        as the last one could otherwise leave its times as they were."""
        status = _status(before)
        if not _STAMPS or status != _status(after) or before.st_ctime_ns > now - _SETTLED_NS:
            return
        assert self._records is not None
        body = _encoder.encode(_StampRecord(FORMAT, status, source))
        self._records.write(self._stamp_name(before), self._mac(body) + body)

    def _cached(
        self, key: str, source: bytes, context: str, info: ListInfo, shown: str
    ) -> Snapshot | None:
        """``_read``, counted as a hit when found."""
        with paused_gc():  # many small acyclic objects: see yamlio.paused_gc
            found = self._read(key, source, context, info, shown)
        if found is not None:
            self.hits += 1
        return found

    def _read(
        self, key: str, source: bytes, context: str, info: ListInfo, shown: str
    ) -> Snapshot | None:
        assert self._records is not None
        name = f"{key}.snap"
        raw = self._records.read(name, self.max_bytes)
        if raw is None or len(raw) < 32:
            return None
        body = memoryview(raw)[32:]
        if not hmac.compare_digest(raw[:32], self._mac(body)):
            return None  # not written by this cache (or damaged)
        try:
            record = _record_decoder.decode(body)
            if record.format != FORMAT or record.key != key or record.source != source:
                return None
            packs = [self._pack(p) for p in record.packs]
            if any(p is None for p in packs):
                return None
            entries = relined(
                [
                    packs[pack][position]  # type: ignore[index]
                    for pack, position in zip(record.pack_of, record.position, strict=True)
                ],
                record.lines,
            )
            snapshot = Snapshot(
                record.list_id,
                dt.date.fromisoformat(record.as_of),
                Completeness(record.completeness),
                tuple(record.sources),
                tuple(entries),
                info,
                tuple(record.changes),
                record.coverage,
                record.publication,
                tuple(record.acknowledged),
                path=shown,
                entries_line=record.entries_line,
                sources_line=record.sources_line,
            )
        except (msgspec.DecodeError, ValueError, IndexError, TypeError):
            return None
        self._records.touch(name)
        if record.digests:
            # Indexed only if a snapshot is read (or written) after: see ``_known_in``.
            self._pending.setdefault(context, []).append((record, entries))
        return snapshot

    def _known_in(self, context: str) -> _Known:
        """The entries read in this process in ``context`` (see ``_Known``): the snapshots
        read from the cache are added on first need, as a warm run that parses nothing never
        needs them."""
        known = self._known.setdefault(context, _Known())
        for record, entries in self._pending.pop(context, ()):
            if len(record.digests) != len(entries):
                continue
            known.entries.update(zip(record.digests, entries, strict=True))
            places = zip(
                map(record.packs.__getitem__, record.pack_of), record.position, strict=True
            )
            known.places.update(zip(record.digests, places, strict=True))
            known.read_on(dt.date.fromisoformat(record.as_of))
        return known

    def _pack(self, name: str) -> list[Entry] | None:
        found = self._decoded.get(name)
        if found is None:
            assert self._packs is not None
            raw = self._packs.read(f"{name}.pack", self.max_bytes)
            if raw is None or hashlib.sha256(raw).hexdigest() != name:
                return None
            written, rows = _pack_decoder.decode(raw)
            if written != FORMAT:
                return None
            found = self._decoded[name] = _ENTRY_ROWS.records(rows)
        return found

    # -- storing

    def _write(
        self,
        key: str,
        source: bytes,
        context: str,
        snapshot: Snapshot,
        digests: list[bytes] | None,
    ) -> None:
        assert self._records is not None and self._packs is not None
        known = self._known_in(context)
        stored = known.places
        entries = snapshot.entries
        # Where each entry is stored already (by the digest of its text), else None.
        found = list(map(stored.get, digests)) if digests is not None else [None] * len(entries)
        fresh = [e for e, at in zip(entries, found, strict=True) if at is None]
        # Each pack's number in the record: the new pack's (if any) is 0, the others' follow
        # in the order of the entries.
        numbers: dict[str, int] = {}
        new = ""  # the new pack's name (only entries in ``fresh`` have no pack yet)
        if fresh:
            body = _encoder.encode((FORMAT, _ENTRY_ROWS.rows(fresh)))
            name = hashlib.sha256(body).hexdigest()
            if not self._packs.write(f"{name}.pack", body):
                return
            del body
            self._decoded[name] = fresh
            new = name
            numbers[new] = 0
        count = itertools.count()
        at = [(new, next(count)) if place is None else place for place in found]
        pack_of = [numbers.setdefault(pack, len(numbers)) for pack, _ in at]
        record = _Record(
            FORMAT,
            key,
            source,
            snapshot.list_id,
            str(snapshot.as_of),
            snapshot.completeness.value,
            list(snapshot.sources),
            snapshot.coverage,
            snapshot.entries_line,
            snapshot.sources_line,
            list(snapshot.changes),
            snapshot.publication,
            list(snapshot.acknowledged),
            list(numbers),
            pack_of,
            [position for _, position in at],
            [e.line for e in entries],
            digests or [],
        )
        body = _encoder.encode(record)
        if not self._records.write(f"{key}.snap", self._mac(body) + body):
            return
        if digests is not None:
            known.entries.update(zip(digests, entries, strict=True))
            stored.update(zip(digests, at, strict=True))
            known.read_on(snapshot.as_of)
        self._prune()

    def _prune(self) -> None:
        """Keep the total size under ``max_bytes``: least recently used records first, then
        packs that no remaining record names; stale temporary files always."""
        assert self._records is not None and self._packs is not None
        records, packs = self._records, self._packs
        now = time.time()
        try:
            listed = [(records, *f) for f in records.files()] + [(packs, *f) for f in packs.files()]
        except OSError:
            return
        total = 0
        for folder, name, size, used in listed:
            if _TEMP.match(name):
                if now - used > _STALE:
                    folder.unlink(name)
                continue
            total += size
        if total <= self.max_bytes:
            return
        snaps = sorted((used, name, size) for f, name, size, used in listed if f is records)
        snaps = [s for s in snaps if _NAME.match(s[1])]
        while total > self.max_bytes and len(snaps) > 1:
            _, name, size = snaps.pop(0)
            records.unlink(name)
            total -= size
        named: set[str] = set()
        for _, name, _ in snaps:
            if not name.endswith(".snap"):
                continue  # a stamp names no pack
            raw = records.read(name, self.max_bytes)
            if raw is None:
                continue
            with contextlib.suppress(msgspec.DecodeError):
                named.update(_record_decoder.decode(memoryview(raw)[32:]).packs)
        for folder, name, _, used in listed:
            # A pack younger than a minute may belong to a record being written right now.
            if folder is packs and name[:-5] not in named and now - used > 60:
                packs.unlink(name)
                self._decoded.pop(name[:-5], None)
