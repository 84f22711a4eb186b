"""Which data folder a command works on: the ONE place that decides it.

The order is ``--data`` (a path given by the caller), then ``$DESIGNATIONS_DATA``, then the
nearest ``data/`` holding ``lists/`` in the current directory or one of its parents (the way git
finds its repository), and only then the data bundled with the package. Commands that judge or
write data (``check``, ``import``, ``new``) pass ``bundled=False``: for them a folder that is not
found is a usage error that says how to name one, never a silent check of other data.

``lists_dir`` says where a data folder keeps its lists (``lists/``, or the folder itself).
"""

from __future__ import annotations

import enum
import os
from collections.abc import Mapping
from pathlib import Path

import attrs

from .errors import UsageError

__all__ = [
    "DataFolder",
    "Found",
    "NoDataFolderError",
    "bundled_data",
    "find_data_folder",
    "lists_dir",
]

#: The environment variable naming the data folder.
ENV_VAR = "DESIGNATIONS_DATA"


class Found(enum.Enum):
    """How a data folder was found."""

    GIVEN = "given"  #: named by the caller (``--data``, or a path passed to the library)
    ENVIRONMENT = "environment"  #: ``$DESIGNATIONS_DATA``
    NEAREST = "nearest"  #: the nearest ``data/`` holding ``lists/``, from the current directory
    BUNDLED = "bundled"  #: the data shipped with the package


@attrs.frozen
class DataFolder:
    """A data folder and how it was found."""

    path: Path
    found: Found


class NoDataFolderError(UsageError):
    """No data folder was named or found, and the command does not use the bundled data."""


def bundled_data() -> Path:
    """The data shipped with the package (or, in a source checkout, the repository's)."""
    here = Path(__file__).resolve().parent
    installed = here / "_data"
    return installed if installed.is_dir() else here.parent / "data"


def nearest_data(start: Path) -> Path | None:
    """The nearest ``data/`` folder holding ``lists/``, in ``start`` or one of its parents:
    as given (``start/data``) when it is in ``start`` itself, so that paths in messages are the
    ones a user in ``start`` types (``data/lists/...``), else absolute."""
    if (start / "data" / "lists").is_dir():
        return start / "data"
    for folder in start.absolute().parents:
        candidate = folder / "data"
        if (candidate / "lists").is_dir():
            return candidate
    return None


def find_data_folder(
    given: str | os.PathLike[str] | None = None,
    *,
    bundled: bool = True,
    cwd: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
    command: str | None = None,
) -> DataFolder:
    """The data folder to use: ``given``, else ``$DESIGNATIONS_DATA``, else the nearest
    ``data/`` holding ``lists/`` from ``cwd`` (default: the current directory) upwards, else,
    when ``bundled``, the bundled data. ``NoDataFolderError`` when none is found; ``command``
    names the command in its message."""
    if given is not None and str(given) != "":
        return DataFolder(Path(given), Found.GIVEN)
    env = os.environ if environ is None else environ
    named = env.get(ENV_VAR, "")
    if named:
        return DataFolder(Path(named), Found.ENVIRONMENT)
    start = Path(cwd) if cwd is not None else Path()
    near = nearest_data(start)
    if near is not None:
        return DataFolder(near, Found.NEAREST)
    if bundled:
        return DataFolder(bundled_data(), Found.BUNDLED)
    who = f"{command} needs" if command else "this needs"
    raise NoDataFolderError(
        f"{who} a data folder and none was found: no data/ holding lists/ in "
        f"{start.absolute()} or its parents. Name one with --data DIR (or ${ENV_VAR}); "
        "`designations init` creates one. "
        f"{command or 'It'} never falls back to the data bundled with the package"
    )


def lists_dir(root: Path) -> Path | None:
    """The ``lists/`` folder of the data folder ``root``: ``root/lists``, or ``root`` itself
    when it is a lists folder (named ``lists``, or holding ``*/list.yaml``); ``None`` when it is
    neither."""
    if (root / "lists").is_dir():
        return root / "lists"
    if root.name == "lists" or (root.is_dir() and any(root.glob("*/list.yaml"))):
        return root
    return None
