"""The rules of ``check``, one small function each, collected in ``RULES``.

A rule has an id (the ``rule`` of its findings: stable, kebab-case, listed with an example in
``docs/check-rules.md``), the severity of its findings, the kind of thing it looks at and a
docstring that says what it finds. What a rule looks at is one of:

- ``ListFolder``: one list's folder, once all its files have been read;
- ``SnapshotRead``: one snapshot that loaded, with the one before it;
- ``ListDiff``: one pair of consecutive snapshots, reconciled (each change has its verdict);
- ``SeedUse``: every seed, with the ids the snapshots cite (a check of the whole folder).

A rule reads no file and keeps no state: it yields a ``Hit`` (where, and what) for each thing
it finds, and the walker (``checks.py``) makes the findings. What the loader refuses is not a
rule here: those problems are reported with the loader's own rule ids.
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Generic, TypeVar

import attrs

from .fields import SLUG
from .heuristics import mixed_script_words, possible_rekeys
from .load import snapshot_date
from .model import Entry, Snapshot
from .reconcile import Change, ListDiff
from .suggest import did_you_mean
from .vocab import ChangeKind, Verdict

__all__ = [
    "RULES",
    "Hit",
    "ListFolder",
    "Rule",
    "SeedUse",
    "Severity",
    "SnapshotRead",
]


class Severity(enum.Enum):
    """How bad a finding is."""

    ERROR = "error"  #: the data is wrong; the check fails
    WARNING = "warning"  #: worth a look; the check fails only with ``--strict``
    #: reported for the record, never a failure: a finding the snapshot acknowledges
    NOTICE = "notice"


@attrs.frozen
class Hit:
    """One thing a rule found: where (``file`` as reached from the data folder, ``line`` from
    1) and what; ``severity`` only where it is not the rule's own."""

    file: str
    line: int
    message: str
    severity: Severity | None = None
    #: The id of the entry whose change this is, where the text formats sum hits up by it.
    entry: str | None = None


@attrs.frozen
class ListFolder:
    """One list's folder as the walker found it."""

    name: str
    path: Path
    #: Everything in the folder, sorted.
    files: tuple[Path, ...]
    #: Whether there is a ``list.yaml`` (loaded or not).
    has_list_file: bool
    #: Whether ``list.yaml`` loaded (otherwise the snapshots were read against a stand-in).
    list_file_loaded: bool
    #: The dates of its snapshots, sorted.
    dates: tuple[dt.date, ...]
    #: The dates of the snapshots that did not load.
    unread: frozenset[dt.date] = frozenset()

    @property
    def list_file(self) -> Path:
        return self.path / "list.yaml"


@attrs.frozen
class SnapshotRead:
    """A snapshot that loaded, the one before it (``None`` for the first, or when that one did
    not load), and the seed ids of the data folder."""

    snapshot: Snapshot
    previous: Snapshot | None
    seed_ids: frozenset[str]
    seeds_dir: Path | None


@attrs.frozen
class SeedUse:
    """The seeds of the data folder and the seed ids its snapshots cite."""

    seeds: tuple[Path, ...]
    cited: frozenset[str]


S = TypeVar("S")


@attrs.frozen
class Rule(Generic[S]):
    """One check rule: its ``id``, the ``severity`` of its findings, the ``subject`` it looks
    at, and ``find``, which yields what it finds; ``find``'s docstring says what that is."""

    id: str
    severity: Severity
    subject: type[S]
    find: Callable[[S], Iterable[Hit]]

    @property
    def doc(self) -> str:
        """What the rule finds, in words."""
        return inspect.getdoc(self.find) or ""


def _rule(
    rule_id: str, severity: Severity, subject: type[S]
) -> Callable[[Callable[[S], Iterable[Hit]]], Rule[S]]:
    def make(find: Callable[[S], Iterable[Hit]]) -> Rule[S]:
        return Rule(rule_id, severity, subject, find)

    return make


# -- one list's folder -------------------------------------------------------------------------


@_rule("missing-list-file", Severity.ERROR, ListFolder)
def missing_list_file(folder: ListFolder) -> Iterator[Hit]:
    """A folder under ``lists/`` without ``list.yaml``."""
    if not folder.has_list_file:
        yield Hit(str(folder.list_file), 1, f"list folder {folder.name!r} has no list.yaml")


@_rule("bad-file-name", Severity.ERROR, ListFolder)
def bad_file_name(folder: ListFolder) -> Iterator[Hit]:
    """A ``.yaml``/``.yml`` file in a list folder that is neither ``list.yaml`` nor named as the
    loader names snapshots (``YYYY-MM-DD.yaml`` after a real date): it would be ignored."""
    for child in folder.files:
        if (
            child.suffix in (".yaml", ".yml")
            and child.name != "list.yaml"
            and snapshot_date(child.name) is None
        ):
            yield Hit(
                str(child),
                1,
                f"{child.name!r} is neither list.yaml nor a snapshot named YYYY-MM-DD.yaml "
                "after a real date",
            )


