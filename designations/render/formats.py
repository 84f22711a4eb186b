"""Every output format, in one registry per result type, for the library and the command line.

``FORMATS`` maps a result type (``Snapshot``, ``ListDiff``, ``Report``, ...) to its formats,
each a name and the function that renders the result in it. ``render_as(result, "json")`` picks
the table from the result's type; ``output_formats(ListDiff)`` names the formats of a type.
The command line offers exactly these names in each subcommand's ``--format``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from ..checks import CheckResult
from ..errors import UsageError
from ..listlog import ListLog
from ..model import Snapshot
from ..reconcile import ListDiff
from ..report import Report
from ..screening import Screening
from ..timeline import History
from . import basediff, findings, listing, log, report_atom, report_data, report_html, report_text
from . import diff as diff_
from . import history as history_
from . import screen as screen_
from .entries_csv import snapshot_csv

if TYPE_CHECKING:  # the result type only: render/ reads no files, gitbase does
    from ..gitbase import BaseDiff

__all__ = [
    "BASE_FORMATS",
    "CHECK_FORMATS",
    "DIFF_FORMATS",
    "FORMATS",
    "HISTORY_FORMATS",
    "LISTS_FORMATS",
    "LOG_FORMATS",
    "REPORT_FORMATS",
    "SCREEN_FORMATS",
    "SHOW_FORMATS",
    "output_formats",
    "render_as",
]

#: ``designations lists``: one plain-data row per list (``DesignationList.summary()``).
LISTS_FORMATS: Mapping[str, Callable[[list[dict[str, Any]]], str]] = {
    "text": listing.lists_text,
    "json": listing.lists_json,
}

SHOW_FORMATS: Mapping[str, Callable[[Snapshot], str]] = {
    "text": listing.snapshot_text,
    "json": listing.snapshot_json,
    "csv": snapshot_csv,
}

DIFF_FORMATS: Mapping[str, Callable[[ListDiff], str]] = {
    "text": diff_.diff_text,
    "markdown": diff_.diff_markdown,
    "json": diff_.diff_json,
    "csv": diff_.diff_csv,
    "html": report_html.diff_html,
}

REPORT_FORMATS: Mapping[str, Callable[[Report], str]] = {
    "text": report_text.report_text,
    "markdown": report_text.report_markdown,
    "json": report_data.report_json,
    "csv": report_data.report_csv,
    "html": report_html.report_html,
    "atom": report_atom.report_atom,
}


class CheckRenderer(Protocol):
    """A format of ``check``'s findings: ``verbose`` shows each finding that is otherwise
    summed up (``findings.shown``)."""

    def __call__(self, result: CheckResult, verbose: bool = ...) -> str: ...


CHECK_FORMATS: Mapping[str, CheckRenderer] = {
    "text": findings.findings_text,
    "markdown": findings.findings_markdown,
    "json": findings.findings_json,
    "github": findings.findings_github,
}

HISTORY_FORMATS: Mapping[str, Callable[[History], str]] = {
    "text": history_.history_text,
    "markdown": history_.history_markdown,
    "json": history_.history_json,
}

LOG_FORMATS: Mapping[str, Callable[[ListLog], str]] = {
    "text": log.log_text,
    "markdown": log.log_markdown,
    "json": log.log_json,
}

SCREEN_FORMATS: Mapping[str, Callable[[Screening], str]] = {
    "text": screen_.screen_text,
    "csv": screen_.screen_csv,
    "json": screen_.screen_json,
    "markdown": screen_.screen_markdown,
}

#: What a pull request changes (``gitbase.base_diffs``): rendered with the base revision, so
#: these take ``(rev, results)``; like ``LISTS_FORMATS`` they are not in ``FORMATS``.
BASE_FORMATS: Mapping[str, Callable[[str, Sequence[BaseDiff]], str]] = {
    "text": basediff.base_text,
    "markdown": basediff.base_markdown,
    "json": basediff.base_json,
}

#: Result type -> {format name -> renderer}.
FORMATS: Mapping[type, Mapping[str, Callable[[Any], str]]] = {
    Snapshot: SHOW_FORMATS,
    ListDiff: DIFF_FORMATS,
    Report: REPORT_FORMATS,
    CheckResult: CHECK_FORMATS,
    History: HISTORY_FORMATS,
    ListLog: LOG_FORMATS,
    Screening: SCREEN_FORMATS,
}


def _table(result_type: type) -> Mapping[str, Callable[[Any], str]]:
    for cls in result_type.__mro__:
        if cls in FORMATS:
            return FORMATS[cls]
    known = ", ".join(sorted(t.__name__ for t in FORMATS))
    raise TypeError(f"no output formats for {result_type.__name__} (results with formats: {known})")


def output_formats(result_type: type) -> tuple[str, ...]:
    """The format names a result of ``result_type`` renders in, ``"text"`` first."""
    return tuple(_table(result_type))


def render_as(result: object, fmt: str = "text") -> str:
    """``result`` (a ``Snapshot``, ``ListDiff``, ``Report``, ``CheckResult``, ``History``,
    ``ListLog`` or ``Screening``) as text in format ``fmt``; a ``UsageError`` names the formats
    when ``fmt`` is not one of them."""
    table = _table(type(result))
    renderer = table.get(fmt)
    if renderer is None:
        raise UsageError(
            f"unknown format {fmt!r} for a {type(result).__name__} (formats: {', '.join(table)})"
        )
    return renderer(result)
