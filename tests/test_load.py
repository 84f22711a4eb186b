"""The loader: typed records from valid files, and one located problem per broken rule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from designations import (
    Completeness,
    DataError,
    EntryStatus,
    Evidence,
    InstrumentKind,
    MassRemoval,
    NameKind,
    PartialDate,
    load_list_info,
    load_seed,
    load_snapshot,
)
from designations.load import list_dates, snapshot_date

from .conftest import SAMPLE_DATA

LIST_YAML = """\
id: zz-test
jurisdiction: ZZ
name: Test list
authority: Test authority
instruments:
  - id: law
    kind: statute
    authority: Parliament
    date: 2000-01-01
  - id: decision
    kind: court-decision
    authority: Court
    date: 2010-05
"""

SNAPSHOT = """\
list: zz-test
as_of: 2020-01-01
completeness: complete
sources: [a-seed]
entries:
  - id: one
    name: One
    type: organization
    listed_on: 2010-05-03
    basis: [decision]
changes:
  - entry: one
    action: listed
    basis: [decision]
    effective: 2010-05-03
"""


def make_list(
    tmp_path: Path,
    snapshot: str = SNAPSHOT,
    list_yaml: str = LIST_YAML,
    name: str = "2020-01-01.yaml",
) -> Path:
    folder = tmp_path / "lists" / "zz-test"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "list.yaml").write_text(list_yaml, encoding="utf-8")
    path = folder / name
    path.write_text(snapshot, encoding="utf-8")
    return path


def problem(path: Path) -> DataError:
    with pytest.raises(DataError) as info:
        load_snapshot(path)
    return info.value


def test_valid_snapshot_loads_as_typed_records(tmp_path: Path) -> None:
    snap = load_snapshot(make_list(tmp_path))
    assert snap.list_id == "zz-test"
    assert snap.as_of == dt.date(2020, 1, 1)
    assert snap.completeness is Completeness.COMPLETE
    entry = snap.entry("one")
    assert entry is not None
    assert entry.status is EntryStatus.ACTIVE
    assert entry.listed_on == PartialDate(2010, 5, 3)
    assert entry.line == 6
    assert snap.changes[0].line == 12
    assert snap.entries_line == 5
    assert snap.info.instrument("decision").kind is InstrumentKind.COURT_DECISION
    assert str(snap.info.instrument("decision").date) == "2010-05"


def test_sample_fixture_keeps_yaml_11_traps_as_strings() -> None:
    snap = load_snapshot(SAMPLE_DATA / "lists" / "xx-sample" / "2020-01-01.yaml")
    delta = snap.entry("delta")
    assert delta is not None
    assert delta.name == "NO"
    assert delta.names[0].name == "yes"
    assert delta.names[0].kind is NameKind.ALIAS
    assert dict(delta.refs) == {"code": "0755"}
    alpha = snap.entry("alpha")
    assert alpha is not None
    assert dict(alpha.refs) == {"un": "0755", "wikidata": "Q1"}


def test_records_are_frozen_and_hashable(tmp_path: Path) -> None:
    snap = load_snapshot(make_list(tmp_path))
    entry = snap.entries[0]
    assert hash(entry) == hash(load_snapshot(make_list(tmp_path)).entries[0])
    with pytest.raises(AttributeError):
        entry.name = "x"  # type: ignore[misc]
    assert {snap} == {load_snapshot(make_list(tmp_path))}


@pytest.mark.parametrize(
    ("old", "new", "rule", "line", "field"),
    [
        (
            "    name: One\n",
            "    name: One\n    name: Two\n",
            "duplicate-key",
            8,
            "entries[0].name",
        ),
        ("    name: One\n", "    name: One\n    nmae: One\n", "unknown-key", 8, "entries[0].nmae"),
        ("    name: One\n", "", "missing-field", 6, "entries[0].name"),
        ("    name: One\n", "    name: ~\n", "empty-value", 7, "entries[0].name"),
        ("listed_on: 2010-05-03", "listed_on: 2010-02-30", "bad-date", 9, "entries[0].listed_on"),
        ("as_of: 2020-01-01", "as_of: 2020-13-01", "bad-date", 2, "as_of"),
        ("type: organization", "type: group", "bad-enum", 8, "entries[0].type"),
        ("completeness: complete", "completeness: full", "bad-enum", 3, "completeness"),
        (
            "    basis: [decision]\nchanges",
            "    basis: [nope]\nchanges",
            "unknown-basis",
            10,
            "entries[0].basis[0]",
        ),
        ("    name: One\n", "    name: &n One\n", "yaml-anchor", 7, "entries[0].name"),
        ("  - id: one\n", "  - id: One\n", "bad-id", 6, "entries[0].id"),
        ("list: zz-test", "list: zz-other", "list-id-mismatch", 1, "list"),
        ("as_of: 2020-01-01", "as_of: 2020-01-02", "as-of-mismatch", 2, "as_of"),
        (
            "listed_on: 2010-05-03",
            "listed_on: 2021-01-01",
            "listed-after-as-of",
            9,
            "entries[0].listed_on",
        ),
        (
            "effective: 2010-05-03",
            "effective: 2020-02-01",
            "effective-outside-window",
            15,
            "changes[0].effective",
        ),
        ("sources: [a-seed]", "sources: [not a source]", "bad-source", 4, "sources[0]"),
        ("sources: [a-seed]", "sources: []", "empty-value", 4, "sources"),
        ("    action: listed", "    action: banned", "bad-enum", 13, "changes[0].action"),
        ("entries:", "entries: x\nold_entries:", "bad-type", 5, "entries"),
        ("completeness: complete", "completeness: partial", "missing-field", 3, "coverage"),
        # A final line break (a block scalar's, or an escape) is not part of a pattern.
        (
            "entries:",
            "publication:\n  format: ofac-csv\n  files:\n    - name: sdn.csv\n"
            f'      sha256: "{"a" * 64}\\n"\n  retrieved: "2026-01-31T06:17:00Z\\n"\nentries:',
            "bad-value",
            10,
            "publication.retrieved",
        ),
        (
            "entries:",
            "publication:\n  format: ofac-csv\n  files:\n    - name: sdn.csv\n"
            f'      sha256: "{"a" * 64}\\n"\nentries:',
            "bad-value",
            9,
            "publication.files[0].sha256",
        ),
        (
            "entries:",
            'acknowledged:\n  - rule: "mass-removal\\n"\n    reason: a reason\nentries:',
            "bad-value",
            6,
            "acknowledged[0].rule",
        ),
    ],
)
def test_each_rule_names_file_line_and_field(
    tmp_path: Path, old: str, new: str, rule: str, line: int, field: str
) -> None:
    assert old in SNAPSHOT
    path = make_list(tmp_path, SNAPSHOT.replace(old, new, 1))
    error = problem(path)
    found = [(p.rule, p.line, p.field) for p in error.problems]
    assert (rule, line, field) in found
    assert error.path == str(path)
    message = str(error)
    assert "\n" not in message
    assert message.startswith(f"{path}:")


def test_duplicate_entry_id_is_refused(tmp_path: Path) -> None:
    text = SNAPSHOT.replace(
        "changes:",
        "  - id: one\n    name: Again\n    type: other\n"
        "    listed_on: 2011\n    basis: [law]\nchanges:",
    )
    error = problem(make_list(tmp_path, text))
    assert [(p.rule, p.line, p.field) for p in error.problems] == [
        ("duplicate-id", 11, "entries[1].id")
    ]
    assert "first at line 6" in str(error)


def test_all_problems_of_a_file_are_reported_together(tmp_path: Path) -> None:
    text = SNAPSHOT.replace("type: organization", "type: group").replace(
        "basis: [decision]\nchanges", "basis: [nope]\nchanges"
    )
    error = problem(make_list(tmp_path, text))
    assert {p.rule for p in error.problems} == {"bad-enum", "unknown-basis"}
    assert "and 1 more problem" in str(error)


def test_effective_must_follow_the_previous_snapshot(tmp_path: Path) -> None:
    make_list(tmp_path)
    later = SNAPSHOT.replace("2020-01-01", "2021-01-01")
    path = make_list(tmp_path, later, name="2021-01-01.yaml")
    error = problem(path)
    assert error.problems[0].rule == "effective-outside-window"
    assert "after 2020-01-01" in str(error)
    # A partial date overlapping the window is fine.
    ok = later.replace("effective: 2010-05-03", "effective: 2020")
    assert load_snapshot(make_list(tmp_path, ok, name="2021-01-01.yaml")).changes


@pytest.mark.parametrize(
    ("old", "new", "rule", "field"),
    [
        ("id: zz-test", "id: zz-else", "list-id-mismatch", "id"),
        ("jurisdiction: ZZ", "jurisdiction: zz", "bad-value", "jurisdiction"),
        ("  - id: decision", "  - id: law", "duplicate-id", "instruments[1].id"),
        ("    kind: statute", "    kind: law", "bad-enum", "instruments[0].kind"),
        (
            "    date: 2010-05",
            "    date: 2010-05\n    effective: 2009",
            "effective-before-date",
            "instruments[1].effective",
        ),
        ("name: Test list", "name: Test list\nframework: [nope]", "unknown-basis", "framework[0]"),
        ("name: Test list", "name: Test list\nevidence: gazette", "bad-enum", "evidence"),
        (
            "name: Test list",
            "name: Test list\nsource:\n  format: eu-xlm\n  url: https://example.org/a.xml",
            "bad-enum",
            "source.format",
        ),
    ],
)
def test_list_yaml_rules(tmp_path: Path, old: str, new: str, rule: str, field: str) -> None:
    path = make_list(tmp_path, list_yaml=LIST_YAML.replace(old, new, 1)).parent / "list.yaml"
    with pytest.raises(DataError) as info:
        load_list_info(path)
    assert (rule, field) in [(p.rule, p.field) for p in info.value.problems]
    assert info.value.path == str(path)
    assert info.value.line > 0


def test_mass_removal_setting(tmp_path: Path) -> None:
    text = LIST_YAML + "mass_removal:\n  share: 0.5\n  min_count: 3\n"
    info = load_list_info(make_list(tmp_path, list_yaml=text).parent / "list.yaml")
    assert (info.mass_removal.share, info.mass_removal.min_count) == (0.5, 3)


def test_mass_removal_is_more_than_the_share_and_at_least_the_count() -> None:
    guard = MassRemoval(share=0.2, min_count=10)
    assert guard.exceeded(11, 50)  # 22 % and 11 entries
    assert not guard.exceeded(10, 50)  # 20 % is not more than the share
    assert not guard.exceeded(9, 40)  # 22.5 %, but fewer than min_count
    assert guard.exceeded(10, 40)  # 25 % and exactly min_count
    assert not guard.exceeded(0, 0)  # nothing to remove from


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2021-01-31.yaml", dt.date(2021, 1, 31)),
        ("2020-02-29.yaml", dt.date(2020, 2, 29)),
        ("2021-02-29.yaml", None),  # no such day
        ("2021-1-31.yaml", None),
        ("2021-01-31.yml", None),
        ("2021-01-31.yaml~", None),
        ("list.yaml", None),
        ("\u0662021-01-31.yaml", None),  # a non-ASCII digit
    ],
)
def test_snapshot_file_names(tmp_path: Path, name: str, expected: dt.date | None) -> None:
    assert snapshot_date(name) == expected
    (tmp_path / name).write_text("list: xx\n", "utf-8")
    assert list_dates(tmp_path) == ([] if expected is None else [expected])


def test_evidence_and_programme_instruments(tmp_path: Path) -> None:
    folder = make_list(tmp_path).parent
    assert load_list_info(folder / "list.yaml").evidence is Evidence.ACTS
    text = LIST_YAML.replace("kind: statute", "kind: programme") + "evidence: publication\n"
    (folder / "list.yaml").write_text(text, encoding="utf-8")
    info = load_list_info(folder / "list.yaml")
    assert info.evidence is Evidence.PUBLICATION
    assert info.instrument("law").kind is InstrumentKind.PROGRAMME


def test_seed_loads_and_id_must_equal_file_name(tmp_path: Path) -> None:
    seed = load_seed(SAMPLE_DATA / "seeds" / "sample-source.yaml")
    assert seed.id == "sample-source"
    assert str(seed.published) == "2022-01"
    bad = tmp_path / "other.yaml"
    bad.write_text((SAMPLE_DATA / "seeds" / "sample-source.yaml").read_text(), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_seed(bad)
    assert info.value.problems[0].rule == "seed-id-mismatch"
    assert info.value.line == 1


def test_a_list_source_names_a_format_update_can_read(tmp_path: Path) -> None:
    """``source.format`` is checked when the list is read (``check`` says so), not first when
    ``update`` runs; the vocabulary is the importers' own."""
    from designations.importers import FORMATS
    from designations.vocab import ImportFormat

    assert {f.value for f in ImportFormat} == set(FORMATS)
    source = "name: Test list\nsource:\n  format: {}\n  url: https://example.org/a.xml"
    good = make_list(
        tmp_path / "a", list_yaml=LIST_YAML.replace("name: Test list", source.format("eu-xml"), 1)
    )
    info = load_list_info(good.parent / "list.yaml")
    assert info.source is not None and info.source.format == "eu-xml"
    bad = make_list(
        tmp_path / "b", list_yaml=LIST_YAML.replace("name: Test list", source.format("eu-xlm"), 1)
    )
    with pytest.raises(DataError) as refused:
        load_list_info(bad.parent / "list.yaml")
    assert "did you mean 'eu-xml'" in str(refused.value)
