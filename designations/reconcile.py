"""Reconciliation: every structural change is matched with the legal act that explains it.

Implements the table of the format's "Reconciliation" section. A structural change with no
explaining record is *unexplained*; a record that matches no structural change is a *phantom*;
an amendment with no record that does not touch ``status`` is *editorial*. Where a partial
snapshot does not cover an entry, its appearing or vanishing is *not covered*.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import attrs

from .dates import PartialDate
from .diff import FieldChange, Structural, structural_diff
from .model import ChangeRecord, Entry, Instrument, ListInfo, Snapshot
from .vocab import Action, ChangeKind, EntryStatus

__all__ = ["Change", "ListDiff", "diff"]

_KIND_ORDER = {kind: index for index, kind in enumerate(ChangeKind)}
#: Actions a partial snapshot cannot confirm or refute for an entry it does not hold.
_UNVERIFIABLE = (Action.SUSPENDED, Action.REINSTATED, Action.AMENDED)


@attrs.frozen
class Change:
    """A structural change with its legal explanation (or the lack of one)."""

    kind: ChangeKind
    #: The newer record, or the older one when removed.
    entry: Entry
    old: Entry | None
    new: Entry | None
    action: Action | None
    effective: PartialDate | None
    basis: tuple[Instrument, ...]
    explained: bool
    editorial: bool
    fields: tuple[FieldChange, ...] = ()
    #: The change records that account for this change.
    records: tuple[ChangeRecord, ...] = ()

    @property
    def name(self) -> str:
        return self.entry.name

    @property
    def editorial_fields(self) -> tuple[FieldChange, ...]:
        """Fields other than ``status`` that changed with no ``amended`` record to explain them."""
        if any(r.action is Action.AMENDED for r in self.records):
            return ()
        return tuple(f for f in self.fields if f.path != "status")


@attrs.frozen
class ListDiff:
    """What changed between two snapshots of one list, and on what legal basis."""

    list_id: str
    old: Snapshot
    new: Snapshot
    changes: tuple[Change, ...]
    phantoms: tuple[ChangeRecord, ...]

    def _of(self, kind: ChangeKind) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.kind is kind)

    @property
    def added(self) -> tuple[Change, ...]:
        return self._of(ChangeKind.ADDED)

    @property
    def removed(self) -> tuple[Change, ...]:
        return self._of(ChangeKind.REMOVED)

    @property
    def amended(self) -> tuple[Change, ...]:
        return self._of(ChangeKind.AMENDED)

    @property
    def not_covered(self) -> tuple[Change, ...]:
        return self._of(ChangeKind.NOT_COVERED)

    @property
    def unexplained(self) -> tuple[Change, ...]:
        """Changes no legal act explains, editorial amendments and not-covered ones aside."""
        return tuple(
            c
            for c in self.changes
            if c.kind is not ChangeKind.NOT_COVERED and not c.explained and not c.editorial
        )

    @property
    def has_changes(self) -> bool:
        """Whether anything changed (not-covered changes and phantoms aside)."""
        return any(c.kind is not ChangeKind.NOT_COVERED for c in self.changes)

    def summary(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "removed": len(self.removed),
            "amended": len(self.amended),
            "not_covered": len(self.not_covered),
            "unexplained": len(self.unexplained),
            "phantom": len(self.phantoms),
        }


class _Records:
    """The change records of a window, by entry, each usable once."""

    def __init__(self, records: Sequence[ChangeRecord]) -> None:
        self.by_entry: dict[str, list[ChangeRecord]] = defaultdict(list)
        for record in sorted(records, key=lambda r: r.effective):
            self.by_entry[record.entry].append(record)
        self.used: set[int] = set()

    def take(self, entry_id: str, *actions: Action) -> ChangeRecord | None:
        """The latest unused record for the entry with one of these actions, marked used."""
        for record in reversed(self.by_entry.get(entry_id, ())):
            if record.action in actions and id(record) not in self.used:
                self.used.add(id(record))
                return record
        return None

    def unused(self, records: Sequence[ChangeRecord]) -> tuple[ChangeRecord, ...]:
        return tuple(r for r in records if id(r) not in self.used)


def _explained(
    s: Structural, record: ChangeRecord, info: ListInfo, taken: list[ChangeRecord], **extra: Any
) -> Change:
    return Change(
        s.kind,
        s.entry,
        s.old,
        s.new,
        record.action,
        record.effective,
        info.resolve(record.basis),
        True,
        False,
        s.fields,
        tuple(taken),
        **extra,
    )


def _unexplained(
    s: Structural,
    *,
    kind: ChangeKind | None = None,
    editorial: bool = False,
    taken: Sequence[ChangeRecord] = (),
) -> Change:
    return Change(
        kind or s.kind,
        s.entry,
        s.old,
        s.new,
        None,
        None,
        (),
        False,
        editorial,
        s.fields,
        tuple(taken),
    )


def _added(s: Structural, old: Snapshot, info: ListInfo, recs: _Records) -> Change:
    entry = s.entry
    record = recs.take(entry.id, Action.LISTED, Action.REINSTATED)
    if record is not None:
        taken = [record]
        if entry.status is EntryStatus.SUSPENDED:
            suspension = recs.take(entry.id, Action.SUSPENDED)
            taken += [suspension] if suspension else []
        return _explained(s, record, info, taken)
    if entry.listed_on is not None and entry.listed_on.end > old.as_of:
        return Change(
            s.kind,
            entry,
            None,
            entry,
            Action.LISTED,
            entry.listed_on,
            info.resolve(entry.basis),
            True,
            False,
        )
    if old.is_partial:
        return _not_covered(s, recs)
    return _unexplained(s)


def _not_covered(s: Structural, recs: _Records) -> Change:
    """An entry a partial snapshot does not hold. Records of what happened to it meanwhile
    (suspended, reinstated, amended) cannot be checked against the snapshots, but they are not
    phantoms either: they go with the entry."""
    taken = []
    while (record := recs.take(s.entry.id, *_UNVERIFIABLE)) is not None:
        taken.append(record)
    return _unexplained(s, kind=ChangeKind.NOT_COVERED, taken=taken)


def _removed(s: Structural, new: Snapshot, info: ListInfo, recs: _Records) -> Change:
    record = recs.take(s.entry.id, Action.DELISTED)
    if record is not None:
        return _explained(s, record, info, [record])
    if new.is_partial:
        return _not_covered(s, recs)
    return _unexplained(s)


def _amended(s: Structural, info: ListInfo, recs: _Records) -> Change:
    entry = s.entry
    status_changed = any(f.path == "status" for f in s.fields)
    others = any(f.path != "status" for f in s.fields)
    amendment = recs.take(entry.id, Action.AMENDED) if others else None
    if status_changed:
        wanted = Action.SUSPENDED if entry.status is EntryStatus.SUSPENDED else Action.REINSTATED
        record = recs.take(entry.id, wanted)
        taken = [r for r in (record, amendment) if r is not None]
        if record is None:
            return _unexplained(s, taken=taken)
        return _explained(s, record, info, taken)
    if amendment is None:
        return _unexplained(s, editorial=True)
    return _explained(s, amendment, info, [amendment])


def diff(
    old: Snapshot,
    new: Snapshot,
    records: Sequence[ChangeRecord] | None = None,
    *,
    phantoms: Sequence[ChangeRecord] | None = None,
) -> ListDiff:
    """Diff two snapshots of one list and reconcile the changes with the legal acts recorded.

    ``records`` are the change records that apply (default: the newer snapshot's own, which is
    right for consecutive snapshots). ``phantoms``, when given, replaces the phantoms computed
    here: across several steps, a record is a phantom when it is one in its own step.
    """
    if old.list_id != new.list_id:
        raise ValueError(f"cannot diff list {old.list_id!r} with list {new.list_id!r}")
    applied = tuple(new.changes if records is None else records)
    recs = _Records(applied)
    info = new.info
    changes: list[Change] = []
    for s in structural_diff(old, new):
        if s.kind is ChangeKind.ADDED:
            changes.append(_added(s, old, info, recs))
        elif s.kind is ChangeKind.REMOVED:
            changes.append(_removed(s, new, info, recs))
        else:
            changes.append(_amended(s, info, recs))
    changes.sort(key=lambda c: (_KIND_ORDER[c.kind], c.entry.id))
    found = recs.unused(applied) if phantoms is None else tuple(phantoms)
    found = tuple(sorted(found, key=lambda r: (r.entry, r.effective, r.line)))
    return ListDiff(new.list_id, old, new, tuple(changes), found)