@_rule("no-snapshots", Severity.WARNING, ListFolder)
def no_snapshots(folder: ListFolder) -> Iterator[Hit]:
    """A list with no snapshot yet."""
    if not folder.dates:
        yield Hit(str(folder.list_file), 1, f"list {folder.name!r} has no snapshots")


@_rule("reconciliation-skipped", Severity.WARNING, ListFolder)
def reconciliation_skipped(folder: ListFolder) -> Iterator[Hit]:
    """A ``list.yaml`` that does not load (no snapshot of the list is reconciled, nor are its
    basis ids judged), or a snapshot that does not load (the pairs it belongs to are not
    reconciled)."""
    if not folder.dates:
        return
    if not folder.list_file_loaded:
        if folder.has_list_file:
            yield Hit(
                str(folder.list_file),
                1,
                "basis ids and reconciliation of this list's snapshots are not checked "
                "until list.yaml loads",
            )
        return
    if len(folder.dates) < 2:
        return
    for index, day in enumerate(folder.dates):
        if day in folder.unread:
            neighbours = [str(d) for d in folder.dates[max(index - 1, 0) : index + 2] if d != day]
            yield Hit(
                str(folder.path / f"{day}.yaml"),
                1,
                f"not reconciled with {' and '.join(neighbours)} until its errors are fixed",
            )


# -- one snapshot ------------------------------------------------------------------------------


@_rule("unknown-seed", Severity.ERROR, SnapshotRead)
def unknown_seed(read: SnapshotRead) -> Iterator[Hit]:
    """A ``sources`` item that is not a URL and names no seed file."""
    snapshot = read.snapshot
    for source in snapshot.sources:
        if SLUG.match(source) and source not in read.seed_ids:
            where = f"in {read.seeds_dir}" if read.seeds_dir else "(no seeds folder)"
            yield Hit(
                snapshot.path,
                snapshot.sources_line,
                f"source {source!r} is not a URL and no seed has that id {where}"
                + did_you_mean(source, read.seed_ids),
            )


@_rule("mixed-script", Severity.WARNING, SnapshotRead)
def mixed_script(read: SnapshotRead) -> Iterator[Hit]:
    """A word of a name that mixes Latin, Cyrillic or Greek letters; reported once, where the
    entry first appears as it is, not again in each later snapshot."""
    previous = read.previous
    for entry in read.snapshot.entries:
        if previous is not None and previous.entry(entry.id) == entry:
            continue
        for name in entry.all_names():
            for word, odd in mixed_script_words(name):
                yield Hit(
                    read.snapshot.path,
                    entry.line,
                    f"entry {entry.id!r}: {word!r} in name {name!r} mixes scripts: {odd}",
                )


# -- a pair of consecutive snapshots -----------------------------------------------------------


def _line(change: Change, d: ListDiff) -> int:
    """Where a change is reported: at the entry, or at ``entries:`` for a removal."""
    return d.new.entries_line if change.kind is ChangeKind.REMOVED else change.entry.line


@_rule("rekeyed-entry", Severity.WARNING, ListDiff)
def rekeyed_entry(d: ListDiff) -> Iterator[Hit]:
    """An entry removed and another added that share a stable cross-reference: one entry with
    a new id (one ``rekeyed`` change, not a removal and an addition)."""
    for change in d.changes:
        if change.kind is ChangeKind.REKEYED and change.old is not None:
            yield Hit(
                d.new.path,
                _line(change, d),
                f"entry {change.old.id!r} is now {change.entry.id!r} ({change.entry.name}) "
                f"since {d.old.as_of}: they share {_shared_refs(change)}, so it is one entry "
                "with a new id, not a delisting and a listing; keep ids stable where you can",
            )


@_rule("unexplained-change", Severity.ERROR, ListDiff)
def unexplained_change(d: ListDiff) -> Iterator[Hit]:
    """A change with the verdict ``unexplained``: no change record naming a legal act
    explains it."""
    for change in d.changes:
        if change.verdict is Verdict.UNEXPLAINED:
            yield Hit(d.new.path, _line(change, d), _unexplained(change, d))


@_rule("publication-change", Severity.WARNING, ListDiff)
def publication_change(d: ListDiff) -> Iterator[Hit]:
    """A change with the verdict ``publication``: nothing but the list's publication (or a
    programme tag) stands behind it."""
    for change in d.changes:
        if change.verdict is Verdict.PUBLICATION:
            yield Hit(
                d.new.path,
                _line(change, d),
                f"{_what(change, d)}: no change record names a legal act for it, only the "
                "list's publication (evidence: publication) or a programme tag",
                entry=change.entry.id,
            )


