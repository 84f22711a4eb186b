"""One verdict per change: the defects of four derivations that disagreed (each test here failed
before the verdict was decided in one place), and the verdict rules themselves."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from designations import Action, Registry, Verdict
from designations.gitbase import base_diffs

from .check_data import clean_copy, path_of
from .conftest import FIXTURES, Result
from .test_gitbase import git

Cli = Callable[..., Result]
HOSTILE = FIXTURES / "hostile"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_diff_base_phantoms_do_not_depend_on_a_comment_in_the_base(tmp_path: Path) -> None:
    """Defect 1: with the base's latest snapshot edited (a comment only), ``diff --base`` lost
    the per-step phantom rule and reported records of earlier steps as phantoms."""
    data = clean_copy(tmp_path)
    later = {
        name: path_of(data, name).read_bytes() for name in ("2021-01-01.yaml", "2022-01-01.yaml")
    }
    for name in later:
        path_of(data, name).unlink()
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base: 2020 only")
    for name, content in later.items():
        path_of(data, name).write_bytes(content)
    [plain] = base_diffs(Registry(data), "HEAD")
    base = path_of(data, "2020-01-01.yaml")
    base.write_text(base.read_text("utf-8") + "# a comment\n", "utf-8")
    [commented] = base_diffs(Registry(data), "HEAD")
    assert commented.edited_snapshots == (commented.base_latest,)
    assert plain.diff is not None and commented.diff is not None
    assert commented.diff.phantoms == plain.diff.phantoms == ()
    assert commented.diff.summary() == plain.diff.summary()
    # the same window as the registry's own diff
    assert (
        commented.diff.summary()
        == Registry(data)["xx-sample"].diff("2020-01-01", "2022-01-01").summary()
    )


def test_html_cards_count_what_the_json_counts(tmp_path: Path, cli: Cli) -> None:
    """Defect 2: ``diff -f html`` counted not-covered changes as having no legal act."""
    data = clean_copy(tmp_path)
    args = ("--data", str(data), "diff", "xx-sample", "2021-01-01", "2022-01-01")
    summary = json.loads(cli(*args, "-f", "json").out)["summary"]
    assert summary["not_covered"] > 0 and summary["unexplained"] == 0
    html = cli(*args, "-f", "html").out
    card = re.search(r"<b>(\d+)</b><span>with no legal act recorded</span>", html)
    assert card is not None and int(card.group(1)) == summary["unexplained"]


def _cells(row: str) -> list[str]:
    """A Markdown table row split on its unescaped pipes."""
    return re.split(r"(?<!\\)\|", row.strip())[1:-1]


def test_diff_markdown_links_like_the_report(cli: Cli) -> None:
    """Defect 3: ``diff -f markdown`` broke its table on a URL with ``|`` and left
    ``<script>`` raw in the link target."""
    out = cli("--data", str(HOSTILE), "diff", "xh-hostile", "-f", "markdown").out
    header, *rows = [line for line in out.splitlines() if line.startswith("| ")]
    assert rows
    for row in rows:
        assert len(_cells(row)) == len(_cells(header)), row
    assert "<script>" not in out.replace("\\<script\\>", "")
    assert "%3Cscript%3E" in out
    report = cli("--data", str(HOSTILE), "report", "-f", "markdown").out
    link = re.search(r"\]\((https://example\.org/acts/1[^)]*)\)", out)
    assert link is not None and link.group(1) in report


def test_verdicts_are_read_by_every_count(tmp_path: Path, cli: Cli) -> None:
    data = clean_copy(tmp_path)
    d = Registry(data)["xx-sample"].diff("2021-01-01", "2022-01-01")
    assert {c.verdict for c in d.not_covered} == {Verdict.NOT_COVERED}
    assert all(c.verdict is not Verdict.NOT_COVERED for c in d.changes if c not in d.not_covered)
    text = cli("--data", str(data), "diff", "xx-sample", "2021-01-01", "2022-01-01").out
    assert f"{len(d.not_covered)} not covered; 0 unexplained" in text


LIST_YAML = """\
id: xx-pub
jurisdiction: XX
name: Published list
authority: Office
{evidence}instruments:
  - id: prog-a
    kind: programme
    authority: Office
    date: 2001
  - id: order-1
    kind: order
    authority: Office
    date: 2020-03-01
