"""The exception tree: one root, a few leaves, each also a builtin where one fits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Self

import attrs

__all__ = ["DataError", "DesignationsError", "Problem", "UsageError"]


@attrs.frozen
class Problem:
    """One thing wrong in one file: where it is, which rule it breaks (a stable kebab-case id)
    and what is wrong."""

    path: str
    line: int
    field: str
    rule: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class DesignationsError(Exception):
    """Root of every error this library raises on purpose."""


class DataError(DesignationsError, ValueError):
    """The data is malformed. Carries the first problem's ``path``, ``line`` and ``field``,
    and every problem found in the file in ``problems``."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        if not problems:
            raise ValueError("DataError needs at least one problem")
        self.problems: tuple[Problem, ...] = tuple(problems)
        first = self.problems[0]
        self.path = first.path
        self.line = first.line
        self.field = first.field
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(f"{first}{suffix}")

    @classmethod
    def one(cls, path: str, line: int, field: str, rule: str, message: str) -> Self:
        """The error for one problem: the one way to make a single-problem ``DataError``."""
        return cls([Problem(path, line, field, rule, message)])


class UsageError(DesignationsError, ValueError):
    """The caller asked for something that cannot be done (an unknown list, a bad date)."""
