"""Structural diff of two snapshots of a list, keyed by entry id and linear in their size.

Whole records are compared first; only records that differ are normalized to Unicode NFC and,
if they still differ, compared field by field with readable paths. Collections whose order
carries no meaning (``names``, ``basis``) are compared as multisets: an item added is one change
``names[+]``, an item removed one change ``names[-]``, and re-ordering is no change.
"""

from __future__ import annotations

import json
import operator
import unicodedata
from collections import Counter
from typing import Any

import attrs

from .model import Entry, Snapshot
from .shape import ENTRY
from .vocab import ChangeKind
from .yamlio import compiled_function

__all__ = ["FieldChange", "Structural", "entry_record", "field_changes", "structural_diff"]

_compiled_shares = compiled_function("shares_values")
_ID = operator.attrgetter("id")


@attrs.frozen
class FieldChange:
    """One field of an amended entry: a readable ``path`` (``names[1].name``, ``status``) and its
    old and new values (``None`` where the field or item was absent), in JSON-like form."""

    path: str
    old: Any = attrs.field(hash=False)
    new: Any = attrs.field(hash=False)


@attrs.frozen
class Structural:
    """A structural change: ``added`` (only ``new``), ``removed`` (only ``old``), ``amended``."""

    kind: ChangeKind
    old: Entry | None
    new: Entry | None
    fields: tuple[FieldChange, ...] = ()

    @property
    def entry(self) -> Entry:
        entry = self.new if self.new is not None else self.old
        assert entry is not None
        return entry


def _text(text: str) -> str:
    return (
        unicodedata.normalize("NFC", text) if not unicodedata.is_normalized("NFC", text) else text
    )


def entry_record(entry: Entry) -> dict[str, Any]:
    """The entry as comparable, JSON-like data (``shape.ENTRY``: every key, null where it has
    no value), with its text in NFC."""
    return ENTRY.json(entry, _text)


