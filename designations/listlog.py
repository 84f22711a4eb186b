"""A list's log: each snapshot with its date, completeness and size, and what changed since the
one before it (structural changes by kind, change records, verdicts, phantoms).

Each consecutive pair is diffed once, so a log is linear in the size of the list.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import attrs

from .model import Snapshot
from .reconcile import ListDiff, diff
from .registry import DesignationList
from .vocab import ChangeKind, Completeness, Verdict

__all__ = ["ListLog", "LogRow", "list_log"]


@attrs.frozen
class LogRow:
    """One snapshot of a list, and what changed since the previous one (``None`` for the
    first snapshot, which has nothing to be compared with)."""

    as_of: dt.date
    completeness: Completeness
    entries: int
    #: The change records the snapshot holds.
    records: int
    #: Structural changes since the previous snapshot, by kind (every kind, zeros included).
    changes: dict[ChangeKind, int] | None
    #: The verdict on each of those changes, by verdict (every verdict, zeros included).
    verdicts: dict[Verdict, int] | None
    #: Change records that explain nothing.
    phantoms: int | None


@attrs.frozen
class ListLog:
    """The snapshots of one list, oldest first."""

    list_id: str
    name: str
    rows: tuple[LogRow, ...]


def _row(snap: Snapshot, d: ListDiff | None) -> LogRow:
    if d is None:
        return LogRow(
            snap.as_of, snap.completeness, len(snap.entries), len(snap.changes), *[None] * 3
        )
    kinds = Counter(c.kind for c in d.changes)
    verdicts = Counter(c.verdict for c in d.changes)
    return LogRow(
        snap.as_of,
        snap.completeness,
        len(snap.entries),
        len(snap.changes),
        {kind: kinds[kind] for kind in ChangeKind},
        {verdict: verdicts[verdict] for verdict in Verdict},
        len(d.phantoms),
    )


def list_log(lst: DesignationList) -> ListLog:
    """The log of one list: every snapshot, each diffed with the one before it."""
    rows: list[LogRow] = []
    previous = None
    for day in lst.dates:
        current = lst.load(day)
        rows.append(_row(current, diff(previous, current) if previous is not None else None))
        previous = current
    return ListLog(lst.id, lst.info.name, tuple(rows))
