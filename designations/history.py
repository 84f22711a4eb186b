"""The story of one entity across lists: where it is designated, its status on a date, and the
dated legal acts that made it so.

Events come from the snapshots and their change records, oldest first: the listing (from the
first snapshot holding the entry, dated by its ``listed_on``, on its ``basis``, unless a change
record lists it), then every change record or structural change that concerns the entry. A status
is read off the events up to the date asked about, so it follows the acts' effective dates rather
than the dates the snapshots were taken. An entry missing from a *partial* snapshot without a
``delisted`` record is not delisted: it is simply not covered, and keeps its last known status.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

import attrs

from .dates import PartialDate
from .model import ChangeRecord, Entry, Instrument, ListInfo, Snapshot
from .reconcile import diff
from .registry import DesignationList, Registry, to_date
from .textmatch import NameKey, key, rank
from .vocab import Action, ChangeKind, EntryStatus, Verdict

__all__ = ["Event", "History", "Match", "Standing", "history"]


class Standing(enum.Enum):
    """An entity's status on one list on a date."""

    ACTIVE = "active"  #: designated, the designation in effect
    SUSPENDED = "suspended"  #: designated, but the ban is suspended
    DELISTED = "delisted"  #: was designated, no longer is


_STANDING = {
    Action.LISTED: Standing.ACTIVE,
    Action.REINSTATED: Standing.ACTIVE,
    Action.SUSPENDED: Standing.SUSPENDED,
    Action.DELISTED: Standing.DELISTED,
}


@attrs.frozen
class Event:
    """One dated step in an entry's life: what happened, when, recorded in which snapshot, and
    under which acts. ``explained`` is false where the data shows the change but no act for it."""

    date: PartialDate
    action: Action
    snapshot: dt.date
    basis: tuple[Instrument, ...]
    explained: bool = True
    note: str | None = None


@attrs.frozen
class Match:
    """One list's entry for the entity: its latest record, its status and its events."""

    info: ListInfo
    entry: Entry
    #: ``None`` when the date asked about is before the first event (not yet designated).
    status: Standing | None
    #: The event the status rests on (its act), where there is one.
    because: Event | None
    events: tuple[Event, ...]
    #: What the query matched: ``id``, a cross-reference ``scheme:id``, or the name matched.
    matched: str

    @property
    def list_id(self) -> str:
        return self.info.id


@attrs.frozen
class History:
    """Every list's entry for an entity; ``on`` is the date statuses are given for (else now)."""

    query: str
    on: dt.date | None
    matches: tuple[Match, ...]


def _record_event(record: ChangeRecord, snap: Snapshot) -> Event:
    return Event(
        record.effective,
        record.action,
        snap.as_of,
        snap.info.resolve(record.basis),
        note=record.note,
    )


def _appearance(entry: Entry, snap: Snapshot, records: list[ChangeRecord]) -> list[Event]:
    """Events for an entry first seen in ``snap``: its listing (unless a record lists it), its
    records, and a suspension the snapshot shows but no record explains."""
    events = [_record_event(r, snap) for r in records]
    if not any(r.action in (Action.LISTED, Action.REINSTATED) for r in records):
        basis = snap.info.resolve(entry.basis)
        events.insert(0, Event(entry.listed_on, Action.LISTED, snap.as_of, basis))
    if entry.status is EntryStatus.SUSPENDED and not any(
        r.action is Action.SUSPENDED for r in records
    ):
        events.append(Event(PartialDate.of(snap.as_of), Action.SUSPENDED, snap.as_of, (), False))
    return events


def _only(snap: Snapshot, entry_id: str) -> Snapshot:
    """The snapshot cut down to one entry and its records: the diff then costs nothing."""
    entry = snap.entry(entry_id)
    return attrs.evolve(
        snap,
        entries=(entry,) if entry is not None else (),
        changes=tuple(r for r in snap.changes if r.entry == entry_id),
    )


def _derived(kind: ChangeKind, new: Entry | None) -> Action:
    if kind is ChangeKind.ADDED:
        return Action.LISTED
    if kind is ChangeKind.REMOVED:
        return Action.DELISTED
    if new is not None and new.status is EntryStatus.SUSPENDED:
        return Action.SUSPENDED
    return Action.REINSTATED


