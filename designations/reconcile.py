"""Reconciliation: every structural change is matched with the legal act that explains it, and
given its one verdict here.

Implements the table of the format's "Reconciliation" section. ``diff_window`` is the one way a
window of snapshots becomes changes (``diff`` is its two-snapshot case; the registry's
``DesignationList.diff`` and ``diff --base`` both call it), and ``verdict_of`` is the one place
that decides what is known about a change's legal basis: every count, label, finding and exit
code reads ``Change.verdict``.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence

import attrs

from .dates import PartialDate
from .model import ChangeRecord, Entry, Instrument, ListInfo, Snapshot
from .structural import FieldChange, Structural, structural_diff
from .vocab import Action, ChangeKind, EntryStatus, Evidence, InstrumentKind, Verdict

__all__ = ["Change", "ListDiff", "count_changes", "diff", "diff_window", "verdict_of"]

_KIND_ORDER = {kind: index for index, kind in enumerate(ChangeKind)}
#: Actions a partial snapshot cannot confirm or refute for an entry it does not hold.
_UNVERIFIABLE = (Action.SUSPENDED, Action.REINSTATED, Action.AMENDED)
#: Worst first: a change with several parts (status, basis, particulars) gets its worst part's.
_SEVERITY = (Verdict.UNEXPLAINED, Verdict.PUBLICATION, Verdict.EDITORIAL, Verdict.EXPLAINED)
_KINDS = (ChangeKind.ADDED, ChangeKind.REMOVED, ChangeKind.AMENDED, ChangeKind.REKEYED)


@attrs.frozen
class Change:
    """A structural change with its legal explanation (or the lack of one) and its verdict."""

    kind: ChangeKind
    #: The newer record, or the older one when removed.
    entry: Entry
    old: Entry | None
    new: Entry | None
    action: Action | None
    effective: PartialDate | None
    basis: tuple[Instrument, ...]
    verdict: Verdict
    fields: tuple[FieldChange, ...] = ()
    #: The change records that account for this change.
    records: tuple[ChangeRecord, ...] = ()

    @property
    def name(self) -> str:
        return self.entry.name

    @property
    def old_entry(self) -> str | None:
        """For a ``rekeyed`` change, the entry's old id (``entry`` holds the new one)."""
        if self.kind is ChangeKind.REKEYED and self.old is not None:
            return self.old.id
        return None

    @property
    def explained(self) -> bool:
        """``verdict is Verdict.EXPLAINED`` (read-only, for the library)."""
        return self.verdict is Verdict.EXPLAINED

    @property
    def editorial(self) -> bool:
        """``verdict is Verdict.EDITORIAL`` (read-only, for the library)."""
        return self.verdict is Verdict.EDITORIAL

    @property
    def editorial_fields(self) -> tuple[FieldChange, ...]:
        """Particulars (fields other than ``status`` and ``basis``) that changed with no
        ``amended`` record to explain them."""
        if any(r.action is Action.AMENDED for r in self.records):
            return ()
        return tuple(f for f in self.fields if not _structural_path(f.path))


def _structural_path(path: str) -> bool:
    return path == "status" or path == "basis" or path.startswith("basis[")


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

    def with_verdict(self, verdict: Verdict) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.verdict is verdict)

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
    def rekeyed(self) -> tuple[Change, ...]:
        return self._of(ChangeKind.REKEYED)

    @property
    def not_covered(self) -> tuple[Change, ...]:
        return self._of(ChangeKind.NOT_COVERED)

    @property
    def unexplained(self) -> tuple[Change, ...]:
        """The changes whose verdict is ``unexplained``."""
        return self.with_verdict(Verdict.UNEXPLAINED)

    @property
    def has_changes(self) -> bool:
        """Whether anything changed (not-covered changes and phantoms aside)."""
        return any(c.verdict is not Verdict.NOT_COVERED for c in self.changes)

    def summary(self) -> dict[str, int]:
        """The changes counted by kind and by verdict (see :func:`count_changes`), and the
        phantom records."""
        return {**count_changes(self.changes), "phantom": len(self.phantoms)}


