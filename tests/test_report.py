"""``build_report``: changes across lists in a date range, grouped by list, newest first."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from designations import Registry, UsageError, build_report
from designations.registry import DesignationList
from designations.report import Report
from designations.vocab import ChangeKind

from .check_data import relisted_folder
from .conftest import FIXTURES, SAMPLE_DATA, Result, run

DATA = FIXTURES / "history"


def rows(report: Report) -> list[tuple[str, str, str, str]]:
    return [
        (s.list_id, str(i.date), i.change.entry.id, getattr(i.change.action, "value", ""))
        for s in report.sections
        for i in s.items
    ]


def test_every_change_grouped_by_list_newest_first() -> None:
    report = build_report(Registry(DATA))
    assert [s.list_id for s in report.sections] == [
        "xa-banned-organizations",
        "xb-terrorist-organizations",
        "xc-banned-organizations",
    ]
    assert rows(report) == [
        ("xa-banned-organizations", "2025-04-17", "kalimar", "suspended"),
        ("xa-banned-organizations", "2010-05-20", "quill-society", "listed"),
        ("xc-banned-organizations", "2024-09-20", "kalimar", "delisted"),
    ]
    suspension = report.sections[0].items[0]
    assert (str(suspension.old_as_of), str(suspension.new_as_of)) == ("2020-01-01", "2025-04-17")
    assert [i.url for i in suspension.change.basis] == ["https://example.org/xa/court-2025"]
    assert report.summary()["changes"] == 3 and report.summary()["lists_changed"] == 2


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        ("2024-01-01", None, ["suspended", "delisted"]),
        ("2024-09-20", "2024-09-20", ["delisted"]),  # both ends inclusive
        (None, "2024-12-31", ["listed", "delisted"]),
        ("2026-01-01", None, []),
    ],
)
def test_date_range(since: str | None, until: str | None, expected: list[str]) -> None:
    assert [r[3] for r in rows(build_report(Registry(DATA), since, until))] == expected


def test_only_some_lists() -> None:
    report = build_report(Registry(DATA), lists=["xc-banned-organizations"])
    assert [s.list_id for s in report.sections] == ["xc-banned-organizations"]


def test_not_covered_changes_stay_out_and_unexplained_ones_stay_in() -> None:
    report = build_report(Registry(SAMPLE_DATA))
    kinds = Counter(i.change.kind for i in report.items)
    assert ChangeKind.NOT_COVERED not in kinds
    unexplained = {i.change.entry.id for i in report.items if not i.change.explained}
    assert unexplained == {"charlie", "golf", "delta"}  # delta: an editorial amendment
    assert report.summary()["unexplained"] == 2 and report.summary()["editorial"] == 1
    # an editorial change has no effective date: it is filed at the newer snapshot's as_of
    delta = next(i for i in report.items if i.change.entry.id == "delta")
    assert str(delta.date) == "2021-01-01"
    # a partial date is kept when its period overlaps the range
    assert [i.change.entry.id for i in build_report(Registry(SAMPLE_DATA), "2020-12-31").items] == [
        "echo",
        "golf",
        "delta",
        "charlie",
        "echo",
    ]


def test_each_pair_of_snapshots_is_diffed_once_and_only_when_needed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[str, str]] = []
    original = DesignationList.diff

    def counting(self: DesignationList, old: object = None, new: object = None) -> object:
        calls.append((str(old), str(new)))
        return original(self, old, new)  # type: ignore[arg-type]

    monkeypatch.setattr(DesignationList, "diff", counting)
    build_report(Registry(DATA))
    assert len(calls) == len(set(calls)) == 5  # xa: 3 pairs, xb: 1, xc: 1
    calls.clear()
    build_report(Registry(DATA), since="2024-01-01")
    # windows ending before 2024 are skipped: xa 2020→2025, xb 2005→2024-12, xc 2003→2024-09
    assert sorted(calls) == [
        ("2003-10-01", "2024-09-30"),
        ("2005-03-15", "2024-12-01"),
        ("2020-01-01", "2025-04-17"),
    ]


def test_bad_arguments() -> None:
    with pytest.raises(UsageError, match="after"):
        build_report(Registry(DATA), "2025-01-01", "2024-01-01")
    with pytest.raises(UsageError, match="--since"):
        build_report(Registry(DATA), "2025-13-01")
    with pytest.raises(KeyError):
        build_report(Registry(DATA), lists=["xx-nope"])


def test_cli(cli: Callable[..., Result]) -> None:
    r = cli("--data", str(DATA), "report", "--since", "2024-01-01", "--format", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["format"] == "designations.report/2"
    assert (doc["since"], doc["until"]) == ("2024-01-01", None)
    assert [c["entry"] for s in doc["lists"] for c in s["changes"]] == ["kalimar", "kalimar"]
    r = cli("--data", str(DATA), "report", "--list", "xb-terrorist-organizations")
    assert r.code == 0 and "no changes" in r.out


def test_cli_errors_are_one_line() -> None:
    for args in (["--since", "2025-02-30"], ["--list", "xx-nope"], ["--until", "2001-01-01",
                 "--since", "2002-01-01"]):  # fmt: skip
        r = run("--data", str(DATA), "report", *args)
        assert r.code == 2, args
        assert r.err.count("\n") == 1 and "Traceback" not in r.err


def test_diff_html(cli: Callable[..., Result]) -> None:
    args = ("diff", "xx-sample", "2020-01-01", "2021-01-01", "-f", "html")
    r = cli("--data", str(SAMPLE_DATA), *args)
    assert r.code == 0, r.err
    assert r.out.startswith("<!DOCTYPE html>")
    assert "Changes to xx-sample, 2020-01-01 → 2021-01-01" in r.out
    assert r.out.count('<tr class="change"') == 7  # 2 added, 2 removed, 3 amended


def test_a_delisting_in_part_reads_as_such_in_diff_and_report(tmp_path: Path) -> None:
    """A re-listing by a new act (a scoped `delisted` record, the entry stays listed) printed
    `delisted 2021-03-01` in diff and report text and Markdown, read as a delisting. Machine
    formats keep the action's value with the change's kind (`amended`)."""
    data = str(relisted_folder(tmp_path))
    diff = run("--data", data, "diff", "xe-relisted").out
    assert "    delisted in part 2021-03-01 (explained)" in diff
    report = run("--data", data, "report").out
    assert "  2021-03-01  delisted in part  corp: Kalimar Mining Corp" in report
    markdown = run("--data", data, "report", "-f", "markdown").out
    assert "| 2021-03-01 | delisted in part | `corp` |" in markdown
    diff_md = run("--data", data, "diff", "xe-relisted", "-f", "markdown").out
    assert "| delisted in part | 2021-03-01 |" in diff_md
    document = json.loads(run("--data", data, "diff", "xe-relisted", "-f", "json").out)
    assert [(c["kind"], c["action"]) for c in document["changes"]] == [("amended", "delisted")]
    html = run("--data", data, "report", "-f", "html").out
    assert '<span class="chip delisted">delisted in part</span>' in html
    atom = run("--data", data, "report", "-f", "atom").out
    assert "<title>xe-relisted: Kalimar Mining Corp delisted in part</title>" in atom
    assert '<category term="delisted" />' in atom  # machine terms keep the action's value
