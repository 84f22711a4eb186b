"""Colour for text output on a terminal: additions green, removals red, amendments yellow,
suspensions magenta, and whatever no legal act explains (and errors) in bold red.

Only the markers the text renderers print are coloured (``+ added``, ``- removed``, ``~ amended``,
``! phantom``, ``suspended``, ``UNEXPLAINED``/``unexplained``, ``error``/``warning`` in findings);
the text is otherwise unchanged, so removing the escapes gives back exactly the plain output.
Whether to colour at all (a terminal, no ``NO_COLOR``) is decided by the caller.
"""

from __future__ import annotations

import re

__all__ = ["colourize", "strip_colour"]

RESET = "\x1b[0m"
GREEN = "\x1b[32m"
RED = "\x1b[31m"
YELLOW = "\x1b[33m"
MAGENTA = "\x1b[35m"
BOLD_RED = "\x1b[1;31m"

_LINE_STARTS = (
    (re.compile(r"^(\+ added)\b", re.M), GREEN),
    (re.compile(r"^(- removed)\b", re.M), RED),
    (re.compile(r"^(~ amended)\b", re.M), YELLOW),
    (re.compile(r"^(! phantom)\b", re.M), BOLD_RED),
)
_WORDS = (
    (re.compile(r"\b(UNEXPLAINED|unexplained(?:-change)?)\b"), BOLD_RED),
    (re.compile(r"\b(suspended)\b"), MAGENTA),
    (re.compile(r"(?<=: )(error)(?= )"), BOLD_RED),
    (re.compile(r"(?<=: )(warning)(?= )"), YELLOW),
)
_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def colourize(text: str) -> str:
    """``text`` with its markers coloured with ANSI escapes."""
    for pattern, colour in (*_LINE_STARTS, *_WORDS):
        text = pattern.sub(rf"{colour}\1{RESET}", text)
    return text


def strip_colour(text: str) -> str:
    """``text`` without ANSI colour escapes."""
    return _ESCAPE.sub("", text)
