"""Structural diff of two snapshots of a list, keyed by entry id and linear in their size.

Whole records are compared first; only records that differ are normalized to Unicode NFC and,
if they still differ, compared field by field (as DeepDiff would, with readable paths).
"""

from __future__ import annotations

import unicodedata
from itertools import zip_longest
from typing import Any

import attrs

from .model import Entry, Name, Snapshot
from .vocab import ChangeKind

__all__ = ["FieldChange", "Structural", "entry_record", "field_changes", "structural_diff"]


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


def _nfc(text: str | None) -> str | None:
    if text is None or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def _name_record(name: Name) -> dict[str, Any]:
    return {
        "name": _nfc(name.name),
        "lang": name.lang,
        "kind": name.kind.value if name.kind else None,
    }


def entry_record(entry: Entry) -> dict[str, Any]:
    """The entry as comparable, JSON-like data, with its text in NFC."""
    return {
        "id": entry.id,
        "name": _nfc(entry.name),
        "names": [_name_record(n) for n in entry.names],
        "type": entry.type.value,
        "status": entry.status.value,
        "listed_on": None if entry.listed_on is None else str(entry.listed_on),
        "first_seen": None if entry.first_seen is None else str(entry.first_seen),
        "basis": list(entry.basis),
        "refs": {scheme: _nfc(value) for scheme, value in entry.refs},
        "notes": _nfc(entry.notes),
        "certainty": entry.certainty.value,
    }


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


def field_changes(old: Entry, new: Entry) -> tuple[FieldChange, ...]:
    """What differs between two versions of an entry, field by field (empty when nothing does,
    Unicode normalization aside).

    The paths and values are those of DeepDiff over ``entry_record``, with lists compared
    position by position, so a path's old and new values are what stands at that path in each
    record (DeepDiff's default would report an insertion at the front as an item "added at 0",
    whose old value is not what the old record has there). Text fields, lists and the changed
    values of ``refs`` are compared here directly, which is what makes a diff with many
    amendments fast; ``refs`` with schemes added or removed (which DeepDiff may report whole)
    are left to DeepDiff. ``tests/test_diff_fast.py`` checks that the result is DeepDiff's.
    """
    if old == new:
        return ()
    a, b = entry_record(old), entry_record(new)
    if a == b:
        return ()
    found: list[tuple[list[Any], FieldChange]] = []
    for key, before in a.items():
        after = b[key]
        if before == after:
            continue
        if key == "refs" and before.keys() != after.keys():
            _deep({key: before}, {key: after}, found)
        elif key == "refs":
            for scheme in before:
                x, y = before[scheme], after[scheme]
                if x != y:
                    found.append(([key, scheme], FieldChange(f"{key}.{scheme}", x, y)))
        elif key in ("names", "basis"):
            for index, (x, y) in enumerate(zip_longest(before, after)):
                if x == y:
                    continue
                if x is None or y is None or not isinstance(x, dict):
                    found.append(([key, index], FieldChange(f"{key}[{index}]", x, y)))
                    continue
                for part, value in x.items():
                    if value != y[part]:
                        path = f"{key}[{index}].{part}"
                        found.append(([key, index, part], FieldChange(path, value, y[part])))
        else:
            found.append(([key], FieldChange(key, before, after)))
    found.sort(key=lambda item: _sort_key(item[0]))
    return tuple(change for _, change in found)


def structural_diff(old: Snapshot, new: Snapshot) -> list[Structural]:
    """Entries added, removed and amended from ``old`` to ``new``, in order of entry id."""
    changes: list[Structural] = []
    for entry in new.entries:
        before = old.entry(entry.id)
        if before is None:
            changes.append(Structural(ChangeKind.ADDED, None, entry))
        elif before != entry:
            fields = field_changes(before, entry)
            if fields:
                changes.append(Structural(ChangeKind.AMENDED, before, entry, fields))
    changes.extend(
        Structural(ChangeKind.REMOVED, entry, None) for entry in old.entries if entry.id not in new
    )
    changes.sort(key=lambda c: c.entry.id)
    return changes
