"""Every output format, in one registry per result type, for the library and the command line.

``FORMATS`` maps a result type (``Snapshot``, ``ListDiff``, ``Report``, ...) to its formats,
each a name and the function that renders the result in it. ``render_as(result, "json")`` picks
the table from the result's type; ``output_formats(ListDiff)`` names the formats of a type.
The command line offers exactly these names in each subcommand's ``--format``. A table names
each renderer (``"module.function"`` of ``render/``), which is imported when first used: the
names cost no import, and a command loads only the renderer it runs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

if TYPE_CHECKING:  # the result types only: a renderer's module loads when it is first used
    from ..checks import CheckResult
    from ..gitbase import BaseDiff  # render/ reads no files, gitbase does
    from ..listlog import ListLog
    from ..model import Snapshot
    from ..reconcile import ListDiff
    from ..report import Report
    from ..screening import Screening
    from ..timeline import History

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

R = TypeVar("R", bound=Callable[..., str])


class Renderers(Mapping[str, R]):
    """Format name -> renderer, each renderer named ``"module.function"`` in ``render/`` and
    imported when it is first used: the names (each command's ``--format`` choices) cost no
    import, and a command loads only the renderer it runs."""

    __slots__ = ("_where",)

    def __init__(self, where: Mapping[str, str]) -> None:
        self._where = dict(where)

    def __getitem__(self, fmt: str) -> R:
        module, _, function = self._where[fmt].rpartition(".")
        return cast(R, getattr(importlib.import_module(f"{__package__}.{module}"), function))

    def __contains__(self, fmt: object) -> bool:  # a name: no renderer imported
        return fmt in self._where

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


#: ``designations lists``: one plain-data row per list (``DesignationList.summary()``).
LISTS_FORMATS: Mapping[str, Callable[[list[dict[str, Any]]], str]] = Renderers(
    {
        "text": "listing.lists_text",
        "json": "listing.lists_json",
    }
)

SHOW_FORMATS: Mapping[str, Callable[[Snapshot], str]] = Renderers(
    {
        "text": "listing.snapshot_text",
        "json": "listing.snapshot_json",
        "csv": "entries_csv.snapshot_csv",
    }
)

DIFF_FORMATS: Mapping[str, Callable[[ListDiff], str]] = Renderers(
    {
        "text": "diff.diff_text",
        "markdown": "diff.diff_markdown",
        "json": "diff.diff_json",
        "csv": "diff.diff_csv",
        "html": "report_html.diff_html",
    }
)

REPORT_FORMATS: Mapping[str, Callable[[Report], str]] = Renderers(
    {
        "text": "report_text.report_text",
        "markdown": "report_text.report_markdown",
        "json": "report_data.report_json",
        "csv": "report_data.report_csv",
        "html": "report_html.report_html",
        "atom": "report_atom.report_atom",
    }
)


class CheckRenderer(Protocol):
    """A format of ``check``'s findings: ``verbose`` shows each finding that is otherwise
    summed up (``findings.shown``)."""

    def __call__(self, result: CheckResult, verbose: bool = ...) -> str: ...


CHECK_FORMATS: Mapping[str, CheckRenderer] = Renderers(
    {
        "text": "findings.findings_text",
        "markdown": "findings.findings_markdown",
        "json": "findings.findings_json",
        "github": "findings.findings_github",
    }
)

HISTORY_FORMATS: Mapping[str, Callable[[History], str]] = Renderers(
    {
        "text": "history.history_text",
        "markdown": "history.history_markdown",
        "json": "history.history_json",
    }
)

LOG_FORMATS: Mapping[str, Callable[[ListLog], str]] = Renderers(
    {
        "text": "log.log_text",
        "markdown": "log.log_markdown",
        "json": "log.log_json",
    }
)

SCREEN_FORMATS: Mapping[str, Callable[[Screening], str]] = Renderers(
    {
        "text": "screen.screen_text",
        "csv": "screen.screen_csv",
        "json": "screen.screen_json",
        "markdown": "screen.screen_markdown",
    }
)

#: What a pull request changes (``gitbase.base_diffs``): rendered with the base revision, so
#: these take ``(rev, results)``; like ``LISTS_FORMATS`` they are not in ``FORMATS``.
BASE_FORMATS: Mapping[str, Callable[[str, Sequence[BaseDiff]], str]] = Renderers(
    {
        "text": "basediff.base_text",
        "markdown": "basediff.base_markdown",
        "json": "basediff.base_json",
    }
)

#: Result type (``module.Name``) -> {format name -> renderer}: by name, so that rendering one
#: result imports no other result's module.
_BY_TYPE: Mapping[str, Mapping[str, Callable[[Any], str]]] = {
    "designations.model.Snapshot": SHOW_FORMATS,
    "designations.reconcile.ListDiff": DIFF_FORMATS,
    "designations.report.Report": REPORT_FORMATS,
    "designations.checks.CheckResult": CHECK_FORMATS,
    "designations.timeline.History": HISTORY_FORMATS,
    "designations.listlog.ListLog": LOG_FORMATS,
    "designations.screening.Screening": SCREEN_FORMATS,
}

if TYPE_CHECKING:
    #: Result type -> {format name -> renderer} (built on first use: it imports every type).
    FORMATS: Mapping[type, Mapping[str, Callable[[Any], str]]]
else:

    def __getattr__(name: str) -> Any:
        if name != "FORMATS":
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        formats = {}
        for where, table in _BY_TYPE.items():
            module, _, type_name = where.rpartition(".")
            formats[getattr(importlib.import_module(module), type_name)] = table
        globals()["FORMATS"] = formats
        return formats


def _table(result_type: type) -> Mapping[str, Callable[[Any], str]]:
    for cls in result_type.__mro__:
        table = _BY_TYPE.get(f"{cls.__module__}.{cls.__qualname__}")
        if table is not None:
            return table
    known = ", ".join(sorted(where.rpartition(".")[2] for where in _BY_TYPE))
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
        from ..errors import UsageError

        raise UsageError(
            f"unknown format {fmt!r} for a {type(result).__name__} (formats: {', '.join(table)})"
        )
    return renderer(result)
