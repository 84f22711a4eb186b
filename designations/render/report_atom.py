"""A report as an Atom 1.0 feed (RFC 4287), one entry per change, newest first, so people can
subscribe to changes. Entry ids are ``tag:`` URIs (RFC 4151) made of the list id, the entry, the
date and the action, so they stay the same each time the feed is made."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections import Counter

from ..report import Report, ReportItem, Section
from .common import instrument_label, link_url
from .common import terminal as t
from .report_common import action_label, action_shown, status_label, title_text

__all__ = ["ATOM", "TAG_PREFIX", "report_atom"]

ATOM = "http://www.w3.org/2005/Atom"
TAG_PREFIX = "tag:designations,2025:"
_EPOCH = dt.date(1970, 1, 1)


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = t(text)
    return element


def _summary(section: Section, item: ReportItem) -> str:
    c = item.change
    lines = [
        f"{section.info.name} ({section.info.jurisdiction}): {c.entry.name} ({c.entry.id}), "
        f"{action_shown(c)} on {item.date}; {status_label(c)}.",
        f"Between the snapshots of {item.old_as_of} and {item.new_as_of}.",
    ]
    for i in c.basis:
        lines.append(f"Legal basis: {instrument_label(i)}" + (f" <{i.url}>" if i.url else ""))
        lines += [f"    {i.title}"] if i.title else []
    return "\n".join(lines)


def report_atom(report: Report) -> str:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    rows = sorted(
        ((s, i) for s in report.sections for i in s.items),
        key=lambda row: (row[1].sort_key, row[0].list_id),
        reverse=True,
    )
    latest = max((i.new_as_of for _, i in rows), default=report.until or report.since or _EPOCH)
    span = f"{report.since or 'start'}..{report.until or 'end'}"
    _sub(feed, "title", title_text(report))
    _sub(feed, "id", f"{TAG_PREFIX}report/{span}")
    _sub(feed, "updated", _stamp(latest))
    _sub(_sub(feed, "author"), "name", "designations")
    _sub(feed, "generator", "designations")
    seen: Counter[str] = Counter()
    for section, item in rows:
        c = item.change
        base = f"{TAG_PREFIX}{section.list_id}/{c.entry.id}/{item.date}/{action_label(c)}"
        seen[base] += 1
        entry = _sub(feed, "entry")
        _sub(entry, "id", base if seen[base] == 1 else f"{base}/{seen[base]}")
        _sub(entry, "title", f"{section.list_id}: {c.entry.name} {action_shown(c)}")
        _sub(entry, "updated", _stamp(max(item.date.start, item.new_as_of)))
        _sub(entry, "published", _stamp(item.date.start))
        for instrument in c.basis:
            url = link_url(instrument.url)
            if url:
                _sub(entry, "link", rel="related", href=url, title=t(instrument_label(instrument)))
        _sub(entry, "category", term=action_label(c))
        _sub(entry, "category", term=section.list_id)
        _sub(entry, "content", _summary(section, item), type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"
