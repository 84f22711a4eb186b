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
import itertools
from collections.abc import Iterable

import attrs

from .dates import PartialDate, to_date
from .errors import UsageError
from .model import ChangeRecord, Entry, Instrument, ListInfo, Snapshot
from .nameindex import Hit, registry_index
from .names import Reason, normalize
from .reconcile import diff
from .registry import DesignationList, Registry
from .scores import DEFAULT_THRESHOLD
from .structural import structural_diff
from .vocab import STATUS_AFTER, Action, ChangeKind, EntryStatus, Verdict

__all__ = ["Event", "History", "Match", "Standing", "history"]


class Standing(enum.Enum):
    """An entity's status on one list on a date."""

    ACTIVE = "active"  #: designated, the designation in effect
    SUSPENDED = "suspended"  #: designated, but the ban is suspended
    DELISTED = "delisted"  #: was designated, no longer is


_STANDING = {action: Standing(status) for action, status in STATUS_AFTER.items()}


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
    #: The source gives no listing date: ``date`` is the publication the entry was first seen
    #: in, not the date of its listing.
    first_seen: bool = False
    #: A listing or delisting under these instruments only (a record's ``scope``): the entry
    #: stays on the list (a re-listing by a new act), so its status does not change.
    scope: tuple[Instrument, ...] = ()

    @property
    def scoped(self) -> bool:
        return bool(self.scope)

    @property
    def label(self) -> str:
        """What happened, in words: the action, or "first seen" (never "listed") for an entry
        whose listing date the source does not give."""
        return "first seen" if self.first_seen else self.action.value


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
    #: How well, from 0 to 1, and why (see :mod:`designations.names`).
    score: float = 1.0
    reason: Reason = Reason.EXACT
    #: The date asked about falls within the period of a date known only to the month or year
    #: (a delisting in "2023-12", asked about on 2023-12-15): the status may not yet hold.
    unsettled: bool = False
    #: The id the query matched when the entity has since been re-keyed (``entry`` is under
    #: its current id); ``None`` otherwise.
    former_id: str | None = None

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
        scope=snap.info.resolve(record.scope),
    )


def _appearance(entry: Entry, snap: Snapshot, records: list[ChangeRecord]) -> list[Event]:
    """Events for an entry first seen in ``snap``: its listing (unless a record lists it), its
    records, and a suspension the snapshot shows but no record explains."""
    events = [_record_event(r, snap) for r in records]
    if not any(r.action in (Action.LISTED, Action.REINSTATED) for r in records):
        basis = snap.info.resolve(entry.basis)
        events.insert(
            0,
            Event(
                entry.since, Action.LISTED, snap.as_of, basis, first_seen=entry.listed_on is None
            ),
        )
    if entry.status is EntryStatus.SUSPENDED and not any(
        r.action is Action.SUSPENDED for r in records
    ):
        events.append(Event(PartialDate.of(snap.as_of), Action.SUSPENDED, snap.as_of, (), False))
    return events


def _only(snap: Snapshot, ids: frozenset[str]) -> Snapshot:
    """The snapshot cut down to the entity's entries and their records: the diff then costs
    nothing."""
    return attrs.evolve(
        snap,
        entries=tuple(e for e in snap.entries if e.id in ids),
        changes=tuple(r for r in snap.changes if r.entry in ids),
    )


def entity_ids(lst: DesignationList, entry_id: str) -> frozenset[str]:
    """The ids one entity has had in a list: ``entry_id`` and every id it was re-keyed to or
    from, as the list's diffs judge re-keyings (a removal and an addition sharing one value of a
    stable scheme, ``refs.un`` unless ``stable_refs`` says otherwise, one to one)."""
    schemes = set(lst.info.stable_refs)
    snaps = [lst.load(day) for day in lst.dates]
    keys = {
        (scheme, value)
        for snap in snaps
        if (entry := snap.entry(entry_id)) is not None
        for scheme, value in entry.refs
        if scheme in schemes
    }
    if not keys:
        return frozenset({entry_id})

    def sharing(snap: Snapshot) -> Snapshot:
        entries = tuple(e for e in snap.entries if any(ref in keys for ref in e.refs))
        return attrs.evolve(snap, entries=entries, changes=())

    pairs = [
        (s.old.id, s.new.id)
        for old, new in itertools.pairwise(snaps)
        for s in structural_diff(sharing(old), sharing(new))
        if s.kind is ChangeKind.REKEYED and s.old is not None and s.new is not None
    ]
    ids = {entry_id}
    grown = True
    while grown:
        grown = False
        for old_id, new_id in pairs:
            if (old_id in ids) != (new_id in ids):
                ids |= {old_id, new_id}
                grown = True
    return frozenset(ids)


