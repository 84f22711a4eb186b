"""A list diff as JSON (the ``designations.diff/2`` contract), text, Markdown and CSV."""

from __future__ import annotations

from typing import Any

from ..reconcile import Change, ListDiff
from ..vocab import ChangeKind
from .common import (
    basis_json,
    csv_table,
    date_text,
    dumps,
    instrument_label,
    md_cell,
    md_link,
    record_json,
    uncertainty_text,
)
from .common import one_line as t
from .report_common import action_words, field_text, status_label

__all__ = ["change_json", "diff_csv", "diff_json", "diff_markdown", "diff_text"]

FORMAT = "designations.diff/2"
_SIGN = {
    ChangeKind.ADDED: "+",
    ChangeKind.REMOVED: "-",
    ChangeKind.AMENDED: "~",
    ChangeKind.NOT_COVERED: "?",
    ChangeKind.REKEYED: ">",
}


def change_json(change: Change) -> dict[str, Any]:
    return {
        "kind": change.kind.value,
        "entry": change.entry.id,
        "old_entry": change.old_entry,
        "name": change.entry.name,
        "action": change.action.value if change.action else None,
        "effective": date_text(change.effective),
        "verdict": change.verdict.value,
        "basis": [basis_json(i) for i in change.basis],
        "fields": [{"path": f.path, "old": f.old, "new": f.new} for f in change.fields],
    }


def diff_document(d: ListDiff) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "list": d.list_id,
        "from": str(d.old.as_of),
        "to": str(d.new.as_of),
        "summary": d.summary(),
        "changes": [change_json(c) for c in d.changes],
        "phantoms": [record_json(r, d.new.info) for r in d.phantoms],
    }


def diff_json(d: ListDiff) -> str:
    return dumps(diff_document(d))


_STATUS_TEXT = {
    "not covered": "not covered by the partial snapshot",
    "editorial": "editorial: no legal act, a warning",
    "publication": "publication: no legal act, on the publisher's list alone",
    "unexplained": "UNEXPLAINED",
}


def _status(change: Change) -> str:
    label = status_label(change)
    return _STATUS_TEXT.get(label, label)


def _counts(s: dict[str, int], strong: str = "") -> str:
    """The summary in words: kinds, then verdicts that need a look (rekeyed, publication and
    editorial counts only where there are any)."""
    b = strong

    def part(key: str, label: str, *, always: bool = True) -> list[str]:
        return [f"{b}{s[key]}{b} {label}"] if always or s[key] else []

    kinds = [
        *part("added", "added"),
        *part("removed", "removed"),
        *part("amended", "amended"),
        *part("rekeyed", "rekeyed", always=False),
        f"{s['not_covered']} not covered",
    ]
    verdicts = [
        *part("publication", "publication only", always=False),
        *part("editorial", "editorial", always=False),
        *part("unexplained", "unexplained"),
        *part("phantom", "phantom"),
    ]
    sep = " · " if strong else ", "
    return sep.join(kinds) + ("; " if not strong else " · ") + sep.join(verdicts)


def diff_text(d: ListDiff) -> str:
    lines = [f"{d.list_id}: {d.old.as_of} -> {d.new.as_of}", _counts(d.summary())]
    for c in d.changes:
        lines.append("")
        was = f" (was {c.old_entry})" if c.old_entry else ""
        lines.append(f"{_SIGN[c.kind]} {c.kind.value} {c.entry.id}: {t(c.entry.name)}{was}")
        action = f"{action_words(c)} {c.effective}" if c.action else "no action recorded"
        lines.append(f"    {action} ({_status(c)})")
        for i in c.basis:
            lines.append(f"    basis: {t(instrument_label(i))}")
            lines.extend(
                f"      {t(extra)}" for extra in (i.title, uncertainty_text(i), i.url) if extra
            )
        lines.extend(f"    {t(field_text(f))}" for f in c.fields)
    for r in d.phantoms:
        lines.append("")
        lines.append(
            f"! phantom {r.action.value} {r.entry} effective {r.effective} "
            f"(line {r.line}): no such change between the snapshots"
        )
    if not d.changes and not d.phantoms:
        lines += ["", "No changes."]
    return "\n".join(lines) + "\n"


def _was_md(change: Change) -> str:
    return f" (was `{change.old_entry}`)" if change.old_entry else ""


def _basis_md(change: Change) -> str:
    return "; ".join(md_link(instrument_label(i), i.url) for i in change.basis)


def diff_markdown(d: ListDiff) -> str:
    lines = [
        f"### `{d.list_id}`: {d.old.as_of} → {d.new.as_of}",
        "",
        _counts(d.summary(), "**"),
        "",
    ]
    if d.changes:
        lines += [
            "| | Entry | Name | Action | Effective | Legal basis | Status | Fields |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for c in d.changes:
            fields = "; ".join(md_cell(field_text(f, "→")) for f in c.fields)
            lines.append(
                f"| {c.kind.value} | `{c.entry.id}`{_was_md(c)} | {md_cell(c.entry.name)} | "
                f"{action_words(c)} | {date_text(c.effective) or ''} | "
                f"{_basis_md(c)} | {md_cell(_status(c))} | {fields} |"
            )
    else:
        lines.append("No changes.")
    if d.phantoms:
        lines += ["", "**Phantom change records** (no matching change between the snapshots):", ""]
        lines.extend(
            f"- `{r.entry}`: {r.action.value}, effective {r.effective} (line {r.line})"
            for r in d.phantoms
        )
    return "\n".join(lines) + "\n"


def diff_csv(d: ListDiff) -> str:
    header = [
        "list",
        "from",
        "to",
        "kind",
        "entry",
        "name",
        "action",
        "effective",
        "verdict",
        "basis",
        "basis_urls",
        "fields",
    ]
    rows = [
        [
            d.list_id,
            str(d.old.as_of),
            str(d.new.as_of),
            c.kind.value,
            c.entry.id,
            c.entry.name,
            c.action.value if c.action else "",
            date_text(c.effective) or "",
            c.verdict.value,
            "; ".join(instrument_label(i) for i in c.basis),
            " ".join(i.url for i in c.basis if i.url),
            "; ".join(field_text(f) for f in c.fields),
        ]
        for c in d.changes
    ]
    return csv_table(header, rows)
