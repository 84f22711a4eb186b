"""A list's log as a table (``designations log``): one row per snapshot."""

from __future__ import annotations

from typing import Any

from ..listlog import ListLog, LogRow
from .common import dumps, md_cell
from .common import one_line as t
from .listing import _table

__all__ = ["log_json", "log_markdown", "log_text"]


def _counted(counts: dict[Any, int] | None, phantoms: int | None = None) -> str:
    """``1 added, 2 amended``: the kinds or verdicts that occur, in their order."""
    if counts is None:
        return "(first snapshot)"
    parts = [f"{n} {key.value}" for key, n in counts.items() if n]
    if phantoms:
        parts.append(f"{phantoms} phantom")
    return ", ".join(parts) or "none"


def _log_cells(row: LogRow) -> list[str]:
    return [
        str(row.as_of),
        row.completeness.value,
        str(row.entries),
        str(row.records),
        _counted(row.changes),
        "" if row.verdicts is None else _counted(row.verdicts, row.phantoms),
    ]


_LOG_HEADER = ["AS_OF", "COMPLETENESS", "ENTRIES", "RECORDS", "CHANGES", "VERDICTS"]


def log_text(log: ListLog) -> str:
    """One line per snapshot: date, completeness, entries, change records, then the changes
    since the previous snapshot and the verdict on each."""
    head = f"{log.list_id}: {t(log.name)}, {len(log.rows)} snapshots\n\n"
    return head + _table(_LOG_HEADER, [_log_cells(row) for row in log.rows])


def log_markdown(log: ListLog) -> str:
    header = ["as_of", "completeness", "entries", "records", "changes", "verdicts"]
    lines = [
        f"**{md_cell(log.list_id)}**: {md_cell(log.name)}, {len(log.rows)} snapshots",
        "",
        "| " + " | ".join(header) + " |",
        "|" + " --- |" * len(header),
    ]
    lines += ["| " + " | ".join(md_cell(c) for c in _log_cells(row)) + " |" for row in log.rows]
    return "\n".join(lines) + "\n"


def _log_row_json(row: LogRow) -> dict[str, Any]:
    def named(counts: dict[Any, int] | None) -> dict[str, int] | None:
        return None if counts is None else {k.value: n for k, n in counts.items()}

    return {
        "as_of": str(row.as_of),
        "completeness": row.completeness.value,
        "entries": row.entries,
        "records": row.records,
        "changes": named(row.changes),
        "verdicts": named(row.verdicts),
        "phantoms": row.phantoms,
    }


def log_json(log: ListLog) -> str:
    """``designations.log/1``: ``changes``, ``verdicts`` and ``phantoms`` are null for the first
    snapshot; otherwise every change kind and every verdict is present, zeros included."""
    return dumps(
        {
            "format": "designations.log/1",
            "list": log.list_id,
            "name": log.name,
            "snapshots": [_log_row_json(row) for row in log.rows],
        }
    )
