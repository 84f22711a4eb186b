"""Files to records: ``list.yaml``, snapshots and seeds, validated against the format.

Every problem in a file is collected and raised together as one ``DataError``. Rules that need
more than one file are here only where one file's meaning depends on them: a snapshot is read
with its list's ``list.yaml`` (its ``basis`` ids must be instruments of the list) and with the
date of the snapshot before it (its change records must fall after that date).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import operator
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import attrs

from . import incremental
from .dates import PartialDate, parse_date
from .errors import DataError
from .fields import SLUG, Collector, Fields
from .jurisdictions import ASSIGNED, INTERNATIONAL, is_jurisdiction
from .model import (
    DEFAULT_STABLE_REFS,
    Acknowledgement,
    ChangeRecord,
    DateConventions,
    Entry,
    Instrument,
    ListInfo,
    ListSource,
    MassRemoval,
    Publication,
    PublicationFile,
    Seed,
    Snapshot,
)
from .safeio import at_most, check_regular
from .shape import (
    CHANGE,
    ENTRY,
    INSTRUMENT,
    LIST_NAME,
    URL,
    Context,
    Records,
)
from .suggest import did_you_mean
from .vocab import (
    Action,
    Certainty,
    Completeness,
    Evidence,
    ImportFormat,
    InstrumentKind,
    SeedKind,
)
from .yamlio import YMap, YSeq, compiled_function, parse_bytes, paused_gc, read_yaml

__all__ = [
    "LIST_ID",
    "MAX_ENTRIES",
    "MAX_INSTRUMENTS",
    "MAX_SNAPSHOTS",
    "Reading",
    "at_line",
    "list_dates",
    "load_list_info",
    "load_seed",
    "load_snapshot",
    "read_instruments",
    "read_snapshot",
    "relined",
    "snapshot_date",
]

#: Bounds on a data folder's totals, far above any real list (OFAC: about 18,000 entries and a
#: few hundred programmes; a list snapshotted daily for 25 years: about 9,000 files), so time
#: and memory stay bounded for a folder from a stranger.
MAX_SNAPSHOTS = 20_000
MAX_INSTRUMENTS = 100_000
MAX_ENTRIES = 2_000_000
LIST_ID = re.compile(r"\A[a-z]{2,3}(-[a-z0-9]+)+\Z")  # \Z: "$" lets a final "\n" through
_JURISDICTION = re.compile(r"\A([A-Z]{2}|UN|EU)\Z")
_UTC_TIME = re.compile(
    r"\A\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ\Z"
)
_FORMAT = re.compile(r"\A[a-z0-9]+(-[a-z0-9]+)*\Z")
_SNAPSHOT_NAME = re.compile(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\.yaml\Z")


def _shown(path: Path, shown: str | None) -> str:
    return shown if shown is not None else str(path)


def _instrument(
    out: Collector, node: Any, line: int, field: str, ctx: Context
) -> Instrument | None:
    f = Fields(out, node, line, field, INSTRUMENT.required, INSTRUMENT.optional)
    v = INSTRUMENT.read(f, ctx, ("id", "kind", "authority", "date"))
    v |= INSTRUMENT.read(f, ctx, [k for k in INSTRUMENT.by_name if k not in v])
    kind, date, effective = v["kind"], v["date"], v["effective"]
    if "date" not in f.node and f.ok and kind is not InstrumentKind.PROGRAMME:
        out.add(
            f.node.line,
            f"{field}.date",
            "missing-field",
            "required key 'date' is missing (only a 'programme' may have none)",
        )
    if effective is not None and date is not None and effective.end < date.start:
        out.add(
            f.line_of("effective"),
            f"{field}.effective",
            "effective-before-date",
            f"effective {effective} is before the instrument's date {date}",
        )
    if v["id"] is None or kind is None or v["authority"] is None:
        return None
    if date is None and kind is not InstrumentKind.PROGRAMME:
        return None
    return INSTRUMENT.build(v, line)


def read_instruments(f: Fields, key: str) -> tuple[tuple[Instrument, ...], dict[str, int]]:
    """The instruments of a document's ``key`` (a ``list.yaml``'s ``instruments``, or an
    importer's instrument table), each validated, ids unique; with the line of each id."""
    instruments: list[Instrument] = []
    seen: dict[str, int] = {}
    ctx = Context()
    for node, line, field in f.items(key, non_empty=True):
        inst = _instrument(f.out, node, line, field, ctx)
        if inst is None:
            continue
        if inst.id in seen:
            f.out.add(
                line,
                f"{field}.id",
                "duplicate-id",
                f"instrument id {inst.id!r} is used twice (first at line {seen[inst.id]})",
            )
            continue
        seen[inst.id] = line
        instruments.append(inst)
    return tuple(instruments), seen


