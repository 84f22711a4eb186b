"""A report as text for a terminal, and as GitHub-flavoured Markdown for a pull request or a
changelog (every cell escaped, so no name can break a table)."""

from __future__ import annotations

from ..model import Instrument
from ..reconcile import Change
from ..report import Report, Section
from .common import instrument_label, md_cell, md_link
from .common import one_line as t
from .report_common import action_label, action_words, status_label, title_text

__all__ = ["report_markdown", "report_text"]


def _counts(report: Report) -> str:
    s = report.summary()
    return (
        f"{s['changes']} change{'' if s['changes'] == 1 else 's'} in {s['lists_changed']} of "
        f"{s['lists']} list{'' if s['lists'] == 1 else 's'}: {s.get('added', 0)} added, "
        f"{s.get('removed', 0)} removed, {s.get('amended', 0)} amended; "
        f"{s.get('unexplained', 0)} unexplained"
    )


def _action(change: Change) -> str:
    """The action in words ("delisted in part"), else the diff's kind."""
    return action_words(change) or action_label(change)


def _section_heading(section: Section) -> str:
    info = section.info
    return f"{info.id} ({info.jurisdiction}): {info.name}"


def report_text(report: Report) -> str:
    lines = [title_text(report), _counts(report)]
    for section in report.sections:
        lines += ["", t(_section_heading(section))]
        if not section.items:
            lines.append("  no changes")
        for item in section.items:
            c = item.change
            lines.append(
                f"  {item.date!s:<10}  {_action(c):<10}  "
                f"{c.entry.id}: {t(c.entry.name)}"
                f"  [{status_label(c)}]"
            )
            for i in c.basis:
                lines.append(
                    f"{'':14}under {t(instrument_label(i))}" + (f" <{t(i.url)}>" if i.url else "")
                )
            if not c.basis:
                lines.append(f"{'':14}no legal act recorded")
        lines.extend(
            f"  ! phantom record: {p.action.value} {p.entry} effective {p.effective} "
            f"(line {p.line}) matches no change"
            for p in section.phantoms
        )
    return "\n".join(lines) + "\n"


def _basis_md(instruments: tuple[Instrument, ...]) -> str:
    parts = [md_link(instrument_label(i), i.url) for i in instruments]
    return "<br>".join(parts) if parts else "*none recorded*"


def report_markdown(report: Report) -> str:
    lines = [f"## {md_cell(title_text(report))}", "", md_cell(_counts(report))]
    for section in report.sections:
        info = section.info
        lines += ["", f"### {md_cell(info.name)} (`{info.id}`, {md_cell(info.jurisdiction)})", ""]
        if not section.items:
            lines.append("No changes.")
        else:
            lines += [
                "| Date | Action | Entry | Name | Legal basis | Status |",
                "|---|---|---|---|---|---|",
            ]
            lines.extend(
                f"| {i.date} | {_action(i.change)} "
                f"| `{i.change.entry.id}` | "
                f"{md_cell(i.change.entry.name)} | {_basis_md(i.change.basis)} | "
                f"{status_label(i.change)} |"
                for i in section.items
            )
        if section.phantoms:
            lines += ["", "Phantom change records (no matching change):", ""]
            lines.extend(
                f"- `{p.entry}`: {p.action.value}, effective {p.effective} (line {p.line})"
                for p in section.phantoms
            )
    return "\n".join(lines) + "\n"