def count_changes(changes: Iterable[Change]) -> dict[str, int]:
    """Changes counted by kind (``added``, ``removed``, ``amended``, ``rekeyed``,
    ``not_covered``), then by verdict (``explained``, ``publication``, ``editorial``,
    ``unexplained``); a not-covered change is counted once, as ``not_covered``, which is both
    its kind and its verdict."""
    counts = {k.value: 0 for k in _KINDS}
    counts["not_covered"] = 0
    counts.update({v.value: 0 for v in Verdict if v is not Verdict.NOT_COVERED})
    for change in changes:
        if change.verdict is Verdict.NOT_COVERED:
            counts["not_covered"] += 1
        else:
            counts[change.kind.value] += 1
            counts[change.verdict.value] += 1
    return counts


def verdict_of(
    kind: ChangeKind,
    basis: tuple[Instrument, ...] | None,
    info: ListInfo,
    *,
    particulars: bool = False,
) -> Verdict:
    """The one decision of what is known about the legal basis of one (part of a) change.

    ``basis`` is the resolved instruments of what explains it (``None`` when nothing does);
    ``particulars`` says the part is an amendment of particulars only (not status, not basis).
    An act explains; a programme or regime tag alone names no act, so on a list whose evidence
    is the publication it is ``publication``, as is a change with nothing to explain it there.
    """
    if kind is ChangeKind.NOT_COVERED:
        return Verdict.NOT_COVERED
    if basis and any(i.kind is not InstrumentKind.PROGRAMME for i in basis):
        return Verdict.EXPLAINED
    if basis is None and particulars:
        return Verdict.EDITORIAL
    if info.evidence is Evidence.PUBLICATION:
        return Verdict.PUBLICATION
    return Verdict.UNEXPLAINED


def _worst(verdicts: Sequence[Verdict]) -> Verdict:
    return min(verdicts, key=_SEVERITY.index)


class _Records:
    """The change records of a window, by entry, each usable once."""

    def __init__(self, records: Sequence[ChangeRecord]) -> None:
        self.by_entry: dict[str, list[ChangeRecord]] = defaultdict(list)
        for record in sorted(records, key=lambda r: r.effective):
            self.by_entry[record.entry].append(record)
        self.used: set[int] = set()

    def take(self, entry_id: str, *actions: Action) -> ChangeRecord | None:
        """The latest unused record for the entry with one of these actions and no ``scope``
        (a record about the whole entry), marked used."""
        for record in reversed(self.by_entry.get(entry_id, ())):
            if record.action in actions and not record.scope and id(record) not in self.used:
                self.used.add(id(record))
                return record
        return None

    def take_scoped(
        self, entry_id: str, action: Action, instruments: set[str]
    ) -> list[ChangeRecord]:
        """Every unused record for the entry with this action whose ``scope`` names one of
        these instruments, marked used."""
        found = []
        for record in self.by_entry.get(entry_id, ()):
            if (
                record.action is action
                and id(record) not in self.used
                and instruments.intersection(record.scope)
            ):
                self.used.add(id(record))
                found.append(record)
        return found

    def unused(self, records: Sequence[ChangeRecord]) -> tuple[ChangeRecord, ...]:
        return tuple(r for r in records if id(r) not in self.used)


