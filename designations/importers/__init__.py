"""Importers: an authority's own file format → a snapshot in the data folder.

``import_source`` reads a whole source file first (refusing it, with nothing written, when it
is malformed, empty or missing columns), builds the snapshot and the list's instruments,
reconciles it with the previous snapshot, refuses a mass removal unless allowed, and only then
writes ``list.yaml`` and the snapshot, each atomically.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import shlex
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

import attrs

from ..datafolder import find_data_folder, lists_dir
from ..dates import to_date
from ..errors import DataError, UsageError
from ..load import LIST_ID, list_dates, load_list_info, load_snapshot
from ..model import Acknowledgement, ListInfo, ListSource, PublicationFile, Snapshot
from ..model import Publication as PublicationRecord
from ..output import atomic_write
from ..reconcile import ListDiff, diff
from ..safeio import open_regular
from ..writer import list_info_yaml, snapshot_yaml
from . import (
    au_dfat,
    ca_sema,
    eu_csv,
    eu_xml,
    ftm,
    ofac_csv,
    ofac_enhanced,
    ofac_xml,
    uk_csv,
    un_xml,
    us_csl,
)
from .builder import build
from .fetch import Publication, download, is_url
from .packed import relabel, unpacked
from .progress import MAX_SOURCE_BYTES, Progress
from .sniff import DESCRIPTIONS, looks_like
from .source import Flaw, Source

__all__ = [
    "FORMATS",
    "INCOMPLETE_NEEDS_REASON",
    "ImportResult",
    "IntegrityError",
    "MassRemovalError",
    "import_source",
    "lists_folder",
    "sourced_lists",
    "update_list",
]

Reader = Callable[[Path, Progress], Source]

#: Format name → reader of a source path.
FORMATS: dict[str, Reader] = {
    "ofac-csv": ofac_csv.read,
    "ofac-xml": ofac_xml.read,
    "un-xml": un_xml.read,
    "uk-csv": uk_csv.read,
    "eu-xml": eu_xml.read,
    "eu-csv": eu_csv.read,
    "ofac-enhanced-xml": ofac_enhanced.read,
    "us-csl": us_csl.read,
    "ca-sema": ca_sema.read,
    "au-dfat": au_dfat.read,
    "ftm": ftm.read,
    # Applied to an empty list here; import_source applies it to the list's latest snapshot.
    "ftm-delta": functools.partial(ftm.read_delta, base=None),
}


class MassRemovalError(UsageError):
    """The import would remove more of the list than its ``mass_removal`` guard allows."""


#: The refusal of ``--allow-incomplete`` without a reason (the flag took none before).
INCOMPLETE_NEEDS_REASON = (
    "--allow-incomplete needs a reason (why this publication is imported as it is), e.g. "
    "--allow-incomplete 'OFAC served the file without its end-of-file byte'; it is written "
    "into the snapshot's acknowledged, with each integrity check the publication failed"
)


class IntegrityError(UsageError):
    """The publication fails one of its format's integrity signals (``--allow-incomplete``)."""


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
    #: What was fetched, when the source was a URL.
    publication: Publication | None = None
    #: Whether the new snapshot holds exactly what the latest one held (``update`` then writes
    #: nothing).
    unchanged: bool = False
    #: What the user should know that was no reason to refuse the import.
    warnings: tuple[str, ...] = ()


def lists_folder(data: Path | str | None) -> Path:
    """The ``lists/`` folder of a data folder: the data folder must exist (a mistyped
    ``--data`` is refused, never silently started), its ``lists/`` need not yet."""
    root = (
        Path(data) if data is not None else find_data_folder(bundled=False, command="import").path
    )
    if root.is_dir():
        return lists_dir(root) or root / "lists"
    if root.exists():
        raise UsageError(f"data folder {root} is not a folder: name the folder holding lists/")
    start = f"`mkdir {'-p ' if not root.parent.is_dir() else ''}{shlex.quote(str(root))}`"
    if root.name == "data":
        start += (
            f", or `designations init {shlex.quote(str(root.parent))}` for one with an example list"
        )
    raise UsageError(
        f"data folder {root} does not exist: check the path, or create it to start a new "
        f"data folder ({start}) and run again"
    )


def _header(source: Source, publication: Publication | None) -> str:
    fetched = f"\n{publication.describe()}" if publication is not None else ""
    return (
        f"Imported with `designations import {source.format}` from {Path(source.path).name}.\n"
        f"Values as published, whitespace collapsed; conventions in docs/importers.md.{fetched}"
    )


