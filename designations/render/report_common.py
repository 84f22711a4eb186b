"""What the report renderers share: labels for a change's action and status, the range as
words, and URLs that are safe to turn into links."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from ..reconcile import Change
from ..report import Report
from ..vocab import ChangeKind

__all__ = [
    "action_label",
    "link_url",
    "md_url",
    "range_text",
    "status_label",
    "title_text",
    "value_text",
]

_HTTP = re.compile(r"^https?://[^\s]+$", re.IGNORECASE)
#: Characters left as they are when a URL is written into Markdown; the rest are %-encoded.
_MD_URL_SAFE = "/:?#&=%+,;~@!$*'._-"


def action_label(change: Change) -> str:
    """What happened: the act's action where one explains the change, else the diff's kind."""
    return change.action.value if change.action else change.kind.value


def status_label(change: Change) -> str:
    if change.kind is ChangeKind.NOT_COVERED:
        return "not covered"
    if change.explained:
        return "explained"
    return "editorial" if change.editorial else "unexplained"


def link_url(url: str | None) -> str | None:
    """The URL if it is an http(s) URL that can be a link target, else ``None``."""
    return url if url and _HTTP.match(url) else None


def md_url(url: str) -> str:
    """A URL as a Markdown link target: characters that could end the link or break a table
    (``)``, ``|``, ``<``, spaces ...) percent-encoded."""
    return quote(url, safe=_MD_URL_SAFE)


def range_text(report: Report) -> str:
    since, until = report.since, report.until
    if since and until:
        return f"{since} to {until}"
    if since:
        return f"since {since}"
    if until:
        return f"until {until}"
    return "all dates"


def title_text(report: Report) -> str:
    return f"Designation changes, {range_text(report)}"


def value_text(value: Any) -> str:
    """A field's old or new value for people: text as it is, ``(none)``, else compact JSON."""
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
