"""HM Treasury / OFSI consolidated list CSV (``ConList.csv``, formerly ``sanctionsconlist.csv``).

Line 1 is ``Last Updated,DD/MM/YYYY`` (the file's date); line 2 the header. Each row is one name
variant; rows sharing a ``Group ID`` are one designation, whose id is the ``Group ID``. The
``Prime Alias`` row gives the name, the others its aliases (``FKA`` ones as former names).
Other columns are kept in ``notes``, each distinct value once and sorted (a group's rows have no
meaningful order); the per-row ``Last Updated`` is left out.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from ..dates import PartialDate
from ..errors import DataError
from ..model import Name
from ..vocab import EntryType, NameKind
from .decoding import check_size, text_lines
from .progress import Progress
from .source import Draft, ListTemplate, Source, clean
from .tables import table

__all__ = ["REQUIRED", "TEMPLATE", "read"]

TEMPLATE = ListTemplate(
    "gb-hmt-consolidated",
    "GB",
    "Consolidated List of Financial Sanctions Targets in the UK",
    "HM Treasury, Office of Financial Sanctions Implementation (OFSI)",
    "https://www.gov.uk/government/publications/financial-sanctions-consolidated-list-of-targets",
)
URL = "https://ofsistorage.blob.core.windows.net/publishlive/ConList.csv"

_NAME_COLUMNS = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6")
REQUIRED = (*_NAME_COLUMNS, "Group Type", "Alias Type", "Regime", "Listed On", "Group ID")
_ADDRESS = ("Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6")
_DETAILS = (
    "Title",
    "DOB",
    "Town of Birth",
    "Country of Birth",
    "Nationality",
    "Passport Details",
    "NI Number",
    "Position",
    "Other Information",
)
_TYPES = {"individual": EntryType.INDIVIDUAL, "entity": EntryType.ORGANIZATION}
_TYPES_MORE = {"ship": EntryType.VESSEL}
_UN_REF = re.compile(r"\bUN Ref\s+([A-Za-z]{2,4}\.\d+)")
_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")


def uk_date(text: str | None) -> PartialDate | None:
    """``DD/MM/YYYY`` (``00`` for an unknown day or month) → a date; ``None`` if not one."""
    match = _DATE.match(text or "")
    if not match:
        return None
    day, month, year = int(match[1]), int(match[2]), int(match[3])
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return PartialDate(year, month or None, (day or None) if month else None)


def _rows(path: Path, progress: Progress) -> Iterator[tuple[int, dict[str, str]]]:
    lines = text_lines(path, progress)
    reader = csv.reader(lines, strict=True)
    try:
        first = next(reader, None)
        header = next(reader, None)
        if first is None or header is None:
            raise DataError.one(
                str(path), 1, "", "empty-file", "the file holds no header and no rows"
            )
        yield (
            0,
            {
                "label": first[0] if first else "",
                "Last Updated": first[1] if len(first) > 1 else "",
                "line": ",".join(first),
            },
        )
        columns = [clean(c) or "" for c in header]
        missing = [c for c in REQUIRED if c not in columns]
        if missing:
            raise DataError.one(
                str(path), 2, "", "missing-columns", f"missing columns: {', '.join(missing)}"
            )
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) < len(columns):
                raise DataError.one(
                    str(path),
                    reader.line_num,
                    "",
                    "missing-columns",
                    f"row has {len(row)} columns, the header {len(columns)}",
                )
            yield reader.line_num, dict(zip(columns, row, strict=False))
    except csv.Error as exc:
        raise DataError.one(
            str(path), reader.line_num, "", "bad-csv", f"malformed CSV: {exc}"
        ) from None


def _row_name(row: dict[str, str]) -> str | None:
    return clean(" ".join(row[c] for c in _NAME_COLUMNS))


def _group(path: Path, key: str, rows: list[tuple[int, dict[str, str]]]) -> Draft:
    line = rows[0][0]
    prime = next((r for _, r in rows if clean(r["Alias Type"]) == "Prime Alias"), rows[0][1])
    name = _row_name(prime)
    if name is None:
        raise DataError.one(str(path), line, "Name 6", "missing-field", f"group {key} has no name")
    names: dict[str, Name] = {}
    for _, row in rows:
        other = _row_name(row)
        if other and other != name and other not in names:
            kind = NameKind.FORMER if clean(row["Alias Type"]) == "FKA" else NameKind.ALIAS
            names[other] = Name(other, kind=kind)
    group_type = (clean(prime["Group Type"]) or "").lower()
    etype = _TYPES.get(group_type) or _TYPES_MORE.get(group_type, EntryType.OTHER)
    regimes = sorted({r for _, row in rows if (r := clean(row["Regime"]))})
    listed = [d for _, row in rows if (d := uk_date(clean(row["Listed On"])))]
    notes: list[str] = []
    for column in _DETAILS:
        values = sorted({v for _, row in rows if (v := clean(row.get(column)))})
        notes.extend(f"{column}: {v}" for v in values)
    addresses = sorted(
        {
            a
            for _, row in rows
            if (
                a := ", ".join(
                    v for c in (*_ADDRESS, "Post/Zip Code", "Country") if (v := clean(row.get(c)))
                )
            )
        }
    )
    notes.extend(f"Address: {a}" for a in addresses)
    refs = sorted({m for _, row in rows for m in _UN_REF.findall(row.get("Other Information", ""))})
    return Draft(
        key,
        name,
        etype,
        tuple(regimes),
        tuple(sorted(names.values(), key=lambda n: n.name)),
        min(listed) if listed else None,
        (("un", ", ".join(refs)),) if refs else (),
        "\n".join(notes) if notes else None,
        line,
    )


def read(source: Path, progress: Progress) -> Source:
    check_size(source)
    as_of: dt.date | None = None
    groups: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for line, row in _rows(source, progress):
        if line == 0:
            date = uk_date(clean(row["Last Updated"]))
            if date is None or not date.is_full:
                # Another label on line 1 is another kind of file (its format is then named).
                other = clean(row["label"]) != "Last Updated"
                raise DataError.one(
                    str(source),
                    1,
                    "Last Updated",
                    "wrong-format" if other else "bad-date",
                    "line 1 should be 'Last Updated,DD/MM/YYYY', got "
                    f"{row['line'].rstrip(',')[:80]!r}",
                )
            as_of = date.start
            continue
        key = clean(row["Group ID"])
        if key is None:
            raise DataError.one(
                str(source), line, "Group ID", "missing-field", "the Group ID is empty"
            )
        groups.setdefault(key, []).append((line, row))
    if not groups:
        raise DataError.one(str(source), 0, "", "empty-file", "the file holds no records")
    return Source(
        str(source),
        "uk-csv",
        TEMPLATE,
        tuple(_group(source, key, rows) for key, rows in groups.items()),
        table("uk").resolve,
        as_of=as_of,
        url=URL,
        has_listing_dates=True,
    )