def load_list_info(path: Path | str, *, shown: str | None = None) -> ListInfo:
    """Read and validate a ``list.yaml``; its ``id`` must equal its folder's name."""
    path = Path(path)
    name = _shown(path, shown)
    tree = read_yaml(path, name, ("instruments", _counter(name, "instruments", MAX_INSTRUMENTS)))
    out = Collector(name)
    f = Fields.document(
        out,
        tree,
        ("id", "jurisdiction", "name", "authority", "instruments"),
        (
            "names",
            "framework",
            "url",
            "mass_removal",
            "evidence",
            "date_conventions",
            "source",
            "stable_refs",
        ),
    )
    list_id = f.pattern("id", LIST_ID, "a list id like 'ru-terrorist-organizations'")
    if list_id is not None and list_id != path.parent.name:
        out.add(
            f.line_of("id"),
            "id",
            "list-id-mismatch",
            f"list id {list_id!r} differs from its folder name {path.parent.name!r}",
        )
    jurisdiction = f.pattern(
        "jurisdiction", _JURISDICTION, "an upper-case ISO 3166-1 alpha-2 code, UN or EU"
    )
    if jurisdiction is not None and not is_jurisdiction(jurisdiction):
        out.add(
            f.line_of("jurisdiction"),
            "jurisdiction",
            "bad-value",
            f"{jurisdiction!r} is not an ISO 3166-1 alpha-2 code, UN or EU"
            + did_you_mean(jurisdiction, ASSIGNED | INTERNATIONAL),
        )
        jurisdiction = None
    if jurisdiction is not None and list_id is not None:
        prefix = list_id.split("-", 1)[0]
        if prefix != jurisdiction.lower():
            out.add(
                f.line_of("id"),
                "id",
                "list-id-mismatch",
                f"list id {list_id!r} does not start with its jurisdiction: "
                f"'{jurisdiction.lower()}-…' for {jurisdiction}",
            )
    title, authority = f.text("name"), f.text("authority")
    names = Records(LIST_NAME).read(f, "names", Context()) or ()
    url = f.pattern("url", URL, "an http(s) URL")
    instruments, seen = read_instruments(f, "instruments")
    framework = f.text_list("framework", slugs=True)
    for item, line, field in f.items("framework"):
        if isinstance(item, str) and item not in seen:
            out.add(
                line,
                field,
                "unknown-basis",
                f"framework {item!r} is not an instrument id{did_you_mean(item, seen)}",
            )
    mass_removal = MassRemoval()
    if "mass_removal" in tree:
        m = Fields(
            out,
            tree["mass_removal"],
            f.line_of("mass_removal"),
            "mass_removal",
            (),
            ("share", "min_count"),
        )
        share = m.number("share", float)
        count = m.number("min_count", int)
        if share is not None and not 0 < share <= 1:
            out.add(
                m.line_of("share"),
                "mass_removal.share",
                "bad-value",
                "share must be greater than 0 and at most 1",
            )
        if count is not None and count < 0:
            out.add(
                m.line_of("min_count"),
                "mass_removal.min_count",
                "bad-value",
                "min_count must not be negative",
            )
        mass_removal = MassRemoval(
            share if share is not None else mass_removal.share,
            int(count) if count is not None else mass_removal.min_count,
        )
    evidence = f.choice("evidence", Evidence) or Evidence.ACTS
    stable_refs = (
        tuple(f.text_list("stable_refs")) if "stable_refs" in tree else DEFAULT_STABLE_REFS
    )
    conventions = DateConventions()
    if "date_conventions" in tree:
        c = Fields(
            out,
            tree["date_conventions"],
            f.line_of("date_conventions"),
            "date_conventions",
            (),
            ("listed_on", "effective"),
        )
        conventions = DateConventions(c.text("listed_on"), c.text("effective"))
    source = None
    if "source" in tree:
        s = Fields(out, tree["source"], f.line_of("source"), "source", ("format", "url"), ())
        fmt = s.choice("format", ImportFormat)  # one ``update`` can fetch and read
        fetch_url = s.pattern("url", URL, "an http(s) URL")
        if fmt is not None and fetch_url is not None:
            source = ListSource(fmt.value, fetch_url)
    out.raise_if_any()
    assert list_id and jurisdiction and title and authority
    return ListInfo(
        list_id,
        jurisdiction,
        title,
        authority,
        instruments,
        names,
        tuple(framework),
        url,
        mass_removal,
        evidence,
        conventions,
        source,
        stable_refs,
        path=name,
    )


