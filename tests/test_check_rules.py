"""The rules of ``check`` as units: each has a unique id and a docstring, the walker hands each
one the kind of thing it looks at, and docs/check-rules.md lists every one, in order, with its
severity."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from designations.check_rules import (
    RULES,
    ListFolder,
    Rule,
    SeedUse,
    Severity,
    SnapshotRead,
    bad_file_name,
    reconciliation_skipped,
)
from designations.reconcile import ListDiff

from .conftest import ROOT

DOC = ROOT / "docs" / "check-rules.md"
#: A table row of the docs: | `rule-id` | severity | ...
ROW = re.compile(r"^\| `([a-z0-9-]+)` \| ([a-z]+)\b", re.MULTILINE)


def test_every_rule_has_a_unique_id_and_a_docstring() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert isinstance(rule, Rule)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.id), rule.id
        assert len(rule.doc.split()) >= 4, f"{rule.id} has no docstring worth the name"
        assert rule.subject in (ListFolder, SnapshotRead, ListDiff, SeedUse), rule.id


def test_the_docs_list_every_rule_in_order_with_its_severity() -> None:
    documented = dict(ROW.findall(DOC.read_text("utf-8")))
    missing = [rule.id for rule in RULES if rule.id not in documented]
    assert missing == []
    for rule in RULES:
        assert documented[rule.id] == rule.severity.value, rule.id
    in_docs = [rule_id for rule_id in documented if rule_id in {r.id for r in RULES}]
    assert in_docs == [rule.id for rule in RULES]


def _folder(
    path: Path,
    names: tuple[str, ...] = (),
    dates: tuple[dt.date, ...] = (),
    unread: frozenset[dt.date] = frozenset(),
    loaded: bool = True,
) -> ListFolder:
    return ListFolder("xx-a", path, tuple(path / n for n in names), True, loaded, dates, unread)


def test_a_rule_is_a_function_of_what_it_looks_at(tmp_path: Path) -> None:
    """Called alone, on a record built by hand (no data folder read)."""
    names = ("list.yaml", "2021-01-01.yaml", "2021-02-30.yaml", "notes.yml", "README.txt")
    found = list(bad_file_name.find(_folder(tmp_path, names)))
    assert [Path(h.file).name for h in found] == ["2021-02-30.yaml", "notes.yml"]
    days = (dt.date(2020, 1, 1), dt.date(2021, 1, 1), dt.date(2022, 1, 1))
    middle = _folder(tmp_path, dates=days, unread=frozenset({days[1]}))
    (hit,) = reconciliation_skipped.find(middle)
    assert hit.message == "not reconciled with 2020-01-01 and 2022-01-01 until its errors are fixed"
    assert hit.severity is None and reconciliation_skipped.severity is Severity.WARNING
    stand_in = _folder(tmp_path, dates=days, unread=frozenset({days[1]}), loaded=False)
    (hit,) = reconciliation_skipped.find(stand_in)
    assert hit.file == str(tmp_path / "list.yaml")


def test_an_acknowledged_integrity_failure_is_a_notice_at_every_check(tmp_path: Path) -> None:
    from designations import check

    folder = tmp_path / "lists" / "xx-a"
    folder.mkdir(parents=True)
    (folder / "list.yaml").write_text(
        "id: xx-a\njurisdiction: XX\nname: A\nauthority: A\nevidence: publication\n"
        "instruments:\n  - {id: p, kind: programme, authority: A, reference: P}\n",
        "utf-8",
    )
    (folder / "2021-01-01.yaml").write_text(
        "list: xx-a\nas_of: 2021-01-01\ncompleteness: complete\n"
        "sources: [https://example.org]\nentries: []\nacknowledged:\n"
        "  - rule: missing-eof\n    reason: 'served so (sdn.csv: no end-of-file byte)'\n"
        "  - rule: mass-removal\n    reason: a real purge\n",
        "utf-8",
    )
    result = check(tmp_path)
    [finding] = [f for f in result.findings if f.rule == "acknowledged"]
    assert finding.severity is Severity.NOTICE and finding.line == 7
    assert finding.message == (
        "accepted on import despite 'missing-eof': served so (sdn.csv: no end-of-file byte)"
    )
    assert [f.rule for f in result.findings] == ["acknowledged"]
