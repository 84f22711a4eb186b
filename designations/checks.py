"""The CI gate: every file of a data folder validated, every pair of consecutive snapshots of
every list reconciled, and everything found returned as findings instead of raised.

A file that does not load is reported with all its problems and the rest goes on: a broken
snapshot only stops the reconciliation of the pairs it belongs to, a broken ``list.yaml`` only
stops the checks that need its instruments. Memory stays at two snapshots of one list at a time,
and each consecutive pair is diffed once, so a check is linear in the size of the data.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from .errors import DataError, Problem, UsageError
from .fields import SLUG
from .heuristics import mixed_script_words, possible_rekeys
from .load import list_dates, load_list_info, load_seed, snapshot_date
from .model import Entry, ListInfo, Snapshot
from .reconcile import Change, ListDiff, diff
from .registry import Registry
from .safeio import UnsafeFileError, check_folder
from .suggest import did_you_mean
from .vocab import ChangeKind, Verdict

__all__ = ["CheckResult", "Finding", "Severity", "check"]


class Severity(enum.Enum):
    """How bad a finding is."""

    ERROR = "error"  #: the data is wrong; the check fails
    WARNING = "warning"  #: worth a look; the check fails only with ``--strict``
    #: reported for the record, never a failure: a finding the snapshot acknowledges
    NOTICE = "notice"


@attrs.frozen
class Finding:
    """One thing found: how bad, which rule (a stable kebab-case id), where (``file`` as reached
    from the data folder, ``line`` from 1) and what."""

    severity: Severity
    rule: str
    file: str
    line: int
    message: str
    #: The id of the entry the finding is about, where it is about one change of one entry.
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


class _Checker:
    def __init__(self, reg: Registry) -> None:
        self.reg = reg
        self.findings: list[Finding] = []
        self.seed_ids = {p.stem for p in reg.seed_paths()}
        self.cited: set[str] = set()
        #: Whether some snapshot did not load (so what it cites is unknown).
        self.unread = False
        self.lists = self.snapshots = self.seeds = 0

    def add(
        self,
        severity: Severity,
        file: str,
        line: int,
        rule: str,
        message: str,
        entry: str | None = None,
    ) -> None:
        self.findings.append(Finding(severity, rule, file, max(line, 1), message, entry))

    def error(self, file: str, line: int, rule: str, message: str) -> None:
        self.add(Severity.ERROR, file, line, rule, message)

    def warning(self, file: str, line: int, rule: str, message: str) -> None:
        self.add(Severity.WARNING, file, line, rule, message)

    def problems(self, exc: DataError, *, skip: frozenset[str] = frozenset()) -> None:
        if isinstance(exc, UnsafeFileError):
            raise exc  # not data to judge: a link, FIFO or device (exit 2)
        self.findings.extend(Finding.of(p) for p in exc.problems if p.rule not in skip)

    # -- one list ---------------------------------------------------------------------------

    def check_list(self, name: str) -> None:
        folder = self.reg.lists_dir / name
        check_folder(folder)
        self.lists += 1
        list_file = folder / "list.yaml"
        info: ListInfo | None = None
        if not os.path.lexists(list_file):
            self.error(
                str(list_file), 1, "missing-list-file", f"list folder {name!r} has no list.yaml"
            )
        else:
            try:
                info = load_list_info(list_file, shown=str(list_file))
            except DataError as exc:
                self.problems(exc)
        for child in sorted(folder.iterdir()):
            if (
                child.suffix in (".yaml", ".yml")
                and child.name != "list.yaml"
                and snapshot_date(child.name) is None
            ):
                self.error(
                    str(child),
                    1,
                    "bad-file-name",
                    f"{child.name!r} is neither list.yaml nor a snapshot named YYYY-MM-DD.yaml "
                    "after a real date",
                )
        dates = list_dates(folder)
        if not dates:
            self.warning(str(list_file), 1, "no-snapshots", f"list {name!r} has no snapshots")
            return
        # Without its list.yaml a snapshot is still read, against a stand-in with no
        # instruments: its basis ids cannot be judged, and it is not reconciled.
        stand_in = info is None
        if info is None:
            info = ListInfo(name, "XX", name, "unknown", ())
            if list_file.is_file():
                self.warning(
                    str(list_file),
                    1,
                    "reconciliation-skipped",
                    "basis ids and reconciliation of this list's snapshots are not checked "
                    "until list.yaml loads",
                )
        previous: Snapshot | None = None
        for index, day in enumerate(dates):
            path = folder / f"{day}.yaml"
            before = dates[index - 1] if index else None
            self.snapshots += 1
            try:
                snapshot: Snapshot | None = self.reg.read_snapshot(path, info, before, str(path))
            except DataError as exc:
                self.problems(exc, skip=frozenset({"unknown-basis"}) if stand_in else frozenset())
                snapshot = None
                self.unread = True
                if not stand_in and len(dates) > 1:
                    neighbours = [str(d) for d in dates[max(index - 1, 0) : index + 2] if d != day]
                    self.warning(
                        str(path),
                        1,
                        "reconciliation-skipped",
                        f"not reconciled with {' and '.join(neighbours)} until its errors "
                        "are fixed",
                    )
            if snapshot is not None:
                self.check_snapshot(snapshot, previous)
                if previous is not None and not stand_in:
                    self.reconcile(diff(previous, snapshot))
            previous = snapshot

    def check_snapshot(self, snapshot: Snapshot, previous: Snapshot | None) -> None:
        """References to seeds, and names that mix scripts (once: where an entry first
        appears as it is, not again in each later snapshot)."""
        for source in snapshot.sources:
            if SLUG.match(source):
                self.cited.add(source)
                if source not in self.seed_ids:
                    where = (
                        f"in {self.reg.seeds_dir}" if self.reg.seeds_dir else "(no seeds folder)"
                    )
                    self.error(
                        snapshot.path,
                        snapshot.sources_line,
                        "unknown-seed",
                        f"source {source!r} is not a URL and no seed has that id {where}"
                        + did_you_mean(source, self.seed_ids),
                    )
        for entry in snapshot.entries:
            if previous is not None and previous.entry(entry.id) == entry:
                continue
            for name in entry.all_names():
                for word, odd in mixed_script_words(name):
                    self.warning(
                        snapshot.path,
                        entry.line,
                        "mixed-script",
                        f"entry {entry.id!r}: {word!r} in name {name!r} mixes scripts: {odd}",
                    )

    # -- reconciliation of a consecutive pair ----------------------------------------------

    def reconcile(self, d: ListDiff) -> None:
        """Findings from each change's verdict (and nothing else about it), then phantoms."""
        new = d.new
        file = new.path
        since = f"since {d.old.as_of}"
        for change in d.changes:
            line = new.entries_line if change.kind is ChangeKind.REMOVED else change.entry.line
            if change.kind is ChangeKind.REKEYED and change.old is not None:
                self.warning(
                    file,
                    line,
                    "rekeyed-entry",
                    f"entry {change.old.id!r} is now {change.entry.id!r} ({change.entry.name}) "
                    f"{since}: they share {_shared_refs(change)}, so it is one entry with a new "
                    "id, not a delisting and a listing; keep ids stable where you can",
                )
            if change.verdict is Verdict.UNEXPLAINED:
                self.error(file, line, "unexplained-change", _unexplained(change, d))
            elif change.verdict is Verdict.PUBLICATION:
                self.add(
                    Severity.WARNING,
                    file,
                    line,
                    "publication-change",
                    f"{_what(change, d)}: no change record names a legal act for it, only the "
                    "list's publication (evidence: publication) or a programme tag",
                    change.entry.id,
                )
            elif change.verdict is Verdict.EDITORIAL and change.kind is not ChangeKind.REKEYED:
                fields = change.editorial_fields
                paths = ", ".join(f.path for f in fields[:5])
                more = f" and {len(fields) - 5} more" if len(fields) > 5 else ""
                self.warning(
                    file,
                    line,
                    "editorial-change",
                    f"entry {change.entry.id!r} ({change.entry.name}): {paths}{more} changed "
                    f"{since} with no 'amended' change: an editorial correction?",
                )
        for record in d.phantoms:
            absent = record.entry not in d.old and record.entry not in new
            ids = [e.id for e in new.entries]
            why = (
                f"there is no entry {record.entry!r} in either snapshot"
                + did_you_mean(record.entry, ids)
                if absent
                else ""
            )
            why = why or f"entry {record.entry!r} shows no such change {since}"
            self.error(
                file,
                record.line,
                "phantom-change",
                f"change record '{record.action.value}' for entry {record.entry!r} "
                f"(effective {record.effective}) explains nothing: {why}",
            )
        self.mass_removal(d)
        for rekey in possible_rekeys([c.entry for c in d.added], [c.entry for c in d.removed]):
            self.warning(
                file,
                rekey.added.line,
                "possible-rekey",
                f"entry {rekey.added.id!r} was added and {rekey.removed.id!r} removed {since}, "
                f"and they share {rekey.describe()}: if they are one entity, keep the id "
                f"{rekey.removed.id!r}",
            )

    def mass_removal(self, d: ListDiff) -> None:
        guard = d.new.info.mass_removal
        removed = len(d.removed)
        before = len(d.old.entries)
        if guard.exceeded(removed, before):
            gone = f"{removed} of the {before} entries of {d.old.as_of} are gone"
            ack = d.new.acknowledges("mass-removal")
            if ack is not None:
                self.add(
                    Severity.NOTICE,
                    d.new.path,
                    ack.line or d.new.entries_line,
                    "mass-removal",
                    f"acknowledged: {gone}; reason given: {ack.reason}",
                )
                return
            self.error(
                d.new.path,
                d.new.entries_line,
                "mass-removal",
                f"{gone} (more than {guard.share:.0%}): a truncated source? If the removals "
                "are real, acknowledge them in the snapshot (acknowledged: [{rule: "
                "mass-removal, reason: …}], which `import --allow-mass-removal REASON` "
                "writes) or raise mass_removal in list.yaml",
            )

    # -- seeds ------------------------------------------------------------------------------

    def check_seed(self, path: Path) -> None:
        self.seeds += 1
        try:
            load_seed(path, shown=str(path))
        except DataError as exc:
            self.problems(exc)

    def uncited(self, paths: Iterable[Path]) -> None:
        for path in paths:
            if path.stem not in self.cited:
                self.warning(
                    str(path), 1, "uncited-seed", f"seed {path.stem!r} is cited by no snapshot"
                )