def _derived(kind: ChangeKind, new: Entry | None) -> Action:
    if kind is ChangeKind.ADDED:
        return Action.LISTED
    if kind is ChangeKind.REMOVED:
        return Action.DELISTED
    if new is not None and new.status is EntryStatus.SUSPENDED:
        return Action.SUSPENDED
    return Action.REINSTATED


def events_of(lst: DesignationList, ids: frozenset[str]) -> tuple[Event, ...]:
    """An entity's events in one list, oldest first, across its re-keyings (``ids``, from
    :func:`entity_ids`): a new id is an editorial ``amended`` event, not a new listing."""
    events: list[Event] = []
    previous: Snapshot | None = None
    seen = False
    for day in lst.dates:
        current = _only(lst.load(day), ids)
        entry = current.entries[0] if current.entries else None
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
            if change.kind is ChangeKind.REKEYED and not change.records:
                note = f"re-keyed: the id {change.old_entry!r} became {change.entry.id!r}"
                events.append(Event(PartialDate.of(day), Action.AMENDED, day, (), note=note))
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
        if event.action in _STANDING and not event.scoped:
            state, because = _STANDING[event.action], event
    return state, because


def _latest(lst: DesignationList, ids: frozenset[str]) -> Entry:
    for day in reversed(lst.dates):
        snap = lst.load(day)
        for entry_id in sorted(ids):
            if (entry := snap.entry(entry_id)) is not None:
                return entry
    raise LookupError(ids)  # pragma: no cover - only ids found in a snapshot get here


def history(
    registry: Registry,
    query: str,
    on: dt.date | str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> History:
    """Every list's entry for the entity the query names (an entry id, a name or alias in any
    script, in any word order and with spelling variants, or a cross-reference such as
    ``wikidata:Q42418``), with its status on ``on`` (else now) and its events.

    Names are scored from 0 to 1 (see :mod:`designations.names`); those below ``threshold`` are
    left out. In each list only the best-scoring entries are kept (an id, a cross-reference or
    an exact name scores 1). Matches come best first, then by list and entry id. An empty query
    is a ``UsageError``."""
    if not normalize(query):
        raise UsageError("the query is empty: give a name, an entry id or a scheme:id")
    day = to_date(on, "--on") if on is not None else None
    index = registry_index(registry)
    found = _best_per_list([*index.exact(query), *index.search(query, threshold)])
    # The same entity on other lists, connected through a shared cross-reference
    # (e.g. wikidata:Q42418) even where its names there do not match the query.
    refs = sorted(
        {
            f"{scheme}:{value}"
            for list_id, hits_in_list in found.items()
            for hit in hits_in_list
            for scheme, value in _latest(registry[list_id], frozenset({hit.entry_id})).refs
        }
    )
    for ref in refs:
        for hit in index.exact(ref):
            if hit.list_id not in found and hit.reason is Reason.REFERENCE:
                found.setdefault(hit.list_id, []).append(hit)
    # An entity re-keyed in a list is matched under its old id and its new one: one match.
    matches, seen = [], set()
    for list_id, hits in found.items():
        for hit in hits:
            ids = entity_ids(registry[list_id], hit.entry_id)
            if (list_id, ids) not in seen:
                seen.add((list_id, ids))
                matches.append(_match(registry[list_id], hit, day, ids))
    matches.sort(key=lambda m: (-m.score, m.list_id, m.entry.id))
    return History(query, day, tuple(matches))


def _best_per_list(hits: list[Hit]) -> dict[str, list[Hit]]:
    top: dict[str, float] = {}
    for hit in hits:
        top[hit.list_id] = max(top.get(hit.list_id, 0.0), hit.score)
    found: dict[str, list[Hit]] = {}
    seen: set[tuple[str, str]] = set()
    for hit in hits:
        if hit.score == top[hit.list_id] and (hit.list_id, hit.entry_id) not in seen:
            seen.add((hit.list_id, hit.entry_id))
            found.setdefault(hit.list_id, []).append(hit)
    return found


def _match(lst: DesignationList, hit: Hit, day: dt.date | None, ids: frozenset[str]) -> Match:
    events = events_of(lst, ids)
    status, because = standing(events, day)
    entry = _latest(lst, ids)
    unsettled = (
        day is not None
        and because is not None
        and not because.first_seen
        and because.date.start <= day < because.date.end
    )
    former = hit.entry_id if hit.reason is Reason.ID and hit.entry_id != entry.id else None
    return Match(
        lst.info,
        entry,
        status,
        because,
        events,
        hit.matched,
        hit.score,
        hit.reason,
        unsettled,
        former,
    )
