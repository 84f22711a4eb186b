"""``designations diff-base REV [LIST ...]``: what the working tree changes since a git
revision (the changes a pull request introduces). ``diff --base REV [LIST ...]`` is its alias,
kept for existing workflows; there the positional arguments are list ids and a date is refused."""

from __future__ import annotations

import argparse
import re
from typing import Any

from ..render.formats import BASE_FORMATS
from .common import add_output, registry

__all__ = ["register", "run_diff_base", "run_diff_base_alias"]

#: What ``diff``'s DATE arguments look like; ``diff --base`` refuses them instead of taking
#: them for list ids.
_DATE_LIKE = re.compile(r"\d{4}(-\d{1,2}){0,2}")


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "diff-base",
        help="what the working tree changes against a git revision (for pull requests)",
        description="What the working tree changes in each list (or in the LISTs given) since "
        "git revision REV, e.g. the base branch of a pull request: for each changed list, its "
        "new or edited files and the diff of its snapshots, with the legal basis of each change. "
        "`diff --base REV [LIST ...]` is an alias.",
        epilog="Exit status: 0; with --exit-code, 1 when a list changed; 2 on bad data, an "
        "unknown revision or list, or outside a git repository.",
    )
    p.add_argument("base", metavar="REV", help="a git revision, e.g. origin/main or HEAD")
    p.add_argument(
        "lists", metavar="LIST", nargs="*", help="list ids (default: every list in either tree)"
    )
    p.add_argument(
        "--exit-code",
        action="store_true",
        help="exit 1 when a list changed (not-covered changes aside)",
    )
    add_output(p, list(BASE_FORMATS))
    p.set_defaults(run=run_diff_base)


def run_diff_base_alias(args: argparse.Namespace) -> int:
    """``diff --base REV [LIST ...]``: ``diff``'s positional arguments taken as list ids."""
    from ..errors import UsageError

    if args.format not in BASE_FORMATS:
        raise UsageError(f"diff --base supports --format {', '.join(BASE_FORMATS)}")
    lists = [args.list, *args.dates] if args.list else []
    dates = [v for v in lists if _DATE_LIKE.fullmatch(v)]
    if dates:
        raise UsageError(
            f"diff --base takes list ids, not dates ({', '.join(dates)}): it compares the "
            f"working tree with REV; use `designations diff-base REV [LIST ...]`, or `diff LIST "
            f"FROM [TO]` without --base"
        )
    args.lists = lists
    args.command = "diff --base"  # (its messages name what the user typed)
    return run_diff_base(args)


def run_diff_base(args: argparse.Namespace) -> int:
    from ..gitbase import base_diffs
    from ..output import emit

    # The user's data in their repository: never the data bundled with the package (in no git
    # repository when installed).
    results = base_diffs(registry(args, bundled=False), args.base, args.lists or None)
    emit(BASE_FORMATS[args.format](args.base, results), args.output, args.format)
    changed = any(
        b.status != "unchanged" and (b.diff is None or b.diff.has_changes or b.diff.phantoms)
        for b in results
    )
    return 1 if args.exit_code and changed else 0