def _path_text(parts: list[Any]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _sort_key(parts: list[Any]) -> tuple[tuple[int, int, str], ...]:
    return tuple((1, p, "") if isinstance(p, int) else (0, 0, str(p)) for p in parts)


def _deep(a: dict[str, Any], b: dict[str, Any], found: list[tuple[list[Any], FieldChange]]) -> None:
    from deepdiff import DeepDiff  # imported when needed: it takes longer to import than to use
    from deepdiff.helper import NotPresent

    for levels in DeepDiff(a, b, view="tree", zip_ordered_iterables=True).values():
        for level in levels:
            parts = level.path(output_format="list")
            before = None if isinstance(level.t1, NotPresent) else level.t1
            after = None if isinstance(level.t2, NotPresent) else level.t2
            found.append((parts, FieldChange(_path_text(parts), before, after)))


#: Lists whose order carries no meaning: compared by content, not position.
UNORDERED = ("names", "basis")


def _frozen(item: Any) -> Any:
    """A hashable form of a collection item (a name's dict as its sorted pairs)."""
    return tuple(sorted(item.items())) if isinstance(item, dict) else item


def _collection_changes(
    key: str, before: list[Any], after: list[Any], found: list[tuple[list[Any], FieldChange]]
) -> None:
    """Items of ``before`` missing from ``after`` (``key[-]``) and the reverse (``key[+]``),
    each as often as it is missing, ordered by content (so no order of the input shows)."""
    extra = Counter(_frozen(x) for x in after)
    extra.subtract(_frozen(x) for x in before)
    originals = {_frozen(x): x for x in (*before, *after)}
    for frozen, count in extra.items():
        item = originals[frozen]
        text = json.dumps(item, ensure_ascii=False, sort_keys=True)
        for _ in range(abs(count)):
            if count < 0:
                found.append(([key, 0, text], FieldChange(f"{key}[-]", item, None)))
            else:
                found.append(([key, 1, text], FieldChange(f"{key}[+]", None, item)))


def field_changes(old: Entry, new: Entry) -> tuple[FieldChange, ...]:
    """What differs between two versions of an entry, field by field (empty when nothing does,
    Unicode normalization aside).

    ``names`` and ``basis`` are compared as multisets (a name by its text, language and kind):
    each item only one side has is one change, ``names[-]`` (``new`` null) or ``names[+]``
    (``old`` null), removals first; the same items in another order are no change. ``refs`` are
    compared scheme by scheme (``refs.un``); with schemes added or removed, DeepDiff reports
    them. Any other field is one change with its old and new value. Cost: linear in the size
    of the two records.
    """
    if old == new:
        return ()
    found: list[tuple[list[Any], FieldChange]] = []
    for field in ENTRY.keys:
        x, y = getattr(old, field.name), getattr(new, field.name)
        if x == y:
            continue  # then equal in ``entry_record`` too: only the others are turned
        before, after = ENTRY.json_value(field, x, _text), ENTRY.json_value(field, y, _text)
        if before == after:
            continue
        key = field.name
        if key in UNORDERED:
            _collection_changes(key, before, after, found)
        elif key == "refs" and before.keys() != after.keys():
            _deep({key: before}, {key: after}, found)
        elif key == "refs":
            for scheme in before:
                was, now = before[scheme], after[scheme]
                if was != now:
                    found.append(([key, scheme], FieldChange(f"{key}.{scheme}", was, now)))
        else:
            found.append(([key], FieldChange(key, before, after)))
    found.sort(key=lambda item: _sort_key(item[0]))
    return tuple(change for _, change in found)


def structural_diff(old: Snapshot, new: Snapshot) -> list[Structural]:
    """Entries added, removed and amended from ``old`` to ``new``, in order of entry id."""
    by_id = old.entries_by_id
    befores = list(map(by_id.get, map(_ID, new.entries)))
    pairs = [(b, e) for b, e in zip(befores, new.entries, strict=True) if b is not None]
    shared = _shares_values([b for b, _ in pairs], [e for _, e in pairs])
    changes = [
        Structural(ChangeKind.ADDED, None, e)
        for b, e in zip(befores, new.entries, strict=True)
        if b is None
    ]
    for (before, entry), same in zip(pairs, shared, strict=True):
        if not same and before is not entry and before != entry:
            fields = field_changes(before, entry)
            if fields:
                changes.append(Structural(ChangeKind.AMENDED, before, entry, fields))
    gone = by_id.keys() - new.entries_by_id.keys()
    changes.extend(Structural(ChangeKind.REMOVED, by_id[i], None) for i in gone)
    changes = _rekeyed(changes, new.info.stable_refs)
    changes.sort(key=lambda c: c.entry.id)
    return changes


def _shares_values(olds: list[Entry], news: list[Entry]) -> list[bool]:
    """For each pair (``olds[i]``, ``news[i]``), whether both entries hold the very same values
    but for their lines (as entries of one text read at other lines do, see
    ``load.relined``): then they are equal without comparing. Compiled where the reader is;
    else ``False``, and each pair is compared."""
    if _compiled_shares is None or not olds:
        return [False] * len(olds)
    flags: list[bool] = _compiled_shares(olds, news, Entry.line)
    return flags


def _rekeyed(changes: list[Structural], schemes: tuple[str, ...]) -> list[Structural]:
    """A removal and an addition that share the value of a stable cross-reference scheme
    (``refs.un``) and pair up one to one are one entry re-keyed: one ``rekeyed`` change. Only
    one to one: an addition that shares values with two removals, or a removal with two
    additions, is no re-key (which would be the entity's new id is not known), whatever the
    order of the changes."""
    if not schemes:
        return changes
    removed: dict[tuple[str, str], list[Structural]] = {}
    for s in changes:
        if s.kind is ChangeKind.REMOVED and s.old is not None:
            for scheme, value in s.old.refs:
                if scheme in schemes:
                    removed.setdefault((scheme, value), []).append(s)
    if not removed:
        return changes
    # For each addition, the removals it shares a value with; and for each removal, how many
    # additions share one with it.
    candidates: list[tuple[Structural, Structural]] = []
    suitors: Counter[int] = Counter()
    for s in changes:
        if s.kind is not ChangeKind.ADDED or s.new is None:
            continue
        matches = {
            id(r): r
            for scheme, value in s.new.refs
            if scheme in schemes
            for r in removed.get((scheme, value), ())
        }
        suitors.update(matches.keys())
        if len(matches) == 1:
            [gone] = matches.values()
            candidates.append((s, gone))
    pairs: dict[int, Structural] = {}  # id() of the removal -> its rekeyed change
    paired_added: set[int] = set()
    for added, gone in candidates:
        if suitors[id(gone)] != 1 or gone.old is None or added.new is None:
            continue
        change = Structural(
            ChangeKind.REKEYED, gone.old, added.new, field_changes(gone.old, added.new)
        )
        pairs[id(gone)] = change
        paired_added.add(id(added))
    if not pairs:
        return changes
    kept = [s for s in changes if id(s) not in pairs and id(s) not in paired_added]
    return kept + list(pairs.values())
