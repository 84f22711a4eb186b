"""A screening's hits for a terminal, as CSV, as Markdown, and as JSON (the
``designations.screen/1`` contract)."""

from __future__ import annotations

from typing import Any

from ..model import Instrument
from ..screening import Pending, ScreenHit, Screening
from ..vocab import Verdict
from .common import basis_json, csv_table, date_text, dumps, instrument_label, md_cell
from .common import terminal as t
from .report_common import action_text, in_part

__all__ = [
    "FORMAT",
    "screen_csv",
    "screen_document",
    "screen_json",
    "screen_markdown",
    "screen_text",
]

FORMAT = "designations.screen/1"

CSV_HEADER = [
    "line", "subject_id", "subject", "list", "entry", "entry_name", "matched", "score", "reason",
    "status", "change", "action", "effective", "verdict", "acts", "listed_under",
    "pending_action", "pending_effective", "pending_recorded", "pending_certain", "pending_acts",
]  # fmt: skip


def _acts(basis: tuple[Instrument, ...]) -> str:
    return "; ".join(instrument_label(i) for i in basis)


def _hit_json(hit: ScreenHit) -> dict[str, Any]:
    return {
        "line": hit.subject.line or None,
        "subject_id": hit.subject.id,
        "subject": hit.subject.name,
        "list": hit.list_id,
        "entry": hit.entry.id,
        "entry_name": hit.entry.name,
        "entry_type": hit.entry.type.value,
        "matched": hit.matched,
        "score": hit.score,
        "reason": hit.reason.value,
        "status": hit.status,
        "change": hit.change.value if hit.change else None,
        "action": hit.action.value if hit.action else None,
        "effective": date_text(hit.effective),
        "verdict": hit.verdict.value if hit.verdict else None,
        "basis": [basis_json(i) for i in hit.basis],
        "listed_under": [basis_json(i) for i in hit.listed_under],
        "pending": _pending_json(hit.pending) if hit.pending else None,
    }


def _pending_json(p: Pending) -> dict[str, Any]:
    return {
        "action": p.action.value,
        "effective": date_text(p.effective),
        "recorded": str(p.recorded),
        "certain": p.certain,
        "basis": [basis_json(i) for i in p.basis],
    }


def screen_document(s: Screening) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "on": str(s.on) if s.on else None,
        "since": str(s.since) if s.since else None,
        "until": str(s.until) if s.until else None,
        "lists": list(s.lists),
        "threshold": s.threshold,
        "subjects": s.subjects,
        "hits": [_hit_json(h) for h in s.hits],
        "skipped": [{"list": k.list_id, "reason": k.reason} for k in s.skipped],
    }


def screen_json(s: Screening) -> str:
    return dumps(screen_document(s))


def _against(s: Screening) -> str:
    if s.changes_mode:
        since = s.since or "each list's first snapshot"
        until = s.until or "each list's latest snapshot"
        return f"the changes from {since} to {until}"
    return f"the lists in force on {s.on}"


def _summary(s: Screening) -> str:
    matched = len({h.subject.line or id(h.subject) for h in s.hits})
    return (
        f"{s.subjects} name{'s' if s.subjects != 1 else ''} screened against {_against(s)} "
        f"({len(s.lists)} list{'s' if len(s.lists) != 1 else ''}, threshold {s.threshold}): "
        f"{len(s.hits)} hit{'s' if len(s.hits) != 1 else ''}, {matched} name"
        f"{'s' if matched != 1 else ''} matched"
    )


def _subject(hit: ScreenHit) -> str:
    who = f"{hit.subject.id}: {hit.subject.name}" if hit.subject.id else hit.subject.name
    return f"{who} (line {hit.subject.line})" if hit.subject.line else who


