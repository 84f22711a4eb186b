"""An entity's history as a timeline for a terminal, as Markdown, and as JSON (the
``designations.history/1`` contract)."""

from __future__ import annotations

from typing import Any

from ..model import Instrument
from ..timeline import Event, History, Match
from .common import basis_json, dumps, instrument_label, md_cell, md_link, uncertainty_text
from .common import one_line as t

__all__ = ["FORMAT", "history_document", "history_json", "history_markdown", "history_text"]

FORMAT = "designations.history/1"


def _event_json(event: Event) -> dict[str, Any]:
    return {
        "date": str(event.date),
        "action": event.action.value,
        "first_seen": event.first_seen,
        "snapshot": str(event.snapshot),
        "basis": [basis_json(i) for i in event.basis],
        "note": event.note,
        "scope": [i.id for i in event.scope],
    }


def _match_json(match: Match) -> dict[str, Any]:
    return {
        "list": match.list_id,
        "entry": match.entry.id,
        "name": match.entry.name,
        "matched": match.matched,
        "score": match.score,
        "reason": match.reason.value,
        "status": match.status.value if match.status else None,
        "status_unsettled": match.unsettled,
        "former_id": match.former_id,
        "events": [_event_json(e) for e in match.events],
    }


def history_document(h: History) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "query": h.query,
        "on": str(h.on) if h.on else None,
        "matches": [_match_json(m) for m in h.matches],
    }


def history_json(h: History) -> str:
    return dumps(history_document(h))


def _acts(basis: tuple[Instrument, ...]) -> str:
    return "; ".join(instrument_label(i) for i in basis) or "no legal act recorded"


def _when(h: History) -> str:
    return f"on {h.on}" if h.on else "now"


def _status_line(h: History, m: Match) -> str:
    if m.status is None:
        return f"not listed {_when(h)} (its first event is later)"
    text = f"{m.status.value} {_when(h)}"
    if m.because is not None:
        if m.because.first_seen:
            text += f", first seen in the publication of {m.because.date} ("
            text += f"under {_acts(m.because.basis)})" if m.because.basis else "no act recorded)"
            return text
        text += f", since {m.because.date} ({m.because.action.value}"
        text += f" under {_acts(m.because.basis)})" if m.because.basis else ", no act recorded)"
        if m.unsettled:
            text += (
                f"; the day in {m.because.date} is not known: on {h.on} it may not have taken "
                "effect yet"
            )
    return text


def _in_part(e: Event) -> str:
    """A scoped listing or delisting: under which instruments, and that the status stands."""
    under = ", ".join(i.reference or i.id for i in e.scope)
    return f"in part: under {under} only; the entry stays listed"


def _match_line(m: Match) -> str:
    if m.former_id is not None:
        return f"{m.score:.2f} former id {t(m.former_id)} (now {t(m.entry.id)})"
    on = "" if m.matched in ("id", m.entry.name) else f" on {t(m.matched)}"
    return f"{m.score:.2f} {m.reason.value}{on}"


def history_text(h: History) -> str:
    if not h.matches:
        return f"No entry matches {t(h.query)!r}.\n"
    count = len(h.matches)
    lines = [f"{t(h.query)}: {count} entr{'y' if count == 1 else 'ies'}, status {_when(h)}"]
    for m in h.matches:
        others = [n.name for n in m.entry.names]
        lines += [
            "",
            f"{m.info.jurisdiction}  {m.list_id}: {t(m.info.name)}",
            f"    {m.entry.id}: {t(m.entry.name)}"
            + (f" (also {t('; '.join(others))})" if others else ""),
            f"    match: {_match_line(m)}",
            f"    status: {t(_status_line(h, m))}",
        ]
        if (doubt := uncertainty_text(m.entry)) is not None:
            lines.append(f"    {t(doubt)}")
        for e in m.events:
            flag = "" if e.explained else "  [no legal act recorded]"
            if e.first_seen:
                flag += "  (no listing date in the source: first seen in this publication)"
            if e.scoped:
                flag += f"  ({_in_part(e)})"
            lines.append(f"    {e.date!s:<10}  {e.label:<10}  {t(_acts(e.basis))}{flag}")
            if e.note:
                lines.append(f"{'':28}{t(e.note)}")
            lines.extend(
                f"{'':28}{t(doubt)}" for i in e.basis if (doubt := uncertainty_text(i)) is not None
            )
    return "\n".join(lines) + "\n"


def _acts_md(basis: tuple[Instrument, ...]) -> str:
    parts = [md_link(instrument_label(i), i.url) for i in basis]
    return "<br>".join(parts) or "*no legal act recorded*"


def history_markdown(h: History) -> str:
    lines = [f"## History of “{md_cell(h.query)}”", ""]
    if not h.matches:
        return "\n".join([*lines, "No entry matches.", ""])
    for m in h.matches:
        lines += [
            f"### {md_cell(m.entry.name)} in {md_cell(m.info.name)} "
            f"(`{m.list_id}`, {md_cell(m.info.jurisdiction)})",
            "",
            f"Match: {md_cell(_match_line(m))}. Status: **{md_cell(_status_line(h, m))}**",
            "",
            "| Date | Action | Legal basis | Snapshot |",
            "|---|---|---|---|",
        ]
        lines.extend(
            f"| {e.date} | {e.label}{f' ({_in_part(e)})' if e.scoped else ''} "
            f"| {_acts_md(e.basis)} | {e.snapshot} |"
            for e in m.events
        )
        lines.append("")
    return "\n".join(lines)
