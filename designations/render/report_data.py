"""A report as data: JSON (the ``designations.report/2`` contract, see docs/formats.md) and CSV
(one row per change)."""

from __future__ import annotations

from typing import Any

from ..report import Report, ReportItem, Section
from .common import csv_table, date_text, dumps, instrument_label, record_json
from .diff import change_json
from .report_common import action_label, field_text

__all__ = ["CSV_COLUMNS", "FORMAT", "report_csv", "report_document", "report_json"]

FORMAT = "designations.report/2"


def _item_json(item: ReportItem) -> dict[str, Any]:
    return {
        "date": str(item.date),
        "from": str(item.old_as_of),
        "to": str(item.new_as_of),
        **change_json(item.change),
    }


def _section_json(section: Section) -> dict[str, Any]:
    info = section.info
    return {
        "list": info.id,
        "jurisdiction": info.jurisdiction,
        "name": info.name,
        "authority": info.authority,
        "url": info.url,
        "summary": section.summary(),
        "changes": [_item_json(i) for i in section.items],
        "phantoms": [record_json(r, info) for r in section.phantoms],
    }


def report_document(report: Report) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "since": date_text_or_none(report.since),
        "until": date_text_or_none(report.until),
        "summary": report.summary(),
        "lists": [_section_json(s) for s in report.sections],
    }


def date_text_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def report_json(report: Report) -> str:
    return dumps(report_document(report))


CSV_COLUMNS = (
    "list",
    "jurisdiction",
    "date",
    "from",
    "to",
    "kind",
    "action",
    "verdict",
    "entry",
    "name",
    "effective",
    "basis",
    "basis_references",
    "basis_titles",
    "basis_dates",
    "basis_urls",
    "fields",
)


def _row(section: Section, item: ReportItem) -> list[str]:
    c = item.change
    return [
        section.info.id,
        section.info.jurisdiction,
        str(item.date),
        str(item.old_as_of),
        str(item.new_as_of),
        c.kind.value,
        action_label(c),
        c.verdict.value,
        c.entry.id,
        c.entry.name,
        date_text(c.effective) or "",
        "; ".join(instrument_label(i) for i in c.basis),
        "; ".join(i.reference or "" for i in c.basis),
        "; ".join(i.title or "" for i in c.basis),
        "; ".join(date_text(i.date) or "" for i in c.basis),
        " ".join(i.url for i in c.basis if i.url),
        "; ".join(field_text(f) for f in c.fields),
    ]


def report_csv(report: Report) -> str:
    """One row per change; UTF-8 with a byte-order mark, no cell a spreadsheet would run."""
    rows = [_row(s, i) for s in report.sections for i in s.items]
    return csv_table(CSV_COLUMNS, rows)
