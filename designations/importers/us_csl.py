"""The US Consolidated Screening List (trade.gov ``consolidated.csv``, often ``.csv.gz``): the
export-screening lists of the Departments of Commerce, State and the Treasury in one CSV.

The stable id is ``_id``. One party can stand on several of the lists (an OFAC entity on both the
SDN and the Capta list): its rows share the ``_id`` and make one entry, whose basis is every
list's. The basis: for the Treasury's lists, each ``programs`` tag through OFAC's own table
(``tables/ofac.yaml``); for the other lists, each programme tag, or the list itself when the row
has none, as an instrument of kind ``programme`` (the file does not name the act). The listing
date is the earliest ``start_date`` (the date the list gives for the listing, where it gives
one); the file carries no date of its own, so ``--as-of`` is required. ``entity_number`` of a
Treasury row is kept as the ``ofac`` cross-reference; ``alt_names`` (``; ``-separated) are
aliases; every other non-empty column is kept in ``notes`` as ``column: value``.

The file is UTF-8, but a few values hold C1 control characters (U+0080–U+009F; the 2022 file has
three U+0092) where the producer read Windows-1252 bytes as Latin-1: each is read as the
Windows-1252 character it encodes (U+0092 → ’). A C1 character Windows-1252 leaves undefined
stays, and the import is refused (the snapshot format cannot store control characters).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import attrs

from ..dates import PartialDate, parse_partial_date
from ..errors import DataError
from ..model import Instrument, Name
from ..vocab import EntryType, NameKind
from .decoding import check_size, text_lines
from .progress import Progress
from .source import Draft, ListTemplate, Source, clean
from .tables import table
from .tags import programme

__all__ = ["TEMPLATE", "read"]

TEMPLATE = ListTemplate(
    "us-trade-csl",
    "US",
    "Consolidated Screening List",
    "International Trade Administration, US Department of Commerce",
    "https://www.trade.gov/consolidated-screening-list",
)
URL = "https://www.trade.gov/consolidated-screening-list"

_REQUIRED = ("_id", "source", "name", "programs")
_TYPES = {
    "individual": EntryType.INDIVIDUAL,
    "entity": EntryType.ORGANIZATION,
    "vessel": EntryType.VESSEL,
    "aircraft": EntryType.AIRCRAFT,
}
_NOT_NOTES = frozenset({"_id", "name", "alt_names", "type"})
_CODE = re.compile(r"\(([^()]+)\)")
_SEP = "\x1f"


#: C1 control characters → the Windows-1252 characters their byte values encode.
_C1 = {
    code: ch
    for code in range(0x80, 0xA0)
    if (ch := bytes([code]).decode("cp1252", errors="replace")) != "\ufffd"
}


def _fix_c1(value: str) -> str:
    return value.translate(_C1) if any("\x80" <= c <= "\x9f" for c in value) else value


def _code(source: str) -> str:
    """``EL`` for ``Entity List (EL) - Bureau of Industry and Security``."""
    match = _CODE.search(source)
    return match.group(1) if match else source


def resolve(tag: str, as_of: dt.date) -> tuple[Instrument, ...]:
    """A tag is ``SOURCE<US>PROGRAMME`` (``PROGRAMME`` empty when the row names none)."""
    source, _, program = tag.partition(_SEP)
    if "Treasury" in source and program:
        return table("ofac").resolve(program, as_of)
    code = _code(source)
    if program:
        return (programme(f"csl-{code}", f"{code} programme", program, source),)
    return (programme("csl-list", "Screening list", code, source),)


@attrs.define
class _Party:
    line: int
    name: str
    type: EntryType
    tags: list[str] = attrs.field(factory=list)
    names: list[Name] = attrs.field(factory=list)
    starts: list[PartialDate] = attrs.field(factory=list)
    refs: dict[str, str] = attrs.field(factory=dict)
    notes: list[str] = attrs.field(factory=list)


def read(source: Path, progress: Progress) -> Source:
    check_size(source)
    path = str(source)
    reader = csv.DictReader(text_lines(source, progress))
    parties: dict[str, _Party] = {}
    try:
        header = reader.fieldnames or []
        missing = [c for c in _REQUIRED if c not in header]
        if missing:
            raise DataError.one(
                path,
                1,
                missing[0],
                "wrong-format",
                f"the header has no {', '.join(missing)} column: not a Consolidated Screening "
                "List CSV",
            )
        for raw_row in reader:
            line = reader.line_num
            row = {k: _fix_c1(v) if isinstance(v, str) else v for k, v in raw_row.items()}
            if None in row or any(v is None for v in row.values()):
                raise DataError.one(
                    path, line, "", "bad-csv", "row has the wrong number of columns"
                )
            key, name = clean(row["_id"]), clean(row["name"])
            if key is None or name is None:
                raise DataError.one(
                    path, line, "_id" if key is None else "name", "missing-field", "empty"
                )
            party = parties.get(key)
            if party is None:
                kind = _TYPES.get((clean(row.get("type")) or "").lower(), EntryType.OTHER)
                party = parties[key] = _Party(line, name, kind)
            _add(party, row, path, line)
    except csv.Error as exc:
        raise DataError.one(path, reader.line_num, "", "bad-csv", f"malformed CSV: {exc}") from None
    if not parties:
        raise DataError.one(path, 0, "", "empty-file", "the file holds no rows")
    drafts = tuple(
        Draft(
            key,
            p.name,
            p.type,
            tuple(p.tags),
            tuple(p.names),
            min(p.starts, key=lambda d: d.start) if p.starts else None,
            tuple(p.refs.items()),
            "\n".join(p.notes) or None,
            p.line,
        )
        for key, p in parties.items()
    )
    return Source(path, "us-csl", TEMPLATE, drafts, resolve, url=URL, has_listing_dates=True)


def _add(party: _Party, row: dict[str, str], path: str, line: int) -> None:
    source = clean(row["source"]) or ""
    programs = [p for raw in row["programs"].split(";") if (p := clean(raw))]
    for program in programs or [""]:
        tag = f"{source}{_SEP}{program}"
        if tag not in party.tags:
            party.tags.append(tag)
    for raw in (row.get("alt_names") or "").split(";"):
        alias = clean(raw)
        if alias and alias != party.name:
            item = Name(alias, kind=NameKind.ALIAS)
            if item not in party.names:
                party.names.append(item)
    start = clean(row.get("start_date"))
    if start:
        try:
            party.starts.append(parse_partial_date(start[:10]))
        except ValueError:
            raise DataError.one(
                path, line, "start_date", "bad-date", f"{start!r} is not a date"
            ) from None
    number = clean(row.get("entity_number"))
    if number and "Treasury" in source:
        party.refs.setdefault("ofac", number)
    for column, raw in row.items():
        value = clean(raw)
        if value and column not in _NOT_NOTES:
            text = f"{column}: {value}"
            if text not in party.notes:
                party.notes.append(text)
