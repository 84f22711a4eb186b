"""Starting and extending a data folder: ``init`` writes one example list (``list.yaml``, a
first snapshot, a seed) that passes ``check --strict``; ``new`` writes the next snapshot of a
list from its latest, so that a maintainer edits only what changed.

Neither ever replaces a file: a target that exists is a ``UsageError`` and nothing is written.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from .registry import DesignationList

# The command line reads EXAMPLE_LIST when it starts; each function imports what it writes with.

__all__ = ["EXAMPLE_LIST", "init_data_folder", "new_snapshot", "next_snapshot_text"]

#: The id of the example list ``init`` writes.
EXAMPLE_LIST = "xx-example"
#: The example's files in the package (``designations/starter/``) and where ``init`` puts them,
#: relative to the data folder. The same files open docs/format.md (a test keeps them equal).
STARTER_FILES = {
    "list.yaml": f"lists/{EXAMPLE_LIST}/list.yaml",
    "first-snapshot.yaml": f"lists/{EXAMPLE_LIST}/2025-01-15.yaml",
    "seed.yaml": "seeds/xx-example-source.yaml",
}


def starter_text(name: str) -> str:
    """The text of one of the example's files (a key of ``STARTER_FILES``)."""
    from importlib import resources

    return resources.files("designations").joinpath("starter", name).read_text("utf-8")


def init_data_folder(directory: str | os.PathLike[str] = ".") -> tuple[Path, ...]:
    """Write ``<directory>/data`` with the example list and its seed; the paths written.

    ``UsageError`` (and nothing written) when ``<directory>/data`` already holds ``lists/`` or
    ``seeds/``: ``init`` starts a data folder, it does not add to one."""
    from pathlib import Path

    from .errors import UsageError
    from .output import atomic_write

    data = Path(directory) / "data"
    for existing in ("lists", "seeds"):
        if (data / existing).exists():
            raise UsageError(
                f"{data / existing} already exists: init starts a new data folder and never "
                "writes into one (to add a list, copy the example from docs/format.md)"
            )
    written = []
    for name, target in STARTER_FILES.items():
        path = data / target
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, starter_text(name))
        written.append(path)
    return tuple(written)


def next_snapshot_text(lst: DesignationList, as_of: dt.date | str) -> str:
    """The text of the snapshot after the latest of ``lst``, dated ``as_of``: its entries,
    completeness, coverage and sources copied, and ``changes: []`` to fill in."""
    import attrs

    from .dates import to_date
    from .errors import UsageError
    from .writer import dump, snapshot_data

    day = to_date(as_of, "DATE")
    if not lst.dates:
        raise UsageError(
            f"list {lst.id!r} has no snapshot to start from: write its first one by hand "
            "(an example is in docs/format.md)"
        )
    latest = lst.dates[-1]
    if day <= latest:
        raise UsageError(
            f"DATE {day} is not after the latest snapshot of {lst.id!r} ({latest}): a new "
            "snapshot comes after the last one"
        )
    lst.validate()  # the copy starts from data that loads, not from a broken file
    snapshot = attrs.evolve(lst.load(latest), as_of=day, changes=())
    data = snapshot_data(snapshot)
    data["changes"] = []
    header = (
        f"Made by `designations new {lst.id} {day}` from the snapshot of {latest}.\n"
        "Edit the entries that changed, and record under changes the act behind each change."
    )
    return dump(data, header)


def new_snapshot(lst: DesignationList, as_of: dt.date | str) -> Path:
    """Write the snapshot after the latest of ``lst``, dated ``as_of``; its path."""
    from .dates import to_date
    from .errors import UsageError
    from .output import atomic_write

    text = next_snapshot_text(lst, as_of)
    path = lst.folder / f"{to_date(as_of, 'DATE')}.yaml"
    if path.exists():  # pragma: no cover - a later date than the latest cannot exist yet
        raise UsageError(f"{path} already exists")
    atomic_write(path, text)
    return path