def _shared_refs(change: Change) -> str:
    assert change.old is not None
    old = dict(change.old.refs)
    shared = [f"{k}: {v}" for k, v in change.entry.refs if old.get(k) == v]
    return ", ".join(shared) or "a stable cross-reference"


def _what(change: Change, d: ListDiff) -> str:
    """What happened to the entry, in words."""
    entry = change.entry
    since = f"since {d.old.as_of}"
    if change.kind is ChangeKind.AMENDED:
        paths = ", ".join(f.path for f in change.fields[:5])
        more = f" and {len(change.fields) - 5} more" if len(change.fields) > 5 else ""
        return f"entry {entry.id!r} ({entry.name}): {paths}{more} changed {since}"
    return f"entry {entry.id!r} ({entry.name}) was {change.kind.value} {since}"


#: What a change record must say to explain each kind of change (or each changed field).
_WANTED = {
    ChangeKind.ADDED: "'listed' or 'reinstated'",
    ChangeKind.REMOVED: "'delisted'",
    ChangeKind.REKEYED: "'listed' or 'delisted'",
}


def _unexplained(change: Change, d: ListDiff) -> str:
    entry = change.entry
    if change.kind is ChangeKind.AMENDED:
        status = next((f for f in change.fields if f.path == "status"), None)
        wanted = []
        if status is not None:
            wanted.append("'suspended'" if status.new == "suspended" else "'reinstated'")
        lost = [f.old for f in change.fields if f.path == "basis[-]"]
        if lost:
            wanted.append(f"'delisted' (scope: [{', '.join(lost)}])")
        if any(f.path not in ("status", "basis[-]") for f in change.fields):
            wanted.append("'amended'")
        return (
            f"{_what(change, d)} but no {' and '.join(wanted)} change naming a legal act "
            "explains it"
        )
    message = (
        f"{_what(change, d)} but no {_WANTED[change.kind]} change naming a legal act explains it"
    )
    if change.kind is ChangeKind.ADDED and change.action is None:
        message += f", and {_dated(entry)} is not after {d.old.as_of}"
    return message


def _dated(entry: Entry) -> str:
    if entry.listed_on is not None:
        return f"its listed_on {entry.listed_on}"
    return f"it has no listing date (first seen in the publication of {entry.first_seen})"


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
    checker = _Checker(reg)
    for name in scope.lists:
        checker.check_list(name)
    for path in scope.seeds:
        checker.check_seed(path)
    if scope.full and not checker.unread:
        checker.uncited(scope.seeds)
    return CheckResult(
        tuple(sorted(checker.findings, key=Finding.sort_key)),
        checker.lists,
        checker.snapshots,
        checker.seeds,
    )
