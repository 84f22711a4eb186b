"""``designations screen``: the user's own names against the lists, or a period's changes."""

from __future__ import annotations

import argparse
from typing import Any

from ..render.formats import SCREEN_FORMATS
from .common import add_output, registry, warn_skipped
from .history import add_threshold

__all__ = ["register"]


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "screen",
        help="screen your own names (counterparties) against the lists or their changes",
        description="Screen the names in FILE against every entry of the lists in force on a "
        "date (--on, default today), or, to re-screen when a list changes, against only the "
        "entries added, removed or amended in a period (--since/--until). FILE is CSV with a "
        "header row naming a 'name' column (optional 'id' and 'type': individual, "
        'organization, vessel, aircraft), or JSON lines ({"name": ..., "id": ...}); UTF-8. '
        "Names match in any script, word order and with spelling variants; each hit shows "
        "the list, entry, score, reason, the entry's status and the legal acts behind it.",
        epilog="Exit status: 0 nothing matched; 1 a name matched (for CI); 2 bad data or "
        "arguments, or every list skipped (no snapshot in force on the date asked about). "
        "Formats: text, csv (one row per hit), json (designations.screen/1), markdown.",
    )
    p.add_argument("file", metavar="FILE", help="CSV or JSON-lines file of names")
    when = p.add_mutually_exclusive_group()
    when.add_argument(
        "--on", metavar="DATE", help="the lists in force on this date (default: today)"
    )
    when.add_argument(
        "--since", metavar="DATE", help="only the changes after the snapshot in force on DATE"
    )
    p.add_argument(
        "--until",
        metavar="DATE",
        help="with --since (or alone): the changes up to the snapshot in force on DATE "
        "(default: the latest)",
    )
    p.add_argument(
        "--list",
        metavar="LIST",
        nargs="+",
        action="extend",
        dest="lists",
        help="only these lists (default: all)",
    )
    add_threshold(p)
    add_output(p, list(SCREEN_FORMATS))
    p.set_defaults(run=run_screen)


def run_screen(args: argparse.Namespace) -> int:
    from ..output import emit
    from ..screening import screen
    from ..subjects import read_subjects

    if args.file == "-":
        from ..errors import UsageError

        raise UsageError(
            "screen reads names from a file, not from standard input: save them as CSV (a "
            "'name' column) or JSON lines and give the file's path"
        )
    subjects = read_subjects(args.file)
    reg = registry(args)
    if not args.lists:
        warn_skipped(reg)
    result = screen(
        reg,
        subjects,
        on=args.on,
        since=args.since,
        until=args.until,
        lists=args.lists,
        threshold=args.threshold,
    )
    if result.lists and len(result.skipped) == len(result.lists):
        from ..errors import UsageError

        first = result.skipped[0].reason
        more = f" (and {len(result.skipped) - 1} more)" if len(result.skipped) > 1 else ""
        raise UsageError(f"nothing was screened: every list was skipped: {first}{more}")
    emit(SCREEN_FORMATS[args.format](result), args.output, args.format)
    return 1 if result.hits else 0
