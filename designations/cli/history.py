"""``designations history``: one entity across lists, its status on a date and its events."""

from __future__ import annotations

import argparse
from typing import Any

from ..render.formats import HISTORY_FORMATS
from ..scores import DEFAULT_THRESHOLD
from .common import add_output, registry, warn_skipped

__all__ = ["add_threshold", "register"]


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "history",
        help="the timeline of one entity across snapshots and lists",
        description="The timeline of one entity in every list that holds it: its status on a "
        "date (default: as of each list's latest snapshot) and its events, oldest first, each "
        "with its legal act. QUERY is "
        "an entry id, a name or alias in any script (case-, accent- and Unicode-form-"
        "insensitive; in any word order; spelling variants found by similarity; Latin finds "
        "Cyrillic, Arabic and other scripts through transliteration), or a cross-reference such "
        "as un:QDe.115 (entries carry these where their list gives them: imported UN, OFAC, UK "
        "and EU lists do; the bundled national lists have none). Each match shows its score "
        "(0-1) and reason (id, reference, exact "
        "name, alias, token set, fuzzy); in each list only the best-scoring entries are shown.",
        epilog="Exit status: 0 found; 1 nothing matches; 2 bad data or arguments.",
    )
    p.add_argument("query", metavar="QUERY", help="entry id, name, alias or scheme:id")
    p.add_argument("--on", metavar="DATE", help="give each status on this date, YYYY-MM-DD")
    add_threshold(p)
    add_output(p, list(HISTORY_FORMATS))
    p.set_defaults(run=run_history)


def _threshold(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 < value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a score between 0 and 1, e.g. 0.9")
    return value


def add_threshold(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--threshold",
        type=_threshold,
        default=DEFAULT_THRESHOLD,
        metavar="SCORE",
        help=f"report names scoring at least this, 0-1 (default: {DEFAULT_THRESHOLD}; "
        "1 finds exact names only)",
    )


def run_history(args: argparse.Namespace) -> int:
    from ..output import emit
    from ..stdio import say
    from ..timeline import history

    reg = registry(args)
    warn_skipped(reg)
    result = history(reg, args.query, args.on, args.threshold)
    emit(HISTORY_FORMATS[args.format](result), args.output, args.format)
    if not result.matches:
        if args.format != "text" or args.output:
            say(f"designations: nothing matches {args.query!r}\n")
        return 1
    return 0
