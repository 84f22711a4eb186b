"""Dates: full dates, partial dates (a year or a month standing for its whole period), and the
command line's date arguments."""

from __future__ import annotations

import datetime as dt

import pytest

from designations.dates import PartialDate, parse_date, parse_partial_date, to_date
from designations.errors import UsageError


def test_a_partial_date_stands_for_its_whole_period() -> None:
    assert PartialDate(2024).start == dt.date(2024, 1, 1)
    assert PartialDate(2024).end == dt.date(2024, 12, 31)
    assert PartialDate(2024, 2).end == dt.date(2024, 2, 29)  # a leap year
    assert PartialDate(2023, 2).end == dt.date(2023, 2, 28)
    assert PartialDate(2024, 2, 10).start == PartialDate(2024, 2, 10).end == dt.date(2024, 2, 10)
    assert PartialDate(2024, 2, 10).is_full and not PartialDate(2024, 2).is_full


def test_partial_dates_sort_by_first_day_then_by_precision() -> None:
    dates = [
        PartialDate(2024, 1, 1),
        PartialDate(2024),
        PartialDate(2023, 12),
        PartialDate(2024, 1),
    ]
    assert [str(d) for d in sorted(dates)] == ["2023-12", "2024", "2024-01", "2024-01-01"]


@pytest.mark.parametrize("text", ["2025", "2025-04", "2025-04-17", "0001"])
def test_partial_dates_are_shown_as_written(text: str) -> None:
    assert str(parse_partial_date(text)) == text


@pytest.mark.parametrize(
    "text",
    ["2025-13", "2025-02-30", "0000", "25-04-17", "2025-4-17", "2025--17", "٢٠٢٥", "２０２５"],
)
def test_partial_dates_that_are_not_real_periods_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="date"):
        parse_partial_date(text)


@pytest.mark.parametrize("text", ["2025-04", "2025", "2025-04-17\n", "2023-02-29", " 2025-04-17"])
def test_full_dates_only(text: str) -> None:
    with pytest.raises(ValueError, match="date"):
        parse_date(text)
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)


def test_to_date_names_the_argument_it_refuses() -> None:
    assert to_date("2025-04-17") == to_date(dt.date(2025, 4, 17)) == dt.date(2025, 4, 17)
    with pytest.raises(UsageError, match=r"^--as-of: .*2025-02-30"):
        to_date("2025-02-30", "--as-of")
