"""OFAC's legacy CSV files: ``sdn.csv`` with ``add.csv``, ``alt.csv`` and ``sdn_comments.csv``
(the SDN list), or ``cons_prim.csv`` with ``cons_add.csv``, ``cons_alt.csv`` and
``cons_comments.csv`` (the consolidated non-SDN list).

No header row and no date; ``-0-`` stands for an empty value; cp1252, CRLF, and a Ctrl-Z at
the end. The stable id is ``ent_num``; the other files are joined to it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import attrs

from ..errors import DataError
from ..model import Name
from ..safeio import open_regular
from ..vocab import EntryType, NameKind
from .decoding import check_size, text_lines
from .ofac_notes import DETAIL_COLUMNS, Notes
from .progress import MAX_SOURCE_BYTES, Progress
from .source import Draft, Flaw, ListTemplate, Source, clean
from .tables import table

__all__ = ["COLUMNS", "read"]

#: The columns of ``sdn.csv`` / ``cons_prim.csv``, in order.
COLUMNS = ("ent_num", "SDN_Name", "SDN_Type", "Program", *DETAIL_COLUMNS, "Remarks")
_TYPES = {
    "individual": EntryType.INDIVIDUAL,
    "vessel": EntryType.VESSEL,
    "aircraft": EntryType.AIRCRAFT,
}
_ALT_KINDS = {"aka": NameKind.ALIAS, "fka": NameKind.FORMER, "nka": NameKind.ALIAS}
_TAG_SPLIT = re.compile(r"\]\s*\[")

SDN = ListTemplate(
    "us-ofac-sdn",
    "US",
    "Specially Designated Nationals and Blocked Persons List (SDN)",
    "Office of Foreign Assets Control (OFAC), US Department of the Treasury",
    "https://ofac.treasury.gov/specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists",
)
NON_SDN = ListTemplate(
    "us-ofac-consolidated",
    "US",
    "Consolidated Sanctions List (non-SDN lists)",
    "Office of Foreign Assets Control (OFAC), US Department of the Treasury",
    "https://ofac.treasury.gov/consolidated-sanctions-list-non-sdn-lists",
)
_FILES = {
    "sdn.csv": ("add.csv", "alt.csv", "sdn_comments.csv"),
    "cons_prim.csv": ("cons_add.csv", "cons_alt.csv", "cons_comments.csv"),
}
_URLS = {
    "sdn.csv": "https://www.treasury.gov/ofac/downloads/sdn.csv",
    "cons_prim.csv": "https://www.treasury.gov/ofac/downloads/consolidated/cons_prim.csv",
}


def value(text: str) -> str | None:
    """A field as published, with OFAC's ``-0-`` null read as nothing."""
    cleaned = clean(text)
    return None if cleaned is None or cleaned == "-0-" else cleaned


def programs(text: str | None) -> tuple[str, ...]:
    """``SDGT] [IFSR`` (the ``Program`` column) → ``("SDGT", "IFSR")``."""
    if text is None:
        return ()
    tags = (clean(part.strip("[] ")) for part in _TAG_SPLIT.split(text))
    return tuple(t for t in tags if t)


@attrs.define
class _Record:
    draft: Draft
    remarks: str | None
    details: list[str]
    names: list[Name] = attrs.Factory(list)
    addresses: list[str] = attrs.Factory(list)
    comments: list[str] = attrs.Factory(list)


def rows(path: Path, width: int, progress: Progress) -> Iterator[tuple[int, list[str]]]:
    """Each row of an OFAC CSV file with its line number; a row of another width is refused."""
    reader = csv.reader(text_lines(path, progress), strict=True)
    try:
        for row in reader:
            if not row or row == [""]:
                continue
            if len(row) != width:
                raise DataError.one(
                    str(path),
                    reader.line_num,
                    "",
                    "missing-columns",
                    f"row has {len(row)} columns, expected {width}",
                )
            yield reader.line_num, row
    except csv.Error as exc:
        raise DataError.one(
            str(path), reader.line_num, "", "bad-csv", f"malformed CSV: {exc}"
        ) from None
    except UnicodeDecodeError as exc:
        raise DataError.one(
            str(path), reader.line_num, "", "encoding", f"cannot decode: {exc}"
        ) from None


