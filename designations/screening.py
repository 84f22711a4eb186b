"""Screening a user's own names (counterparties) against the lists: either against every entry
in force on a date, or — re-screening on a list update — against only the entries that changed
in a period.

Each hit says which list and entry a name matched, on which of the entry's names, how well and
why (see :mod:`designations.names`), the entry's status on the date (or at the end of the
period), and the legal acts: for a change, the acts behind it (none when the data records none,
e.g. an unexplained removal) and, always, the acts the entry is listed under.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import attrs

from .dates import PartialDate, to_date
from .errors import UsageError
from .model import Entry, Instrument, ListInfo
from .nameindex import NameIndex
from .names import Reason, normalize
from .reconcile import Change
from .registry import DesignationList, Registry
from .scores import DEFAULT_THRESHOLD
from .subjects import Subject
from .vocab import STATUS_AFTER, Action, ChangeKind, EntryStatus, EntryType, Verdict

__all__ = ["Pending", "ScreenHit", "Screening", "Skipped", "screen"]

_ACTION = {
    ChangeKind.ADDED: Action.LISTED,
    ChangeKind.REMOVED: Action.DELISTED,
    ChangeKind.AMENDED: Action.AMENDED,
}


@attrs.frozen
class Pending:
    """A change of status (listed, delisted, suspended, reinstated) that the list's next
    snapshot records for an entry, effective on or before the day screened: the list in force
    on that day does not show it yet."""

    action: Action
    effective: PartialDate
    basis: tuple[Instrument, ...]
    #: The snapshot that records it.
    recorded: dt.date
    #: ``False`` when ``effective`` is known only to the month or year and its period holds the
    #: day screened (a delisting in "2023-12", screened on 2023-12-15): it may not have taken
    #: effect yet. ``True`` when it had taken effect by that day.
    certain: bool


@attrs.frozen
class ScreenHit:
    """One of the user's names matched to one list entry."""

    subject: Subject
    info: ListInfo
    entry: Entry
    #: The entry's name (as the list writes it) that matched.
    matched: str
    score: float
    reason: Reason
    #: ``active``, ``suspended`` or ``delisted`` on the date (or at the end of the period); in
    #: ``on`` mode the list's in force, unless ``pending`` had surely taken effect by then.
    status: str
    #: The change that made the entry relevant (``added``, ``removed``, ``amended``); ``None``
    #: when screening against the lists in force on a date.
    change: ChangeKind | None
    #: What the change did, when it took effect, and the legal acts behind it (empty when the
    #: data records no act for it).
    action: Action | None
    effective: PartialDate | None
    basis: tuple[Instrument, ...]
    #: The acts the entry is listed under (its own ``basis``).
    listed_under: tuple[Instrument, ...]
    #: What is known of the change's legal basis (``None`` when not screening changes).
    verdict: Verdict | None = None
    #: ``on`` mode: a change of the entry's status that the next snapshot records as effective
    #: on or before the day (``status`` is the list's in force, which does not show it yet).
    pending: Pending | None = None

    @property
    def list_id(self) -> str:
        return self.info.id


@attrs.frozen
class Skipped:
    """A list that could not be screened against, and why."""

    list_id: str
    reason: str


@attrs.frozen
class Screening:
    """The result of :func:`screen`: hits in the order of the user's names, each name's best
    first (then by list and entry id)."""

    subjects: int
    threshold: float
    lists: tuple[str, ...]
    hits: tuple[ScreenHit, ...]
    skipped: tuple[Skipped, ...] = ()
    #: The date screened against (``on`` mode), else ``None``.
    on: dt.date | None = None
    #: The period whose changes were screened against (changes mode), else ``None``.
    since: dt.date | None = None
    until: dt.date | None = None

    @property
    def changes_mode(self) -> bool:
        return self.since is not None or self.until is not None


@attrs.frozen
class _Target:
    info: ListInfo
    entry: Entry
    status: str
    change: Change | None
    listed_under: tuple[Instrument, ...]
    pending: Pending | None = None


def _status(entry: Entry) -> str:
    return "suspended" if entry.status is EntryStatus.SUSPENDED else "active"


def _subjects(names: Iterable[Subject | str]) -> list[Subject]:
    subjects = [Subject(n) if isinstance(n, str) else n for n in names]
    for number, subject in enumerate(subjects, start=1):
        if not normalize(subject.name):
            where = f"line {subject.line}" if subject.line else f"name {number}"
            raise UsageError(f"{where}: the name is empty; give every name some letters")
    return subjects


def _in_force(
    registry: Registry, ids: Sequence[str], on: dt.date
) -> tuple[list[_Target], list[Skipped]]:
    targets, skipped = [], []
    for list_id in ids:
        lst = registry[list_id]
        try:
            snap = lst.snapshot(on)
        except LookupError as exc:
            skipped.append(Skipped(list_id, str(exc)))
            continue
        pending = _pending(lst, snap.as_of, on)
        for entry in snap.entries:
            basis = snap.info.resolve(entry.basis)
            later = pending.get(entry.id)
            # A change that had surely taken effect gives the status on the day; one whose day
            # is not known leaves the list's, with the change beside it.
            status = STATUS_AFTER[later.action] if later and later.certain else _status(entry)
            targets.append(_Target(snap.info, entry, status, None, basis, later))
    return targets, skipped


