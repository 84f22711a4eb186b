"""The ``import``, ``update`` and ``export`` subcommands: official list files in (from a file
or fetched from the publisher), FollowTheMoney out."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ..render.formats import DIFF_FORMATS
from .common import KeysOf, add_output, data_folder, registry

if TYPE_CHECKING:
    from ..importers import ImportResult

__all__ = ["register"]


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "import",
        help="turn an official list file into a snapshot",
        description="Read an authority's list file and write it as a snapshot of the list in the "
        "data folder (creating or updating the list's list.yaml with the instruments it needs). "
        "The list id and date default to what the file says, where it says it. The data "
        "folder must exist (lists/ inside it is created): a path that does not is refused, so "
        "a mistyped --data never starts a new one; create it first (mkdir, or `designations "
        "init`).",
        epilog="Exit status: 0 imported; 2 the file was refused (malformed, empty, missing "
        "columns, or a mass removal) or the data folder does not exist, and nothing was "
        "written.",
    )
    p.add_argument(
        "source_format",
        metavar="FORMAT",
        choices=KeysOf("designations.importers", "FORMATS"),
        help="%(choices)s",
    )
    p.add_argument(
        "source",
        metavar="SOURCE",
        help="the file, or an https:// URL to fetch it from (for ofac-csv also its folder; for "
        "ftm-delta a delta file or a folder of version folders); .zip, .gz and .xz files are "
        "expanded",
    )
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
        metavar="REASON",
        help="import even when more entries disappear than the list's mass_removal guard "
        "allows; REASON (why the removals are real) is written into the snapshot, and check "
        "reports the removal as acknowledged",
    )
    p.add_argument(
        "--allow-incomplete",
        metavar="REASON",
        nargs="?",
        const="",
        help="import a publication that fails an integrity check of its format (OFAC CSV: no "
        "end-of-file byte, companion files missing; OFAC XML: Record_Count differs); REASON "
        "(required: why it is imported as it is) is written into the snapshot with each check it "
        "failed",
    )
    p.add_argument(
        "--allow-http",
        action="store_true",
        help="fetch a SOURCE URL over plain http:// (https:// is the default and the rule)",
    )
    add_output(p, list(DIFF_FORMATS))
    p.set_defaults(run=run_import)

    p = subparsers.add_parser(
        "update",
        help="fetch every list that names a source, and import what changed",
        description="For each list whose list.yaml names a source (format and URL), or each "
        "LIST given, fetch the file over HTTPS and import it as a new snapshot, with the same "
        "guards as import. A list whose publication holds exactly what its latest snapshot "
        "holds gets nothing written.",
        epilog="Exit status: 0 every list fetched (changed or not); 2 a list was refused or "
        "could not be fetched (the others are still updated; each failure is one line).",
    )
    p.add_argument("lists", metavar="LIST", nargs="*", help="list ids (default: every list)")
    p.add_argument("--dry-run", action="store_true", help="fetch and compare; write nothing")
    p.add_argument(
        "--allow-mass-removal",
        metavar="REASON",
        help="import even when more entries disappear than a list's mass_removal guard allows; "
        "REASON is written into each such snapshot",
    )
    p.add_argument(
        "--allow-incomplete",
        metavar="REASON",
        nargs="?",
        const="",
        help="import a publication that fails an integrity check of its format; REASON "
        "(required) is written into each such snapshot",
    )
    p.add_argument(
        "--allow-http",
        action="store_true",
        help="allow source URLs over plain http:// (a mirror you trust)",
    )
    p.set_defaults(run=run_update)

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
    from ..importers.ftm import DeltaSource
    from ..vocab import Evidence

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
            rest = (
                "they rest on this publication (verdict: publication)"
                if result.info.evidence is Evidence.PUBLICATION
                else "they stay unexplained until one is added by hand"
            )
            lines.append(
                f"{len(d.removed)} removal(s): an official file names no delisting act, so "
                f"none is recorded; {rest}"
            )
    for ack in snap.acknowledged:
        what = "mass removal" if ack.rule == "mass-removal" else f"integrity failure ({ack.rule})"
        lines.append(f"{what} acknowledged in the snapshot: {ack.reason}")
    if isinstance(result.source, DeltaSource):
        ops = ", ".join(f"{count} {op}" for op, count in result.source.ops)
        lines.append(f"applied {len(result.source.files)} delta file(s): {ops}")
    if result.publication is not None:
        lines.append(result.publication.describe())
    for path in result.written:
        lines.append(f"wrote {path}")
    if result.replaced and result.written:
        lines.append(f"(replaced the existing snapshot of {snap.as_of})")
    return "\n".join(lines) + "\n"


def run_import(args: argparse.Namespace) -> int:
    from ..importers import import_source
    from ..output import emit
    from ..render.common import terminal
    from ..stdio import say

    result = import_source(
        args.source_format,
        args.source,
        data_folder(args, bundled=False),
        list_id=args.list_id,
        as_of=args.as_of,
        dry_run=args.dry_run,
        allow_mass_removal=args.allow_mass_removal,
        allow_incomplete=args.allow_incomplete,
        allow_http=args.allow_http,
    )
    for warning in result.warnings:
        say(f"warning: {terminal(warning)}\n")
    if result.diff is not None and (args.dry_run or args.format != "text"):
        text, fmt = DIFF_FORMATS[args.format](result.diff), args.format
    else:
        text, fmt = _summary(result), "text"
    emit(text, args.output, fmt)
    return 0


def run_update(args: argparse.Namespace) -> int:
    from ..errors import DesignationsError, UsageError
    from ..importers import INCOMPLETE_NEEDS_REASON, sourced_lists, update_list
    from ..output import emit
    from ..render.common import one_line, terminal
    from ..stdio import say

    if args.allow_incomplete is not None and not args.allow_incomplete.strip():
        raise UsageError(INCOMPLETE_NEEDS_REASON)
    data = data_folder(args, bundled=False)
    infos = sourced_lists(data, args.lists)
    if not infos:
        emit("no list names a source: nothing to update\n", None)
        return 0
    failed = 0
    for info in infos:
        try:
            result = update_list(
                info,
                data,
                dry_run=args.dry_run,
                allow_mass_removal=args.allow_mass_removal,
                allow_http=args.allow_http,
                allow_incomplete=args.allow_incomplete,
            )
        except DesignationsError as exc:
            failed += 1
            say(f"{info.id}: {one_line(str(exc))}\n")  # a URL is data
            continue
        for warning in result.warnings:
            say(f"{info.id}: warning: {terminal(warning)}\n")
        snap = result.snapshot
        if result.unchanged:
            emit(f"{info.id}: unchanged ({len(snap.entries)} entries)\n", None)
            continue
        d = result.diff
        change = (
            f"{len(d.added)} added, {len(d.removed)} removed, {len(d.amended)} amended"
            if d is not None
            else "first snapshot"
        )
        wrote = ", ".join(str(p) for p in result.written) or "nothing (dry run)"
        emit(f"{info.id} {snap.as_of}: {change}; wrote {wrote}\n", None)
    return 2 if failed else 0


def run_export(args: argparse.Namespace) -> int:
    from ..dates import to_date
    from ..export_ftm import export_ftm
    from ..output import emit

    lst = registry(args)[args.list]
    snapshot = lst.snapshot(to_date(args.as_of, "--as-of")) if args.as_of else lst.latest
    emit(export_ftm(snapshot), args.output, "jsonl")
    return 0
