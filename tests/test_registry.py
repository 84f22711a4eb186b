"""The registry: a data folder's lists, the snapshot in force on a date, and diff windows."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from designations import Registry, UnknownListError, UsageError

from .conftest import SAMPLE_DATA, Result


@pytest.fixture
def reg() -> Registry:
    return Registry(SAMPLE_DATA)


def test_lists_and_their_snapshot_dates(reg: Registry) -> None:
    assert reg.lists() == ["xx-sample"]
    lst = reg["xx-sample"]
    assert list(lst.dates) == [dt.date(2020, 1, 1), dt.date(2021, 1, 1), dt.date(2022, 1, 1)]
    assert "xx-sample" in reg and "xx-nope" not in reg
    assert [x.id for x in reg] == ["xx-sample"]


def test_the_snapshot_in_force_on_a_date_is_the_latest_on_or_before_it(reg: Registry) -> None:
    lst = reg["xx-sample"]
    assert lst.resolve("2020-01-01") == dt.date(2020, 1, 1)
    assert lst.resolve("2020-12-31") == dt.date(2020, 1, 1)
    assert lst.resolve("2030-01-01") == dt.date(2022, 1, 1)
    assert lst.snapshot("2021-06-01").as_of == dt.date(2021, 1, 1)
    with pytest.raises(LookupError, match="no snapshot in force on 2019-12-31; its first is 2020"):
        lst.resolve("2019-12-31")


def test_diff_defaults_to_the_last_two_snapshots_and_refuses_a_reversed_window(
    reg: Registry,
) -> None:
    lst = reg["xx-sample"]
    last_two = lst.diff()
    assert (last_two.old.as_of, last_two.new.as_of) == (dt.date(2021, 1, 1), dt.date(2022, 1, 1))
    whole = lst.diff("2020-01-01", "2022-01-01")
    assert (whole.old.as_of, whole.new.as_of) == (dt.date(2020, 1, 1), dt.date(2022, 1, 1))
    with pytest.raises(UsageError, match="must not be after"):
        lst.diff("2022-01-01", "2020-01-01")
    # The dates as given, not the snapshots they resolve to (2020-12-31 is in 2020-01-01's).
    with pytest.raises(
        UsageError, match=r"first date \(2021-02-01\) must not be after the second \(2020-12-31\)"
    ):
        lst.diff("2021-02-01", "2020-12-31")
    # A start after the list's latest snapshot (screen --since, per list) is an empty window.
    assert lst.diff("2030-01-01", lst.dates[-1]).changes == ()


def test_an_unknown_list_is_a_usage_error_that_suggests_the_right_one(reg: Registry) -> None:
    with pytest.raises(UnknownListError) as caught:
        reg["xx-sampel"]
    assert "xx-sample" in str(caught.value)


def test_summary_is_one_row_of_the_lists_command(reg: Registry) -> None:
    row = reg["xx-sample"].summary()
    latest = reg["xx-sample"].latest
    assert row["id"] == "xx-sample" and row["snapshots"] == 3
    assert row["latest"] == "2022-01-01" and row["entries"] == len(latest.entries)


def test_a_list_folder_without_list_yaml_is_named_as_such(tmp_path: Path) -> None:
    """`show xx-sample` after list.yaml was lost (or not yet added): the folder is there, so
    the error says what it lacks, not "no list 'xx-sample' (lists: none)"."""
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    (data / "lists" / "xx-sample" / "list.yaml").unlink()
    with pytest.raises(UnknownListError) as caught:
        Registry(data)["xx-sample"]
    message = str(caught.value)
    assert "xx-sample" in message and "has no list.yaml" in message
    assert "(lists: none)" not in message


def test_commands_over_every_list_name_a_folder_skipped_for_want_of_list_yaml(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    """`lists`, `history`, `report` and `screen` read every list: a folder without list.yaml is
    not one, and each says so on stderr, one line per folder (its name can act as no CI
    command); what they print and their exit status stay as without the folder."""
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    names = tmp_path / "names.csv"
    names.write_text("name\nAlpha Movement\n", encoding="utf-8")
    commands = [
        ["lists"],
        ["history", "Alpha Movement"],
        ["report", "--since", "2000-01-01"],
        ["screen", str(names), "--since", "2000-01-01"],
    ]
    before = [cli("--data", str(data), *c) for c in commands]
    assert [r.err for r in before] == [""] * len(commands)
    lists = data / "lists"
    (lists / "xx-example").mkdir()
    (lists / "yy\n::error::pwned").mkdir()
    (lists / ".git").mkdir()  # hidden: not a list folder, no warning
    assert Registry(data).skipped() == [lists / "xx-example", lists / "yy\n::error::pwned"]
    assert Registry(data).lists() == ["xx-sample"]
    for command, then in zip(commands, before, strict=True):
        now = cli("--data", str(data), *command)
        assert (now.code, now.out) == (then.code, then.out), command
        assert now.err.splitlines() == [
            f"designations: warning: {lists}/xx-example: no list.yaml, skipped "
            "(run designations check)",
            f"designations: warning: {lists}/yy ::error::pwned: no list.yaml, skipped "
            "(run designations check)",
        ], command
    # A command given the lists it reads has nothing to say about the others.
    only = cli("--data", str(data), "report", "--since", "2000-01-01", "--list", "xx-sample")
    assert only.err == ""
