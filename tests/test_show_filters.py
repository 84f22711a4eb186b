"""show: CSV output and the --type/--status filters."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from .conftest import SAMPLE_DATA, Result

Cli = Callable[..., Result]
SHOW = ("--data", str(SAMPLE_DATA), "show", "xx-sample", "--as-of", "2021-01-01")


def _rows(out: str) -> list[dict[str, str]]:
    assert out.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(out[1:], newline="")))


def test_show_csv_has_one_row_per_entry(cli: Cli) -> None:
    result = cli(*SHOW, "-f", "csv")
    assert result.code == 0
    rows = _rows(result.out)
    assert [r["id"] for r in rows] == ["alpha", "delta", "echo", "foxtrot", "golf"]
    alpha = rows[0]
    assert (alpha["status"], alpha["listed_on"], alpha["basis"]) == (
        "suspended",
        "2001-01-10",
        "dec-2001",
    )
    assert alpha["basis_acts"] == "Supreme Court, ГКПИ 01-1, 2001-01-10"
    assert alpha["other_names"] == "Движение Альфа"
    assert alpha["refs"] == "un:0755; wikidata:Q1"
    assert rows[1]["name"] == "NO"  # as written, not a boolean


def test_filters_by_status_and_type(cli: Cli) -> None:
    suspended = _rows(cli(*SHOW, "-f", "csv", "--status", "suspended").out)
    assert [r["id"] for r in suspended] == ["alpha"]
    none = _rows(cli(*SHOW, "-f", "csv", "--type", "vessel").out)
    assert none == []
    text = cli(*SHOW, "--status", "active", "--type", "organization").out
    assert text.splitlines()[-1] == "shown: 4 of 5 entries (--type organization, --status active)"
    assert "alpha" not in text.split("\n\n")[1]


def test_an_unknown_filter_value_is_a_usage_error(cli: Cli) -> None:
    result = cli(*SHOW, "--status", "delisted")
    assert result.code == 2 and "invalid choice: 'delisted'" in result.err
