"""The scale of name-matching scores as users meet it: ``history`` and ``screen`` report a name
from :data:`DEFAULT_THRESHOLD` up unless told otherwise. Apart from ``names`` (which computes
the scores) so that the command line reads it when it starts without loading the matcher."""

from __future__ import annotations

__all__ = ["DEFAULT_THRESHOLD"]

#: The score from which ``history`` and ``screen`` report a name by default.
DEFAULT_THRESHOLD = 0.85
