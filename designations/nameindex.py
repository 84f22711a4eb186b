"""An index of entry names, so that a query scores a few candidates instead of every name.

Each name is filed under the *block keys* of its words (each word's folded spelling and its
consonant skeleton, see :meth:`designations.names.NameKey.block_keys`); a query gathers the names
filed under its own keys and scores only those with :func:`designations.names.compare`, words
weighed by how rare they are among the indexed names. Ids and
cross-references (``scheme:id``) are looked up exactly. An alias that a source wrote as several
names joined by ``;`` is scored part by part (and reported whole).

The index of a registry with a snapshot cache is kept beside it, in ``names/`` under the cache
folder (only when the snapshot cache accepts that folder), as JSON (never pickle) after a line with
its key and the SHA-256 of the JSON. The file holds the index as it is searched (the names with
their keys, the blocks, the word frequencies), so reading it back computes nothing: each name is
made into a record only when a query's blocks name it, and the decoder checks every value's type.
The key hashes the digest of every snapshot file (``SnapshotCache.digest``) and the code
that reads them and builds the index, so an index file is used only for exactly the files it was
built from; a file that does not match its key and digest, or cannot be read back, is ignored and
rebuilt; only regular files are read (through :mod:`designations.safeio`), and at most
:data:`MAX_INDEX_FILES` are kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
import weakref
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import msgspec

from .model import Entry
from .names import NameKey, Rarity, Reason, Score, Word, compare, key, rarity
from .safeio import read_bytes

if TYPE_CHECKING:
    from .cache import SnapshotCache
    from .registry import Registry

__all__ = ["INDEX_FORMAT", "MAX_INDEX_FILES", "Hit", "NameIndex", "registry_index"]

#: The layout of an index file; part of its key.
INDEX_FORMAT = "designations.name-index/2"
#: At most this many index files are kept; the least recently written go first.
MAX_INDEX_FILES = 8
#: The largest index file read back.
MAX_INDEX_BYTES = 512 * 1024 * 1024
#: The modules whose code decides what the index holds, besides those that decide what a file
#: loads to (the snapshot cache's key, ``cache.library_key``).
_CODE = ("names", "nameindex")


@attrs.frozen
class Hit:
    """An entry a query matched: in which list, on which name, how well and why."""

    list_id: str
    entry_id: str
    #: The name that matched as the list writes it, or ``id`` / the ``scheme:id`` matched.
    matched: str
    score: float
    reason: Reason


@attrs.frozen
class _Name:
    list_id: str
    entry_id: str
    name: str
    primary: bool
    key: NameKey


def _parts(name: str) -> Iterator[str]:
    yield name
    if ";" in name:
        yield from (p for p in name.split(";") if p.strip())


#: A name as the index file stores it: list id, entry id, the name as written, whether it is the
#: entry's primary name, its key's text and words (latin, skeleton, arabic).
_Row = tuple[str, str, str, bool, str, tuple[tuple[str, str, bool], ...]]


class _Document(msgspec.Struct):
    key: str
    names: list[_Row]
    blocks: dict[str, list[int]]
    frequency: dict[str, int]
    ids: list[tuple[str, str, str]]
    refs: list[tuple[str, str, str, str]]


_decoder = msgspec.json.Decoder(_Document)


def _name_of(row: _Row) -> _Name:
    list_id, entry_id, full, primary, text, words = row
    return _Name(list_id, entry_id, full, primary, NameKey(text, tuple(Word(*w) for w in words)))


def _row_of(name: _Name) -> _Row:
    words = tuple((w.latin, w.skeleton, w.arabic) for w in name.key.words)
    return (name.list_id, name.entry_id, name.name, name.primary, name.key.text, words)


class NameIndex:
    """The names, ids and cross-references of entries, by list; built once, queried often."""

    def __init__(self) -> None:
        #: Each name filed, or its row as read from an index file (made into a ``_Name`` when
        #: a query first needs it).
        self._names: list[_Name | _Row] = []
        self._seen: set[tuple[str, str, str]] = set()
        self._entries: set[tuple[str, str, tuple[str, ...], tuple[tuple[str, str], ...]]] = set()
        self._blocks: dict[str, list[int]] = {}
        self._ids: dict[str, set[tuple[str, str]]] = {}
        self._refs: dict[tuple[str, str], set[tuple[str, str]]] = {}
        self._frequency: dict[str, int] = {}
        self._rarity: Rarity | None = None

    def __len__(self) -> int:
        return len(self._names)

    def add(self, list_id: str, entry: Entry) -> None:
        """File an entry's names, id and cross-references (a name already filed for the same
        entry of the same list is not filed again)."""
        names = entry.all_names()
        same = (list_id, entry.id, names, entry.refs)
        if same in self._entries:  # as in an earlier snapshot
            return
        self._entries.add(same)
        self._ids.setdefault(entry.id.casefold(), set()).add((list_id, entry.id))
        for scheme, value in entry.refs:
            ref = (scheme.casefold(), value.casefold())
            self._refs.setdefault(ref, set()).add((list_id, entry.id))
        for number, full in enumerate(names):
            for part in _parts(full):
                seen = (list_id, entry.id, part)
                if seen in self._seen:
                    continue
                self._seen.add(seen)
                self._file(list_id, entry.id, full, number == 0, key(part))

    def _file(self, list_id: str, entry_id: str, full: str, primary: bool, nkey: NameKey) -> None:
        name = _Name(list_id, entry_id, full, primary, nkey)
        index = len(self._names)
        self._names.append(name)
        for word in {w.latin for w in nkey.words}:
            self._frequency[word] = self._frequency.get(word, 0) + 1
        for block in nkey.block_keys():
            self._blocks.setdefault(block, []).append(index)
        self._rarity = None

    def _name(self, index: int) -> _Name:
        found = self._names[index]
        if isinstance(found, tuple):
            found = self._names[index] = _name_of(found)
        return found

    def to_bytes(self, key: str) -> bytes:
        """The index as the JSON of an index file under ``key`` (see :meth:`from_bytes`)."""
        document = _Document(
            key,
            [name if isinstance(name, tuple) else _row_of(name) for name in self._names],
            self._blocks,
            self._frequency,
            [(k, *pair) for k, pairs in self._ids.items() for pair in sorted(pairs)],
            [(*k, *pair) for k, pairs in self._refs.items() for pair in sorted(pairs)],
        )
        return msgspec.json.encode(document)

    @classmethod
    def from_bytes(cls, data: bytes, key: str) -> NameIndex:
        """The index of :meth:`to_bytes`'s JSON; ``ValueError`` when it is not that, or was
        written under another key."""
        try:
            document = _decoder.decode(data)
        except msgspec.DecodeError as exc:
            raise ValueError(f"not an index file: {exc}") from None
        count = len(document.names)
        postings = [p for p in document.blocks.values() if p]
        if document.key != key or (
            postings and (min(map(min, postings)) < 0 or max(map(max, postings)) >= count)
        ):
            raise ValueError("not an index file of this key, or a block names no name")
        index = cls()
        index._names = list(document.names)
        index._blocks = document.blocks
        index._frequency = document.frequency
        for folded, list_id, entry_id in document.ids:
            index._ids.setdefault(folded, set()).add((list_id, entry_id))
        for scheme, value, list_id, entry_id in document.refs:
            index._refs.setdefault((scheme, value), set()).add((list_id, entry_id))
        return index

    @classmethod
    def of(cls, entries: Iterable[tuple[str, Entry]]) -> NameIndex:
        """An index of ``(list id, entry)`` pairs."""
        index = cls()
        for list_id, entry in entries:
            index.add(list_id, entry)
        return index

    def exact(self, query: str) -> list[Hit]:
        """The entries whose id, or one of whose cross-references (``scheme:id``), the query is."""
        folded = query.strip().casefold()
        hits = [Hit(lst, eid, "id", 1.0, Reason.ID) for lst, eid in self._ids.get(folded, ())]
        scheme, sep, value = folded.partition(":")
        if sep and scheme.strip() and value.strip() and " " not in scheme.strip():
            ref = (scheme.strip(), value.strip())
            hits += [
                Hit(lst, eid, f"{ref[0]}:{ref[1]}", 1.0, Reason.REFERENCE)
                for lst, eid in self._refs.get(ref, ())
            ]
        return sorted(hits, key=lambda h: (h.list_id, h.entry_id))

    def search(self, query: str | NameKey, threshold: float) -> list[Hit]:
        """Each entry with a name scoring at least ``threshold`` against the query, with its
        best-scoring name; best first, then by list and entry id."""
        wanted = key(query) if isinstance(query, str) else query
        candidates: set[int] = set()
        for block in wanted.block_keys():
            candidates.update(self._blocks.get(block, ()))
        if self._rarity is None:
            self._rarity = rarity(self._frequency, len(self._names))
        best: dict[tuple[str, str], tuple[Score, _Name]] = {}
        for index in candidates:
            name = self._name(index)
            score = compare(wanted, name.key, self._rarity)
            if score.value < threshold:
                continue
            if score.reason is Reason.EXACT and not name.primary:
                score = Score(score.value, Reason.ALIAS)
            ident = (name.list_id, name.entry_id)
            held = best.get(ident)
            if held is None or _better(score, name, held):
                best[ident] = (score, name)
        hits = [
            Hit(lst, eid, name.name, score.value, score.reason)
            for (lst, eid), (score, name) in best.items()
        ]
        return sorted(hits, key=lambda h: (-h.score, h.list_id, h.entry_id))


def _better(score: Score, name: _Name, held: tuple[Score, _Name]) -> bool:
    """Whether a name scores better than the one held (at equal scores, the primary name)."""
    other, held_name = held
    return (score.value, name.primary) > (other.value, held_name.primary)


_BUILT: weakref.WeakKeyDictionary[Registry, NameIndex] = weakref.WeakKeyDictionary()


def registry_index(registry: Registry) -> NameIndex:
    """The index of every entry in every snapshot of every list of a registry: built once per
    registry object, and kept on disk beside the registry's snapshot cache when it has one."""
    index = _BUILT.get(registry)
    if index is not None:
        return index
    cache = registry.cache
    # Only in a cache folder the snapshot cache accepts (owned by the user, writable by no one
    # else): an index planted in another could hide names from screening.
    folder = cache.directory / "names" if cache is not None and cache.usable() else None
    content = _content_key(registry, cache) if folder is not None and cache is not None else ""
    if folder is not None:
        index = _read(folder / f"{content}.json", content)
    if index is None:
        index = NameIndex()
        for lst in registry:
            for day in lst.dates:
                for entry in lst.load(day).entries:
                    index.add(lst.id, entry)
        if folder is not None:
            _write(folder, content, index)
    _BUILT[registry] = index
    return index


