"""The ``import`` and ``export`` subcommands: official list files in, FollowTheMoney out."""

from __future__ import annotations

import argparse
from typing import Any

from ..export_ftm import export_ftm
from ..importers import FORMATS, ImportResult, import_source
from ..output import emit
from ..registry import to_date
from .core import DIFF_FORMATS, add_output, data_folder, registry

__all__ = ["register"]


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "import",
        help="turn an official list file into a snapshot",
        description="Read an authority's list file and write it as a snapshot of the list in the "
        "data folder (creating or updating the list's list.yaml with the instruments it needs). "
        "The list id and date default to what the file says, where it says it.",
        epilog="Exit status: 0 imported; 2 the file was refused (malformed, empty, missing "
        "columns, or a mass removal) and nothing was written.",
    )
    p.add_argument(
        "source_format", metavar="FORMAT", choices=list(FORMATS), help=", ".join(FORMATS)
    )
    p.add_argument("source", metavar="SOURCE", help="the file (or, for ofac-csv, its folder)")
    p.add_argument("--list", dest="list_id", metavar="ID", help="list id (default: the format's)")
    p.add_argument(
        "--as-of", metavar="DATE", help="snapshot date YYYY-MM-DD (default: the file's own date)"
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="print the diff against the latest snapshot; write nothing",
    )
    p.add_argument(
        "--allow-mass-removal",
        action="store_true",
        help="import even when more entries disappear than the list's mass_removal guard allows",
    )
    add_output(p, list(DIFF_FORMATS))
    p.set_defaults(run=run_import)

    p = subparsers.add_parser(
        "export",
        help="export a list as FollowTheMoney entities",
        description="Write the entries of a list as FollowTheMoney entities (JSON lines): one "
        "entity per target and a Sanction per designation.",
    )
    p.add_argument("target", metavar="TARGET", choices=["ftm"], help="ftm")
    p.add_argument("list", metavar="LIST", help="list id")
    p.add_argument("--as-of", metavar="DATE", help="a date YYYY-MM-DD (default: the latest)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically)")
    p.set_defaults(run=run_export)


def _summary(result: ImportResult) -> str:
    snap = result.snapshot
    lines = [f"{snap.list_id} {snap.as_of}: {len(snap.entries)} entries from {result.source.path}"]
    d = result.diff
    if d is None:
        lines.append("first snapshot of the list: nothing to compare with")
    else:
        s = d.summary()
        lines.append(
            f"against {d.old.as_of}: {s['added']} added, {s['removed']} removed, "
            f"{s['amended']} amended; {s['unexplained']} unexplained"
        )
        if d.removed:
            lines.append(
                f"{len(d.removed)} removal(s): an official file names no delisting act, so "
                "none is recorded; they stay unexplained until one is added by hand"
            )
    for path in result.written:
        lines.append(f"wrote {path}")
    if result.replaced and result.written:
        lines.append(f"(replaced the existing snapshot of {snap.as_of})")
    return "\n".join(lines) + "\n"


def run_import(args: argparse.Namespace) -> int:
    result = import_source(
        args.source_format,
        args.source,
        data_folder(args, bundled=False),
        list_id=args.list_id,
        as_of=args.as_of,
        dry_run=args.dry_run,
        allow_mass_removal=args.allow_mass_removal,
    )
    if result.diff is not None and (args.dry_run or args.format != "text"):
        text, fmt = DIFF_FORMATS[args.format](result.diff), args.format
    else:
        text, fmt = _summary(result), "text"
    emit(text, args.output, fmt)
    return 0


def run_export(args: argparse.Namespace) -> int:
    lst = registry(args)[args.list]
    snapshot = lst.snapshot(to_date(args.as_of, "--as-of")) if args.as_of else lst.latest
    emit(export_ftm(snapshot), args.output, "jsonl")
    return 0
