"""Change reports: every change across lists in a date range, with the legal basis of each.

For each list, every pair of consecutive snapshots whose window can hold a change in the range
is diffed once; a change is kept when its effective date (or, where it has none, the newer
snapshot's ``as_of``) falls in the range. A partial date falls in the range when its period
overlaps it. Changes a partial snapshot does not cover are not changes and stay out; a list's
first snapshot has nothing before it, so its entries are not changes either.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence

import attrs

from .dates import PartialDate, to_date
from .model import ChangeRecord, ListInfo
from .reconcile import Change, ListDiff, count_changes
from .registry import DesignationList, Registry
from .vocab import ChangeKind

__all__ = ["Report", "ReportItem", "Section", "build_report", "report_of_diff"]


@attrs.frozen
class ReportItem:
    """One change of one list, with the snapshots it lies between and the date it is filed at."""

    change: Change
    #: The effective date, or the newer snapshot's ``as_of`` where the change has none.
    date: PartialDate
    old_as_of: dt.date
    new_as_of: dt.date

    @property
    def sort_key(self) -> tuple[dt.date, dt.date, str]:
        return (self.date.start, self.new_as_of, self.change.entry.id)


@attrs.frozen
class Section:
    """One list's changes in the range, newest first, and its phantom change records."""

    info: ListInfo
    items: tuple[ReportItem, ...]
    phantoms: tuple[ChangeRecord, ...] = ()

    @property
    def list_id(self) -> str:
        return self.info.id

    def summary(self) -> dict[str, int]:
        """The changes counted, by kind and by verdict (as ``ListDiff.summary``), and the
        phantom records."""
        changes = [i.change for i in self.items]
        return {"changes": len(changes), **count_changes(changes), "phantom": len(self.phantoms)}


@attrs.frozen
class Report:
    """Changes across lists between ``since`` and ``until`` (either open), grouped by list."""

    since: dt.date | None
    until: dt.date | None
    sections: tuple[Section, ...]

    @property
    def items(self) -> tuple[ReportItem, ...]:
        return tuple(i for s in self.sections for i in s.items)

    def summary(self) -> dict[str, int]:
        total = {"lists": len(self.sections), "lists_changed": 0}
        for section in self.sections:
            counts = section.summary()
            total["lists_changed"] += 1 if counts["changes"] else 0
            for name, value in counts.items():
                total[name] = total.get(name, 0) + value
        total.setdefault("changes", 0)
        return total


def _overlaps(date: PartialDate, since: dt.date | None, until: dt.date | None) -> bool:
    return (since is None or date.end >= since) and (until is None or date.start <= until)


def _items(d: ListDiff, since: dt.date | None, until: dt.date | None) -> list[ReportItem]:
    items = []
    for change in d.changes:
        if change.kind is ChangeKind.NOT_COVERED:
            continue
        date = change.effective or PartialDate.of(d.new.as_of)
        if _overlaps(date, since, until):
            items.append(ReportItem(change, date, d.old.as_of, d.new.as_of))
    return items


def _newest_first(items: Iterable[ReportItem]) -> tuple[ReportItem, ...]:
    return tuple(sorted(items, key=lambda i: i.sort_key, reverse=True))


def _section(lst: DesignationList, since: dt.date | None, until: dt.date | None) -> Section:
    items: list[ReportItem] = []
    phantoms: list[ChangeRecord] = []

    for older, newer in itertools.pairwise(lst.dates):
        # Every change between the two lies in (older, newer]: skip windows outside the range.
        if (since is not None and newer < since) or (until is not None and older >= until):
            continue
        d = lst.diff(older, newer)
        items += _items(d, since, until)
        phantoms += [p for p in d.phantoms if _overlaps(p.effective, since, until)]
    return Section(lst.info, _newest_first(items), tuple(phantoms))


def build_report(
    registry: Registry,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    lists: Sequence[str] | None = None,
) -> Report:
    """Every change in ``[since, until]`` (both inclusive, either open) in the chosen lists
    (default: all), grouped by list, newest first."""
    start = to_date(since, "--since") if since is not None else None
    end = to_date(until, "--until") if until is not None else None
    if start is not None and end is not None and start > end:
        from .errors import UsageError

        raise UsageError(f"--since {start} is after --until {end}")
    chosen = [registry[i] for i in dict.fromkeys(lists)] if lists else list(registry)
    return Report(start, end, tuple(_section(lst, start, end) for lst in chosen))


def report_of_diff(d: ListDiff) -> Report:
    """One list's diff as a report (for ``diff --format html``): every change, not-covered
    ones included, so that it shows what the diff shows."""
    items = [
        ReportItem(c, c.effective or PartialDate.of(d.new.as_of), d.old.as_of, d.new.as_of)
        for c in d.changes
    ]
    section = Section(d.new.info, _newest_first(items), d.phantoms)
    return Report(d.old.as_of, d.new.as_of, (section,))
