"""A cache of parsed snapshots, so reading an unchanged file again costs about what reading JSON
costs.

A snapshot that loaded without problems is stored as plain JSON (never pickle: a cache file must
never be able to run code), after a line with its key and the SHA-256 of the JSON. The key is
made of everything its loading depends on: the file's bytes, its name, the list's
``list.yaml`` as read, the date of the snapshot before it, and the library (its version and the
source of the modules that read files). A file with errors is
never stored, so its errors come from the loader every time.

Files are written atomically (a temporary file, then a rename), so two processes may fill the
same cache at once; a file that cannot be read back exactly (damaged, truncated, another
format) is ignored and written again; a cache folder that cannot be written is silently not
used. The folder is ``$DESIGNATIONS_CACHE_DIR``, else ``$XDG_CACHE_HOME/designations``, else
``~/.cache/designations``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from . import yamlio
from .dates import PartialDate
from .load import list_dates, load_snapshot
from .model import (
    Acknowledgement,
    ChangeRecord,
    Entry,
    ListInfo,
    Name,
    Publication,
    PublicationFile,
    Snapshot,
)
from .safeio import read_bytes
from .vocab import Action, Certainty, Completeness, EntryStatus, EntryType, NameKind
from .yamlio import paused_gc

__all__ = ["FORMAT", "SnapshotCache", "default_cache_dir"]

#: The layout of a cache file; part of every key.
FORMAT = "designations.snapshot-cache/4"
#: At most this many snapshots are kept; the least recently written go first.
MAX_FILES = 256
#: The modules whose code decides what a file loads to: a change to any of them is a new key.
_CODE = ("cache", "dates", "fields", "load", "model", "vocab", "yamlio")

_ENTRY_TYPES = {m.value: m for m in EntryType}
_STATUSES = {m.value: m for m in EntryStatus}
_NAME_KINDS = {m.value: m for m in NameKind}
_ACTIONS = {m.value: m for m in Action}
_code_key: str | None = None


def default_cache_dir() -> Path:
    """``$DESIGNATIONS_CACHE_DIR``, else ``$XDG_CACHE_HOME/designations``, else
    ``~/.cache/designations``."""
    explicit = os.environ.get("DESIGNATIONS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "designations"


def _library_key() -> str:
    global _code_key
    if _code_key is None:
        from . import __version__

        digest = hashlib.sha256(f"{FORMAT}\0{__version__}".encode())
        here = Path(__file__).resolve().parent
        for module in _CODE:
            with contextlib.suppress(OSError):
                digest.update((here / f"{module}.py").read_bytes())
        _code_key = digest.hexdigest()
    return _code_key


class SnapshotCache:
    """Parsed snapshots on disk. Use ``load`` as a ``Registry`` loader (same arguments as the
    default one); ``directory`` defaults to ``default_cache_dir()``."""

    def __init__(self, directory: Path | str | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_cache_dir()
        self.hits = 0
        self.misses = 0

    def key(self, data: bytes, path: Path, info: ListInfo, previous: dt.date | None) -> str:
        """Everything the loaded snapshot depends on, hashed."""
        digest = hashlib.sha256(_library_key().encode())
        digest.update(hashlib.sha256(data).digest())
        # The loader checks the file name against as_of, and basis ids against the list.
        digest.update(f"\0{path.name}\0{info!r}\0".encode())
        if previous is None:
            # ``load_snapshot`` then finds the previous date among the files beside this one.
            siblings = list_dates(path.parent) if path.parent.is_dir() else []
            digest.update(("none:" + ",".join(map(str, siblings))).encode())
        else:
            digest.update(str(previous).encode())
        return digest.hexdigest()

    def file_for(self, key: str) -> Path:
        return self.directory / "snapshots" / f"{key}.json"

    def load(
        self, path: Path, info: ListInfo, previous: dt.date | None, shown: str | None = None
    ) -> Snapshot:
        """The snapshot at ``path``, from the cache when it holds it, else from the loader
        (and then stored). Errors in the file are raised by the loader, every time."""
        path = Path(path)
        shown = shown if shown is not None else str(path)
        # The same bounded read as the loader's: a link, FIFO, device or oversized file is
        # refused here, before anything is read or hashed.
        data = read_bytes(path, shown, limit=yamlio.MAX_FILE_BYTES)
        key = self.key(data, path, info, previous)
        target = self.file_for(key)
        cached = self._read(target, key, info, shown)
        if cached is not None:
            self.hits += 1
            return cached
        self.misses += 1
        snapshot = load_snapshot(path, info, previous=previous, shown=shown)
        self._write(target, key, snapshot)
        return snapshot

    def _read(self, target: Path, key: str, info: ListInfo, shown: str) -> Snapshot | None:
        try:
            raw = target.read_bytes()
        except OSError:
            return None
        header, _, body = raw.partition(b"\n")
        if header != f"{key} {hashlib.sha256(body).hexdigest()}".encode():
            return None  # another key (a collision of names), or damaged
        try:
            with paused_gc():  # many small acyclic objects: see yamlio.paused_gc
                document = json.loads(body)
                if document.get("key") != key:
                    return None
                return from_json(document, info, shown)
        except Exception:  # anything unexpected in a cache file: ignore it and rebuild
            return None

    def _write(self, target: Path, key: str, snapshot: Snapshot) -> None:
        with paused_gc():
            document = to_json(snapshot)
            document["key"] = key
            text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
            del document
        body = text.encode("utf-8")
        payload = f"{key} {hashlib.sha256(body).hexdigest()}\n".encode() + body
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=f".{key[:16]}.", dir=target.parent)
        except OSError:
            return  # an unwritable cache is no cache
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(payload)
            Path(temp).replace(target)
        except OSError:
            with contextlib.suppress(OSError):
                Path(temp).unlink()
            return
        self._prune(target.parent)

    @staticmethod
    def _prune(folder: Path) -> None:
        with contextlib.suppress(OSError):
            files = [(p.stat().st_mtime, p) for p in folder.glob("*.json")]
            if len(files) > MAX_FILES:
                files.sort()
                for _, old in files[: len(files) - MAX_FILES]:
                    with contextlib.suppress(OSError):
                        old.unlink()


def _date(value: PartialDate | None) -> list[int | None] | None:
    return None if value is None else [value.year, value.month, value.day]


def _publication(p: Publication | None) -> list[Any] | None:
    if p is None:
        return None
    published = p.published.isoformat() if p.published is not None else None
    return [p.format, [[f.name, f.sha256] for f in p.files], published, p.url]


def _read_publication(value: list[Any] | None) -> Publication | None:
    if value is None:
        return None
    fmt, files, published, url = value
    day = dt.date.fromisoformat(published) if published is not None else None
    return Publication(fmt, tuple(PublicationFile(n, h) for n, h in files), day, url)


def to_json(snapshot: Snapshot) -> dict[str, Any]:
    """A snapshot as plain JSON data (its list's info aside), lines included."""
    return {
        "format": FORMAT,
        "list": snapshot.list_id,
        "as_of": str(snapshot.as_of),
        "completeness": snapshot.completeness.value,
        "coverage": snapshot.coverage,
        "sources": list(snapshot.sources),
        "publication": _publication(snapshot.publication),
        "acknowledged": [[a.rule, a.reason, a.line] for a in snapshot.acknowledged],
        "entries_line": snapshot.entries_line,
        "sources_line": snapshot.sources_line,
        "entries": [
            [
                e.id,
                e.name,
                e.type.value,
                _date(e.listed_on),
                list(e.basis),
                [[n.name, n.lang, n.kind.value if n.kind else None] for n in e.names],
                e.status.value,
                [list(pair) for pair in e.refs],
                e.notes,
                e.certainty.value,
                e.first_seen.isoformat() if e.first_seen is not None else None,
                e.line,
            ]
            for e in snapshot.entries
        ],
        "changes": [
            [
                c.entry,
                c.action.value,
                list(c.basis),
                _date(c.effective),
                c.note,
                list(c.scope),
                c.line,
            ]
            for c in snapshot.changes
        ],
    }


def from_json(document: dict[str, Any], info: ListInfo, shown: str) -> Snapshot:
    """The snapshot ``to_json`` stored, with the list's ``info`` and the path ``shown``.
    Raises (``KeyError``, ``TypeError``, ``ValueError``) on data of another shape; the types of
    values are trusted, the file having been checked against its checksum."""
    if document["format"] != FORMAT:
        raise ValueError("another cache format")
    dates: dict[tuple[Any, ...], PartialDate] = {}

    def date(value: list[Any]) -> PartialDate:
        key = tuple(value)
        found = dates.get(key)
        if found is None:
            found = dates[key] = PartialDate(*key)
        return found

    kinds: dict[str | None, NameKind | None] = {None: None}
    kinds.update(_NAME_KINDS)
    entries = [
        Entry(
            eid,
            name,
            _ENTRY_TYPES[etype],
            date(listed_on) if listed_on is not None else None,
            tuple(basis),
            tuple([Name(n, lang, kinds[kind]) for n, lang, kind in names]),
            _STATUSES[status],
            tuple([(scheme, ref) for scheme, ref in refs]),
            notes,
            Certainty(certainty),
            dt.date.fromisoformat(seen) if seen is not None else None,
            line=line,
        )
        for (
            eid,
            name,
            etype,
            listed_on,
            basis,
            names,
            status,
            refs,
            notes,
            certainty,
            seen,
            line,
        ) in document["entries"]
    ]
    changes = [
        ChangeRecord(
            entry, _ACTIONS[action], tuple(basis), date(effective), note, tuple(scope), line=line
        )
        for entry, action, basis, effective, note, scope, line in document["changes"]
    ]
    return Snapshot(
        document["list"],
        dt.date.fromisoformat(document["as_of"]),
        Completeness(document["completeness"]),
        tuple(document["sources"]),
        tuple(entries),
        info,
        tuple(changes),
        document["coverage"],
        _read_publication(document["publication"]),
        tuple(Acknowledgement(r, why, line=n) for r, why, n in document["acknowledged"]),
        path=shown,
        entries_line=document["entries_line"],
        sources_line=document["sources_line"],
    )