def _entry(
    out: Collector, node: Any, line: int, field: str, ctx: Context, as_of: dt.date | None
) -> Entry | None:
    f = Fields(out, node, line, field, ENTRY.required, ENTRY.optional)
    v = ENTRY.read(f, ctx, ("id", "name", "type", "listed_on", "first_seen"))
    listed_on, first_seen = v["listed_on"], v["first_seen"]
    dated = ("listed_on" in f.node) + ("first_seen" in f.node)
    if f.ok and dated != 1:
        out.add(
            f.line_of("first_seen") if dated else line,
            f"{field}.listed_on",
            "missing-field" if not dated else "listed-and-first-seen",
            "an entry needs exactly one of 'listed_on' (the date the designation took effect) "
            "and 'first_seen' (the as_of of the first publication that held it)",
        )
    if first_seen is not None and as_of is not None and first_seen > as_of:
        out.add(
            f.line_of("first_seen"),
            f"{field}.first_seen",
            "listed-after-as-of",
            f"first_seen {first_seen} is after the snapshot's as_of {as_of}",
        )
    v |= ENTRY.read(f, ctx, ("basis",))
    v |= ENTRY.read(f, ctx, [k for k in ENTRY.by_name if k not in v])
    if listed_on is not None and as_of is not None and listed_on.start > as_of:
        out.add(
            f.line_of("listed_on"),
            f"{field}.listed_on",
            "listed-after-as-of",
            f"listed_on {listed_on} is after the snapshot's as_of {as_of}",
        )
    if v["id"] is None or v["name"] is None or v["type"] is None or dated != 1 or not v["basis"]:
        return None
    if listed_on is None and first_seen is None:
        return None
    return ENTRY.build(v, line)


def _after(listed_on: PartialDate | None, first_seen: dt.date | None, as_of: dt.date) -> bool:
    """Whether an entry's date puts it after the snapshot's ``as_of`` (where ``_entry`` says
    ``listed-after-as-of``): a listing from a day after ``as_of`` cannot be in force on it."""
    return (listed_on is not None and listed_on.start > as_of) or (
        first_seen is not None and first_seen > as_of
    )


def _quick_entry(node: Any, line: int, ctx: Context, as_of: dt.date) -> Entry | None:
    """The entry ``_entry`` would build from a node with nothing wrong in it, or ``None`` at the
    first sign of anything unusual (then ``_entry`` reads it again and says what is wrong):
    each value read by its kind's ``quick`` (see ``shape``), then the entry's own rules."""
    v = ENTRY.quick(node, ctx)
    if v is None:
        return None
    listed_on, first_seen = v["listed_on"], v["first_seen"]
    if (listed_on is None) == (first_seen is None) or _after(listed_on, first_seen, as_of):
        return None  # not exactly one of the two, or after the snapshot
    if v["certainty"] is not Certainty.CONFIRMED and v["notes"] is None:
        return None
    v["line"] = line
    return Entry(**v)


def _entry_converter(info: ListInfo) -> Callable[[YMap, YMap, int], Any]:
    """The reader's hook for ``entries``: each well-formed entry becomes an ``Entry`` as soon as
    it is read (so the tree of a large snapshot never exists whole); any other item stays as
    read, for ``_entry`` to report on. Only once ``as_of`` has been read and is a date."""
    seen: list[Any] = [None, None]  # the as_of text last parsed, and its date
    ctx = Context(info)  # dates repeat: each is parsed once, and the value shared

    def convert(root: YMap, node: YMap, line: int) -> Any:
        text = root.get("as_of")
        if text is not seen[0]:
            seen[0] = text
            seen[1] = None
            if type(text) is str and text.strip():
                with contextlib.suppress(ValueError):
                    seen[1] = parse_date(text)
        as_of = seen[1]
        if as_of is None:
            return node
        entry = _quick_entry(node, line, ctx, as_of)
        return node if entry is None else entry

    return convert