class _Reconciler:
    """Matches each structural change of one window with its records and gives its verdict."""

    def __init__(self, old: Snapshot, new: Snapshot, records: Sequence[ChangeRecord]) -> None:
        self.old, self.new, self.info = old, new, new.info
        self.recs = _Records(records)

    def basis(self, record: ChangeRecord | None) -> tuple[Instrument, ...] | None:
        return None if record is None else self.info.resolve(record.basis)

    def change(
        self,
        s: Structural,
        verdict: Verdict,
        lead: ChangeRecord | None,
        taken: Sequence[ChangeRecord | None] = (),
        *,
        kind: ChangeKind | None = None,
    ) -> Change:
        return Change(
            kind or s.kind,
            s.entry,
            s.old,
            s.new,
            lead.action if lead else None,
            lead.effective if lead else None,
            self.info.resolve(lead.basis) if lead else (),
            verdict,
            s.fields,
            tuple(r for r in taken if r is not None),
        )

    def added(self, s: Structural) -> Change:
        entry = s.entry
        record = self.recs.take(entry.id, Action.LISTED, Action.REINSTATED)
        if record is not None:
            suspension = None
            if entry.status is EntryStatus.SUSPENDED:
                suspension = self.recs.take(entry.id, Action.SUSPENDED)
            verdict = verdict_of(s.kind, self.basis(record), self.info)
            return self.change(s, verdict, record, (record, suspension))
        if entry.listed_on is not None and entry.listed_on.end > self.old.as_of:
            # Its own listed_on, after the previous snapshot, dates the listing under its basis.
            basis = self.info.resolve(entry.basis)
            verdict = verdict_of(s.kind, basis, self.info)
            return Change(
                s.kind, entry, None, entry, Action.LISTED, entry.listed_on, basis, verdict
            )
        if self.old.is_partial:
            return self.not_covered(s)
        return self.change(s, verdict_of(s.kind, None, self.info), None)

    def not_covered(self, s: Structural) -> Change:
        """An entry a partial snapshot does not hold. Records of what happened to it meanwhile
        (suspended, reinstated, amended) cannot be checked against the snapshots, but they are
        not phantoms either: they go with the entry."""
        taken = []
        while (record := self.recs.take(s.entry.id, *_UNVERIFIABLE)) is not None:
            taken.append(record)
        kind = ChangeKind.NOT_COVERED
        return self.change(s, verdict_of(kind, None, self.info), None, taken, kind=kind)

    def removed(self, s: Structural) -> Change:
        record = self.recs.take(s.entry.id, Action.DELISTED)
        if record is None and self.new.is_partial:
            return self.not_covered(s)
        return self.change(s, verdict_of(s.kind, self.basis(record), self.info), record, (record,))

    def amended(self, s: Structural) -> Change:
        entry = s.entry
        status_changed = any(f.path == "status" for f in s.fields)
        basis_changed = any(_structural_path(f.path) and f.path != "status" for f in s.fields)
        particulars = any(not _structural_path(f.path) for f in s.fields)
        amendment = None
        if particulars or any(f.path == "basis[+]" for f in s.fields):
            amendment = self.recs.take(entry.id, Action.AMENDED)
        verdicts: list[Verdict] = []
        lead: ChangeRecord | None = None
        taken: list[ChangeRecord | None] = []
        if status_changed:
            suspended = entry.status is EntryStatus.SUSPENDED
            wanted = Action.SUSPENDED if suspended else Action.REINSTATED
            lead = self.recs.take(entry.id, wanted)
            taken.append(lead)
            verdicts.append(verdict_of(s.kind, self.basis(lead), self.info))
        if basis_changed:
            lost = {f.old for f in s.fields if f.path == "basis[-]"}
            gained = {f.new for f in s.fields if f.path == "basis[+]"}
            for action, ids in ((Action.DELISTED, lost), (Action.LISTED, gained)):
                if not ids:
                    continue
                scoped = self.recs.take_scoped(entry.id, action, ids)
                taken.extend(scoped)
                lead = lead or (scoped[0] if scoped else None)
                covered = {i for r in scoped for i in r.scope}
                if ids <= covered:
                    acts = self.info.resolve(i for r in scoped for i in r.basis)
                    verdicts.append(verdict_of(s.kind, acts, self.info))
                elif action is Action.LISTED and amendment is not None:
                    # an 'amended' record also explains an instrument added to the basis
                    verdicts.append(verdict_of(s.kind, self.basis(amendment), self.info))
                else:
                    verdicts.append(verdict_of(s.kind, None, self.info))
        if particulars:
            verdicts.append(verdict_of(s.kind, self.basis(amendment), self.info, particulars=True))
        taken.append(amendment)
        lead = lead or amendment
        return self.change(s, _worst(verdicts), lead, taken)

    def rekeyed(self, s: Structural) -> Change:
        """One entry under a new id: records about it (an ``amended`` record of the new id,
        or a ``listed`` of the new id and a ``delisted`` of the old) go with it. Without any, a
        re-keying is the keeper's bookkeeping, editorial (``check`` warns on every re-key)."""
        assert s.old is not None and s.new is not None
        amendment = self.recs.take(s.new.id, Action.AMENDED)
        listing = self.recs.take(s.new.id, Action.LISTED, Action.REINSTATED)
        delisting = self.recs.take(s.old.id, Action.DELISTED)
        taken = [r for r in (amendment, listing, delisting) if r is not None]
        acts = self.info.resolve(i for r in taken for i in r.basis) if taken else None
        verdict = verdict_of(s.kind, acts, self.info, particulars=True)
        return self.change(s, verdict, taken[0] if taken else None, taken)

    def run(self) -> list[Change]:
        changes: list[Change] = []
        for s in structural_diff(self.old, self.new):
            if s.kind is ChangeKind.ADDED:
                changes.append(self.added(s))
            elif s.kind is ChangeKind.REMOVED:
                changes.append(self.removed(s))
            elif s.kind is ChangeKind.REKEYED:
                changes.append(self.rekeyed(s))
            else:
                changes.append(self.amended(s))
        changes.sort(key=lambda c: (_KIND_ORDER[c.kind], c.entry.id))
        return changes


