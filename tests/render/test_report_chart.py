"""The HTML report's chart says which month each labelled bar is, its legend names only the lists
that changed, and each change's snapshot window is labelled."""

from __future__ import annotations

import re

from designations import Registry, build_report
from designations.render.report_chart import timeline
from designations.render.report_html import report_html

from ..conftest import ROOT


def test_monthly_chart_labels_months_and_only_changed_lists() -> None:
    report = build_report(Registry(ROOT / "data"), "2021-01-01", "2025-12-31")
    chart = timeline(report)
    assert chart.unit == "month"
    texts = [label.text for label in chart.x_labels]
    assert texts[0] == "2021-01" and 6 <= len(texts) <= 12
    assert all(re.fullmatch(r"20\d\d-(0[1-9]|1[0-2])", t) for t in texts)
    assert len(set(texts)) == len(texts)


def test_the_legend_names_only_the_lists_that_changed() -> None:
    report = build_report(Registry(ROOT / "data"), "2025-01-01", "2025-12-31")
    chart = timeline(report)
    changed = {s.list_id for s in report.sections if s.items}
    unchanged = {s.list_id for s in report.sections if not s.items}
    assert {list_id for list_id, _, _ in chart.legend} == changed
    assert all(count > 0 for _, _, count in chart.legend)
    assert unchanged, "the range should leave some list unchanged for this test to mean something"


def test_short_range_labels_every_month() -> None:
    report = build_report(Registry(ROOT / "data"), "2025-01-01", "2025-06-30")
    texts = [label.text for label in timeline(report).x_labels]
    assert texts == [f"2025-{m:02d}" for m in range(1, 7)]


def test_each_change_shows_its_labelled_snapshot_window() -> None:
    html = report_html(
        build_report(
            Registry(ROOT / "data"), "2025-04-01", "2025-04-30", ["ru-terrorist-organizations"]
        )
    )
    assert re.search(r'class="window"[^>]*>snapshots 2025-03-21 → 2025-04-17<', html)
