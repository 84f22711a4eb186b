"""The CI gate: every file of a data folder validated, every pair of consecutive snapshots of
every list reconciled, and everything found returned as findings instead of raised.

A file that does not load is reported with all its problems and the rest goes on: a broken
snapshot only stops the reconciliation of the pairs it belongs to, a broken ``list.yaml`` only
stops the checks that need its instruments. Memory stays at two snapshots of one list at a time,
and each consecutive pair is diffed once, so a check is linear in the size of the data.

This module walks the folder and makes the findings; the rules themselves, one small function
each, are ``check_rules.RULES``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from .check_rules import RULES, ListFolder, Rule, SeedUse, Severity, SnapshotRead
from .errors import DataError, Problem, UsageError
from .fields import SLUG
from .load import list_dates, load_list_info, load_seed
from .model import ListInfo, Snapshot
from .reconcile import diff
from .registry import Registry
from .safeio import UnsafeFileError, check_folder

__all__ = ["CheckResult", "Finding", "Severity", "check"]


@attrs.frozen
class Finding:
    """One thing found: how bad, which rule (a stable kebab-case id), where (``file`` as reached
    from the data folder, ``line`` from 1) and what."""

    severity: Severity
    rule: str
    file: str
    line: int
    message: str
    #: The id of the entry whose change the finding is about (``publication-change``).
    entry: str | None = None

    @classmethod
    def of(cls, problem: Problem) -> Finding:
        """A loader's problem as an error finding."""
        message = f"{problem.field}: {problem.message}" if problem.field else problem.message
        return cls(Severity.ERROR, problem.rule, problem.path, max(problem.line, 1), message)

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.file, self.line, self.rule, self.message)


@attrs.frozen
class CheckResult:
    """The findings of one check, sorted by file and line, and what was checked."""

    findings: tuple[Finding, ...]
    lists: int = 0
    snapshots: int = 0
    seeds: int = 0

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    @property
    def ok(self) -> bool:
        return self.errors == 0

    def strict(self) -> CheckResult:
        """The same findings with every warning made an error (notices stay notices)."""
        promoted = tuple(
            attrs.evolve(f, severity=Severity.ERROR) if f.severity is Severity.WARNING else f
            for f in self.findings
        )
        return attrs.evolve(self, findings=promoted)


class _Walker:
    """Reads the data folder in order and hands each thing read to the rules that look at it.
    Memory holds two snapshots of one list at a time."""

    def __init__(self, reg: Registry) -> None:
        self.reg = reg
        self.findings: list[Finding] = []
        self.seed_ids = frozenset(p.stem for p in reg.seed_paths())
        self.cited: set[str] = set()
        #: Whether some snapshot did not load (so what it cites is unknown).
        self.unread = False
        self.lists = self.snapshots = self.seeds = 0

    def apply(self, subject: object) -> None:
        """Every rule that looks at this kind of thing, on this one."""
        for rule in _RULES_BY_SUBJECT.get(type(subject), ()):
            for hit in rule.find(subject):
                severity = hit.severity or rule.severity
                self.findings.append(
                    Finding(severity, rule.id, hit.file, max(hit.line, 1), hit.message, hit.entry)
                )

    def problems(self, exc: DataError, *, skip: frozenset[str] = frozenset()) -> None:
        if isinstance(exc, UnsafeFileError):
            raise exc  # not data to judge: a link, FIFO or device (exit 2)
        self.findings.extend(Finding.of(p) for p in exc.problems if p.rule not in skip)

    def walk_list(self, name: str) -> None:
        folder = self.reg.lists_dir / name
        check_folder(folder)
        self.lists += 1
        list_file = folder / "list.yaml"
        has_list_file = os.path.lexists(list_file)
        info: ListInfo | None = None
        if has_list_file:
            try:
                info = load_list_info(list_file, shown=str(list_file))
            except DataError as exc:
                self.problems(exc)
        files = tuple(sorted(folder.iterdir()))
        dates = tuple(list_dates(folder))
        unread: set[dt.date] = set()
        # Without its list.yaml a snapshot is still read, against a stand-in with no
        # instruments: its basis ids cannot be judged, and it is not reconciled.
        stand_in = info is None
        loaded = info if info is not None else ListInfo(name, "XX", name, "unknown", ())
        previous: Snapshot | None = None
        for index, day in enumerate(dates):
            path = folder / f"{day}.yaml"
            before = dates[index - 1] if index else None
            self.snapshots += 1
            try:
                snapshot: Snapshot | None = self.reg.read_snapshot(path, loaded, before, str(path))
            except DataError as exc:
                self.problems(exc, skip=frozenset({"unknown-basis"}) if stand_in else frozenset())
                snapshot = None
                self.unread = True
                unread.add(day)
            if snapshot is not None:
                self.cited.update(s for s in snapshot.sources if SLUG.match(s))
                self.apply(SnapshotRead(snapshot, previous, self.seed_ids, self.reg.seeds_dir))
                if previous is not None and not stand_in:
                    self.apply(diff(previous, snapshot))
            previous = snapshot
        self.apply(
            ListFolder(name, folder, files, has_list_file, not stand_in, dates, frozenset(unread))
        )

    def walk_seed(self, path: Path) -> None:
        self.seeds += 1
        try:
            load_seed(path, shown=str(path))
        except DataError as exc:
            self.problems(exc)


