"""``designations diff --base REV [LIST ...]``: what the working tree changes since a git
revision (the changes a pull request introduces)."""

from __future__ import annotations

import argparse

from ..errors import UsageError
from ..gitbase import base_diffs
from ..output import emit
from ..render.formats import BASE_FORMATS
from .common import registry

__all__ = ["run_diff_base"]


def run_diff_base(args: argparse.Namespace) -> int:
    if args.format not in BASE_FORMATS:
        raise UsageError(f"diff --base supports --format {', '.join(BASE_FORMATS)}")
    list_ids = [args.list, *args.dates] if args.list else None
    results = base_diffs(registry(args), args.base, list_ids)
    emit(BASE_FORMATS[args.format](args.base, results), args.output, args.format)
    changed = any(
        b.status != "unchanged" and (b.diff is None or b.diff.has_changes or b.diff.phantoms)
        for b in results
    )
    return 1 if args.exit_code and changed else 0