def _main(path: Path, progress: Progress) -> dict[str, _Record]:
    records: dict[str, _Record] = {}
    for line, row in rows(path, len(COLUMNS), progress):
        ent_num = value(row[0])
        name = value(row[1])
        if ent_num is None or not ent_num.isdigit():
            raise DataError.one(
                str(path), line, "ent_num", "bad-id", f"ent_num {row[0]!r} is not a number"
            )
        if name is None:
            raise DataError.one(str(path), line, "SDN_Name", "missing-field", "the name is empty")
        kind = value(row[2])
        etype = _TYPES.get(kind.lower(), EntryType.OTHER) if kind else EntryType.ORGANIZATION
        details = [
            f"{column}: {text}"
            for column, raw in zip(DETAIL_COLUMNS, row[4:11], strict=True)
            if (text := value(raw)) is not None
        ]
        if ent_num in records:
            first = records[ent_num].draft.line
            raise DataError.one(
                str(path),
                line,
                "ent_num",
                "duplicate-id",
                f"ent_num {ent_num} repeats line {first}",
            )
        draft = Draft(
            ent_num, name, etype, programs(value(row[3])), refs=(("ofac", ent_num),), line=line
        )
        records[ent_num] = _Record(draft, row[11] if value(row[11]) else None, details)
    if not records:
        raise DataError.one(str(path), 0, "", "empty-file", "the file holds no records")
    return records


def _join(
    path: Path, width: int, records: dict[str, _Record], progress: Progress
) -> Iterator[tuple[_Record, list[str]]]:
    if not path.is_file() or path.stat().st_size == 0:
        return
    for _line, row in rows(path, width, progress):
        record = records.get(value(row[0]) or "")
        if record is not None:
            yield record, row


def _finish(record: _Record) -> Draft:
    remarks = "".join([record.remarks or "", *record.comments]) or None
    notes = Notes(record.details, remarks, record.addresses)
    return attrs.evolve(record.draft, names=tuple(record.names), notes=notes.text())


def read(source: Path, progress: Progress) -> Source:
    """Read the main file (a folder's ``sdn.csv`` or ``cons_prim.csv``, or the file given) and
    the files beside it."""
    main = source
    if source.is_dir():
        found = [source / name for name in _FILES if (source / name).is_file()]
        if not found:
            raise DataError.one(str(source), 0, "", "not-found", "no sdn.csv or cons_prim.csv here")
        main = found[0]
    check_size(main)
    records = _main(main, progress)
    add_name, alt_name, comments_name = _FILES.get(main.name, ("", "", ""))
    folder = main.parent
    companions = [folder / n for n in (add_name, alt_name, comments_name) if n]
    present = [p for p in companions if p.is_file()]
    flaws = [unterminated(p) for p in (main, *present)]
    missing = tuple(p.name for p in companions if p not in present)
    if present and missing:
        flaws.append(
            Flaw(
                str(folder / missing[0]),
                "missing-companion",
                f"{', '.join(missing)} missing beside {main.name}: OFAC publishes "
                f"{', '.join(p.name for p in companions)} together, and the folder holds only "
                f"{', '.join(p.name for p in present)}",
            )
        )
    if alt_name:
        for record, row in _join(folder / alt_name, 5, records, progress):
            alias = value(row[3])
            if alias is None:
                continue
            alt_type = (value(row[2]) or "").lower()
            record.names.append(Name(alias, kind=_ALT_KINDS.get(alt_type, NameKind.ALIAS)))
            remark = value(row[4])
            if remark is not None:
                record.details.append(f"Alias {alias}: {remark}")
        for record, row in _join(folder / add_name, 6, records, progress):
            parts = [p for p in (value(c) for c in row[2:5]) if p is not None]
            remark = value(row[5])
            if remark is not None:
                parts.append(f"({remark})")
            if parts:
                record.addresses.append(", ".join(parts))
        for record, row in _join(folder / comments_name, 2, records, progress):
            if row[1]:
                record.comments.append(row[1])
    template = NON_SDN if main.name == "cons_prim.csv" else SDN
    return Source(
        str(main),
        "ofac-csv",
        template,
        tuple(_finish(r) for r in records.values()),
        table("ofac").resolve,
        url=_URLS.get(main.name, _URLS["sdn.csv"]),
        files=tuple(str(p) for p in (main, *present)),
        flaws=tuple(f for f in flaws if f is not None),
        lone=not present,
    )


def unterminated(path: Path) -> Flaw | None:
    """OFAC ends every CSV file with a DOS end-of-file byte (Ctrl-Z); a non-empty file without
    it was cut off, even when the cut fell on a row boundary."""
    size = path.stat().st_size
    if size == 0:
        return None
    with open_regular(path, limit=MAX_SOURCE_BYTES, follow_links=True) as handle:
        handle.seek(size - 1)
        if handle.read(1) == b"\x1a":
            return None
    return Flaw(
        str(path),
        "missing-eof",
        "the file does not end with OFAC's end-of-file byte (Ctrl-Z, 0x1A): a cut-off download?",
    )