#: The rules by the kind of thing they look at.
_RULES_BY_SUBJECT: dict[type, tuple[Rule[Any], ...]] = {
    subject: tuple(r for r in RULES if r.subject is subject)
    for subject in dict.fromkeys(r.subject for r in RULES)
}


@attrs.frozen
class _Scope:
    lists: tuple[str, ...]
    seeds: tuple[Path, ...]
    full: bool


def _inside(path: Path, folder: Path | None) -> Path | None:
    if folder is None:
        return None
    try:
        return path.relative_to(folder)
    except ValueError:
        return None


def _scope(reg: Registry, paths: Sequence[str | os.PathLike[str]] | None) -> _Scope:
    everything = [
        c.name for c in sorted(reg.lists_dir.iterdir()) if c.is_dir() and c.name[0] != "."
    ]
    all_seeds = reg.seed_paths()
    if paths is None:
        return _Scope(tuple(everything), tuple(all_seeds), True)
    lists_dir = reg.lists_dir.resolve()
    seeds_dir = reg.seeds_dir.resolve() if reg.seeds_dir is not None else None
    roots = {lists_dir, lists_dir.parent} if lists_dir.name == "lists" else {lists_dir}
    lists: dict[str, None] = {}
    seeds: dict[Path, None] = {}
    for given in paths:
        path = Path(given).resolve()
        if not path.exists():
            raise UsageError(f"no such file or folder: {given}")
        if path in roots:
            return _Scope(tuple(everything), tuple(all_seeds), True)
        in_lists, in_seeds = _inside(path, lists_dir), _inside(path, seeds_dir)
        if in_lists is not None and in_lists.parts and (lists_dir / in_lists.parts[0]).is_dir():
            lists[in_lists.parts[0]] = None
        elif in_seeds is not None and reg.seeds_dir is not None:
            if not in_seeds.parts:
                seeds.update(dict.fromkeys(all_seeds))
            else:
                seeds[reg.seeds_dir / in_seeds] = None
        else:
            where = f"the lists in {reg.lists_dir}" + (
                f" or the seeds in {reg.seeds_dir}" if reg.seeds_dir is not None else ""
            )
            raise UsageError(
                f"{given} is not one of {where}, so check cannot judge it: give a file of "
                "the data folder, or name the folder it belongs to with --data"
            )
    return _Scope(tuple(lists), tuple(seeds), False)


def check(
    source: Registry | str | os.PathLike[str] | None = None,
    paths: Sequence[str | os.PathLike[str]] | None = None,
) -> CheckResult:
    """Check a data folder (a ``Registry``, or its path; default: the one
    :func:`~designations.datafolder.find_data_folder` finds).

    With ``paths``, only the lists those files or folders belong to (each list whole: its pairs
    of snapshots need each other) and the seeds among them; whether each seed is cited is
    judged only in a check of the whole folder. ``UsageError`` for a path that does not exist
    or is neither in a list folder nor among the seeds; problems in the data are findings.
    """
    reg = source if isinstance(source, Registry) else Registry(source)
    scope = _scope(reg, paths)
    walker = _Walker(reg)
    for name in scope.lists:
        walker.walk_list(name)
    for path in scope.seeds:
        walker.walk_seed(path)
    if scope.full and not walker.unread:
        walker.apply(SeedUse(scope.seeds, frozenset(walker.cited)))
    return CheckResult(
        tuple(sorted(walker.findings, key=Finding.sort_key)),
        walker.lists,
        walker.snapshots,
        walker.seeds,
    )
