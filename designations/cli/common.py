"""What every subcommand shares: the output options and the data folder it works on."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from ..registry import Registry

__all__ = ["KeysOf", "add_output", "data_folder", "registry", "warn_skipped"]


class KeysOf:
    """The keys of mapping ``name`` of ``module``, read when first needed: ``choices`` of an
    argument with a ``metavar`` (argparse then reads them only to check a value or to show
    help), so that the module loads only when its command runs."""

    def __init__(self, module: str, name: str) -> None:
        self._module, self._name = module, name

    def _keys(self) -> list[str]:
        return list(getattr(importlib.import_module(self._module), self._name))

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys())

    def __contains__(self, value: object) -> bool:
        return value in self._keys()


def add_output(parser: argparse.ArgumentParser, formats: list[str]) -> None:
    parser.add_argument(
        "-f", "--format", choices=formats, default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (atomically) instead of standard output",
    )


def data_folder(args: argparse.Namespace, *, bundled: bool = True) -> Path:
    """The data folder of this command (see :func:`find_data_folder`); commands that judge or
    write data pass ``bundled=False``."""
    from ..datafolder import find_data_folder

    return find_data_folder(args.data, bundled=bundled, command=args.command).path


def registry(args: argparse.Namespace, *, bundled: bool = True) -> Registry:
    """The data folder of this command, opened."""
    from ..registry import Registry

    folder = data_folder(args, bundled=bundled)
    opened = Registry(folder, cache=not getattr(args, "no_cache", False))
    keep = getattr(args, "keep_alive", None)
    if keep is not None:  # freed by the end of the process (see ``cli.run``)
        keep.append(opened)
    return opened


def warn_skipped(reg: Registry) -> None:
    """For a command that reads every list: one line on standard error for each folder under
    ``lists/`` that is skipped for having no ``list.yaml`` (standard output and the exit
    status stay as they are; ``check`` reports it as an error)."""
    from ..render.common import one_line
    from ..stdio import say

    for folder in reg.skipped():
        say(
            f"designations: warning: {one_line(str(folder))}: no list.yaml, skipped "
            "(run designations check)\n"
        )
