"""The ``designations`` command: global options, the subcommands, and the error policy.

Errors in data or arguments print one line to standard error (file, line and field where there
is one) and exit 2. A traceback is a bug; set ``DESIGNATIONS_DEBUG=1`` to see one.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from .._version import __version__
from . import check, core, diffbase, history, imports, maintain, report, screen

__all__ = ["main", "run"]

#: The modules that add subcommands; each has ``register(subparsers)``, which imports nothing
#: heavy: a command's modules load when it runs (``--version`` and ``--help`` load none).
COMMAND_MODULES = [core, diffbase, history, report, check, imports, maintain, screen]

EXIT_USAGE = 2


#: The options of the program itself, which go before the command (most commands do not take
#: them), as each is written in the program's usage line.
_GLOBAL_OPTIONS = {"--no-cache": "--no-cache", "--data": "--data DIR"}


def _misplaced(message: str) -> str:
    """For ``unrecognized arguments: …`` naming a global option given after the command (as
    in ``designations diff LIST --no-cache``): where it goes instead."""
    prefix = "unrecognized arguments: "
    if not message.startswith(prefix):
        return ""
    given = message[len(prefix) :].split()
    found = [o for o in _GLOBAL_OPTIONS if any(a == o or a.startswith(f"{o}=") for a in given)]
    if not found:
        return ""
    usage = " ".join(_GLOBAL_OPTIONS[o] for o in found)
    goes = "go" if len(found) > 1 else "goes"
    return f"; {' and '.join(found)} {goes} before the command: designations {usage} COMMAND ..."


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors on one line."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}{_misplaced(message)} (see --help)\n")

    def _print_message(self, message: str, file: object = None) -> None:
        # argparse ignores a failed write: --help into a full disk would exit 0 with nothing
        # shown. Help and --version are output like any other (``stdio.write_stdout``);
        # argparse passes ``file=None`` for standard output when it is closed.
        from ..stdio import say, write_stdout

        if not message:
            return
        if file is not None and file is not sys.stdout:
            say(message)
            return
        try:
            write_stdout(message)
        except ValueError as exc:  # errors.UsageError: could not be written (exit 2)
            say(f"designations: error: {exc}\n")
            raise SystemExit(EXIT_USAGE) from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="designations",
        description="Versioned designation lists: what changed, when, and under which legal act.",
        epilog="Data folder: --data, else $DESIGNATIONS_DATA, else the nearest data/ holding "
        "lists/ in the current folder or its parents, else the data bundled with the package "
        "(never for check, diff-base, import, update and new). Exit status: 0 fine, 1 a finding "
        "(see each command), 2 bad data or arguments, or output that could not be written; a "
        "reader that stops early (| head) changes nothing.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data", metavar="DIR", help="folder holding lists/ and seeds/ (or a lists/ folder itself)"
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="read every file afresh: neither use nor fill the cache of parsed snapshots "
        "($DESIGNATIONS_CACHE_DIR, else $XDG_CACHE_HOME/designations, else ~/.cache/designations)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None, *, keep: list[object] | None = None) -> int:
    """Run one command; its exit status. ``keep``: a list the command's data (the registry it
    opened) is appended to instead of being freed when the command ends (see ``run``)."""
    if sys.stderr is None:
        # Started with it closed (`2>&-`): messages go nowhere, and the exit status still says
        # what happened (writing to None would make an error in the data exit 1, a finding).
        from pathlib import Path

        sys.stderr = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115 (until exit)
    parser = build_parser()
    args = parser.parse_args(argv)
    args.keep_alive = keep
    from ..errors import DataError, DesignationsError
    from ..output import colour_wanted, terminate_cleanly
    from ..safeio import SETTING_PROBLEMS
    from ..stdio import say
    from ..yamlio import paused_gc

    if SETTING_PROBLEMS:  # a setting read at import: said here, once, before any work
        _fail(f"designations: error: {SETTING_PROBLEMS[0]}")
        return EXIT_USAGE
    try:
        # One command builds large acyclic data (records): without the cycle collector scanning
        # it again and again; reference counting still frees everything.
        # Colour for the text format of commands that have formats (not schema, init, new).
        wanted = getattr(args, "format", None) == "text"
        with terminate_cleanly(), paused_gc(), colour_wanted(wanted):
            code: int = args.run(args)
            return code
    except DataError as exc:
        _fail(str(exc))
    except (DesignationsError, LookupError) as exc:
        message = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
        _fail(f"designations: error: {message}")
    except KeyboardInterrupt:
        say("designations: interrupted\n")
        return 130
    except OSError as exc:
        target = f": {exc.filename}" if exc.filename else ""
        _fail(f"designations: error: {exc.strerror or exc}{target}")
    except Exception as exc:
        if os.environ.get("DESIGNATIONS_DEBUG"):
            raise
        _fail(
            f"designations: internal error: {type(exc).__name__}: {exc} "
            "(a bug: please report it; DESIGNATIONS_DEBUG=1 shows the traceback)"
        )
    return EXIT_USAGE


def run() -> NoReturn:
    """The ``designations`` program: ``main``, then the end of the process without freeing, one
    by one, the records the command built (hundreds of thousands for a large list: a tenth of a
    warm ``diff``'s time), as the operating system takes the memory back at once. Standard
    output and error are flushed first; files were written and closed by the command."""
    from ..stdio import finish_stdout

    # Nor is the cycle collector run: the records hold no cycles, and with it on, its first
    # pass after the command (whose data it was paused for, see ``yamlio.paused_gc``) would
    # scan every one of them, for nothing, as the process ends here.
    gc.disable()
    keep: list[object] = []
    try:
        code = main(keep=keep)
    except SystemExit as exc:  # argparse: --help, --version, a usage error
        code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else EXIT_USAGE
    try:
        finish_stdout()  # a reader that has gone is no error (see ``stdio``)
    except ValueError as exc:  # errors.UsageError: the rest of the output was not written
        _fail(f"designations: error: {exc}")
        code = EXIT_USAGE
    with contextlib.suppress(Exception):
        if sys.stderr is not None:
            sys.stderr.flush()
    os._exit(code)


def _fail(message: str) -> None:
    from ..render.common import one_line
    from ..stdio import say

    # One line, and nothing in it (a file or entry name) can act as a CI workflow command.
    say(one_line(message) + "\n")