"""

ENTRY = """\
  - id: {id}
    name: {name}
    type: organization
    listed_on: 2010-01-01
    basis: [{basis}]
"""


def _publication_list(tmp_path: Path, evidence: str, changes: str = "") -> Registry:
    folder = tmp_path / "lists" / "xx-pub"
    folder.mkdir(parents=True)
    head = "list: xx-pub\nas_of: {day}\ncompleteness: complete\nsources: [https://example.org]\n"
    (folder / "list.yaml").write_text(LIST_YAML.format(evidence=evidence), "utf-8")
    old = ENTRY.format(id="kept", name="Kept", basis="prog-a")
    old += ENTRY.format(id="gone", name="Gone", basis="prog-a")
    old += ENTRY.format(id="other", name="Other", basis="prog-a")
    new = ENTRY.format(id="kept", name="Kept Renamed", basis="prog-a")
    new += ENTRY.format(id="other", name="Other", basis="prog-a")
    new += ENTRY.format(id="fresh", name="Fresh", basis="prog-a")
    (folder / "2020-01-01.yaml").write_text(
        head.format(day="2020-01-01") + "entries:\n" + old, "utf-8"
    )
    text = head.format(day="2020-06-01") + "entries:\n" + new + changes
    (folder / "2020-06-01.yaml").write_text(text, "utf-8")
    return Registry(tmp_path)


def test_publication_list_without_acts(tmp_path: Path) -> None:
    d = _publication_list(tmp_path, "evidence: publication\n")["xx-pub"].diff()
    verdicts = {c.entry.id: c.verdict for c in d.changes}
    assert verdicts == {
        "fresh": Verdict.PUBLICATION,  # listed_on long before: nothing dates it but the list
        "gone": Verdict.PUBLICATION,
        "kept": Verdict.EDITORIAL,  # particulars only
    }
    assert d.summary()["publication"] == 2 and d.unexplained == ()


def test_the_same_changes_on_a_list_of_acts_are_unexplained(tmp_path: Path) -> None:
    d = _publication_list(tmp_path, "")["xx-pub"].diff()
    assert [c.verdict for c in d.changes if c.entry.id != "kept"] == [Verdict.UNEXPLAINED] * 2


def test_a_programme_alone_explains_nothing_an_act_does(tmp_path: Path) -> None:
    changes = (
        "changes:\n"
        "  - entry: gone\n    action: delisted\n    basis: [prog-a]\n    effective: 2020-03-01\n"
        "  - entry: fresh\n    action: listed\n    basis: [order-1, prog-a]\n"
        "    effective: 2020-03-01\n"
    )
    for evidence, gone in (
        ("", Verdict.UNEXPLAINED),
        ("evidence: publication\n", Verdict.PUBLICATION),
    ):
        target = tmp_path / (evidence.strip() or "acts").replace(": ", "-")
        d = _publication_list(target, evidence, changes)["xx-pub"].diff()
        verdicts = {c.entry.id: c.verdict for c in d.changes}
        assert (verdicts["fresh"], verdicts["gone"]) == (Verdict.EXPLAINED, gone)
        assert d.phantoms == ()


def test_check_warns_on_publication_and_fails_under_strict(tmp_path: Path) -> None:
    from designations import Severity, check

    result = check(_publication_list(tmp_path, "evidence: publication\n"))
    found = sorted((f.severity, f.rule) for f in result.findings)
    assert found == [
        (Severity.WARNING, "editorial-change"),
        (Severity.WARNING, "publication-change"),
        (Severity.WARNING, "publication-change"),
    ]
    assert result.ok and not result.strict().ok


SCOPED_LIST = """\
id: xx-scope
jurisdiction: XX
name: Scoped list
authority: Ministry
instruments:
  - id: isil-regime
    kind: regulation
    authority: Ministry
    date: 2019-01-01
  - id: somalia-regime
    kind: regulation
    authority: Ministry
    date: 2019-01-01
  - id: delisting-order
    kind: order
    authority: Ministry
    date: 2020-03-01