def _reconcile(
    old: Snapshot,
    new: Snapshot,
    records: Sequence[ChangeRecord],
    phantoms: Sequence[ChangeRecord] | None = None,
) -> ListDiff:
    if old.list_id != new.list_id:
        raise ValueError(f"cannot diff list {old.list_id!r} with list {new.list_id!r}")
    reconciler = _Reconciler(old, new, records)
    changes = reconciler.run()
    found = reconciler.recs.unused(records) if phantoms is None else tuple(phantoms)
    found = tuple(sorted(found, key=lambda r: (r.entry, r.effective, r.line)))
    return ListDiff(new.list_id, old, new, tuple(changes), found)


def diff_window(
    snapshots: Sequence[Snapshot],
    records: Sequence[Sequence[ChangeRecord]] | None = None,
) -> ListDiff:
    """What changed from the first of these snapshots (oldest first) to the last.

    ``records`` are the change records of each step (``records[i]`` between ``snapshots[i]``
    and ``snapshots[i + 1]``; default: each newer snapshot's own). The records of every step
    apply to the whole window; a record is a phantom when it is one in its own step. One
    snapshot is a window with nothing in it.
    """
    if not snapshots:
        raise ValueError("a window needs at least one snapshot")
    steps = list(itertools.pairwise(snapshots))
    if records is None:
        per_step = [tuple(newer.changes) for _, newer in steps]
    else:
        per_step = [tuple(r) for r in records]
    if len(per_step) != len(steps):
        raise ValueError(f"{len(steps)} steps but change records for {len(per_step)}")
    old, new = snapshots[0], snapshots[-1]
    if len(steps) <= 1:
        return _reconcile(old, new, per_step[0] if steps else ())
    phantoms = [
        p
        for (a, b), recs in zip(steps, per_step, strict=True)
        for p in _reconcile(a, b, recs).phantoms
    ]
    applied = [r for recs in per_step for r in recs]
    return _reconcile(old, new, applied, phantoms)


def diff(old: Snapshot, new: Snapshot, records: Sequence[ChangeRecord] | None = None) -> ListDiff:
    """Diff two snapshots of one list and reconcile the changes with the legal acts recorded.

    ``records`` are the change records that apply (default: the newer snapshot's own, which is
    right for consecutive snapshots); for a window of several, see :func:`diff_window`.
    """
    return diff_window((old, new), None if records is None else (records,))