def import_source(
    fmt: str,
    source: Path | str,
    data: Path | str | None = None,
    *,
    list_id: str | None = None,
    as_of: dt.date | str | None = None,
    dry_run: bool = False,
    allow_mass_removal: str | None = None,
    progress: IO[str] | None = None,
    allow_http: bool = False,
    skip_unchanged: bool = False,
    allow_incomplete: str | None = None,
) -> ImportResult:
    """Import one source file of format ``fmt`` into the data folder ``data``.

    ``source`` may be an ``https://`` URL (``http://`` with ``allow_http``): the file is fetched
    first (``fetch.download``), the snapshot's ``sources`` is that URL, its header records the
    retrieval time and SHA-256, the list's ``source`` is set to it when the list names none,
    and a file that carries no date is dated by the day (UTC) it was retrieved. With
    ``skip_unchanged``, nothing is written when the new snapshot holds exactly what the latest
    one holds (``result.unchanged``).

    ``allow_mass_removal`` is the reason for accepting a mass removal: it is written into the
    snapshot as an acknowledgement that ``check`` reports. ``allow_incomplete`` is the reason
    for importing a publication that fails an integrity signal of its format
    (``docs/importers.md``): it is written into the snapshot's acknowledgement of each failed
    signal."""
    if allow_mass_removal is not None and not str(allow_mass_removal).strip():
        raise UsageError("--allow-mass-removal needs a reason (why the removals are real)")
    if allow_incomplete is not None and (
        not isinstance(allow_incomplete, str) or not allow_incomplete.strip()
    ):
        raise UsageError(INCOMPLETE_NEEDS_REASON)
    if FORMATS.get(fmt) is None:
        raise UsageError(f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")
    lists_folder(data)  # a mistyped data folder is refused before anything is read
    with contextlib.ExitStack() as stack:
        path, publication = Path(source), None
        if is_url(str(source)):
            tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="designations-fetch-"))
            path, publication = download(
                str(source), Path(tmp), allow_http=allow_http, progress=progress
            )
        return _import(
            fmt,
            path,
            data,
            list_id=list_id,
            as_of=as_of,
            dry_run=dry_run,
            allow_mass_removal=allow_mass_removal,
            progress=progress,
            skip_unchanged=skip_unchanged,
            publication=publication,
            allow_incomplete=allow_incomplete,
        )


def _import(
    fmt: str,
    path: Path,
    data: Path | str | None,
    *,
    list_id: str | None,
    as_of: dt.date | str | None,
    dry_run: bool,
    allow_mass_removal: str | None,
    progress: IO[str] | None,
    skip_unchanged: bool,
    publication: Publication | None,
    allow_incomplete: str | None,
) -> ImportResult:
    reader = FORMATS[fmt]
    if not path.exists():
        raise DataError.one(str(path), 0, "", "not-found", "no such file or folder")
    if fmt == "ftm-delta":
        if list_id is None:
            raise UsageError(
                "--list is required: ftm-delta applies delta files to a list's latest snapshot"
            )
        reader = functools.partial(ftm.read_delta, base=_latest(lists_folder(data) / list_id))
    src, files = _read(reader, path, progress, fmt)
    list_id = list_id or src.template.list_id
    if not LIST_ID.match(list_id):
        raise UsageError(f"--list: {list_id!r} is not a list id like 'us-ofac-sdn'")
    if publication is not None:
        src = attrs.evolve(src, url=publication.url)
    day = to_date(as_of, "--as-of") if as_of is not None else src.as_of
    if day is None and publication is not None:
        day = publication.retrieved.date()
    if day is None:
        if fmt == "ftm-delta":
            raise UsageError(
                "--as-of is required: a delta's date is the name of its version folder "
                "(20240528134729-3iv/entities.delta.json), and none was found above the "
                "delta files"
            )
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
    warnings, overridden = _integrity(src, previous, allow_incomplete is not None)
    new_info, snapshot = build(src, list_id, day, info, previous)
    if publication is not None and new_info.source is None:
        new_info = attrs.evolve(new_info, source=ListSource(fmt, publication.url))
    record = PublicationRecord(
        src.format,
        files,
        src.as_of,
        publication.url if publication is not None else None,
        publication.retrieved if publication is not None else None,
    )
    snapshot = attrs.evolve(
        snapshot,
        info=new_info,
        publication=record,
        acknowledged=tuple(
            Acknowledgement(
                f.rule,
                f"{' '.join(str(allow_incomplete).split())} ({Path(f.path).name}: {f.message})",
            )
            for f in overridden
        ),
    )
    latest = previous
    if day in dates and info is not None:
        same_day = folder / f"{day}.yaml"
        latest = load_snapshot(same_day, info, previous=earlier[-1] if earlier else None)
    unchanged = (
        latest is not None
        and latest.entries == snapshot.entries
        and latest.changes == snapshot.changes
        and info == new_info
    )
    changes = diff(previous, snapshot) if previous is not None else None
    if changes is not None and previous is not None:
        refusal = _guard(new_info, previous, len(changes.removed), src.path)
        if refusal is not None and allow_mass_removal is None:
            raise refusal
        if refusal is not None:
            ack = Acknowledgement("mass-removal", " ".join(str(allow_mass_removal).split()))
            snapshot = attrs.evolve(snapshot, acknowledged=(*snapshot.acknowledged, ack))
            # The acknowledgement changes no entry: the diff stands, with the new snapshot.
            changes = attrs.evolve(changes, new=snapshot)
    written: list[Path] = []
    info_text = list_info_yaml(new_info)
    snapshot_text = snapshot_yaml(snapshot, _header(src, publication))
    _loads_back(src.path, list_id, day, info_text, snapshot_text, earlier[-1] if earlier else None)
    if not dry_run and not (skip_unchanged and unchanged):
        folder.mkdir(parents=True, exist_ok=True)
        if info is None or new_info != info:
            atomic_write(info_path, info_text)
            written.append(info_path)
        target = folder / f"{day}.yaml"
        atomic_write(target, snapshot_text)
        written.append(target)
    return ImportResult(
        src,
        new_info,
        snapshot,
        previous,
        changes,
        folder,
        tuple(written),
        day in dates,
        publication=publication,
        unchanged=unchanged,
        warnings=warnings,
    )


