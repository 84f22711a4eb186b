"""The check gate: every defect reported with its rule, file and line, and everything else
still checked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from designations import Registry
from designations.checks import CheckResult, Finding, Severity, check
from designations.errors import UsageError

from .check_data import LIST, clean_copy, edit, line_of, path_of
from .conftest import SAMPLE_DATA

SNAP = "2021-01-01.yaml"


def rules(result: CheckResult, severity: Severity | None = None) -> list[str]:
    return [f.rule for f in result.findings if severity is None or f.severity is severity]


def only(result: CheckResult, rule: str) -> Finding:
    found = [f for f in result.findings if f.rule == rule]
    assert len(found) == 1, result.findings
    return found[0]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return clean_copy(tmp_path)


def test_clean_copy_has_no_findings(data: Path) -> None:
    result = check(data)
    assert result.findings == ()
    assert result.ok
    assert (result.lists, result.snapshots, result.seeds) == (1, 3, 1)


def test_sample_reports_each_unexplained_change_and_the_phantom() -> None:
    result = check(SAMPLE_DATA)
    snap = str(SAMPLE_DATA / "lists" / LIST / SNAP)
    found = {(f.severity, f.rule, f.line): f for f in result.findings}
    assert all(f.file == snap and f.line > 0 for f in result.findings)
    golf = found[(Severity.ERROR, "unexplained-change", line_of(SAMPLE_DATA, SNAP, "id: golf"))]
    assert "'golf'" in golf.message
    charlie = found[(Severity.ERROR, "unexplained-change", line_of(SAMPLE_DATA, SNAP, "entries:"))]
    assert "'charlie'" in charlie.message and "removed" in charlie.message
    zulu = found[(Severity.ERROR, "phantom-change", line_of(SAMPLE_DATA, SNAP, "entry: zulu"))]
    assert "'zulu'" in zulu.message
    delta = found[(Severity.WARNING, "editorial-change", line_of(SAMPLE_DATA, SNAP, "id: delta"))]
    assert "names[+]" in delta.message
    # bravo, foxtrot, alpha and echo are explained; the partial 2022 snapshot's gaps are not errors
    assert len(result.findings) == 4
    assert not any(
        name in f.message for f in result.findings for name in ("bravo", "foxtrot", "'echo'")
    )
    assert (result.errors, result.warnings) == (3, 1)


# One defect per copy: (file, text replaced, replacement, rule, text on the reported line).
DEFECTS = {
    "duplicate key": (
        SNAP,
        "    name: Echo Brigade\n",
        "    name: Echo Brigade\n    name: Echo\n",
        "duplicate-key",
        "name: Echo\n",
    ),
    "alias": (SNAP, "    basis: [dec-2020]\n", "    basis: *b\n", "yaml-alias", "basis: *b"),
    "anchor": (
        "list.yaml",
        "framework: [sample-law]",
        "framework: &f [sample-law]",
        "yaml-anchor",
        "framework: &f",
    ),
    "tag": (SNAP, "name: Foxtrot Cell", "name: !!str Foxtrot Cell", "yaml-tag", "!!str"),
    "unknown key": (SNAP, "    notes: Renamed", "    nots: Renamed", "unknown-key", "nots:"),
    "impossible date": (
        SNAP,
        "listed_on: 2020-05-01",
        "listed_on: 2021-02-30",
        "bad-date",
        "2021-02-30",
    ),
    "missing field": (SNAP, "    name: Foxtrot Cell\n", "", "missing-field", "id: foxtrot"),
    "unknown basis": (SNAP, "basis: [dec-2020]", "basis: [dec-2099]", "unknown-basis", "dec-2099"),
    "duplicate entry id": (SNAP, "id: foxtrot", "id: echo  # again", "duplicate-id", "# again"),
    "syntax error": (SNAP, "name: Foxtrot Cell", "name: [Foxtrot Cell", "yaml-syntax", None),
    "as_of differs from the file name": (
        "2022-01-01.yaml",
        "as_of: 2022-01-01",
        "as_of: 2022-01-02",
        "as-of-mismatch",
        "as_of:",
    ),
    "bad enum": (
        SNAP,
        "    type: organization\n    listed_on: 2020-05-01",
        "    type: organisation\n    listed_on: 2020-05-01",
        "bad-enum",
        "organisation",
    ),
    "change effective outside its window": (
        "2022-01-01.yaml",
        "effective: 2021-06-15",
        "effective: 2020-06-15",
        "effective-outside-window",
        "effective: 2020-06-15",
    ),
    "list id differs from the folder": (
        "list.yaml",
        "id: xx-sample",
        "id: xx-other",
        "list-id-mismatch",
        "id: xx-other",
    ),
    "duplicate instrument id": ("list.yaml", "id: dec-2020", "id: dec-2001", "duplicate-id", None),
    "listed after as_of": (
        SNAP,
        "listed_on: 2020-05-01",
        "listed_on: 2021-05-01",
        "listed-after-as-of",
        "2021-05-01",
    ),
    "instrument effective before its date": (
        "list.yaml",
        "    date: 2001-01-10\n    effective: 2001-02",
        "    date: 2001-01-10\n    effective: 2000-12",
        "effective-before-date",
        "2000-12",
    ),
    "bad source": (
        SNAP,
        "  - https://example.org/sample-list",
        "  - not a source",
        "bad-source",
        "not a source",
    ),
    "seed id differs from the file name": (
        "seeds/sample-source.yaml",
        "id: sample-source",
        "id: sample-sauce",
        "seed-id-mismatch",
        "id:",
    ),
    "seed with a bad enum": (
        "seeds/sample-source.yaml",
        "kind: other",
        "kind: rumour",
        "bad-enum",
        "kind:",
    ),
}


@pytest.mark.parametrize("defect", DEFECTS)
def test_each_defect_is_reported_with_rule_file_and_line(data: Path, defect: str) -> None:
    name, old, new, rule, on_line = DEFECTS[defect]
    edit(data, name, old, new)
    result = check(data)
    file = str(path_of(data, name))
    matching = [f for f in result.findings if f.rule == rule]
    assert matching, result.findings
    finding = matching[0]
    assert (finding.severity, finding.file) == (Severity.ERROR, file)
    if on_line is not None:
        assert finding.line == line_of(data, name, on_line)
    else:
        assert finding.line > 0
    assert not result.ok
    # nothing else is blamed: every error is in the defective file
    assert {f.file for f in result.findings if f.severity is Severity.ERROR} == {file}


def test_alias_anchor_reported_at_the_anchor(data: Path) -> None:
    edit(data, SNAP, 'refs: {un: "0755"', 'refs: &r {un: "0755"')
    edit(data, SNAP, "basis: [dec-2020]", "basis: [dec-2020]\n    refs: *r")
    finding = only(check(data), "yaml-anchor")
    assert finding.line == line_of(data, SNAP, "&r")


def test_a_broken_file_does_not_stop_the_others(data: Path) -> None:
    edit(data, "2020-01-01.yaml", "name: Bravo Group", "name: [Bravo")
    edit(data, "2022-01-01.yaml", "coverage:", "coverag:")
    edit(data, "seeds/sample-source.yaml", "kind: other", "kind: rumour")
    result = check(data)
    files = {Path(f.file).name for f in result.findings if f.severity is Severity.ERROR}
    assert files == {"2020-01-01.yaml", "2022-01-01.yaml", "sample-source.yaml"}
    assert {"yaml-syntax", "unknown-key", "bad-enum"} <= set(rules(result))
    # the broken snapshots are not reconciled, and say so
    skipped = [f for f in result.findings if f.rule == "reconciliation-skipped"]
    assert {Path(f.file).name for f in skipped} == {"2020-01-01.yaml", "2022-01-01.yaml"}
    assert all(f.severity is Severity.WARNING for f in skipped)


def test_broken_list_file_still_checks_its_snapshots(data: Path) -> None:
    edit(data, "list.yaml", "jurisdiction: XX", "jurisdiction: xx")
    edit(data, SNAP, "    notes: Renamed", "    nots: Renamed")
    result = check(data)
    assert {"bad-value", "unknown-key"} <= set(rules(result, Severity.ERROR))
    # basis ids cannot be judged without the instruments: no unknown-basis noise
    assert "unknown-basis" not in rules(result)
    assert "reconciliation-skipped" in rules(result, Severity.WARNING)


def _write_list(data: Path, name: str, snapshots: dict[str, str], extra: str = "") -> Path:
    folder = data / "lists" / name
    folder.mkdir(parents=True)
    (folder / "list.yaml").write_text(
        f"id: {name}\njurisdiction: XX\nname: Test list\nauthority: Ministry of Tests\n"
        "instruments:\n  - id: law\n    kind: statute\n    authority: Parliament\n"
        f"    date: 2000-01-01\n{extra}",
        "utf-8",
    )
    for day, body in snapshots.items():
        (folder / f"{day}.yaml").write_text(
            f"list: {name}\nas_of: {day}\ncompleteness: complete\nsources: [sample-source]\n"
            + body,
            "utf-8",
        )
    return folder


def _entries(ids: list[str], names: dict[str, str] | None = None) -> str:
    names = names or {}
    return "entries:\n" + "".join(
        f"  - id: {i}\n    name: {names.get(i, 'Group ' + i)}\n    type: organization\n"
        "    listed_on: 2000-01-01\n    basis: [law]\n"
        for i in ids
    )


def _delisted(ids: list[str], day: str) -> str:
    return "changes:\n" + "".join(
        f"  - entry: {i}\n    action: delisted\n    basis: [law]\n    effective: {day}\n"
        for i in ids
    )


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("", True),  # the default guard: 12 of 20 removed is more than 20 %
        ("mass_removal:\n  share: 0.7\n", False),  # raised for this list
        ("mass_removal:\n  min_count: 13\n", False),  # too few to count as mass
    ],
)
def test_mass_removal_guard(tmp_path: Path, extra: str, expected: bool) -> None:
    data = clean_copy(tmp_path)
    ids = [f"g{n:02d}" for n in range(20)]
    gone = ids[:12]
    folder = _write_list(
        data,
        "xx-mass",
        {
            "2020-01-01": _entries(ids),
            "2020-06-01": _entries(ids[12:]) + _delisted(gone, "2020-05-01"),
        },
        extra,
    )
    result = check(data)
    found = [f for f in result.findings if f.rule == "mass-removal"]
    assert bool(found) is expected
    if found:
        assert found[0].severity is Severity.ERROR
        assert found[0].file == str(folder / "2020-06-01.yaml")
        assert found[0].line == 5  # the entries: key
        assert "12 of the 20" in found[0].message
    # the removals themselves are explained
    assert "unexplained-change" not in rules(result)


def test_possible_rekey_names_both_ids(data: Path) -> None:
    folder = _write_list(
        data,
        "xx-rekey",
        {
            "2020-01-01": _entries(["old-id", "other"], {"old-id": "Shared Name"}),
            "2021-01-01": _entries(["new-id", "other"], {"new-id": "shared  NAME"})
            + _delisted(["old-id"], "2020-06-01")
            + "  - entry: new-id\n    action: listed\n    basis: [law]\n"
            "    effective: 2020-06-01\n",
        },
    )
    finding = only(check(data), "possible-rekey")
    assert finding.severity is Severity.WARNING
    assert finding.file == str(folder / "2021-01-01.yaml")
    assert finding.line == 6  # the added entry
    assert "'new-id'" in finding.message and "'old-id'" in finding.message


def test_possible_rekey_by_cross_reference(data: Path) -> None:
    body = _entries(["a"]).replace("basis: [law]\n", "basis: [law]\n    refs: {wikidata: Q7}\n")
    later = _entries(["b"], {"b": "Other Name"}).replace(
        "basis: [law]\n", "basis: [law]\n    refs: {wikidata: Q7}\n"
    )
    _write_list(data, "xx-refs", {"2020-01-01": body, "2021-01-01": later})
    finding = only(check(data), "possible-rekey")
    assert "wikidata: Q7" in finding.message


def test_mixed_script_name_warned_once(data: Path) -> None:
    homoglyph = "H\u0430mas Front"  # a Cyrillic 'а' inside a Latin word
    folder = _write_list(
        data,
        "xx-script",
        {
            "2020-01-01": _entries(["h", "fine"], {"h": homoglyph, "fine": "Движение Альфа"}),
            "2021-01-01": _entries(["h", "fine"], {"h": homoglyph, "fine": "Движение Альфа"}),
        },
    )
    finding = only(check(data), "mixed-script")
    assert finding.severity is Severity.WARNING
    assert (finding.file, finding.line) == (str(folder / "2020-01-01.yaml"), 6)
    assert "CYRILLIC SMALL LETTER A" in finding.message


def test_unknown_and_uncited_seeds(data: Path) -> None:
    edit(data, SNAP, "  - sample-source\n", "  - sample-source\n  - no-such-seed\n")
    (data / "seeds" / "lonely.yaml").write_text(
        "id: lonely\nkind: other\ntitle: T\npublisher: P\npublished: 2020\nfacts: [F.]\n", "utf-8"
    )
    result = check(data)
    unknown = only(result, "unknown-seed")
    assert (unknown.file, unknown.line) == (
        str(path_of(data, SNAP)),
        line_of(data, SNAP, "sources:"),
    )
    assert "no-such-seed" in unknown.message
    uncited = only(result, "uncited-seed")
    assert (uncited.severity, uncited.file) == (
        Severity.WARNING,
        str(data / "seeds" / "lonely.yaml"),
    )


def test_bad_snapshot_file_name(data: Path) -> None:
    bad = data / "lists" / LIST / "2021-02-30.yaml"
    bad.write_text("list: xx-sample\n", "utf-8")
    finding = only(check(data), "bad-file-name")
    assert (finding.file, finding.line) == (str(bad), 1)


def test_list_folder_without_list_file(data: Path) -> None:
    folder = data / "lists" / "xx-orphan"
    folder.mkdir()
    (folder / "2020-01-01.yaml").write_text("list: xx-orphan\n", "utf-8")
    result = check(data)
    assert only(result, "missing-list-file").file == str(folder / "list.yaml")
    assert "missing-field" in rules(result)  # its snapshot is still read


def test_paths_limit_the_check_to_their_lists_and_seeds(data: Path, tmp_path: Path) -> None:
    _write_list(data, "xx-other", {"2020-01-01": "entries: []\nbogus: 1\n"})
    edit(data, SNAP, "    notes: Renamed", "    nots: Renamed")
    result = check(data, [path_of(data, SNAP)])
    assert rules(result, Severity.ERROR) == ["unknown-key"]
    assert (result.lists, result.seeds) == (1, 0)
    whole = check(data, [data / "lists" / "xx-other"])
    assert rules(whole) == ["unknown-key"] and "xx-other" in whole.findings[0].file
    seed = check(data, [data / "seeds" / "sample-source.yaml"])
    assert (seed.lists, seed.seeds, seed.findings) == (0, 1, ())  # citations need the whole folder
    assert check(data, [data]).lists == 2


def test_path_that_does_not_exist_is_a_usage_error(data: Path) -> None:
    with pytest.raises(UsageError, match="no such file"):
        check(data, [data / "nowhere.yaml"])


def test_path_outside_the_data_folder_is_a_usage_error(data: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("a: b\n", "utf-8")
    with pytest.raises(UsageError, match=r"outside\.yaml is not one of the lists in"):
        check(data, [path_of(data, SNAP), outside])
    stray = data / "notes.yaml"  # inside the data folder, but neither a list's nor a seed
    stray.write_text("a: b\n", "utf-8")
    with pytest.raises(UsageError, match=r"notes\.yaml is not one of"):
        check(data, [stray])


def test_missing_file_in_a_list_folder_is_a_usage_error_as_elsewhere(data: Path) -> None:
    path = path_of(data, "2022-01-01.yaml")
    path.unlink()
    with pytest.raises(UsageError, match="no such file"):
        check(Registry(data), [path])


def test_strict_makes_warnings_errors() -> None:
    result = check(SAMPLE_DATA).strict()
    assert result.warnings == 0 and result.errors == 4


def test_uncited_seeds_not_judged_while_a_snapshot_does_not_load(data: Path) -> None:
    edit(data, "2020-01-01.yaml", "name: Bravo Group", "name: [Bravo")
    edit(data, "2021-01-01.yaml", "name: Foxtrot Cell", "name: [Foxtrot")
    edit(data, "2022-01-01.yaml", "coverage:", "coverag:")
    assert "uncited-seed" not in rules(check(data))


def test_editorial_change_names_each_changed_field_once(tmp_path: Path) -> None:
    """Two aliases added to one entry are one ``names[+]`` with its count, not the path twice
    (``name, names[+], names[+], notes`` read as a stutter in UN imports)."""
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)  # with delta's amendment left without a record
    edit(
        data,
        SNAP,
        '      - name: "Off"\n        kind: alias\n',
        '      - name: "Off"\n        kind: alias\n      - name: "On"\n        kind: alias\n',
    )
    edit(data, SNAP, "    name: NO\n", "    name: NO2\n")
    message = only(check(data), "editorial-change").message
    assert "entry 'delta' (NO2): name, names[+] (2) changed since 2020-01-01" in message
