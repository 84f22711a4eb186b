"""The ``check`` subcommand (the CI gate) and ``schema`` (the JSON Schema of each file kind)."""

from __future__ import annotations

import argparse
from typing import Any

from ..render.formats import CHECK_FORMATS
from ..schema_files import SCHEMA_KINDS
from .common import add_output, registry

__all__ = ["register"]


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "check",
        help="validate the data: format, references, dates, reconciliation",
        description="Validate a data folder: every file against the format, references between "
        "files, dates, and the reconciliation of every pair of consecutive snapshots of every "
        "list (each change needs a legal act). With PATHs, only the lists those files belong "
        "to and the seeds among them; a path outside the data folder is refused (exit 2). Every "
        "problem is reported, with file, line and a rule id (see docs/check-rules.md).",
        epilog="Exit status: 0 clean (warnings alone are fine); 1 any error (or, with "
        "--strict, any warning); 2 bad arguments, a PATH outside the data folder, or no data "
        "folder.",
    )
    p.add_argument("paths", metavar="PATH", nargs="*", help="files or folders to check")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="one line per finding: without it, the publication-change warnings of a snapshot "
        "(one per change of an imported list) are one line with their count and first ids "
        "(json always lists each)",
    )
    p.add_argument(
        "--data",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="the data folder (as the global --data; handy in pre-commit hooks)",
    )
    add_output(p, list(CHECK_FORMATS))
    p.set_defaults(run=run_check)

    p = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of a kind of data file",
        description="Print the JSON Schema (draft 2020-12) of list.yaml, snapshot or seed files, "
        "for editors that validate YAML as you type. All scalars are strings.",
    )
    p.add_argument("kind", choices=SCHEMA_KINDS, help="which kind of file")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(run=run_schema)


def run_check(args: argparse.Namespace) -> int:
    from ..checks import check
    from ..output import emit

    result = check(registry(args, bundled=False), args.paths or None)
    if args.strict:
        result = result.strict()
    emit(CHECK_FORMATS[args.format](result, verbose=args.verbose), args.output, args.format)
    return 0 if result.ok else 1


def run_schema(args: argparse.Namespace) -> int:
    from ..output import emit
    from ..schema_files import schema_text

    emit(schema_text(args.kind), args.output, "json")
    return 0
