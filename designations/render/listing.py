"""Lists and snapshots as tables (``designations lists`` and ``show``)."""

from __future__ import annotations

from typing import Any

from ..model import Entry, Instrument, Snapshot
from ..shape import ENTRY
from .common import basis_json, dumps, since_text, uncertainty_text
from .common import one_line as t

__all__ = ["lists_json", "lists_text", "snapshot_json", "snapshot_text"]


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
    text = "\n".join(lines) + "\n" + _table(["ID", "DATE", "STATUS", "NAME", "BASIS"], body)
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
                {**ENTRY.json(e), "basis": [basis_json(info.instrument(b)) for b in e.basis]}
                for e in snapshot.entries
            ],
        }
    )
