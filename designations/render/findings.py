"""The findings of ``check`` as text (for a terminal or an editor's problem matcher), Markdown,
JSON (the ``designations.check/1`` contract) and GitHub Actions workflow annotations."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from ..checks import CheckResult, Finding
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


def _line(f: Finding) -> str:
    message = t(f.message).replace("\n", " ")
    return f"{t(f.file)}:{f.line}: {f.severity.value} {f.rule}: {message}"


def findings_text(result: CheckResult) -> str:
    """``file:line: severity rule: message``, a blank line between files, then the summary."""
    blocks = [
        "\n".join(_line(f) for f in group)
        for _, group in groupby(result.findings, key=lambda f: f.file)
    ]
    return "\n\n".join([*blocks, summary(result)]) + "\n"


def _code(text: str) -> str:
    """Text for a Markdown code span inside a table cell."""
    return " ".join(t(text).replace("`", "'").split()).replace("|", "\\|")


def findings_markdown(result: CheckResult) -> str:
    lines = ["### designations check", "", f"**{summary(result)}**", ""]
    if result.findings:
        lines += ["| | Rule | Where | Message |", "|---|---|---|---|"]
        lines.extend(
            f"| {f.severity.value} | `{f.rule}` | `{_code(f.file)}:{f.line}` "
            f"| {md_cell(f.message)} |"
            for f in result.findings
        )
    return "\n".join(lines) + "\n"


def finding_json(f: Finding) -> dict[str, Any]:
    return {
        "severity": f.severity.value,
        "rule": f.rule,
        "file": f.file,
        "line": f.line,
        "message": f.message,
    }


def findings_json(result: CheckResult) -> str:
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


def findings_github(result: CheckResult) -> str:
    """One ``::error file=…,line=…,title=…::message`` (or ``::warning``) per finding, then the
    summary as a plain log line."""
    lines = [
        f"::{f.severity.value} file={_property(f.file)},line={f.line},"
        f"title={_property(f.rule)}::{_data(f.message)}"
        for f in result.findings
    ]
    lines.append(f"designations check: {summary(result)}")
    return "\n".join(lines) + "\n"
