"""Importers: an authority's own file format → a snapshot in the data folder.

``import_source`` reads a whole source file first (refusing it, with nothing written, when it
is malformed, empty or missing columns), builds the snapshot and the list's instruments,
reconciles it with the previous snapshot, refuses a mass removal unless allowed, and only then
writes ``list.yaml`` and the snapshot, each atomically.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import IO

import attrs

from ..datafolder import find_data_folder
from ..errors import UsageError
from ..load import LIST_ID, list_dates, load_list_info, load_snapshot
from ..model import ListInfo, Snapshot
from ..output import atomic_write
from ..reconcile import ListDiff, diff
from ..registry import to_date
from ..writer import list_info_yaml, snapshot_yaml
from . import ofac_csv, ofac_xml, uk_csv, un_xml
from .common import Source, build, refuse
from .progress import Progress

__all__ = ["FORMATS", "ImportResult", "MassRemovalError", "import_source", "lists_folder"]

#: Format name → reader of a source path.
FORMATS: dict[str, Callable[[Path, Progress], Source]] = {
    "ofac-csv": ofac_csv.read,
    "ofac-xml": ofac_xml.read,
    "un-xml": un_xml.read,
    "uk-csv": uk_csv.read,
}


class MassRemovalError(UsageError):
    """The import would remove more of the list than its ``mass_removal`` guard allows."""


@attrs.frozen
class ImportResult:
    """What an import built, what it changed, and what it wrote (nothing on a dry run)."""

    source: Source
    info: ListInfo
    snapshot: Snapshot
    previous: Snapshot | None
    diff: ListDiff | None
    folder: Path
    written: tuple[Path, ...]
    #: Whether a snapshot of the same date was already there (and was, unless a dry run,
    #: replaced).
    replaced: bool


def lists_folder(data: Path | str | None) -> Path:
    """The ``lists/`` folder of a data folder (which need not exist yet)."""
    root = (
        Path(data) if data is not None else find_data_folder(bundled=False, command="import").path
    )
    if (root / "lists").is_dir():
        return root / "lists"
    if root.name == "lists" or (root.is_dir() and any(root.glob("*/list.yaml"))):
        return root
    return root / "lists"


def _header(source: Source) -> str:
    return (
        f"Imported with `designations import {source.format}` from {Path(source.path).name}.\n"
        "Values as published, whitespace collapsed; conventions in docs/importers.md."
    )


def import_source(
    fmt: str,
    source: Path | str,
    data: Path | str | None = None,
    *,
    list_id: str | None = None,
    as_of: dt.date | str | None = None,
    dry_run: bool = False,
    allow_mass_removal: bool = False,
    progress: IO[str] | None = None,
) -> ImportResult:
    """Import one source file of format ``fmt`` into the data folder ``data``."""
    reader = FORMATS.get(fmt)
    if reader is None:
        raise UsageError(f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")
    path = Path(source)
    if not path.exists():
        raise refuse(str(path), 0, "", "not-found", "no such file or folder")
    size = path.stat().st_size if path.is_file() else 0
    bar = Progress(f"reading {path.name}", size, progress)
    try:
        src = reader(path, bar)
    finally:
        bar.close()
    list_id = list_id or src.template.list_id
    if not LIST_ID.match(list_id):
        raise UsageError(f"--list: {list_id!r} is not a list id like 'us-ofac-sdn'")
    day = to_date(as_of, "--as-of") if as_of is not None else src.as_of
    if day is None:
        raise UsageError(f"--as-of is required: {fmt} files carry no date")
    folder = lists_folder(data) / list_id
    info_path = folder / "list.yaml"
    info = load_list_info(info_path, shown=str(info_path)) if info_path.is_file() else None
    dates = list_dates(folder) if folder.is_dir() else []
    later = [d for d in dates if d > day]
    if later:
        raise UsageError(
            f"list {list_id!r} already has a snapshot after {day} ({later[-1]}): "
            "import snapshots in date order"
        )
    earlier = [d for d in dates if d < day]
    previous = None
    if earlier and info is not None:
        before = earlier[-2] if len(earlier) > 1 else None
        snap_path = folder / f"{earlier[-1]}.yaml"
        previous = load_snapshot(snap_path, info, previous=before, shown=str(snap_path))
    new_info, snapshot = build(src, list_id, day, info, previous)
    changes = diff(previous, snapshot) if previous is not None else None
    if changes is not None and previous is not None and not allow_mass_removal:
        _guard(new_info, previous, len(changes.removed), src.path)
    written: list[Path] = []
    if not dry_run:
        folder.mkdir(parents=True, exist_ok=True)
        if info is None or new_info != info:
            atomic_write(info_path, list_info_yaml(new_info))
            written.append(info_path)
        target = folder / f"{day}.yaml"
        atomic_write(target, snapshot_yaml(snapshot, _header(src)))
        written.append(target)
    return ImportResult(
        src, new_info, snapshot, previous, changes, folder, tuple(written), day in dates
    )


def _guard(info: ListInfo, previous: Snapshot, removed: int, path: str) -> None:
    total = len(previous.entries)
    guard = info.mass_removal
    if total and removed > guard.share * total and removed >= guard.min_count:
        raise MassRemovalError(
            f"{path}: refused: the import would remove {removed} of {total} entries "
            f"({removed / total:.0%}), more than the list's mass-removal share "
            f"({guard.share:.0%}); a truncated download? Nothing was written. "
            "Use --allow-mass-removal if the removals are real."
        )