def _change(
    out: Collector,
    node: Any,
    line: int,
    field: str,
    ctx: Context,
    as_of: dt.date | None,
    previous: dt.date | None,
) -> ChangeRecord | None:
    """A change record: read quickly when nothing is wrong in it, else in full."""
    if as_of is not None and (quick := _quick_change(node, line, ctx, as_of, previous)):
        return quick
    return _full_change(out, node, line, field, ctx, as_of, previous)


def _full_change(
    out: Collector,
    node: Any,
    line: int,
    field: str,
    ctx: Context,
    as_of: dt.date | None,
    previous: dt.date | None,
) -> ChangeRecord | None:
    """A change record read key by key, every problem reported to ``out``."""
    f = Fields(out, node, line, field, CHANGE.required, CHANGE.optional)
    v = CHANGE.read(f, ctx)
    action, effective = v["action"], v["effective"]
    if v["scope"] and action is not None and action not in (Action.LISTED, Action.DELISTED):
        out.add(
            f.line_of("scope"),
            f"{field}.scope",
            "bad-value",
            f"scope is for 'listed' and 'delisted' changes, not {action.value!r}",
        )
    if effective is not None and as_of is not None:
        late = effective.start > as_of
        early = previous is not None and effective.end <= previous
        if late or early:
            window = f"after {previous} and " if previous is not None else ""
            out.add(
                f.line_of("effective"),
                f"{field}.effective",
                "effective-outside-window",
                f"effective {effective} is not {window}at or before as_of {as_of}",
            )
    if v["entry"] is None or action is None or effective is None or not v["basis"]:
        return None
    return CHANGE.build(v, line)


def _quick_change(
    node: Any, line: int, ctx: Context, as_of: dt.date, previous: dt.date | None
) -> ChangeRecord | None:
    """The record ``_change`` would build from a node with nothing wrong in it, or ``None`` at
    the first sign of anything unusual (then ``_change`` reads it again and says what is wrong),
    as ``_quick_entry`` does for entries."""
    v = CHANGE.quick(node, ctx)
    if v is None:
        return None
    effective = v["effective"]
    if v["scope"] and v["action"] not in (Action.LISTED, Action.DELISTED):
        return None
    if effective.start > as_of or (previous is not None and effective.end <= previous):
        return None
    v["line"] = line
    return ChangeRecord(**v)


def snapshot_date(name: str) -> dt.date | None:
    """The date of the snapshot a list folder's file ``name`` holds (``YYYY-MM-DD.yaml`` after
    a real date), or ``None`` for any other name: the one rule for snapshot file names."""
    if not _SNAPSHOT_NAME.match(name):
        return None
    try:
        return parse_date(name[:-5])
    except ValueError:
        return None


def list_dates(folder: Path) -> list[dt.date]:
    """The dates of the snapshot files in a list's folder, sorted. A snapshot name that is
    not a regular file (a link, FIFO, device or folder) is refused here, before any command
    reads it (``UnsafeFileError``)."""

    def dates(children: Iterator[os.DirEntry[str]]) -> Iterator[dt.date]:
        for child in children:
            day = snapshot_date(child.name)
            if day is not None:
                if not child.is_file(follow_symlinks=False):
                    check_regular(Path(child.path))
                yield day

    with os.scandir(folder) as children:
        return sorted(at_most(dates(children), MAX_SNAPSHOTS, folder, "snapshots in one list"))


def _counter(
    name: str, key: str, limit: int, convert: Callable[[YMap, YMap, int], Any] | None = None
) -> Callable[[YMap, YMap, int], Any]:
    """A reader's hook that refuses the item after the ``limit``-th of ``key`` as it is read
    (before the rest of the file is), then converts each item as ``convert`` does."""
    count = 0

    def hook(root: YMap, item: YMap, line: int) -> Any:
        nonlocal count
        count += 1
        if count > limit:
            message = f"more than {limit} {key} in one file"
            raise DataError.one(name, line, key, "too-many", message)
        return item if convert is None else convert(root, item, line)

    return hook