def _content_key(registry: Registry, cache: SnapshotCache) -> str:
    """Everything the index depends on, hashed: the code, and every snapshot file's bytes (by
    the digest the snapshot cache knows each by: from its stamp, without reading it, when the
    file has not changed since it was last read)."""
    from ._version import __version__
    from .cache import library_key

    digest = hashlib.sha256(f"{INDEX_FORMAT}\0{__version__}\0{library_key()}\0".encode())
    here = Path(__file__).resolve().parent
    for module in _CODE:
        with contextlib.suppress(OSError):
            digest.update(hashlib.sha256((here / f"{module}.py").read_bytes()).digest())
    for lst in registry:
        for day in lst.dates:
            path = lst.folder / f"{day}.yaml"
            source = cache.digest(path)  # refuses links, FIFOs and oversized files
            digest.update(f"\0{lst.id}\0{day}\0".encode() + source)
    return digest.hexdigest()


def _read(target: Path, content: str) -> NameIndex | None:
    try:
        raw = read_bytes(target, str(target), limit=MAX_INDEX_BYTES)
    except Exception:  # absent, not a regular file, too large: no cached index
        return None
    header, _, body = raw.partition(b"\n")
    if header != f"{content} {hashlib.sha256(body).hexdigest()}".encode():
        return None  # another key, or damaged
    try:
        return NameIndex.from_bytes(body, content)
    except Exception:  # anything unexpected in a cache file: ignore it and rebuild
        return None


def _write(folder: Path, content: str, index: NameIndex) -> None:
    body = index.to_bytes(content)
    payload = f"{content} {hashlib.sha256(body).hexdigest()}\n".encode() + body
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{content[:16]}.", dir=folder)
    except OSError:
        return  # an unwritable cache is no cache
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        Path(temp).replace(folder / f"{content}.json")
    except OSError:
        with contextlib.suppress(OSError):
            Path(temp).unlink()
        return
    _prune(folder)


def _prune(folder: Path) -> None:
    """Keep the newest :data:`MAX_INDEX_FILES` regular files (links are never followed)."""
    with contextlib.suppress(OSError):
        files = []
        for path in folder.glob("*.json"):
            info = path.lstat()
            if stat.S_ISREG(info.st_mode):
                files.append((info.st_mtime, path))
        files.sort()
        for _, old in files[: max(0, len(files) - MAX_INDEX_FILES)]:
            with contextlib.suppress(OSError):
                old.unlink()
