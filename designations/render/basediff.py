"""What a pull request changes, list by list: text, Markdown (for a pull-request comment) and
JSON. Each changed list's diff is rendered by ``render.diff``; this adds what happened to its
files."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .common import dumps
from .diff import diff_document, diff_markdown, diff_text

if TYPE_CHECKING:  # the result type only: render/ reads no files, gitbase does
    from ..gitbase import BaseDiff

__all__ = ["base_json", "base_markdown", "base_text"]

FORMAT = "designations.diff-base/2"


def _dates(values: Sequence[Any]) -> str:
    return ", ".join(str(v) for v in values)


def _facts(b: BaseDiff) -> list[str]:
    """What happened to the list's files, one short sentence each."""
    if b.status == "added":
        return [f"new list, snapshots: {_dates(b.new_snapshots) or 'none'}"]
    if b.status == "removed":
        return [f"list deleted (it had snapshots: {_dates(b.removed_snapshots) or 'none'})"]
    facts = []
    if b.list_file_changed:
        facts.append("list.yaml edited")
    if b.new_snapshots:
        facts.append(f"new snapshots: {_dates(b.new_snapshots)}")
    if b.edited_snapshots:
        facts.append(f"snapshots edited in place: {_dates(b.edited_snapshots)}")
    if b.removed_snapshots:
        facts.append(f"snapshots deleted: {_dates(b.removed_snapshots)}")
    return facts


def _changed(results: Sequence[BaseDiff]) -> list[BaseDiff]:
    return [b for b in results if b.status != "unchanged"]


def base_text(rev: str, results: Sequence[BaseDiff]) -> str:
    changed = _changed(results)
    if not changed:
        return f"No list changed since {rev}.\n"
    blocks = []
    for b in changed:
        lines = [f"== {b.list_id} (since {rev}): {'; '.join(_facts(b))}"]
        if b.diff is not None:
            lines.append(diff_text(b.diff).rstrip("\n"))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def base_markdown(rev: str, results: Sequence[BaseDiff]) -> str:
    changed = _changed(results)
    rev_text = rev.replace("`", "'")
    if not changed:
        return f"No list changed since `{rev_text}`.\n"
    parts = [f"## Changes to designation lists since `{rev_text}`"]
    for b in changed:
        facts = "; ".join(_facts(b))
        if b.diff is not None:
            parts.append(f"{diff_markdown(b.diff).rstrip()}\n\n_{facts}_")
        else:
            parts.append(f"### `{b.list_id}`\n\n_{facts}_")
    return "\n\n".join(parts) + "\n"


def base_json(rev: str, results: Sequence[BaseDiff]) -> str:
    return dumps(
        {
            "format": FORMAT,
            "base": rev,
            "lists": [
                {
                    "list": b.list_id,
                    "status": b.status,
                    "base_latest": str(b.base_latest) if b.base_latest else None,
                    "latest": str(b.latest) if b.latest else None,
                    "new_snapshots": [str(d) for d in b.new_snapshots],
                    "edited_snapshots": [str(d) for d in b.edited_snapshots],
                    "removed_snapshots": [str(d) for d in b.removed_snapshots],
                    "list_file_changed": b.list_file_changed,
                    "diff": diff_document(b.diff) if b.diff is not None else None,
                }
                for b in _changed(results)
            ],
        }
    )
