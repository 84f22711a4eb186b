"""An index of entry names, so that a query scores a few candidates instead of every name.

Each name is filed under the *block keys* of its words (each word's folded spelling and its
consonant skeleton, see :meth:`designations.names.NameKey.block_keys`); a query gathers the names
filed under its own keys and scores only those with :func:`designations.names.compare`, words
weighed by how rare they are among the indexed names. Ids and
cross-references (``scheme:id``) are looked up exactly. An alias that a source wrote as several
names joined by ``;`` is scored part by part (and reported whole).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import attrs

from .model import Entry
from .names import NameKey, Rarity, Reason, Score, compare, key, rarity

if TYPE_CHECKING:
    from .registry import Registry

__all__ = ["Hit", "NameIndex", "registry_index"]


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


class NameIndex:
    """The names, ids and cross-references of entries, by list; built once, queried often."""

    def __init__(self) -> None:
        self._names: list[_Name] = []
        self._seen: set[tuple[str, str, str]] = set()
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
        self._ids.setdefault(entry.id.casefold(), set()).add((list_id, entry.id))
        for scheme, value in entry.refs:
            ref = (scheme.casefold(), value.casefold())
            self._refs.setdefault(ref, set()).add((list_id, entry.id))
        for number, full in enumerate(entry.all_names()):
            for part in _parts(full):
                seen = (list_id, entry.id, part)
                if seen in self._seen:
                    continue
                self._seen.add(seen)
                name = _Name(list_id, entry.id, full, number == 0, key(part))
                for word in {w.latin for w in name.key.words}:
                    self._frequency[word] = self._frequency.get(word, 0) + 1
                self._rarity = None
                index = len(self._names)
                self._names.append(name)
                for block in name.key.block_keys():
                    self._blocks.setdefault(block, []).append(index)

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
            name = self._names[index]
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
    """The index of every entry in every snapshot of every list of a registry, built once."""
    index = _BUILT.get(registry)
    if index is None:
        index = NameIndex()
        for lst in registry:
            for day in lst.dates:
                for entry in lst.load(day).entries:
                    index.add(lst.id, entry)
        _BUILT[registry] = index
    return index