def load_snapshot(
    path: Path | str,
    info: ListInfo | None = None,
    *,
    previous: dt.date | None = None,
    shown: str | None = None,
) -> Snapshot:
    """Read and validate one snapshot file.

    ``info`` is the list's ``list.yaml`` (read from beside the file when not given); ``previous``
    is the ``as_of`` of the snapshot before this one (found among the sibling files when not
    given), against which the change records' dates are checked.
    """
    path = Path(path)
    name = _shown(path, shown)
    if info is None:
        list_file = path.parent / "list.yaml"
        info = load_list_info(list_file, shown=str(Path(name).parent / "list.yaml"))
    with paused_gc():  # nothing built here can form a cycle
        return _snapshot(path, name, info, previous)


class Reading(NamedTuple):
    """A snapshot as ``read_snapshot`` read it."""

    snapshot: Snapshot
    #: The digest of each entry's text, in order, when the text was cut into entries cleanly
    #: (see ``incremental``); else ``None``.
    digests: list[bytes] | None
    #: How many entries were taken from ``known`` rather than parsed.
    reused: int = 0


def read_snapshot(
    data: bytes,
    path: Path | str,
    info: ListInfo,
    *,
    previous: dt.date | None = None,
    shown: str | None = None,
    known: Mapping[bytes, Entry] | None = None,
    known_until: dt.date | None = None,
    pieces: incremental.Pieces | None = None,
) -> Reading:
    """Read a snapshot from its bytes ``data`` (the file at ``path``), as ``load_snapshot``
    does. With ``known`` (entries by the digest of their text, read before in the same list
    context), an entry whose text is byte for byte one of those is taken from it instead of
    being parsed again, and only the rest of the file is parsed: the result, lines included,
    is the one a full reading gives, and a file with any problem is read in full, so its
    errors are always the full reading's.

    ``known_until``: the latest ``as_of`` of the snapshots the known entries were read in (each
    entry is valid on any day from its snapshot's on, so none is checked again against a
    snapshot no older than that). ``pieces``: ``incremental.pieces(data)``, when the caller has
    it already."""
    path = Path(path)
    name = _shown(path, shown)
    with paused_gc():  # nothing built here can form a cycle
        if pieces is None:
            pieces = incremental.pieces(data)
        where, digests = pieces.where, pieces.digests
        # More entries than the limit: the full reading says so (its hook counts them).
        if known and where is not None and digests is not None and len(digests) <= MAX_ENTRIES:
            text, replaced = incremental.skeleton(data, where, digests, known)
            if replaced:
                # On any problem, the file is read in full below, for the full reading's errors.
                with contextlib.suppress(DataError):
                    tree = parse_bytes(text, name, _hook(info, name))
                    text = b""
                    if _agrees(tree, where, replaced) and _reuse(
                        tree, replaced, digests, known, known_until
                    ):
                        snapshot = _validate(tree, path, name, info, previous)
                        return Reading(snapshot, digests, len(replaced))
            del text
        tree = parse_bytes(data, name, _hook(info, name))
        if where is not None and not _agrees(tree, where, ()):
            digests = None
        return Reading(_validate(tree, path, name, info, previous), digests)


def _agrees(tree: YMap, where: incremental.Cut, replaced: Sequence[int]) -> bool:
    """Whether the parser found the entries where the cut says they are (see ``incremental``),
    and read each placeholder back as itself."""
    items = tree.get("entries")
    if (
        type(items) is not YSeq
        or tree.key_lines.get("entries") != where.entries_line
        or items.item_lines != list(where.lines)
        or (where.end_line and where.end_line not in tree.key_lines.values())
    ):
        return False
    placeholder = incremental.PLACEHOLDER
    return all(items[i] == placeholder for i in replaced)


