"""Lists and snapshots as tables (``designations lists`` and ``show``)."""

from __future__ import annotations

from typing import Any

from ..listlog import ListLog, LogRow
from ..model import Entry, Instrument, Snapshot
from ..registry import DesignationList
from .common import basis_json, date_text, dumps, md_cell, since_text, uncertainty_text
from .common import terminal as t

__all__ = [
    "list_row",
    "lists_json",
    "lists_text",
    "log_json",
    "log_markdown",
    "log_text",
    "snapshot_json",
    "snapshot_text",
]


def list_row(lst: DesignationList) -> dict[str, Any]:
    latest = lst.latest if lst.dates else None
    return {
        "id": lst.id,
        "jurisdiction": lst.info.jurisdiction,
        "name": lst.info.name,
        "snapshots": len(lst.dates),
        "latest": str(latest.as_of) if latest else None,
        "entries": len(latest.entries) if latest else 0,
        "completeness": latest.completeness.value if latest else None,
    }


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)
    ]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines) + "\n"


def lists_text(rows: list[dict[str, Any]]) -> str:
    header = ["LIST", "JUR", "SNAPSHOTS", "LATEST", "ENTRIES", "NAME"]
    body = [
        [
            r["id"],
            r["jurisdiction"],
            str(r["snapshots"]),
            r["latest"] or "-",
            f"{r['entries']}{' (partial)' if r['completeness'] == 'partial' else ''}",
            t(r["name"]),
        ]
        for r in rows
    ]
    return _table(header, body)


def lists_json(rows: list[dict[str, Any]]) -> str:
    return dumps({"format": "designations.lists/1", "lists": rows})


def snapshot_text(snapshot: Snapshot) -> str:
    info = snapshot.info
    head = f"{info.id} as of {snapshot.as_of}: {len(snapshot.entries)} entries"
    head += f" ({snapshot.completeness.value})"
    lines = [head]
    if snapshot.coverage:
        lines.append(f"coverage: {t(snapshot.coverage)}")
    body = []
    doubts: dict[str, str] = {}
    for e in sorted(snapshot.entries, key=lambda e: (e.since, e.id)):
        acts = [info.instrument(b) for b in e.basis]
        refs = ", ".join(i.reference or i.id for i in acts)
        things: list[Entry | Instrument] = [e, *acts]
        for thing in things:
            if (doubt := uncertainty_text(thing)) is not None:
                doubts[thing.id] = doubt
        name = e.name if e.is_certain else f"{e.name} [{e.certainty.value}]"
        marks = "" if all(i.is_certain for i in acts) else " [?]"
        body.append([e.id, since_text(e), e.status.value, t(name), t(refs + marks)])
    lines.append("")
    text = "\n".join(lines) + "\n" + _table(["ID", "LISTED", "STATUS", "NAME", "BASIS"], body)
    if doubts:
        text += "\nnot certain:\n" + "".join(f"  {k}: {t(v)}\n" for k, v in doubts.items())
    return text


def snapshot_json(snapshot: Snapshot) -> str:
    info = snapshot.info
    return dumps(
        {
            "format": "designations.snapshot/1",
            "list": snapshot.list_id,
            "as_of": str(snapshot.as_of),
            "completeness": snapshot.completeness.value,
            "coverage": snapshot.coverage,
            "sources": list(snapshot.sources),
            "entries": [
                {
                    "id": e.id,
                    "name": e.name,
                    "names": [
                        {"name": n.name, "lang": n.lang, "kind": n.kind.value if n.kind else None}
                        for n in e.names
                    ],
                    "type": e.type.value,
                    "status": e.status.value,
                    "listed_on": date_text(e.listed_on),
                    "first_seen": None if e.first_seen is None else str(e.first_seen),
                    "basis": [basis_json(info.instrument(b)) for b in e.basis],
                    "refs": dict(e.refs),
                    "notes": e.notes,
                    "certainty": e.certainty.value,
                }
                for e in snapshot.entries
            ],
        }
    )


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
