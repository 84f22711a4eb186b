"""Reading the names a user screens (their counterparties): a CSV file with a header row, or
JSON lines (one object a line).

Columns (CSV, separated by commas, or by semicolons or tabs where the header row holds no
comma) or keys (JSON lines): ``name`` (required), ``id`` and ``type`` (optional;
``type`` is ``individual``/``person``, ``organization``/``entity``/``company``, ``vessel`` or
``aircraft``, and keeps a name from matching entries of another type). Column names are
case-insensitive; other columns are ignored. The file must be UTF-8 (a byte-order mark is
allowed). Anything else is a ``DataError`` naming the file and the row, with what to do.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import attrs

from .errors import DataError
from .names import normalize
from .safeio import read_bytes
from .vocab import EntryType

__all__ = ["MAX_SUBJECTS_BYTES", "Subject", "read_subjects"]

#: The largest file of names read (bytes).
MAX_SUBJECTS_BYTES = 256 * 1024 * 1024

_TYPES = {
    "individual": EntryType.INDIVIDUAL,
    "person": EntryType.INDIVIDUAL,
    "organization": EntryType.ORGANIZATION,
    "organisation": EntryType.ORGANIZATION,
    "entity": EntryType.ORGANIZATION,
    "company": EntryType.ORGANIZATION,
    "vessel": EntryType.VESSEL,
    "aircraft": EntryType.AIRCRAFT,
}


@attrs.frozen
class Subject:
    """One name to screen, with the user's own id for it and, optionally, what it names."""

    name: str
    id: str | None = None
    type: EntryType | None = None
    #: The line of the file it was read from (0 when not read from a file).
    line: int = attrs.field(default=0, eq=False)


def _error(shown: str, line: int, field: str, message: str) -> DataError:
    return DataError.one(shown, line, field, "bad-subjects", message)


def _decode(data: bytes, shown: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _error(
            shown,
            line,
            "",
            f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
        ) from None


def _subject(shown: str, line: int, name: object, ident: object, kind: object, row: str) -> Subject:
    if not isinstance(name, str) or not name.strip():
        raise _error(shown, line, "name", f"{row} has no name; give every row a name")
    if not normalize(name):
        raise _error(shown, line, "name", f"{name.strip()!r} has no letters or digits to match")
    if ident is not None and not isinstance(ident, str | int):
        raise _error(shown, line, "id", "the id must be text or a number")
    entry_type = None
    if kind is not None and kind != "":
        entry_type = _TYPES.get(str(kind).strip().casefold())
        if entry_type is None:
            raise _error(
                shown, line, "type", f"unknown type {kind!r} (types: {', '.join(sorted(_TYPES))})"
            )
    text_id = str(ident).strip() if ident is not None and str(ident).strip() else None
    return Subject(name.strip(), text_id, entry_type, line)


def _separator(text: str) -> str:
    """A comma, unless the header row has none but a semicolon (spreadsheets in many locales
    save "CSV" so) or a tab."""
    header = text.split("\n", 1)[0]
    if "," not in header:
        for other in (";", "\t"):
            if other in header:
                return other
    return ","


def _csv(text: str, shown: str) -> list[Subject]:
    # strict: a quote opened and never closed is an error, not the rest of the file as a name
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text), strict=True)
    try:
        header = next(rows, None)
        if header is None:
            raise _error(shown, 1, "", "the file is empty; its first row must name the columns")
        columns = {h.strip().casefold(): i for i, h in reversed(list(enumerate(header)))}
        if "name" not in columns:
            found = ", ".join(repr(h) for h in header) or "none"
            raise _error(
                shown,
                1,
                "",
                f"no 'name' column (columns: {found}); the first row must name the columns, "
                "one of them 'name'",
            )
        subjects = []
        for row in rows:
            if not any(cell.strip() for cell in row):
                continue
            cells = {c: (row[i] if i < len(row) else None) for c, i in columns.items()}
            subjects.append(
                _subject(
                    shown,
                    rows.line_num,
                    cells["name"],
                    cells.get("id"),
                    cells.get("type"),
                    f"row {rows.line_num}",
                )
            )
    except csv.Error as exc:
        raise _error(shown, rows.line_num, "", f"not valid CSV: {exc}") from None
    return subjects


def _json_lines(text: str, shown: str) -> list[Subject]:
    subjects = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _error(shown, number, "", f"not a JSON object: {exc.msg}") from None
        if not isinstance(item, dict):
            raise _error(shown, number, "", 'each line must be an object like {"name": "..."}')
        keys = {str(k).casefold(): v for k, v in item.items()}
        subjects.append(
            _subject(shown, number, keys.get("name"), keys.get("id"), keys.get("type"), "the line")
        )
    return subjects


def read_subjects(path: Path | str, shown: str | None = None) -> list[Subject]:
    """The names in a CSV file (with a header row naming a ``name`` column) or a JSON-lines file
    (``.jsonl``/``.ndjson``, or any file whose first character is ``{``)."""
    shown = shown if shown is not None else str(path)
    text = _decode(read_bytes(path, shown, limit=MAX_SUBJECTS_BYTES), shown)
    if Path(path).suffix.casefold() in (".jsonl", ".ndjson") or text.lstrip().startswith("{"):
        return _json_lines(text, shown)
    return _csv(text, shown)
