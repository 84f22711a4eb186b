"""Every report format from the hostile fixture: markup escaped, tables intact, no formulas."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from designations import Registry, build_report
from designations.render.report_atom import ATOM, report_atom
from designations.render.report_data import CSV_COLUMNS, report_csv, report_json
from designations.render.report_html import report_html
from designations.render.report_text import report_markdown, report_text
from designations.report import Report

from ..conftest import FIXTURES

HOSTILE = FIXTURES / "hostile"
SCRIPT = "<script>alert(1)</script>"
PIPE = "a|b"
FORMULA = '=HYPERLINK("http://x","y")'
NAMES = {SCRIPT, PIPE, FORMULA, "Движение «Проверка»", "حركة الاختبار", "@attack"}
NAMES.add("-2+3 Leaving Group")
EVIL_URL = 'https://example.org/acts/1?x="><script>alert(3)</script>|)'


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report(Registry(HOSTILE))


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(tag, k, v) for k, v in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_escapes_everything(report: Report) -> None:
    html = report_html(report)
    page = Page()
    page.feed(html)
    assert "script" not in page.tags
    text = "".join(page.text)
    for name in NAMES:
        assert name in text
    assert 'Hostile <b>list</b> | of "tests"' in text
    assert "Hostile &lt;b&gt;list&lt;/b&gt; | of &#34;tests&#34;" in html
    # every link goes to an act or list URL given in the data, as given, and nothing is loaded
    hrefs = {v for tag, k, v in page.attrs if k == "href" and not (v or "").startswith("#act-")}
    assert hrefs == {"https://example.org/acts/2", "https://example.org/xh?a=1&b=<2>", EVIL_URL}
    assert not [a for a in page.attrs if a[1] in ("src", "srcset") or a[0] in ("link", "img")]
    assert not [a for a in page.attrs if a[1].startswith("on")]
    assert "<svg" in html and "Content-Security-Policy" in html


def test_html_links_the_acts_of_the_changes(report: Report) -> None:
    html = report_html(report)
    assert html.count('<tr class="change"') == 7
    assert (
        '<a href="https://example.org/acts/2" rel="noopener noreferrer">Court &#34;of&#34; Tests'
        in html
    )


def _cells(line: str) -> list[str]:
    """A Markdown table row's cells, split on the pipes that are not escaped."""
    return re.split(r"(?<!\\)\|", line.strip())[1:-1]


def test_markdown_tables_stay_intact(report: Report) -> None:
    md = report_markdown(report)
    table = [line for line in md.splitlines() if line.startswith("|")]
    assert len(table) == 2 + 7
    assert {len(_cells(line)) for line in table} == {6}
    assert "| a\\|b |" in md
    assert "](https://example.org/acts/1?x=%22%3E%3Cscript%3Ealert%283%29%3C/script%3E%7C%29)" in md
    assert "\\<script\\>alert(1)\\</script\\>" in md and SCRIPT not in md
    assert "<b>" not in md


def test_markdown_link_targets_cannot_break_out() -> None:
    from designations.render.common import md_url

    encoded = md_url(EVIL_URL)
    assert not set(encoded) & set(' "<>|()[]`\\')
    assert encoded.startswith("https://example.org/acts/1?x=%22%3E%3Cscript%3E")


def _csv_rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def test_csv_has_no_formulas_and_keeps_every_script(report: Report) -> None:
    data = report_csv(report)
    rows = _csv_rows(data)
    assert rows[0] == list(CSV_COLUMNS)
    assert len(rows) == 1 + 7
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    names = {row[CSV_COLUMNS.index("name")] for row in rows[1:]}
    assert "'" + FORMULA in names and "'@attack" in names and "'-2+3 Leaving Group" in names
    assert {"Движение «Проверка»", "حركة الاختبار", SCRIPT, PIPE} <= names
    assert data.encode("utf-8").startswith(b"\xef\xbb\xbf")  # spreadsheets then read UTF-8
    assert "\r\n" in data


def test_json_keeps_the_text_as_it_is(report: Report) -> None:
    doc = json.loads(report_json(report))
    assert doc["format"] == "designations.report/2"
    section = doc["lists"][0]
    assert section["name"] == 'Hostile <b>list</b> | of "tests"'
    assert {c["name"] for c in section["changes"]} == NAMES
    assert section["summary"] == {
        "changes": 7,
        "added": 5,
        "removed": 1,
        "amended": 1,
        "rekeyed": 0,
        "not_covered": 0,
        "explained": 7,
        "publication": 0,
        "editorial": 0,
        "unexplained": 0,
        "phantom": 0,
    }
    first = section["changes"][0]
    assert list(first)[:3] == ["date", "from", "to"]
    assert first["basis"][0]["reference"] == "@SUM(1+1)"


def test_atom_is_a_valid_feed_with_stable_ids(report: Report) -> None:
    text = report_atom(report)
    assert text == report_atom(build_report(Registry(HOSTILE)))
    feed = ET.fromstring(text.encode("utf-8"))
    a = f"{{{ATOM}}}"
    assert feed.tag == f"{a}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(a + required) is not None
    stamp = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
    entries = feed.findall(a + "entry")
    assert len(entries) == 7
    ids = [e.findtext(a + "id") or "" for e in entries]
    assert len(set(ids)) == 7
    assert all(i.startswith("tag:designations,2025:xh-hostile/") for i in ids)
    assert "tag:designations,2025:xh-hostile/formula/2024-03-10/listed" in ids
    for entry in entries:
        assert stamp.match(entry.findtext(a + "updated") or "")
        assert entry.find(a + "content") is not None  # no alternate link: content is required
    titles = {e.findtext(a + "title") for e in entries}
    assert f"xh-hostile: {SCRIPT} listed" in titles
    assert SCRIPT not in text  # escaped in the XML, whole again once parsed


def test_text(report: Report) -> None:
    text = report_text(report)
    assert all(name in text for name in NAMES)
    act = "under Court \"of\" Tests, =cmd|' /C calc'!A0, 2024-03-10 <https://example.org/acts/2>"
    assert act in text


def test_empty_report_renders_in_every_format() -> None:
    empty = build_report(Registry(HOSTILE), since="2030-01-01")
    assert "No changes in this range." in report_html(empty)
    assert len(_csv_rows(report_csv(empty))) == 1
    assert ET.fromstring(report_atom(empty).encode()).find(f"{{{ATOM}}}entry") is None
    assert "No changes." in report_markdown(empty)
    assert json.loads(report_json(empty))["summary"]["changes"] == 0
