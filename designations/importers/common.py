"""What every importer shares: the record a format reader yields (``Draft``), value
normalization, and turning drafts into a ``ListInfo`` and a ``Snapshot``.

Conventions (documented in ``docs/importers.md``):
- values are kept as published, except that runs of whitespace become one space and the ends
  are trimmed, so a release that only re-wraps text does not show as a change;
- an entry's id is the source's stable id, lower-cased, with any run of other characters
  turned into ``-``;
- ``listed_on`` is the source's listing date where it gives one; otherwise the entry has no
  ``listed_on`` but ``first_seen``: the ``as_of`` of the first publication that held it (kept
  from the previous snapshot). No date is ever made up;
- a programme that an existing entry gains is an ``amended`` change citing its instrument;
  removals get no change record: an official file does not name the act that delisted anyone.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import attrs

from ..dates import PartialDate
from ..errors import DataError, Problem
from ..fields import SLUG
from ..model import ChangeRecord, Entry, Instrument, ListInfo, Name, Snapshot
from ..safeio import open_regular
from ..vocab import Action, Completeness, EntryType, Evidence
from .progress import MAX_SOURCE_BYTES, Progress, open_counted

__all__ = [
    "Draft",
    "Flaw",
    "ListTemplate",
    "Source",
    "build",
    "check_size",
    "clean",
    "detect_encoding",
    "entry_id",
    "refuse",
    "text_lines",
]

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def clean(value: str | None) -> str | None:
    """A value as published with its whitespace collapsed; ``None`` when nothing is left."""
    if value is None:
        return None
    return " ".join(value.split()) or None


def entry_id(key: str) -> str | None:
    """The entry id for a source's stable id (``6636``, ``QDi.001`` → ``qdi-001``)."""
    slug = _NOT_SLUG.sub("-", key.lower()).strip("-")
    return slug if SLUG.match(slug) else None


def refuse(path: str, line: int, field: str, rule: str, message: str) -> DataError:
    """The error for a source file that cannot be imported."""
    return DataError([Problem(path, line, field, rule, message)])


@attrs.frozen
class Draft:
    """One designation as a source publishes it, before instruments are resolved."""

    #: The source's stable id as published (``ent_num``, ``uid``, ``DATAID``, ``Group ID``).
    key: str
    name: str
    type: EntryType
    #: The source's own tags for the legal basis (programmes, list types, regimes).
    programs: tuple[str, ...]
    names: tuple[Name, ...] = ()
    #: The listing date where the source gives one.
    listed_on: PartialDate | None = None
    refs: tuple[tuple[str, str], ...] = ()
    notes: str | None = None
    #: Line of the record in the source, for messages.
    line: int = 0


@attrs.frozen
class Flaw:
    """A publication that fails one of its format's integrity signals (a missing end-of-file
    byte, a companion file missing, a record count that does not match)."""

    path: str
    rule: str
    message: str


@attrs.frozen
class ListTemplate:
    """What a new ``list.yaml`` says about a list, before any instrument."""

    list_id: str
    jurisdiction: str
    name: str
    authority: str
    url: str | None = None


#: Resolves a source tag to its instruments; the second argument is the import's ``as_of``
#: (used only for the stand-in instrument of a tag the tables do not know).
Resolver = Callable[[str, dt.date], tuple[Instrument, ...]]


@attrs.frozen
class Source:
    """A source file as read: its records and what the file says about itself."""

    path: str
    format: str
    template: ListTemplate
    drafts: tuple[Draft, ...]
    resolve: Resolver
    #: The data date inside the file, where the format carries one.
    as_of: dt.date | None = None
    #: Where the authority publishes this file (the snapshot's ``sources``).
    url: str = ""
    #: Whether the format gives listing dates (otherwise ``listed_on`` follows the convention).
    has_listing_dates: bool = False
    #: Every file read (the main file first), for the snapshot's ``publication``.
    files: tuple[str, ...] = ()
    #: What the integrity signals of the format say is wrong (refused unless overridden).
    flaws: tuple[Flaw, ...] = ()
    #: A main file read without any of the companion files its format publishes with it.
    lone: bool = False


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


def _latin1_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Bytes cp1252 leaves undefined (0x81, 0x8d, 0x8f, 0x90, 0x9d) read as Latin-1 does."""
    assert isinstance(exc, UnicodeDecodeError)
    return exc.object[exc.start : exc.end].decode("latin-1"), exc.end


codecs.register_error("designations-latin1", _latin1_fallback)


def detect_encoding(path: Path) -> str:
    """``utf-8-sig`` for a file with a BOM; ``utf-8`` for one whose non-ASCII bytes are all
    UTF-8; else ``cp1252`` (the official CSVs' encoding). Decided from the whole file, read in
    blocks: one character far into it counts as much as one at the start."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    ascii_only = True
    with open_regular(path, limit=MAX_SOURCE_BYTES, follow_links=True) as handle:
        for index, block in enumerate(iter(lambda: handle.read(1 << 20), b"")):
            if index == 0 and block.startswith(codecs.BOM_UTF8):
                return "utf-8-sig"
            if ascii_only and block.isascii():
                continue
            ascii_only = False
            try:
                decoder.decode(block)
            except UnicodeDecodeError:
                return "cp1252"
    if ascii_only:
        return "cp1252"
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def text_lines(path: Path, progress: Progress) -> Iterator[str]:
    """The lines of a text file in a stream, decoded, with a DOS end-of-file byte (Ctrl-Z)
    removed. Line endings are kept for the ``csv`` module."""
    encoding = detect_encoding(path)
    errors = "strict" if encoding.startswith("utf-8") else "designations-latin1"
    with io.TextIOWrapper(open_counted(path, progress), encoding, errors, newline="") as text:
        for line in text:
            if "\x1a" in line:
                line = line.replace("\x1a", "")
                if not line.strip():
                    continue
            yield line


def check_size(path: Path) -> None:
    """Refuse a source that is missing, not a file, or empty."""
    if not path.is_file():
        raise refuse(str(path), 0, "", "not-found", "no such file")
    if path.stat().st_size == 0:
        raise refuse(str(path), 0, "", "empty-file", "the file is empty")