def events_of(lst: DesignationList, entry_id: str) -> tuple[Event, ...]:
    """An entry's events in one list, oldest first."""
    events: list[Event] = []
    previous: Snapshot | None = None
    seen = False
    for day in lst.dates:
        current = _only(lst.load(day), entry_id)
        entry = current.entry(entry_id)
        if previous is None:
            if entry is not None:
                events += _appearance(entry, current, list(current.changes))
                seen = True
            else:  # history records of an entry the first snapshot no longer holds
                events += [_record_event(r, current) for r in current.changes]
            previous = current
            continue
        changes = diff(previous, current).changes
        for change in changes:
            first = not seen and change.new is not None
            if first or (change.kind is ChangeKind.NOT_COVERED and change.new is not None):
                if first:
                    events += _appearance(change.entry, current, list(change.records))
                    seen = True
                continue
            if change.verdict in (Verdict.NOT_COVERED, Verdict.EDITORIAL):
                continue
            if change.records:
                events += [_record_event(r, current) for r in change.records]
            elif (
                change.verdict is Verdict.EXPLAINED
                and change.action is not None
                and change.effective is not None
            ):
                events.append(Event(change.effective, change.action, day, change.basis))
            else:
                action = _derived(change.kind, change.new)
                events.append(Event(PartialDate.of(day), action, day, (), False))
        removed = any(c.kind is ChangeKind.REMOVED for c in changes)
        if entry is not None or removed or not current.is_partial:
            previous = current
        # else: a partial snapshot that does not cover the entry; the next one is compared with
        # the last that held it, so the entry does not come back as "added".
    return tuple(sorted(events, key=lambda e: e.date.start))


def standing(events: Iterable[Event], on: dt.date | None) -> tuple[Standing | None, Event | None]:
    """The status the events give on a date (else after the last), and the event it rests on."""
    state: Standing | None = None
    because: Event | None = None
    for event in events:
        if on is not None and event.date.start > on:
            break
        if event.action in _STANDING:
            state, because = _STANDING[event.action], event
    return state, because


def _ref_query(query: str) -> tuple[str, str] | None:
    scheme, sep, value = query.partition(":")
    if not sep or not scheme.strip() or not value.strip() or " " in scheme.strip():
        return None
    return scheme.strip().casefold(), value.strip().casefold()


def _find(lst: DesignationList, query: str, wanted: NameKey) -> dict[str, tuple[int, str]]:
    """The ids of the entries the query finds in any snapshot, each with its rank (2: the id,
    a cross-reference or a whole name; 1: words inside a name) and what matched."""
    ref = _ref_query(query)
    folded = query.strip().casefold()
    found: dict[str, tuple[int, str]] = {}
    checked: dict[str, set[str]] = {}
    for day in lst.dates:
        for entry in lst.load(day).entries:
            best = found.get(entry.id, (0, ""))
            if best[0] == 2:
                continue
            if entry.id == folded:
                found[entry.id] = (2, "id")
                continue
            if ref is not None and any((s.casefold(), v.casefold()) == ref for s, v in entry.refs):
                found[entry.id] = (2, f"{ref[0]}:{ref[1]}")
                continue
            done = checked.setdefault(entry.id, set())
            for name in entry.all_names():
                if name in done:
                    continue
                done.add(name)
                level = rank(wanted, key(name))
                if level > best[0]:
                    best = (level, name)
                    found[entry.id] = best
                if level == 2:
                    break
    return found


def _latest(lst: DesignationList, entry_id: str) -> Entry:
    for day in reversed(lst.dates):
        entry = lst.load(day).entry(entry_id)
        if entry is not None:
            return entry
    raise LookupError(entry_id)  # pragma: no cover - only ids found in a snapshot get here


def history(registry: Registry, query: str, on: dt.date | str | None = None) -> History:
    """Every list's entry for the entity the query names (an entry id, a name or alias in any
    script, or a cross-reference such as ``wikidata:Q42418``), with its status on ``on`` (else
    now) and its events. In each list only the best kind of match is kept: an exact one (id,
    cross-reference or whole name) if there is one, else names that contain the query's words."""
    day = to_date(on, "--on") if on is not None else None
    found: dict[str, list[Match]] = {}
    for lst in registry:
        found.update(_matches(lst, query, day))
    # The same entity on other lists, connected through a shared cross-reference
    # (e.g. wikidata:Q42418) even where its names there do not match the query.
    refs = sorted({f"{s}:{v}" for ms in found.values() for m in ms for s, v in m.entry.refs})
    for lst in registry:
        for ref in refs:
            if lst.id not in found:
                found.update(_matches(lst, ref, day))
    return History(query, day, tuple(m for list_id in sorted(found) for m in found[list_id]))


def _matches(lst: DesignationList, query: str, day: dt.date | None) -> dict[str, list[Match]]:
    hits = _find(lst, query, key(query))
    if not hits:
        return {}
    top = max(level for level, _ in hits.values())
    matches = []
    for entry_id in sorted(i for i, (level, _) in hits.items() if level == top):
        events = events_of(lst, entry_id)
        status, because = standing(events, day)
        entry = _latest(lst, entry_id)
        matches.append(Match(lst.info, entry, status, because, events, hits[entry_id][1]))
    return {lst.id: matches}
