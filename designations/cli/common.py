"""What every subcommand shares: the output options and the data folder it works on."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..datafolder import find_data_folder
from ..registry import Registry

__all__ = ["add_output", "data_folder", "registry"]


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
    return find_data_folder(args.data, bundled=bundled, command=args.command).path


def registry(args: argparse.Namespace, *, bundled: bool = True) -> Registry:
    """The data folder of this command, opened."""
    folder = data_folder(args, bundled=bundled)
    opened = Registry(folder, cache=not getattr(args, "no_cache", False))
    keep = getattr(args, "keep_alive", None)
    if keep is not None:  # freed by the end of the process (see ``cli.run``)
        keep.append(opened)
    return opened
