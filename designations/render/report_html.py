"""A report as one self-contained HTML page: inline CSS, no script, nothing fetched from another
host; every value escaped by Jinja's autoescaping; a summary, a timeline chart as inline SVG,
then each list's changes with links to the acts. Readable on a phone and on paper."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import markupsafe

from ..model import Instrument
from ..reconcile import ListDiff
from ..report import Report, ReportItem, Section, report_of_diff
from .common import instrument_label, link_url, terminal
from .report_chart import timeline
from .report_common import (
    action_label,
    action_shown,
    field_text,
    range_text,
    status_label,
    title_text,
)

if TYPE_CHECKING:
    import jinja2

__all__ = ["diff_html", "report_html"]


def _finalize(value: Any) -> Any:
    """Every value the template prints: text without the control, bidi and non-characters
    that HTML forbids or that reorder what a reader sees (then escaped by autoescape)."""
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return terminal(value)
    return value


@functools.cache
def _environment() -> jinja2.Environment:
    import jinja2  # here, not at the top: only the HTML formats need it, every command starts

    return jinja2.Environment(
        loader=jinja2.PackageLoader("designations", "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _basis(instrument: Instrument, notes: dict[str, int]) -> dict[str, Any]:
    return {
        "label": instrument_label(instrument),
        "url": link_url(instrument.url),
        # the label gives the kind where the act has no reference
        "kind": instrument.kind.value.replace("-", " ") if instrument.reference else None,
        "note": notes.setdefault(instrument.id, len(notes) + 1),
    }


def _item(item: ReportItem, notes: dict[str, int]) -> dict[str, Any]:
    c = item.change
    return {
        "date": str(item.date),
        "action": action_label(c),  # the chip's CSS class
        "action_text": action_shown(c),
        "status": status_label(c),
        "entry": c.entry.id,
        "name": c.entry.name,
        "others": [n.name for n in c.entry.names][:3],
        "window": f"snapshots {item.old_as_of} → {item.new_as_of}",
        "basis": [_basis(i, notes) for i in c.basis],
        "fields": [field_text(f, "→") for f in c.fields],
    }


def _section(section: Section) -> dict[str, Any]:
    """A list's changes, and the acts they cite, numbered in order of first citation, each
    given once in full at the end of the section."""
    notes: dict[str, int] = {}
    items = [_item(i, notes) for i in section.items]
    cited = {i.id: i for item in section.items for i in item.change.basis}
    acts = [
        {
            "note": number,
            "label": instrument_label(cited[act_id]),
            "kind": cited[act_id].kind.value.replace("-", " ") if cited[act_id].reference else None,
            "title": cited[act_id].title,
            "url": link_url(cited[act_id].url),
        }
        for act_id, number in notes.items()
    ]
    info = section.info
    return {
        "id": info.id,
        "name": info.name,
        "jurisdiction": info.jurisdiction,
        "authority": info.authority,
        "url": link_url(info.url),
        "summary": section.summary(),
        "items": items,
        "acts": acts,
        "phantoms": section.phantoms,
    }


def report_html(report: Report, title: str | None = None) -> str:
    summary = report.summary()
    sections = [_section(s) for s in report.sections]
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            title=title or title_text(report),
            range=range_text(report),
            summary=summary,
            chart=timeline(report),
            sections=sections,
        )
    )


def diff_html(d: ListDiff) -> str:
    """One list's diff as the same page."""
    return report_html(report_of_diff(d), f"Changes to {d.list_id}, {d.old.as_of} → {d.new.as_of}")