"""


def _scoped(tmp_path: Path, changes: str) -> Path:
    folder = tmp_path / "lists" / "xx-scope"
    folder.mkdir(parents=True)
    (folder / "list.yaml").write_text(SCOPED_LIST, "utf-8")
    head = "list: xx-scope\nas_of: {day}\ncompleteness: complete\nsources: [https://example.org]\n"
    entry = "  - id: group\n    name: Group\n    type: organization\n    listed_on: 2019-05-01\n"
    for day, basis in (
        ("2020-01-01", "[isil-regime, somalia-regime]"),
        ("2020-06-01", "[somalia-regime]"),
    ):
        text = head.format(day=day) + "entries:\n" + entry + f"    basis: {basis}\n"
        if day == "2020-06-01":
            text += changes
        (folder / f"{day}.yaml").write_text(text, "utf-8")
    return tmp_path


def test_a_partial_delisting_needs_a_scoped_record(tmp_path: Path) -> None:
    from designations import Severity, check

    scoped = (
        "changes:\n  - entry: group\n    action: delisted\n    basis: [delisting-order]\n"
        "    effective: 2020-03-01\n    scope: [isil-regime]\n"
    )
    d = Registry(_scoped(tmp_path / "a", scoped))["xx-scope"].diff()
    [change] = d.changes
    assert [(f.path, f.old, f.new) for f in change.fields] == [("basis[-]", "isil-regime", None)]
    assert change.verdict is Verdict.EXPLAINED and change.action is Action.DELISTED
    assert [i.id for i in change.basis] == ["delisting-order"] and d.phantoms == ()
    assert check(_scoped(tmp_path / "b", scoped)).findings == ()
    # without it: unexplained (not editorial), an error in check
    bare = _scoped(tmp_path / "c", "")
    [change] = Registry(bare)["xx-scope"].diff().changes
    assert change.verdict is Verdict.UNEXPLAINED
    [finding] = check(bare).findings
    assert (finding.severity, finding.rule) == (Severity.ERROR, "unexplained-change")
    assert "'delisted' (scope: [isil-regime])" in finding.message
    # a record for the whole entry does not delist it under one instrument
    whole = scoped.replace("    scope: [isil-regime]\n", "")
    d = Registry(_scoped(tmp_path / "d", whole))["xx-scope"].diff()
    assert d.changes[0].verdict is Verdict.UNEXPLAINED and len(d.phantoms) == 1


@pytest.mark.parametrize(
    ("record", "rule"),
    [
        ("    action: amended\n    scope: [isil-regime]\n", "bad-value"),
        ("    action: delisted\n    scope: [nope]\n", "unknown-basis"),
    ],
)
def test_scope_rules(tmp_path: Path, record: str, rule: str) -> None:
    from designations import DataError, load_snapshot

    changes = (
        "changes:\n  - entry: group\n" + record + "    basis: [delisting-order]\n"
        "    effective: 2020-03-01\n"
    )
    folder = _scoped(tmp_path, changes) / "lists" / "xx-scope"
    with pytest.raises(DataError) as info:
        load_snapshot(folder / "2020-06-01.yaml")
    assert rule in [p.rule for p in info.value.problems]


def test_scope_round_trips_through_the_writer_and_the_cache(tmp_path: Path) -> None:
    from designations.cache import SnapshotCache
    from designations.writer import snapshot_yaml

    scoped = (
        "changes:\n  - entry: group\n    action: delisted\n    basis: [delisting-order]\n"
        "    effective: 2020-03-01\n    scope: [isil-regime]\n"
    )
    folder = _scoped(tmp_path, scoped) / "lists" / "xx-scope"
    snapshot = Registry(tmp_path)["xx-scope"].latest
    assert snapshot.changes[0].scope == ("isil-regime",)
    (folder / "2020-06-01.yaml").write_text(snapshot_yaml(snapshot), "utf-8")
    cache = SnapshotCache(tmp_path / "cache")
    for _ in range(2):  # cold, then warm
        again = Registry(tmp_path, cache=cache)["xx-scope"].latest
        assert again.changes == snapshot.changes


def _korea_mining(tmp_path: Path, snapshots: dict[str, tuple[str, ...]]) -> Path:
    """The list ``xx-scope`` with, on each day, an entry of each id that all share one
    ``refs.un`` (KPe.068); its folder."""
    folder = tmp_path / "lists" / "xx-scope"
    folder.mkdir(parents=True)
    (folder / "list.yaml").write_text(SCOPED_LIST, "utf-8")
    head = "list: xx-scope\nas_of: {day}\ncompleteness: complete\nsources: [https://example.org]\n"
    entry = (
        "  - id: {id}\n    name: Korea Mining Corp\n    type: organization\n"
        "    listed_on: 2019-05-01\n    basis: [isil-regime]\n    refs: {{un: KPe.068}}\n"
    )
    for day, ids in snapshots.items():
        text = head.format(day=day) + "entries:\n" + "".join(entry.format(id=i) for i in ids)
        (folder / f"{day}.yaml").write_text(text, "utf-8")
    return folder


def test_a_removal_and_an_addition_sharing_refs_un_are_one_rekey(tmp_path: Path) -> None:
    from designations import ChangeKind, Severity, check

    folder = _korea_mining(tmp_path, {"2020-01-01": ("kp-068",), "2020-06-01": ("kpe-068",)})
    d = Registry(tmp_path)["xx-scope"].diff()
    [change] = d.changes
    assert (change.kind, change.entry.id, change.old_entry) == (
        ChangeKind.REKEYED,
        "kpe-068",
        "kp-068",
    )
    assert d.added == d.removed == () and d.summary()["rekeyed"] == 1
    assert [(f.path, f.old, f.new) for f in change.fields] == [("id", "kp-068", "kpe-068")]
    assert change.verdict is Verdict.EDITORIAL
    [finding] = check(tmp_path).findings
    assert (finding.severity, finding.rule) == (Severity.WARNING, "rekeyed-entry")
    assert "'kp-068' is now 'kpe-068'" in finding.message and "un: KPe.068" in finding.message
    # a scheme the list does not declare stable does not re-key
    text = (folder / "list.yaml").read_text("utf-8") + "stable_refs: [wikidata]\n"
    (folder / "list.yaml").write_text(text, "utf-8")
    d = Registry(tmp_path)["xx-scope"].diff()
    assert [c.kind for c in d.changes] == [ChangeKind.ADDED, ChangeKind.REMOVED]


@pytest.mark.parametrize("order", [("kpe-068", "kpe-069"), ("kpe-069", "kpe-068")])
def test_a_removal_sharing_refs_un_with_two_additions_is_no_rekey(
    tmp_path: Path, order: tuple[str, str]
) -> None:
    """Which of the two additions would be the removed entry's new id is not known: both stay
    additions and the removal a removal, in whatever order the file has them."""
    from designations import ChangeKind

    _korea_mining(tmp_path, {"2020-01-01": ("kp-068",), "2020-06-01": order})
    d = Registry(tmp_path)["xx-scope"].diff()
    assert sorted((c.entry.id, c.kind) for c in d.changes) == [
        ("kp-068", ChangeKind.REMOVED),
        ("kpe-068", ChangeKind.ADDED),
        ("kpe-069", ChangeKind.ADDED),
    ]


def test_field_detail_is_readable_in_every_format(tmp_path: Path, cli: Cli) -> None:
    data = clean_copy(tmp_path)
    args = ("--data", str(data), "diff", "xx-sample", "2020-01-01", "2021-01-01")
    assert "    names[+]: Off (alias)\n" in cli(*args).out
    assert "names\\[+\\]: Off (alias)" in cli(*args, "-f", "markdown").out
    assert "<li>names[+]: Off (alias)</li>" in cli(*args, "-f", "html").out
    delta = next(
        c for c in json.loads(cli(*args, "-f", "json").out)["changes"] if c["entry"] == "delta"
    )
    assert delta["fields"] == [
        {"path": "names[+]", "old": None, "new": {"name": "Off", "lang": None, "kind": "alias"}}
    ]


def test_a_long_text_shows_the_words_that_changed() -> None:
    from designations.render.report_common import field_text
    from designations.structural import FieldChange

    old = "Founded in 1990 in the north of the country by former members of the army; " * 3
    new = old.replace("1990", "1991", 1) + "Dissolved."
    text = field_text(FieldChange("notes", old, new))
    assert text.startswith("notes: Founded in [-1990-] {+1991+} in the north …")
    assert text.endswith("… of the army; {+Dissolved.+}")
    assert len(text) < 120
    assert field_text(FieldChange("status", "active", "suspended")) == "status: active -> suspended"


def test_html_cards_for_publication_verdicts(tmp_path: Path) -> None:
    from designations.render.report_html import diff_html

    d = _publication_list(tmp_path, "evidence: publication\n")["xx-pub"].diff()
    html = diff_html(d)
    assert "<b>2</b><span>on the publication alone</span>" in html
    assert "<b>0</b><span>with no legal act recorded</span>" in html
    assert '<span class="status publication">publication</span>' in html
