"""``designations report``: every change in a date range across lists, with its legal basis."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from ..output import emit
from ..render import report_atom, report_data, report_html, report_text
from ..report import Report, build_report
from .common import add_output, registry

__all__ = ["REPORT_FORMATS", "register"]

REPORT_FORMATS: dict[str, Callable[[Report], str]] = {
    "text": report_text.report_text,
    "markdown": report_text.report_markdown,
    "json": report_data.report_json,
    "csv": report_data.report_csv,
    "html": report_html.report_html,
    "atom": report_atom.report_atom,
}


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "report",
        help="every change in a date range across lists, with its legal basis",
        description="Every change in a date range across lists, grouped by list, newest first, "
        "each with its action, effective date, legal basis and whether an act explains it. "
        "A change is dated by its act's effective date, else by the snapshot that shows it.",
        epilog="Formats: text, markdown (GitHub), json (designations.report/2), csv (one row "
        "per change), html (one self-contained page with a timeline), atom (a feed).",
    )
    p.add_argument("--since", metavar="DATE", help="first day of the range, YYYY-MM-DD")
    p.add_argument("--until", metavar="DATE", help="last day of the range, YYYY-MM-DD")
    p.add_argument(
        "--list",
        metavar="LIST",
        nargs="+",
        action="extend",
        dest="lists",
        help="only these lists (default: all)",
    )
    add_output(p, list(REPORT_FORMATS))
    p.set_defaults(run=run_report)


def run_report(args: argparse.Namespace) -> int:
    report = build_report(registry(args), args.since, args.until, args.lists)
    emit(REPORT_FORMATS[args.format](report), args.output, args.format)
    return 0
