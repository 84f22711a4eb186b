"""``designations history``: one entity across lists, its status on a date and its events."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from ..history import History, history
from ..output import emit
from ..render import history as render
from .core import add_output, registry

__all__ = ["HISTORY_FORMATS", "register"]

HISTORY_FORMATS: dict[str, Callable[[History], str]] = {
    "text": render.history_text,
    "markdown": render.history_markdown,
    "json": render.history_json,
}


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "history",
        help="the timeline of one entity across snapshots and lists",
        description="The timeline of one entity in every list that holds it: its status on a "
        "date (default: now) and its events, oldest first, each with its legal act. QUERY is "
        "an entry id, a name or alias in any script (case-, accent- and Unicode-form-"
        "insensitive; Latin finds Cyrillic and Arabic through transliteration), or a "
        "cross-reference such as wikidata:Q42418.",
        epilog="Exit status: 0 found; 1 nothing matches; 2 bad data or arguments.",
    )
    p.add_argument("query", metavar="QUERY", help="entry id, name, alias or scheme:id")
    p.add_argument("--on", metavar="DATE", help="give each status on this date, YYYY-MM-DD")
    add_output(p, list(HISTORY_FORMATS))
    p.set_defaults(run=run_history)


def run_history(args: argparse.Namespace) -> int:
    result = history(registry(args), args.query, args.on)
    emit(HISTORY_FORMATS[args.format](result), args.output, args.format)
    if not result.matches:
        if args.format != "text" or args.output:
            sys.stderr.write(f"designations: nothing matches {args.query!r}\n")
        return 1
    return 0