def _reuse(
    tree: YMap,
    replaced: Sequence[int],
    digests: Sequence[bytes],
    known: Mapping[bytes, Entry],
    known_until: dt.date | None = None,
) -> bool:
    """Put the known entries in their placeholders' places, each with its line; ``False``
    when one of them would not be valid here (listed after this snapshot's ``as_of``: never,
    when ``as_of`` is no earlier than ``known_until``)."""
    text = tree.get("as_of")
    try:
        as_of = parse_date(text) if type(text) is str else None
    except ValueError:
        as_of = None
    if as_of is None:
        return False
    items: YSeq = tree["entries"]
    reused = list(map(known.__getitem__, map(digests.__getitem__, replaced)))
    if (known_until is None or as_of < known_until) and any(
        _after(e.listed_on, e.first_seen, as_of) for e in reused
    ):
        return False
    lines = list(map(items.item_lines.__getitem__, replaced))
    for index, e in zip(replaced, relined(reused, lines), strict=True):
        items[index] = e
    return True


_ENTRY_SLOTS = tuple(a.name for a in attrs.fields(Entry))
_compiled_relined = compiled_function("relined")


def relined(entries: list[Entry], lines: list[int]) -> list[Entry]:
    """Each entry standing at its line of ``lines``: the entry itself where it stands there
    already, else a copy (records are immutable) sharing every value but the line. Compiled
    (``_yamltree.relined``) where the reader is."""
    if _compiled_relined is not None:
        done: list[Entry] = _compiled_relined(entries, lines, Entry.line)
        return done
    if len(entries) != len(lines):
        raise ValueError("relined: as many lines as entries")
    return [
        e if e.line == line else at_line(e, line) for e, line in zip(entries, lines, strict=True)
    ]


def at_line(entry: Entry, line: int) -> Entry:
    """The same entry, standing at another line (a copy: records are immutable)."""
    copy = object.__new__(Entry)
    setattr_ = object.__setattr__
    for name in _ENTRY_SLOTS:
        setattr_(copy, name, getattr(entry, name))
    setattr_(copy, "line", line)
    return copy


def _snapshot(path: Path, name: str, info: ListInfo, previous: dt.date | None) -> Snapshot:
    return _validate(read_yaml(path, name, _hook(info, name)), path, name, info, previous)


def _hook(info: ListInfo, name: str) -> tuple[str, Callable[[YMap, YMap, int], Any]]:
    return ("entries", _counter(name, "entries", MAX_ENTRIES, _entry_converter(info)))


def _validate(
    tree: YMap, path: Path, name: str, info: ListInfo, previous: dt.date | None
) -> Snapshot:
    """The snapshot a file's tree stands for (its entries may already be records), or the
    ``DataError`` of everything wrong in it."""
    out = Collector(name)
    f = Fields.document(
        out,
        tree,
        ("list", "as_of", "completeness", "sources", "entries"),
        ("coverage", "changes", "publication", "acknowledged"),
    )
    list_id = f.text("list")
    if list_id is not None and list_id != info.id:
        out.add(
            f.line_of("list"),
            "list",
            "list-id-mismatch",
            f"list {list_id!r} differs from the list's id {info.id!r}",
        )
    as_of = f.date("as_of")
    if as_of is not None and _SNAPSHOT_NAME.match(path.name) and path.name[:-5] != str(as_of):
        out.add(
            f.line_of("as_of"),
            "as_of",
            "as-of-mismatch",
            f"as_of {as_of} differs from the file name {path.name}",
        )
    if as_of is not None and previous is None and path.parent.is_dir():
        earlier = [d for d in list_dates(path.parent) if d < as_of]
        previous = earlier[-1] if earlier else None
    completeness = f.choice("completeness", Completeness)
    coverage = f.text("coverage")
    if completeness is Completeness.PARTIAL and coverage is None and "coverage" not in tree:
        out.add(
            f.line_of("completeness"),
            "coverage",
            "missing-field",
            "a partial snapshot needs 'coverage': what it holds, in words",
        )
    sources = f.text_list("sources", non_empty=True)
    for item, line, field in f.items("sources"):
        if isinstance(item, str) and not (URL.match(item) or SLUG.match(item)):
            out.add(line, field, "bad-source", f"{item!r} is neither a seed id nor an http(s) URL")
    ctx = Context(info)
    entries = _all_records(tree.get("entries"))
    if entries is None:
        entries = []
        seen: dict[str, int] = {}
        for node, line, field in f.items("entries"):
            entry = node if type(node) is Entry else _entry(out, node, line, field, ctx, as_of)
            if entry is None:
                continue
            if entry.id in seen:
                out.add(
                    line,
                    f"{field}.id",
                    "duplicate-id",
                    f"entry id {entry.id!r} is used twice (first at line {seen[entry.id]})",
                )
                continue
            seen[entry.id] = line
            entries.append(entry)
    changes = [
        record
        for node, line, field in f.items("changes")
        if (record := _change(out, node, line, field, ctx, as_of, previous)) is not None
    ]
    publication = _publication(f) if "publication" in tree else None
    acknowledged = _acknowledged(f)
    out.raise_if_any()
    assert list_id and as_of and completeness
    return Snapshot(
        list_id,
        as_of,
        completeness,
        tuple(sources),
        tuple(entries),
        info,
        tuple(changes),
        coverage,
        publication,
        acknowledged,
        path=name,
        entries_line=f.line_of("entries"),
        sources_line=f.line_of("sources"),
    )


