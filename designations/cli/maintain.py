"""The maintainer's subcommands: ``init`` (start a data folder), ``new`` (the next snapshot of a
list) and ``log`` (a list's snapshots and what changed at each)."""

from __future__ import annotations

import argparse
from typing import Any

from ..render.formats import LOG_FORMATS
from ..scaffold import EXAMPLE_LIST
from .common import add_output, registry

__all__ = ["register"]


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "init",
        help="start a data folder with an example list",
        description="Write DIR/data with one example list (list.yaml, a first snapshot) and "
        f"its seed, which pass `check --strict`: a start to edit, or to copy. The example's "
        f"list id is {EXAMPLE_LIST}; nothing in it is real. Nothing is ever overwritten.",
        epilog="Exit status: 0 written; 2 DIR/data already holds lists/ or seeds/.",
    )
    p.add_argument("directory", metavar="DIR", nargs="?", default=".", help="default: here")
    p.set_defaults(run=run_init)

    p = subparsers.add_parser(
        "new",
        help="write the next snapshot of a list, copied from its latest",
        description="Write LIST's snapshot of DATE as a copy of its latest snapshot (entries, "
        "completeness, coverage, sources) with as_of set and `changes: []`, so that you edit "
        "only what changed and record the act behind each change. Uses the data folder "
        "(--data, $DESIGNATIONS_DATA or the nearest data/), never the bundled data.",
        epilog="Exit status: 0 written; 2 bad data, an unknown list, or a DATE not after the "
        "latest snapshot.",
    )
    p.add_argument("list", metavar="LIST", help="list id")
    p.add_argument("date", metavar="DATE", help="the new snapshot's as_of, YYYY-MM-DD")
    p.set_defaults(run=run_new)

    p = subparsers.add_parser(
        "log",
        help="a list's snapshots: dates, size, and what changed at each",
        description="One row per snapshot of LIST: its date (the FROM and TO of `diff`), "
        "completeness, entries and change records, and the changes since the previous "
        "snapshot with the verdict on each (explained, editorial, unexplained ...).",
    )
    p.add_argument("list", metavar="LIST", help="list id")
    add_output(p, list(LOG_FORMATS))
    p.set_defaults(run=run_log)


def run_init(args: argparse.Namespace) -> int:
    from ..output import emit
    from ..scaffold import init_data_folder

    written = init_data_folder(args.directory)
    data = written[0].parents[2]
    lines = [f"wrote {path}" for path in written]
    lines.append(f"next: designations --data {data} check --strict")
    emit("\n".join(lines) + "\n", None)
    return 0


def run_new(args: argparse.Namespace) -> int:
    from ..output import emit
    from ..scaffold import new_snapshot

    lst = registry(args, bundled=False)[args.list]
    path = new_snapshot(lst, args.date)
    emit(f"wrote {path}\nnext: edit what changed, then: designations check {path}\n", None)
    return 0


def run_log(args: argparse.Namespace) -> int:
    from ..listlog import list_log
    from ..output import emit

    lst = registry(args)[args.list]
    emit(LOG_FORMATS[args.format](list_log(lst)), args.output, args.format)
    return 0
