"""The findings of ``check`` as text (for a terminal or an editor's problem matcher), Markdown,
JSON (the ``designations.check/1`` contract) and GitHub Actions workflow annotations.

An imported list gets one ``publication-change`` finding per change, hundreds after one
ordinary OFAC week, and one ``editorial-change`` per re-worded entry: text, Markdown and
annotations show them as one line per snapshot (the count and the first ids) unless
``verbose``; JSON always holds each finding."""

from __future__ import annotations

from itertools import groupby
from typing import Any

import attrs

from ..checks import CheckResult, Finding, Severity
from .common import dumps, md_cell, terminal
from .common import one_line as t

__all__ = ["findings_github", "findings_json", "findings_markdown", "findings_text", "summary"]

FORMAT = "designations.check/1"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(result: CheckResult) -> str:
    """One line: what was found, in what."""
    found = (
        f"{_plural(result.errors, 'error')}, {_plural(result.warnings, 'warning')}"
        if result.findings
        else "no problems"
    )
    checked = (
        f"{_plural(result.lists, 'list')} ({_plural(result.snapshots, 'snapshot')}), "
        f"{_plural(result.seeds, 'seed')}"
    )
    return f"{found} in {checked}"


#: Rules with one finding per change, shown summed up per snapshot: what the changes share,
#: and the fewest findings in a snapshot that are summed (fewer keep a line each).
SUMMED = {
    "publication-change": (
        "changes since the previous snapshot rest only on the list's publication (evidence: "
        "publication) or a programme tag, no legal act named",
        2,
    ),
    # An official publication re-words hundreds of entries at once (UN, March 2020: 596); a
    # hand-kept list's few corrections keep their own lines, with the fields that changed.
    "editorial-change": (
        "entries changed since the previous snapshot with no 'amended' change (editorial "
        "corrections?)",
        6,
    ),
}
#: How many entry ids a summed-up line names.
SHOWN_IDS = 5


def _summed(group: list[Finding]) -> Finding:
    first = group[0]
    ids = [f"{f.entry!r}" for f in group[:SHOWN_IDS] if f.entry is not None]
    more = f" and {len(group) - len(ids)} more" if len(group) > len(ids) else ""
    message = (
        f"{len(group)} {SUMMED[first.rule][0]}: {', '.join(ids)}{more} "
        "(each one: check --verbose, or --format json)"
    )
    return attrs.evolve(first, message=message, entry=None)


def shown(result: CheckResult, verbose: bool = False) -> list[Finding]:
    """The findings to show: with ``verbose`` every one; else the findings of a ``SUMMED``
    rule as one per snapshot file and severity (where there are at least the rule's fewest),
    at the place of the first."""
    if verbose:
        return list(result.findings)
    groups: dict[tuple[str, str, Severity], list[Finding]] = {}
    for f in result.findings:
        if f.rule in SUMMED:
            groups.setdefault((f.file, f.rule, f.severity), []).append(f)
    found = []
    for f in result.findings:
        group = groups.get((f.file, f.rule, f.severity), [f]) if f.rule in SUMMED else [f]
        if len(group) < SUMMED.get(f.rule, ("", 2))[1]:
            found.append(f)
        elif group[0] is f:
            found.append(_summed(group))
    return found


def _line(f: Finding) -> str:
    message = t(f.message).replace("\n", " ")
    return f"{t(f.file)}:{f.line}: {f.severity.value} {f.rule}: {message}"


def findings_text(result: CheckResult, verbose: bool = False) -> str:
    """``file:line: severity rule: message``, a blank line between files, then the summary."""
    blocks = [
        "\n".join(_line(f) for f in group)
        for _, group in groupby(shown(result, verbose), key=lambda f: f.file)
    ]
    return "\n\n".join([*blocks, summary(result)]) + "\n"


def _code(text: str) -> str:
    """Text for a Markdown code span inside a table cell."""
    return " ".join(t(text).replace("`", "'").split()).replace("|", "\\|")


def findings_markdown(result: CheckResult, verbose: bool = False) -> str:
    lines = ["### designations check", "", f"**{summary(result)}**", ""]
    if result.findings:
        lines += ["| | Rule | Where | Message |", "|---|---|---|---|"]
        lines.extend(
            f"| {f.severity.value} | `{f.rule}` | `{_code(f.file)}:{f.line}` "
            f"| {md_cell(f.message)} |"
            for f in shown(result, verbose)
        )
    return "\n".join(lines) + "\n"


def finding_json(f: Finding) -> dict[str, Any]:
    found: dict[str, Any] = {
        "severity": f.severity.value,
        "rule": f.rule,
        "file": f.file,
        "line": f.line,
        "message": f.message,
    }
    if f.entry is not None:
        found["entry"] = f.entry
    return found


def findings_json(result: CheckResult, verbose: bool = True) -> str:
    """The ``designations.check/1`` document, with every finding (``verbose`` or not)."""
    return dumps(
        {
            "format": FORMAT,
            "summary": {
                "errors": result.errors,
                "warnings": result.warnings,
                "lists": result.lists,
                "snapshots": result.snapshots,
                "seeds": result.seeds,
            },
            "findings": [finding_json(f) for f in result.findings],
        }
    )


def _data(text: str) -> str:
    """A workflow command's message, escaped as the runner expects."""
    escaped = terminal(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return escaped.replace("\u2028", "%0A").replace("\u2029", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def findings_github(result: CheckResult, verbose: bool = False) -> str:
    """One ``::error file=…,line=…,title=…::message`` (or ``::warning``) per finding shown,
    then the summary as a plain log line."""
    lines = [
        f"::{f.severity.value} file={_property(f.file)},line={f.line},"
        f"title={_property(f.rule)}::{_data(f.message)}"
        for f in shown(result, verbose)
    ]
    lines.append(f"designations check: {summary(result)}")
    return "\n".join(lines) + "\n"