def _all_records(nodes: Any) -> list[Entry] | None:
    """The entries of a sequence every item of which is already a record (as the reading hook
    or the incremental reading made them) with ids all different: the common case, checked
    without a step per entry in Python; else ``None``, and each item is looked at."""
    if type(nodes) is not YSeq or set(map(type, nodes)) != {Entry}:
        return None
    if len(set(map(_ID, nodes))) != len(nodes):
        return None  # a duplicate id, which the item by item reading reports
    return list(nodes)


_ID = operator.attrgetter("id")
# \Z, not $: "$" lets a final "\n" through (then strptime fails on "retrieved": no traceback).
_SHA256 = re.compile(r"\A[0-9a-f]{64}\Z")
_RULE = re.compile(r"\A[a-z]+(-[a-z]+)*\Z")


def _publication(f: Fields) -> Publication | None:
    """A snapshot's ``publication``: the official files it was imported from."""
    p = Fields(
        f.out,
        f.node["publication"],
        f.line_of("publication"),
        "publication",
        ("format", "files"),
        ("published", "url", "retrieved"),
    )
    fmt = p.pattern("format", _FORMAT, "an importer format name like 'ofac-csv'")
    published, url = p.date("published"), p.pattern("url", URL, "an http(s) URL")
    stamp = p.pattern("retrieved", _UTC_TIME, "a UTC time like 2026-01-31T06:17:00Z")
    retrieved = (
        dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
        if stamp is not None
        else None
    )
    files = []
    for node, line, field in p.items("files", non_empty=True):
        one = Fields(f.out, node, line, field, ("name", "sha256"))
        name, digest = one.text("name"), one.pattern("sha256", _SHA256, "64 lower-case hex digits")
        if name is not None and digest is not None:
            files.append(PublicationFile(name, digest))
    if fmt is None or not files:
        return None
    return Publication(fmt, tuple(files), published, url, retrieved)


def _acknowledged(f: Fields) -> tuple[Acknowledgement, ...]:
    """A snapshot's ``acknowledged``: ``check`` findings accepted, each with its reason."""
    found: list[Acknowledgement] = []
    for node, line, field in f.items("acknowledged"):
        a = Fields(f.out, node, line, field, ("rule", "reason"))
        rule = a.pattern("rule", _RULE, "a check rule id like 'mass-removal'")
        reason = a.text("reason")
        if rule is not None and reason is not None:
            found.append(Acknowledgement(rule, reason, line=line))
    return tuple(found)


def load_seed(path: Path | str, *, shown: str | None = None) -> Seed:
    """Read and validate a seed file; its ``id`` must equal its file name."""
    path = Path(path)
    name = _shown(path, shown)
    tree: YMap = read_yaml(path, name)
    out = Collector(name)
    f = Fields.document(
        out,
        tree,
        ("id", "kind", "title", "publisher", "published", "facts"),
        ("url",),
    )
    sid = f.slug("id")
    if sid is not None and sid != path.stem:
        out.add(
            f.line_of("id"),
            "id",
            "seed-id-mismatch",
            f"seed id {sid!r} differs from the file name {path.name}",
        )
    kind, title, publisher = f.choice("kind", SeedKind), f.text("title"), f.text("publisher")
    published: PartialDate | None = f.partial_date("published")
    facts = f.text_list("facts", non_empty=True)
    url = f.pattern("url", URL, "an http(s) URL")
    out.raise_if_any()
    assert sid and kind and title and publisher and published
    return Seed(sid, kind, title, publisher, published, tuple(facts), url, path=name)
