"""Did you mean …? The closest known id or key to one that is not known, for error messages."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["did_you_mean"]

#: How alike (0-1, difflib's ratio) a known word must be to be suggested.
CUTOFF = 0.75


def closest(word: str, known: Iterable[str]) -> str | None:
    """The known word most like ``word``, when one is alike enough."""
    found = difflib.get_close_matches(word, list(known), n=1, cutoff=CUTOFF)
    return found[0] if found else None


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """``"; did you mean 'notes'?"`` for a close known word, else ``""``: to end a message."""
    match = closest(word, known)
    return f"; did you mean {match!r}?" if match is not None and match != word else ""
