"""What the report renderers share: labels for a change's action and verdict, and the range
as words."""

from __future__ import annotations

import json
from typing import Any

from ..reconcile import Change
from ..report import Report

__all__ = [
    "action_label",
    "range_text",
    "status_label",
    "title_text",
    "value_text",
]


def action_label(change: Change) -> str:
    """What happened: the act's action where one explains the change, else the diff's kind."""
    return change.action.value if change.action else change.kind.value


def status_label(change: Change) -> str:
    """The change's verdict in words (``not covered`` for ``not-covered``)."""
    return change.verdict.value.replace("-", " ")


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