def _loads_back(
    source: Path | str,
    list_id: str,
    day: dt.date,
    info_text: str,
    snapshot_text: str,
    previous: dt.date | None,
) -> None:
    """Refuse to write what the loader would refuse (a value over its size limit, a control
    character, a bad date ...): the files as they would be written are read back first, in a
    folder of their own, and nothing is written unless both load."""
    with tempfile.TemporaryDirectory(prefix="designations-import-") as temp:
        folder = Path(temp) / list_id
        folder.mkdir()
        (folder / "list.yaml").write_text(info_text, encoding="utf-8")
        (folder / f"{day}.yaml").write_text(snapshot_text, encoding="utf-8")
        try:
            info = load_list_info(folder / "list.yaml", shown="list.yaml")
            load_snapshot(folder / f"{day}.yaml", info, previous=previous, shown=f"{day}.yaml")
        except DataError as exc:
            p = exc.problems[0]
            where = f"{p.path}:{p.line}" + (f" {p.field}" if p.field else "")
            raise DataError.one(
                str(source),
                0,
                "",
                "would-not-load",
                f"the import would write data the loader refuses ({where}: {p.message}); "
                "nothing written",
            ) from None


def sourced_lists(data: Path | str | None, wanted: list[str] | None = None) -> list[ListInfo]:
    """The lists whose ``list.yaml`` names a ``source`` (all of them, or those ``wanted``, each
    of which must name one)."""
    root = lists_folder(data)
    if wanted:
        infos = []
        for list_id in wanted:
            path = root / list_id / "list.yaml"
            if not LIST_ID.match(list_id) or not path.is_file():
                raise UsageError(f"no list {list_id!r} in {root}")
            info = load_list_info(path, shown=str(path))
            if info.source is None:
                raise UsageError(
                    f"{path}: the list names no source (add source: {{format: …, url: …}})"
                )
            infos.append(info)
        return infos
    found = []
    for path in sorted(root.glob("*/list.yaml")) if root.is_dir() else []:
        info = load_list_info(path, shown=str(path))
        if info.source is not None:
            found.append(info)
    return found


def update_list(
    info: ListInfo,
    data: Path | str | None,
    *,
    dry_run: bool = False,
    allow_mass_removal: str | None = None,
    allow_http: bool = False,
    progress: IO[str] | None = None,
    allow_incomplete: str | None = None,
) -> ImportResult:
    """Fetch the list's ``source`` and import it, writing nothing when nothing changed."""
    assert info.source is not None
    if info.source.format not in FORMATS:
        raise UsageError(
            f"{info.path}: source.format {info.source.format!r} is not a format "
            f"({', '.join(FORMATS)})"
        )
    return import_source(
        info.source.format,
        info.source.url,
        data,
        list_id=info.id,
        dry_run=dry_run,
        allow_mass_removal=allow_mass_removal,
        allow_http=allow_http,
        progress=progress,
        skip_unchanged=True,
        allow_incomplete=allow_incomplete,
    )


def _latest(folder: Path) -> Snapshot | None:
    """The latest snapshot of the list in ``folder``, if it has one."""
    info_path = folder / "list.yaml"
    dates = list_dates(folder) if folder.is_dir() else []
    if not dates or not info_path.is_file():
        return None
    info = load_list_info(info_path, shown=str(info_path))
    snap_path = folder / f"{dates[-1]}.yaml"
    before = dates[-2] if len(dates) > 1 else None
    return load_snapshot(snap_path, info, previous=before, shown=str(snap_path))


