"""The program's standard streams: output written to standard output, and what happens when it
cannot be; one-line messages on standard error. Light (no library module is loaded), as
``--help`` and ``--version`` write through it too.

A reader that has gone (a closed pipe: ``designations report | head -1``) is not an error: the
rest of the output is dropped silently and the command ends with its own exit status, the one it
has when everything is read, whatever the output's size. Any other failed write of the output
(standard output closed, a full disk) is an error: one line on standard error, exit 2.
"""

from __future__ import annotations

import contextlib
import os
import sys

__all__ = ["finish_stdout", "say", "write_stdout"]


def write_stdout(text: str) -> None:
    """Write ``text`` to standard output, flushed. A reader that has gone is not an error
    (above); any other failure (standard output closed, a full disk, an encoding that cannot
    write the text) raises ``errors.UsageError``, and what is left of the output is dropped,
    so that the failure is said once."""
    if sys.stdout is None:  # the program was started with it closed (`>&-`)
        raise _usage_error(
            "standard output is closed: the command's output could not be shown (most "
            "commands can write it to a file with -o FILE)"
        )
    try:
        if text:  # (/dev/full refuses even an empty write)
            sys.stdout.write(text)  # encoded whole before a byte is written
        sys.stdout.flush()
    except UnicodeEncodeError as exc:
        raise _usage_error(
            f"standard output's encoding ({sys.stdout.encoding}) cannot write "
            f"{exc.object[exc.start : exc.end]!a} (and maybe more): write to a file with "
            "-o FILE (always UTF-8), or set PYTHONIOENCODING=utf-8"
        ) from None
    except BrokenPipeError:
        _drop_stdout()
    except OSError as exc:
        _drop_stdout()
        raise _usage_error(f"{exc.strerror or exc}: standard output") from None


def finish_stdout() -> None:
    """Flush what is left in standard output's buffer, as :func:`write_stdout` writes."""
    if sys.stdout is not None:
        write_stdout("")


def say(line: str) -> None:
    """``line`` (with its newline) on standard error, for a warning or an error. If it cannot
    be written (standard error closed, or its reader gone) nothing is said: the exit status
    still tells what happened."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.write(line)
        sys.stderr.flush()


def _drop_stdout() -> None:
    """Point standard output's file descriptor at the null device: the text still buffered,
    and any written later, goes nowhere instead of failing again (as the flush at the end
    would)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, sys.stdout.fileno())
        finally:
            os.close(null)


def _usage_error(message: str) -> Exception:
    from .errors import UsageError  # only on failure: attrs is no part of --help's start-up

    return UsageError(message)