def _pending_text(p: Pending, on: object) -> str:
    """A change of status the list in force does not show yet, and whether it had taken effect."""
    when = f"on {p.effective}" if p.effective.is_full else f"in {p.effective}"
    under = f" under {_acts(p.basis)}" if p.basis else ""
    text = f"; the snapshot of {p.recorded} records it {p.action.value} {when}{under}"
    if p.certain:
        return text + f": in effect on {on}, though the list in force does not show it yet"
    return (
        text + f": the day in {p.effective} is not known, so on {on} it may already have "
        "taken effect"
    )


def _why(hit: ScreenHit, on: object = None) -> str:
    """The change (or the listing) and its acts, in a few words."""
    if hit.change is None:
        text = f"listed under {_acts(hit.listed_under) or 'no act recorded'}"
        return text + _pending_text(hit.pending, on) if hit.pending else text
    what = action_text(hit.change, hit.action) or hit.change.value
    when = f" {hit.effective}" if hit.effective else ""
    if in_part(hit.change, hit.action):
        when += " (the entry stays listed)"
    if hit.basis:
        acts = f"under {_acts(hit.basis)}"
    elif hit.verdict is Verdict.PUBLICATION:
        acts = "shown by the list's official publication, no act identified for the change"
    else:
        acts = "no legal act recorded for it"
    text = f"{what}{when}, {acts}"
    if hit.listed_under and hit.listed_under != hit.basis:
        text += f" (listed under {_acts(hit.listed_under)})"
    return text


def screen_text(s: Screening) -> str:
    lines = [_summary(s)]
    for skipped in s.skipped:
        lines.append(f"  skipped {skipped.list_id}: {t(skipped.reason)}")
    for hit in s.hits:
        on = "" if hit.matched == hit.entry.name else f" on {t(hit.matched)!r}"
        lines += [
            "",
            f"{t(_subject(hit))}",
            f"    {hit.list_id} {hit.entry.id}: {t(hit.entry.name)} "
            f"({hit.score:.2f} {hit.reason.value}{on})",
            f"    {hit.status}: {t(_why(hit, s.on))}"
            if hit.change is None
            else f"    {t(_why(hit))}",
        ]
    return "\n".join(lines) + "\n"


def screen_csv(s: Screening) -> str:
    rows = [
        [
            str(h.subject.line or ""),
            h.subject.id,
            h.subject.name,
            h.list_id,
            h.entry.id,
            h.entry.name,
            h.matched,
            f"{h.score:.4f}",
            h.reason.value,
            h.status,
            h.change.value if h.change else "",
            h.action.value if h.action else "",
            date_text(h.effective),
            h.verdict.value if h.verdict else "",
            _acts(h.basis),
            _acts(h.listed_under),
            *_pending_cells(h.pending),
        ]
        for h in s.hits
    ]
    return csv_table(CSV_HEADER, rows)


def _pending_cells(p: Pending | None) -> list[str]:
    """The CSV's ``pending_*`` cells: the JSON's ``pending`` flat, all empty without one."""
    if p is None:
        return [""] * 5
    certain = "true" if p.certain else "false"
    effective = date_text(p.effective) or ""
    return [p.action.value, effective, str(p.recorded), certain, _acts(p.basis)]


def screen_markdown(s: Screening) -> str:
    lines = ["## Screening", "", md_cell(_summary(s)) + ".", ""]
    for skipped in s.skipped:
        lines.append(f"- skipped `{skipped.list_id}`: {md_cell(skipped.reason)}")
    if s.skipped:
        lines.append("")
    if not s.hits:
        return "\n".join([*lines, "No name matched.", ""])
    lines += [
        "| Name | List | Entry | Score | Reason | Status | Change and legal acts |",
        "|---|---|---|---|---|---|---|",
    ]
    lines.extend(
        f"| {md_cell(_subject(h))} | `{h.list_id}` | {md_cell(h.entry.id)}: "
        f"{md_cell(h.entry.name)} | {h.score:.2f} | {h.reason.value} | {h.status} | "
        f"{md_cell(_why(h, s.on))} |"
        for h in s.hits
    )
    lines.append("")
    return "\n".join(lines)