#: Refusals that may mean the file is of another format.
_WRONG_FILE = frozenset(
    {
        "wrong-format",
        "bad-xml",
        "bad-csv",
        "bad-json",
        "missing-field",
        "missing-columns",
        "bad-id",
        "empty-file",
    }
)


def _hint(error: DataError, fmt: str, actual: Path) -> DataError:
    """The refusal, with what the file looks like when it is another format's, and the list of
    formats."""
    first = error.problems[0]
    if first.rule not in _WRONG_FILE:
        return error
    other = looks_like(actual)
    if other is None or other == fmt:
        if first.rule != "wrong-format":
            return error
        hint = f"formats: {', '.join(FORMATS)}"
    else:
        hint = (
            f"this looks like {DESCRIPTIONS[other]}: try `designations import {other}` "
            f"(formats: {', '.join(FORMATS)})"
        )
    return DataError([attrs.evolve(first, message=f"{first.message}; {hint}"), *error.problems[1:]])


def _read(
    reader: Reader, path: Path, progress: IO[str] | None, fmt: str = ""
) -> tuple[Source, tuple[PublicationFile, ...]]:
    """Read ``path`` (expanded first when compressed) with ``reader``; messages name the
    source as the user gave it. With the source, the name and SHA-256 of each file read."""
    with unpacked(path) as (actual, shown):
        size = actual.stat().st_size if actual.is_file() else 0
        bar = Progress(f"reading {path.name}", size, progress)
        try:
            src = reader(actual, bar)
        except DataError as exc:
            raise relabel(_hint(exc, fmt, actual), actual, shown) from None
        finally:
            bar.close()
        paths = src.files or (src.path,)
        files = tuple(PublicationFile(Path(p).name, _sha256(Path(p))) for p in paths)

    def named(text: str) -> str:  # a path inside an expanded archive, as the user gave it
        inside = str(actual)
        return shown + text[len(inside) :] if inside != shown and text.startswith(inside) else text

    flaws = tuple(attrs.evolve(f, path=named(f.path)) for f in src.flaws)
    return attrs.evolve(
        src, path=shown, flaws=flaws, files=tuple(named(p) for p in src.files)
    ), files


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open_regular(path, limit=MAX_SOURCE_BYTES, follow_links=True) as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _companion_data(previous: Snapshot) -> bool:
    """Whether a snapshot holds what only OFAC's companion files give: aliases, addresses."""
    return any(
        e.names or (e.notes is not None and "Address: " in e.notes) for e in previous.entries
    )


def _integrity(
    src: Source, previous: Snapshot | None, allowed: bool
) -> tuple[tuple[str, ...], tuple[Flaw, ...]]:
    """Refuse a publication that fails its format's integrity signals (unless ``allowed``);
    return the warnings for what is no reason to refuse it, and the flaws let through (recorded
    in the snapshot as acknowledged)."""
    flaws = list(src.flaws)
    warnings: list[str] = []
    if src.lone and src.format == "ofac-csv":
        main = src.files[0] if src.files else src.path
        if previous is not None and _companion_data(previous):
            flaws.append(
                Flaw(
                    main,
                    "missing-companion",
                    f"no alt.csv/add.csv beside {Path(src.path).name}, but the list's previous "
                    f"snapshot ({previous.as_of}) has aliases or addresses from them: importing "
                    "it alone would drop them all.",
                )
            )
        else:
            warnings.append(
                f"{main}: imported alone: aliases and addresses (alt.csv, add.csv) and "
                "continued remarks are not in it"
            )
    if flaws and not allowed:
        flaw = flaws[0]
        raise IntegrityError(
            f"{flaw.path}: refused ({flaw.rule}): {flaw.message} Nothing was written; if this "
            "is the publication as published, use --allow-incomplete REASON (the reason is "
            "written into the snapshot)."
        )
    warnings += [f"{f.path}: imported despite {f.rule}: {f.message}" for f in flaws]
    return tuple(warnings), tuple(flaws)


def _guard(info: ListInfo, previous: Snapshot, removed: int, path: str) -> MassRemovalError | None:
    """The refusal of a mass removal, or ``None`` when the removals are within the guard."""
    total = len(previous.entries)
    guard = info.mass_removal
    if guard.exceeded(removed, total):
        return MassRemovalError(
            f"{path}: refused: the import would remove {removed} of {total} entries "
            f"({removed / total:.0%}), more than the list's mass-removal share "
            f"({guard.share:.0%}); a truncated download? Nothing was written. "
            "If the removals are real, use --allow-mass-removal REASON (the reason is written "
            "into the snapshot, and check reports it as acknowledged)."
        )
    return None
