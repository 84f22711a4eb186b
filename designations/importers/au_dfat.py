"""Australia's Consolidated List (DFAT, ``regulation8_consolidated.xlsx``), read with openpyxl
in read-only mode (one row at a time).

Each row is one name. ``Reference`` ties the rows of one designation together: ``123`` is the
designation, ``123a``, ``123b`` … its other names, so the stable id is the reference's leading
number. The ``Name Type`` of a row (compared without case or surrounding spaces) says what the
name is: ``Primary Name`` is the entry's name, ``aka`` an alias, ``Original Script`` a
transliteration, ``Formerly known as`` / ``Previously listed as`` a former name. ``Committees``
names the regime (``1988 (Taliban)``, ``Autonomous (Russia)``): no table maps it to its act yet,
so each is an instrument of kind ``programme``. The file gives the listing only as free text
(``Listing Information``) and the date of the record's last change (``Control Date``): both are
kept in ``notes``, and no ``listed_on`` is derived from them. The file's date is its
``dcterms:modified`` property. Rows with no reference (empty padding rows) are skipped.

The workbook is a zip: what it declares it expands to is checked against ``EXPANDED_LIMIT``
before it is opened, and openpyxl parses its XML with defusedxml (no entities).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

import attrs

from ..errors import DataError
from ..model import Instrument, Name
from ..vocab import EntryType, NameKind
from . import packed
from .decoding import check_size
from .progress import Progress
from .source import Draft, ListTemplate, Source, clean
from .tags import programme

__all__ = ["TEMPLATE", "read"]

TEMPLATE = ListTemplate(
    "au-dfat-consolidated",
    "AU",
    "Consolidated List (Australian sanctions)",
    "Department of Foreign Affairs and Trade (DFAT)",
    "https://www.dfat.gov.au/international-relations/security/sanctions/consolidated-list",
)
URL = TEMPLATE.url or ""

_COLUMNS = {
    "reference": "Reference",
    "name": "Name of Individual or Entity",
    "type": "Type",
    "name_type": "Name Type",
    "committees": "Committees",
}
_NAME_KINDS = {
    "aka": NameKind.ALIAS,
    "original script": NameKind.TRANSLITERATION,
    "formerly known as": NameKind.FORMER,
    "previously listed as": NameKind.FORMER,
}
_TYPES = {"individual": EntryType.INDIVIDUAL, "entity": EntryType.ORGANIZATION}
_BASE = re.compile(r"^\s*(\d+)")


def resolve(tag: str, as_of: dt.date) -> tuple[Instrument, ...]:
    return (programme("au-dfat", "DFAT sanctions regime", tag, "Government of Australia"),)


@attrs.define
class _Designation:
    line: int
    name: str | None = None
    type: EntryType = EntryType.OTHER
    tags: list[str] = attrs.field(factory=list)
    names: list[Name] = attrs.field(factory=list)
    notes: list[str] = attrs.field(factory=list)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return clean(str(value))


def _check_expansion(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            declared = sum(i.file_size for i in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise DataError.one(
            str(path), 0, "", "wrong-format", f"not an xlsx workbook (not a zip: {exc})"
        ) from None
    if declared > packed.EXPANDED_LIMIT:
        raise DataError.one(
            str(path),
            0,
            "",
            "too-large",
            f"the workbook expands to {declared:,} bytes, more than the limit "
            f"({packed.EXPANDED_LIMIT:,}); nothing was imported",
        )


def read(source: Path, progress: Progress) -> Source:
    import openpyxl  # here, so the other importers do not pay for loading it

    check_size(source)
    path = str(source)
    _check_expansion(source)
    try:
        book = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise DataError.one(
            path, 0, "", "wrong-format", f"not a readable xlsx workbook: {exc}"
        ) from None
    try:
        modified = book.properties.modified
        sheet = book.worksheets[0]
        # The bar counts rows here (the sheet's declared size), not bytes.
        progress.total = max(int(sheet.max_row or 1), 1)
        rows = sheet.iter_rows(values_only=True)
        header = [_text(v) for v in next(rows, ())]
        where = {}
        for key, title in _COLUMNS.items():
            if title not in header:
                raise DataError.one(
                    path,
                    1,
                    title,
                    "wrong-format",
                    f"the first row has no {title!r} column: not DFAT's consolidated list",
                )
            where[key] = header.index(title)
        others = [
            (i, title) for i, title in enumerate(header) if title and title not in _COLUMNS.values()
        ]
        found: dict[str, _Designation] = {}
        for line, row in enumerate(rows, start=2):
            progress.advance(1)
            _row(found, row, line, where, others, path)
    finally:
        book.close()
    if not found:
        raise DataError.one(path, 0, "", "empty-file", "the workbook holds no designation")
    drafts = []
    for key, d in found.items():
        if d.name is None:
            raise DataError.one(
                path, d.line, "Name Type", "missing-field", f"reference {key}: no name"
            )
        drafts.append(
            Draft(
                key,
                d.name,
                d.type,
                tuple(d.tags),
                tuple(d.names),
                None,
                (("dfat", key),),
                "\n".join(d.notes) or None,
                d.line,
            )
        )
    return Source(
        path,
        "au-dfat",
        TEMPLATE,
        tuple(drafts),
        resolve,
        as_of=modified.date() if isinstance(modified, dt.datetime) else None,
        url=URL,
    )


def _row(
    found: dict[str, _Designation],
    row: tuple[Any, ...],
    line: int,
    where: dict[str, int],
    others: list[tuple[int, str]],
    path: str,
) -> None:
    def cell(index: int) -> str | None:
        return _text(row[index]) if index < len(row) else None

    reference = cell(where["reference"])
    if reference is None:
        if any(_text(v) for v in row):
            raise DataError.one(path, line, "Reference", "missing-field", "a row with no reference")
        return
    match = _BASE.match(reference)
    if match is None:
        raise DataError.one(path, line, "Reference", "bad-id", f"reference {reference!r}")
    key = match.group(1)
    name = cell(where["name"])
    if name is None:
        raise DataError.one(path, line, "Name of Individual or Entity", "missing-field", "empty")
    d = found.get(key)
    if d is None:
        d = found[key] = _Designation(line)
    kind = (cell(where["name_type"]) or "").lower()
    if kind == "primary name" and d.name is None:
        d.name = name
        d.type = _TYPES.get((cell(where["type"]) or "").lower(), EntryType.OTHER)
    else:
        item = Name(name, kind=_NAME_KINDS.get(kind, NameKind.ALIAS))
        if item not in d.names:
            d.names.append(item)
    committees = cell(where["committees"])
    if committees and committees not in d.tags:
        d.tags.append(committees)
    for index, title in others:
        value = cell(index)
        if value:
            text = f"{title}: {value}"
            if text not in d.notes:
                d.notes.append(text)
