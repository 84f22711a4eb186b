"""Dates as the format writes them: full (``2025-04-17``) or partial (``2025-04``, ``2025``)."""

from __future__ import annotations

import calendar
import datetime as dt
import re

import attrs

from .errors import UsageError

__all__ = ["PartialDate", "parse_date", "parse_partial_date", "to_date"]

_FULL = re.compile(r"\A([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")  # ASCII digits, nothing after
_PARTIAL = re.compile(r"\A([0-9]{4})(?:-([0-9]{2}))?(?:-([0-9]{2}))?\Z")


@attrs.frozen(order=False)
class PartialDate:
    """A date known to the day, the month or only the year. It stands for its whole period,
    sorts by its first day, and is shown as written."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def start(self) -> dt.date:
        """The first day of the period."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> dt.date:
        """The last day of the period."""
        if self.day is not None and self.month is not None:
            return dt.date(self.year, self.month, self.day)
        if self.month is not None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)

    @property
    def is_full(self) -> bool:
        return self.day is not None

    def _key(self) -> tuple[dt.date, int]:
        return (self.start, 0 if self.month is None else 1 if self.day is None else 2)

    def __lt__(self, other: PartialDate) -> bool:
        return self._key() < other._key()

    def __le__(self, other: PartialDate) -> bool:
        return self._key() <= other._key()

    def __gt__(self, other: PartialDate) -> bool:
        return self._key() > other._key()

    def __ge__(self, other: PartialDate) -> bool:
        return self._key() >= other._key()

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        return cls(day.year, day.month, day.day)


def parse_date(text: str) -> dt.date:
    """A full ``YYYY-MM-DD`` date that exists in the calendar; ``ValueError`` otherwise."""
    match = _FULL.match(text)
    if not match:
        raise ValueError(f"expected a date YYYY-MM-DD, got {text!r}")
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise ValueError(f"{text!r} is not a real date") from None


def parse_partial_date(text: str) -> PartialDate:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, each a real period; ``ValueError`` otherwise."""
    match = _PARTIAL.match(text)
    if not match or (match[3] is not None and match[2] is None):
        raise ValueError(f"expected a date YYYY-MM-DD, YYYY-MM or YYYY, got {text!r}")
    year = int(match[1])
    month = int(match[2]) if match[2] is not None else None
    day = int(match[3]) if match[3] is not None else None
    if year < 1 or (month is not None and not 1 <= month <= 12):
        raise ValueError(f"{text!r} is not a real date")
    if day is not None:
        try:
            dt.date(year, month or 1, day)
        except ValueError:
            raise ValueError(f"{text!r} is not a real date") from None
    return PartialDate(year, month, day)


def to_date(value: dt.date | str, what: str = "date") -> dt.date:
    """A date given as ``date`` or ``YYYY-MM-DD`` text; ``UsageError`` when it is not one."""
    if isinstance(value, dt.date):
        return value
    try:
        return parse_date(value)
    except ValueError as exc:
        raise UsageError(f"{what}: {exc}") from None
