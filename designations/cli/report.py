"""``designations report``: every change in a date range across lists, with its legal basis."""

from __future__ import annotations

import argparse
from typing import Any

from ..render.formats import REPORT_FORMATS
from .common import add_output, registry, warn_skipped

__all__ = ["register"]


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
    from ..output import emit
    from ..report import build_report

    reg = registry(args)
    if not args.lists:
        warn_skipped(reg)
    report = build_report(reg, args.since, args.until, args.lists)
    emit(REPORT_FORMATS[args.format](report), args.output, args.format)
    return 0
