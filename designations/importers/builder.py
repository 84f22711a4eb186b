"""The snapshot builder: a ``Source``'s drafts, the list's info and its previous snapshot to
the new ``ListInfo`` and ``Snapshot``.

Conventions (documented in ``docs/importers.md``):
- ``listed_on`` is the source's listing date where it gives one; otherwise the entry has no
  ``listed_on`` but ``first_seen``: the ``as_of`` of the first publication that held it (kept
  from the previous snapshot). No date is ever made up;
- a programme that an existing entry gains is an ``amended`` change citing its instrument;
  removals get no change record: an official file does not name the act that delisted anyone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import attrs

from ..dates import PartialDate
from ..errors import DataError, Problem
from ..model import ChangeRecord, Entry, Instrument, ListInfo, Snapshot
from ..vocab import Action, Completeness, Evidence
from .source import Source, entry_id

__all__ = ["build"]


def _sort_key(entry: Entry) -> tuple[int, int, str]:
    return (0, int(entry.id), "") if entry.id.isdigit() else (1, 0, entry.id)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _first_seen(before: Entry | None, as_of: dt.date) -> dt.date:
    """When an entry the source gives no listing date for was first seen: kept from the
    previous snapshot (whose ``listed_on``, written by importers before ``first_seen`` existed,
    was that date too), else this publication's ``as_of``."""
    if before is None:
        return as_of
    if before.first_seen is not None:
        return before.first_seen
    return before.since.start


def build(
    source: Source,
    list_id: str,
    as_of: dt.date,
    info: ListInfo | None,
    previous: Snapshot | None,
) -> tuple[ListInfo, Snapshot]:
    """The list's info (with any instrument the source needs added) and the new snapshot."""
    known: dict[str, Instrument] = {i.id: i for i in info.instruments} if info else {}
    added: dict[str, Instrument] = {}
    tag_ids: dict[str, tuple[str, ...]] = {}
    tag_of: dict[str, str] = {}

    def ids_for(tag: str) -> tuple[str, ...]:
        if tag not in tag_ids:
            ids = []
            for inst in source.resolve(tag, as_of):
                if inst.id not in known and inst.id not in added:
                    added[inst.id] = inst
                ids.append(inst.id)
                tag_of.setdefault(inst.id, tag)
            tag_ids[tag] = tuple(ids)
        return tag_ids[tag]

    entries: list[Entry] = []
    seen: dict[str, int] = {}
    problems: list[Problem] = []
    for draft in source.drafts:
        eid = entry_id(draft.key)
        if eid is None:
            problems.append(
                Problem(source.path, draft.line, "id", "bad-id", f"id {draft.key!r} is not usable")
            )
            continue
        if eid in seen:
            problems.append(
                Problem(
                    source.path,
                    draft.line,
                    "id",
                    "duplicate-id",
                    f"id {draft.key!r} is used twice (first at line {seen[eid]})",
                )
            )
            continue
        seen[eid] = draft.line
        basis = _unique(i for tag in draft.programs for i in ids_for(tag))
        if not basis:
            problems.append(
                Problem(source.path, draft.line, "program", "missing-field", "no programme")
            )
            continue
        before = previous.entry(eid) if previous is not None else None
        listed_on = draft.listed_on
        first_seen = None
        if listed_on is None:
            first_seen = _first_seen(before, as_of)
        elif listed_on.start > as_of:
            problems.append(
                Problem(
                    source.path,
                    draft.line,
                    "listed_on",
                    "listed-after-as-of",
                    f"record {draft.key}: listing date {listed_on} is after the file's "
                    f"date {as_of}",
                )
            )
            continue
        entries.append(
            Entry(
                eid,
                draft.name,
                draft.type,
                listed_on,
                basis,
                draft.names,
                refs=tuple(sorted(draft.refs)),
                notes=draft.notes,
                first_seen=first_seen,
            )
        )
    if problems:
        raise DataError(problems)
    entries.sort(key=_sort_key)
    instruments = (*(info.instruments if info else ()), *added.values())
    if info is None:
        t = source.template
        # A list made from official files: a change seen in one is evidenced by it.
        new_info = ListInfo(
            list_id,
            t.jurisdiction,
            t.name,
            t.authority,
            tuple(instruments),
            url=t.url,
            evidence=Evidence.PUBLICATION,
        )
    else:
        new_info = attrs.evolve(info, instruments=tuple(instruments))
    changes = _amendments(entries, previous, as_of, tag_of) if previous is not None else ()
    snapshot = Snapshot(
        list_id,
        as_of,
        Completeness.COMPLETE,
        (source.url,),
        tuple(entries),
        new_info,
        tuple(changes),
    )
    return new_info, snapshot


def _amendments(
    entries: Sequence[Entry], previous: Snapshot, as_of: dt.date, tag_of: dict[str, str]
) -> list[ChangeRecord]:
    """An ``amended`` record for each entry that gained a programme, citing its instrument."""
    records = []
    for entry in entries:
        before = previous.entry(entry.id)
        if before is None:
            continue
        gained = tuple(i for i in entry.basis if i not in before.basis)
        if gained:
            tags = ", ".join(_unique(tag_of.get(i, i) for i in gained))
            records.append(
                ChangeRecord(
                    entry.id,
                    Action.AMENDED,
                    gained,
                    PartialDate.of(as_of),
                    f"Programme added in the source file: {tags}. Effective is the file's "
                    "date; the source does not give the date of the act.",
                )
            )
    return records