@_rule("editorial-change", Severity.WARNING, ListDiff)
def editorial_change(d: ListDiff) -> Iterator[Hit]:
    """A change with the verdict ``editorial`` (other than a re-keying): fields changed with no
    ``amended`` record: a correction, or a missing record."""
    for change in d.changes:
        if change.verdict is Verdict.EDITORIAL and change.kind is not ChangeKind.REKEYED:
            # Each path once, with its count where items of a list changed (names[+] (2)).
            counts = Counter(f.path for f in change.editorial_fields)
            named = [f"{p} ({n})" if n > 1 else p for p, n in counts.items()]
            paths = ", ".join(named[:5])
            more = f" and {len(named) - 5} more" if len(named) > 5 else ""
            yield Hit(
                d.new.path,
                _line(change, d),
                f"entry {change.entry.id!r} ({change.entry.name}): {paths}{more} changed "
                f"since {d.old.as_of} with no 'amended' change: an editorial correction?",
                entry=change.entry.id,
            )


@_rule("phantom-change", Severity.ERROR, ListDiff)
def phantom_change(d: ListDiff) -> Iterator[Hit]:
    """A change record that matches no change between the two snapshots."""
    if not d.phantoms:
        return
    ids = [e.id for e in d.new.entries]
    for record in d.phantoms:
        absent = record.entry not in d.old and record.entry not in d.new
        why = (
            f"there is no entry {record.entry!r} in either snapshot"
            + did_you_mean(record.entry, ids)
            if absent
            else f"entry {record.entry!r} shows no such change since {d.old.as_of}"
        )
        yield Hit(
            d.new.path,
            record.line,
            f"change record '{record.action.value}' for entry {record.entry!r} "
            f"(effective {record.effective}) explains nothing: {why}",
        )


@_rule("mass-removal", Severity.ERROR, ListDiff)
def mass_removal(d: ListDiff) -> Iterator[Hit]:
    """More of the previous snapshot's entries removed than the list's ``mass_removal`` guard
    allows (``MassRemoval.exceeded``): a truncated source must not pass as delistings. A
    notice, not an error, where the snapshot acknowledges it."""
    guard = d.new.info.mass_removal
    removed = len(d.removed)
    before = len(d.old.entries)
    if not guard.exceeded(removed, before):
        return
    gone = f"{removed} of the {before} entries of {d.old.as_of} are gone"
    ack = d.new.acknowledges("mass-removal")
    if ack is not None:
        yield Hit(
            d.new.path,
            ack.line or d.new.entries_line,
            f"acknowledged: {gone}; reason given: {ack.reason}",
            Severity.NOTICE,
        )
        return
    yield Hit(
        d.new.path,
        d.new.entries_line,
        f"{gone} (more than {guard.share:.0%}): a truncated source? If the removals "
        "are real, acknowledge them in the snapshot (acknowledged: [{rule: "
        "mass-removal, reason: …}], which `import --allow-mass-removal REASON` "
        "writes) or raise mass_removal in list.yaml",
    )


@_rule("acknowledged", Severity.NOTICE, SnapshotRead)
def acknowledged(read: SnapshotRead) -> Iterator[Hit]:
    """Each acknowledgement in the snapshot other than ``mass-removal`` (which that rule
    reports with its count): what an import let through, such as an integrity failure of its
    source (``missing-eof``, ``missing-companion``, ``count-mismatch``) that
    ``import --allow-incomplete REASON`` accepted, with the reason given. Reported for the
    record at every check, never a failure."""
    for ack in read.snapshot.acknowledged:
        if ack.rule != "mass-removal":
            yield Hit(
                read.snapshot.path,
                ack.line,
                f"accepted on import despite {ack.rule!r}: {ack.reason}",
            )


@_rule("possible-rekey", Severity.WARNING, ListDiff)
def possible_rekey(d: ListDiff) -> Iterator[Hit]:
    """An entry removed and another added that share a name or a cross-reference: perhaps
    one entity given a new id."""
    for rekey in possible_rekeys([c.entry for c in d.added], [c.entry for c in d.removed]):
        yield Hit(
            d.new.path,
            rekey.added.line,
            f"entry {rekey.added.id!r} was added and {rekey.removed.id!r} removed since "
            f"{d.old.as_of}, and they share {rekey.describe()}: if they are one entity, keep "
            f"the id {rekey.removed.id!r}",
        )


# -- the seeds ---------------------------------------------------------------------------------


@_rule("uncited-seed", Severity.WARNING, SeedUse)
def uncited_seed(use: SeedUse) -> Iterator[Hit]:
    """A seed that no snapshot cites."""
    for path in use.seeds:
        if path.stem not in use.cited:
            yield Hit(str(path), 1, f"seed {path.stem!r} is cited by no snapshot")


#: Every rule of ``check``, in the order ``docs/check-rules.md`` lists them.
RULES: tuple[Rule[Any], ...] = (
    unknown_seed,
    uncited_seed,
    missing_list_file,
    bad_file_name,
    no_snapshots,
    unexplained_change,
    publication_change,
    phantom_change,
    editorial_change,
    mass_removal,
    acknowledged,
    rekeyed_entry,
    possible_rekey,
    reconciliation_skipped,
    mixed_script,
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