def _pending(lst: DesignationList, in_force: dt.date, on: dt.date) -> dict[str, Pending]:
    """Entry id -> the first change of status that the snapshot after ``in_force`` records as
    effective on or before ``on`` (a whole-entry change: a record with a scope leaves the
    entry listed)."""
    later = [d for d in lst.dates if d > in_force]
    if not later:
        return {}
    snap = lst.load(later[0])
    found: dict[str, Pending] = {}
    for record in snap.changes:
        if record.action in STATUS_AFTER and not record.scope and record.effective.start <= on:
            found.setdefault(
                record.entry,
                Pending(
                    record.action,
                    record.effective,
                    snap.info.resolve(record.basis),
                    snap.as_of,
                    record.effective.end <= on,
                ),
            )
    return found


def _changed(
    registry: Registry, ids: Sequence[str], since: dt.date | None, until: dt.date | None
) -> tuple[list[_Target], list[Skipped]]:
    targets, skipped = [], []
    for list_id in ids:
        lst = registry[list_id]
        if not lst.dates:
            skipped.append(Skipped(list_id, f"list {list_id!r} has no snapshots"))
            continue
        # A period that starts before the list's first snapshot covers it from that snapshot
        # on (what the list held then is its start, not a change); one that ends before it is
        # skipped, with the reason.
        start = max(since, lst.dates[0]) if since is not None else lst.dates[0]
        end = until if until is not None else lst.dates[-1]
        try:
            found = lst.diff(start, end)
        except LookupError as exc:
            skipped.append(Skipped(list_id, str(exc)))
            continue
        for change in found.changes:
            if change.verdict in (Verdict.NOT_COVERED, Verdict.EDITORIAL):
                continue
            removed = change.kind is ChangeKind.REMOVED
            status = "delisted" if removed else _status(change.entry)
            basis = found.new.info.resolve(change.entry.basis)
            targets.append(_Target(found.new.info, change.entry, status, change, basis))
            if change.old is not None and change.new is not None:
                # an amended entry is also found by the names it had before
                targets.append(_Target(found.new.info, change.old, status, change, basis))
    return targets, skipped


def _hit(subject: Subject, target: _Target, matched: str, score: float, why: Reason) -> ScreenHit:
    change = target.change
    entry = change.entry if change is not None else target.entry
    if change is None:
        return ScreenHit(
            subject, target.info, entry, matched, score, why, target.status, None, None, None,
            target.listed_under, target.listed_under, None, target.pending,
        )  # fmt: skip
    action = change.action if change.action is not None else _ACTION.get(change.kind)
    return ScreenHit(
        subject, target.info, entry, matched, score, why, target.status, change.kind, action,
        change.effective, change.basis, target.listed_under, change.verdict,
    )  # fmt: skip


def _type_fits(subject: Subject, entry: Entry) -> bool:
    return subject.type is None or entry.type in (subject.type, EntryType.OTHER)


def screen(
    registry: Registry,
    names: Iterable[Subject | str],
    *,
    on: dt.date | str | None = None,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    lists: Sequence[str] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> Screening:
    """Screen names (``Subject`` records, e.g. from :func:`designations.read_subjects`, or plain
    strings) against the lists of a registry (``lists``: those ids only).

    Without ``since``/``until``: against every entry of the snapshot in force on ``on`` (default:
    today) in each list. With ``since`` and/or ``until``: against only the entries added,
    removed or amended (editorial amendments aside) between the snapshots in force on those
    dates (default: each list's first and latest). A list with no snapshot in force on a date
    asked about is skipped and said so. Names scoring below ``threshold`` are not hits."""
    if on is not None and (since is not None or until is not None):
        raise UsageError("--on screens against the lists in force on a date; --since/--until "
                         "against the changes of a period: give one or the other")  # fmt: skip
    if not 0.0 < threshold <= 1.0:
        raise UsageError(f"--threshold: {threshold} is not a score between 0 and 1")
    subjects = _subjects(names)
    ids = list(lists) if lists else registry.lists()
    for list_id in ids:
        registry[list_id]  # an unknown list is a usage error, before any work
    day = start = end = None
    if since is not None or until is not None:
        start = to_date(since, "--since") if since is not None else None
        end = to_date(until, "--until") if until is not None else None
        if start is not None and end is not None and start > end:
            raise UsageError(f"--since ({start}) must not be after --until ({end})")
        targets, skipped = _changed(registry, ids, start, end)
    else:
        day = to_date(on, "--on") if on is not None else dt.date.today()
        targets, skipped = _in_force(registry, ids, day)
    index = NameIndex()
    for number, target in enumerate(targets):
        index.add(str(number), target.entry)
    hits: dict[tuple[int, str, str], ScreenHit] = {}
    for row, subject in enumerate(subjects):
        for found in index.search(subject.name, threshold):
            target = targets[int(found.list_id)]
            key = (row, target.info.id, target.entry.id)
            if not _type_fits(subject, target.entry) or key in hits:
                continue  # (an amended entry's old and new names: the best is kept)
            hits[key] = _hit(subject, target, found.matched, found.score, found.reason)
    ordered = sorted(hits.items(), key=lambda kv: (kv[0][0], -kv[1].score, kv[0][1], kv[0][2]))
    return Screening(
        len(subjects),
        threshold,
        tuple(ids),
        tuple(hit for _, hit in ordered),
        tuple(skipped),
        day,
        start,
        end,
    )
