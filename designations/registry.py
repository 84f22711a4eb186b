"""A data folder: its lists, their snapshots by date, and its seeds.

Files are read when first needed, so a command that needs two snapshots of one list reads two
files (and the ``list.yaml`` beside them), however large the folder.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .cache import SnapshotCache
from .datafolder import bundled_data, find_data_folder, lists_dir
from .dates import to_date
from .errors import UsageError
from .load import LIST_ID, list_dates, load_list_info, load_seed, load_snapshot
from .model import ListInfo, Seed, Snapshot
from .reconcile import ListDiff, diff_window
from .safeio import at_most, check_folder
from .suggest import did_you_mean

__all__ = ["DesignationList", "Registry", "UnknownListError", "bundled_data"]

#: Bounds on a data folder's totals (see ``load.MAX_SNAPSHOTS`` and the others).
MAX_LISTS = 10_000
MAX_SEEDS = 100_000

#: Reads one snapshot file: (path, list info, previous as_of, path shown in messages).
SnapshotLoader = Callable[[Path, ListInfo, "dt.date | None", str], Snapshot]


class UnknownListError(UsageError, KeyError):
    """No list with that id in the data folder."""

    def __str__(self) -> str:
        return str(self.args[0])


def _default_loader(path: Path, info: ListInfo, previous: dt.date | None, shown: str) -> Snapshot:
    return load_snapshot(path, info, previous=previous, shown=shown)


class DesignationList:
    """One list: its ``info`` and its snapshots, sorted by ``as_of``."""

    def __init__(self, folder: Path, info: ListInfo, loader: SnapshotLoader) -> None:
        self.folder = folder
        self.info = info
        self.dates: tuple[dt.date, ...] = tuple(list_dates(folder))
        self._loader = loader
        self._loaded: dict[dt.date, Snapshot] = {}

    @property
    def id(self) -> str:
        return self.info.id

    def __repr__(self) -> str:
        return f"<DesignationList {self.id} ({len(self.dates)} snapshots)>"

    def load(self, as_of: dt.date) -> Snapshot:
        """The snapshot dated exactly ``as_of``."""
        if as_of not in self._loaded:
            index = self.dates.index(as_of)
            previous = self.dates[index - 1] if index else None
            path = self.folder / f"{as_of}.yaml"
            self._loaded[as_of] = self._loader(path, self.info, previous, str(path))
        return self._loaded[as_of]

    @property
    def snapshots(self) -> tuple[Snapshot, ...]:
        """Every snapshot, oldest first."""
        return tuple(self.load(d) for d in self.dates)

    def validate(self) -> None:
        """Read every snapshot, so that a defect anywhere in the list raises ``DataError``
        (a diff of a list with malformed files is refused, not reported on)."""
        for day in self.dates:
            self.load(day)

    @property
    def latest(self) -> Snapshot:
        if not self.dates:
            raise LookupError(f"list {self.id!r} has no snapshots")
        return self.load(self.dates[-1])

    def summary(self) -> dict[str, Any]:
        """One row of ``designations lists``: the list and its latest snapshot, as plain data."""
        latest = self.latest if self.dates else None
        return {
            "id": self.id,
            "jurisdiction": self.info.jurisdiction,
            "name": self.info.name,
            "snapshots": len(self.dates),
            "latest": str(latest.as_of) if latest else None,
            "entries": len(latest.entries) if latest else 0,
            "completeness": latest.completeness.value if latest else None,
        }

    def resolve(self, on: dt.date | str) -> dt.date:
        """The ``as_of`` of the snapshot in force on a date; ``LookupError`` before the first."""
        day = to_date(on)
        index = bisect.bisect_right(self.dates, day)
        if index == 0:
            first = f"; its first is {self.dates[0]}" if self.dates else ""
            raise LookupError(f"list {self.id!r} has no snapshot in force on {day}{first}")
        return self.dates[index - 1]

    def snapshot(self, on: dt.date | str) -> Snapshot:
        """The snapshot in force on a date: the latest with ``as_of`` on or before it."""
        return self.load(self.resolve(on))

    def diff(self, old: dt.date | str | None = None, new: dt.date | str | None = None) -> ListDiff:
        """What changed between the snapshots in force on two dates (default: the last two):
        the window from the one to the other, every snapshot between included."""
        if old is None and new is None:
            if len(self.dates) < 2:
                raise LookupError(f"list {self.id!r} has fewer than two snapshots to compare")
            a, b = self.dates[-2], self.dates[-1]
        else:
            b = self.resolve(new) if new is not None else self.dates[-1]
            a = self.resolve(old) if old is not None else b
        if a > b:
            # Named as given: the snapshots they resolve to would read as other dates.
            first = to_date(old) if old is not None else a
            second = to_date(new) if new is not None else b
            raise UsageError(f"the first date ({first}) must not be after the second ({second})")
        return diff_window([self.load(d) for d in self.dates if a <= d <= b])


class Registry:
    """The lists and seeds of a data folder.

    With no ``path``, the folder is found as the command line finds it
    (:func:`~designations.datafolder.find_data_folder`): ``$DESIGNATIONS_DATA``, else the
    nearest ``data/`` holding ``lists/`` from the current directory upwards, else the data
    bundled with the package.

    ``path`` is a folder holding ``lists/`` (and ``seeds/``), or a ``lists/`` folder itself.
    ``cache`` keeps parsed snapshots on disk (``True``: in ``default_cache_dir()``; or a
    ``SnapshotCache``), so an unchanged file is not parsed again; ``loader`` replaces the loader.
    Seeds are looked for in ``<path>/seeds``, else beside the data folder (``<path>/../seeds``),
    which is where a source checkout keeps them.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        loader: SnapshotLoader | None = None,
        cache: bool | SnapshotCache = False,
    ) -> None:
        root = Path(path) if path is not None else find_data_folder().path
        if not root.is_dir():
            raise UsageError(f"data folder not found: {root}")
        lists = lists_dir(root)
        if lists is None:
            hint = ""
            if (root / "data" / "lists").is_dir():  # the folder given to `init`, which writes data/
                hint = f"; its data/ does: --data {root / 'data'}"
            raise UsageError(f"{root} holds no lists/ folder{hint}")
        if lists != root:
            # The folder the user named is trusted; what is inside it is data, and may not
            # lead elsewhere (see safeio).
            check_folder(lists)
        self.lists_dir = lists
        parent = self.lists_dir.parent
        candidates = [parent / "seeds", parent.parent / "seeds"]
        self.seeds_dir: Path | None = next((c for c in candidates if c.is_dir()), None)
        #: The cache of parsed snapshots, when there is one (the name index is kept beside it).
        self.cache: SnapshotCache | None = None
        if loader is None and cache:
            store = cache if isinstance(cache, SnapshotCache) else SnapshotCache()
            loader = store.load
            self.cache = store
        self._loader = loader or _default_loader
        self._lists: dict[str, DesignationList] = {}

    def lists(self) -> list[str]:
        """The ids of the lists, sorted."""
        listed = (
            child.name
            for child in self.lists_dir.iterdir()
            if os.path.lexists(child / "list.yaml")  # a link or FIFO is refused when read
        )
        return sorted(at_most(listed, MAX_LISTS, self.lists_dir, "lists in one data folder"))

    def skipped(self) -> list[Path]:
        """The folders under ``lists/`` that hold no ``list.yaml``, sorted: not lists, so
        :meth:`lists` (and every command that reads all lists) leaves them out; ``check``
        reports each (``missing-list-file``)."""
        unlisted = (
            child
            for child in self.lists_dir.iterdir()
            if child.name[:1] != "." and child.is_dir() and not os.path.lexists(child / "list.yaml")
        )
        return sorted(at_most(unlisted, MAX_LISTS, self.lists_dir, "folders in one lists/ folder"))

    def __contains__(self, list_id: object) -> bool:
        return isinstance(list_id, str) and list_id in self.lists()

    def __iter__(self) -> Iterator[DesignationList]:
        return (self[list_id] for list_id in self.lists())

    def __getitem__(self, list_id: str) -> DesignationList:
        if list_id not in self._lists:
            folder = self.lists_dir / list_id
            if not LIST_ID.match(list_id) or not os.path.lexists(folder / "list.yaml"):
                if LIST_ID.match(list_id) and folder.is_dir() and not folder.is_symlink():
                    raise UnknownListError(
                        f"{folder} has no list.yaml, so it is not a list yet: add its "
                        "list.yaml (docs/format.md), or run `designations check` to see what "
                        "else is missing"
                    )
                ids = self.lists()
                hint = did_you_mean(list_id, ids)
                known = ", ".join(ids) or "none"
                raise UnknownListError(
                    f"no list {list_id!r} in {self.lists_dir}{hint} (lists: {known})"
                )
            check_folder(folder)
            info = load_list_info(folder / "list.yaml", shown=str(folder / "list.yaml"))
            self._lists[list_id] = DesignationList(folder, info, self._loader)
        return self._lists[list_id]

    def read_snapshot(
        self, path: Path, info: ListInfo, previous: dt.date | None, shown: str | None = None
    ) -> Snapshot:
        """Read one snapshot file with this registry's loader (its cache, when it has one):
        for callers that walk the files themselves, such as ``check``."""
        return self._loader(path, info, previous, shown if shown is not None else str(path))

    def seed_paths(self) -> list[Path]:
        if self.seeds_dir is None:
            return []
        check_folder(self.seeds_dir)
        seeds = (path for path in self.seeds_dir.iterdir() if path.suffix in (".yaml", ".yml"))
        return sorted(at_most(seeds, MAX_SEEDS, self.seeds_dir, "seeds in one data folder"))

    def seeds(self) -> dict[str, Seed]:
        """Every seed, by id."""
        return {seed.id: seed for seed in map(load_seed, self.seed_paths())}
