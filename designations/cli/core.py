"""The core subcommands: ``lists``, ``show`` and ``diff``."""

from __future__ import annotations

import argparse
from typing import Any

from ..render.formats import DIFF_FORMATS, LISTS_FORMATS, SHOW_FORMATS
from ..vocab import EntryStatus, EntryType
from .common import add_output, registry, warn_skipped

__all__ = ["register"]


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "lists",
        help="the lists in the data folder",
        description="One row per list: id, jurisdiction, name, number of "
        "snapshots, latest as_of, entries in force.",
    )
    add_output(p, list(LISTS_FORMATS))
    p.set_defaults(run=run_lists)

    p = subparsers.add_parser(
        "show",
        help="the entries of a list on a date",
        description="The entries of a list as of a date (default: latest).",
    )
    p.add_argument("list", metavar="LIST", help="list id, e.g. ru-terrorist-organizations")
    p.add_argument("--as-of", metavar="DATE", help="a date YYYY-MM-DD (default: the latest)")
    p.add_argument("--type", choices=[t.value for t in EntryType], help="only entries of this type")
    p.add_argument(
        "--status", choices=[s.value for s in EntryStatus], help="only entries with this status"
    )
    add_output(p, list(SHOW_FORMATS))
    p.set_defaults(run=run_show)

    p = subparsers.add_parser(
        "diff",
        help="what changed between two versions of a list, and under which act",
        description="What changed between two versions of a list, with the legal basis of each "
        "change. FROM and TO are dates, each resolved to the snapshot in force on that date; "
        "with none, the last two snapshots; with FROM only, FROM against the latest. "
        "For what the working tree changes since a git revision, see `diff-base`.",
        epilog="Exit status: 0; with --exit-code, 1 when there are changes; 2 on bad data.",
    )
    p.add_argument(
        "list", metavar="LIST", nargs="?", help="list id, e.g. ru-terrorist-organizations"
    )
    p.add_argument("dates", metavar="DATE", nargs="*", help="FROM [TO], each YYYY-MM-DD")
    p.add_argument(
        "--base",
        metavar="REV",
        help="alias of `diff-base REV [LIST ...]`: the positional arguments are then list ids "
        "(default: every list), and a date among them is refused",
    )
    p.add_argument(
        "--exit-code",
        action="store_true",
        help="exit 1 when there are changes (not-covered ones aside)",
    )
    add_output(p, list(DIFF_FORMATS))
    p.set_defaults(run=run_diff)


def run_lists(args: argparse.Namespace) -> int:
    from ..output import emit

    reg = registry(args)
    warn_skipped(reg)
    rows = [lst.summary() for lst in reg]
    emit(LISTS_FORMATS[args.format](rows), args.output, args.format)
    return 0


def run_show(args: argparse.Namespace) -> int:
    import attrs

    from ..dates import to_date
    from ..output import emit

    lst = registry(args)[args.list]
    snapshot = lst.snapshot(to_date(args.as_of, "--as-of")) if args.as_of else lst.latest
    if args.type is not None or args.status is not None:
        kept = tuple(
            e
            for e in snapshot.entries
            if (args.type is None or e.type.value == args.type)
            and (args.status is None or e.status.value == args.status)
        )
        filters = [f"--{k} {v}" for k, v in (("type", args.type), ("status", args.status)) if v]
        total = len(snapshot.entries)
        snapshot = attrs.evolve(snapshot, entries=kept)
    text = SHOW_FORMATS[args.format](snapshot)
    if args.format == "text" and (args.type is not None or args.status is not None):
        text += f"\nshown: {len(kept)} of {total} entries ({', '.join(filters)})\n"
    emit(text, args.output, args.format)
    return 0


def run_diff(args: argparse.Namespace) -> int:
    from ..dates import to_date
    from ..output import emit

    if args.base is not None:
        from .diffbase import run_diff_base_alias

        return run_diff_base_alias(args)
    if args.list is None:
        raise_usage("diff needs a LIST (or see `diff-base REV` for a git revision)")
    if len(args.dates) > 2:
        raise_usage("diff takes at most two dates: FROM [TO]")
    dates = [to_date(d, "date") for d in args.dates]
    lst = registry(args)[args.list]
    lst.validate()
    result = lst.diff(*dates) if dates else lst.diff()
    emit(DIFF_FORMATS[args.format](result), args.output, args.format)
    return 1 if args.exit_code and (result.has_changes or result.phantoms) else 0


def raise_usage(message: str) -> None:
    from ..errors import UsageError

    raise UsageError(message)
