"""Helpful refusals: a close known id or key is suggested ("did you mean …?"), and a list's
jurisdiction is an ISO 3166-1 code (or UN/EU) that its id starts with."""

from __future__ import annotations

from pathlib import Path

import pytest

from designations import check
from designations.jurisdictions import ASSIGNED, is_jurisdiction
from designations.registry import Registry
from designations.suggest import did_you_mean

from .check_data import LIST, clean_copy, edit
from .conftest import ROOT, run

SNAP = "2021-01-01.yaml"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return clean_copy(tmp_path)


def _message(data: Path, rule: str) -> str:
    found = [f.message for f in check(data).findings if f.rule == rule]
    assert len(found) == 1, check(data).findings
    return found[0]


def test_did_you_mean_only_for_a_close_match() -> None:
    assert did_you_mean("nots", ["notes", "name"]) == "; did you mean 'notes'?"
    assert did_you_mean("zzz", ["notes", "name"]) == ""
    assert did_you_mean("notes", ["notes"]) == ""


@pytest.mark.parametrize(
    ("file", "old", "new", "rule", "hint"),
    [
        (SNAP, "    notes: Renamed", "    nots: Renamed", "unknown-key", "'notes'"),
        (SNAP, "basis: [dec-2020]", "basis: [dec-2002]", "unknown-basis", "'dec-2020'"),
        (
            SNAP,
            "    type: organization\n    listed_on: 2020-05-01",
            "    type: organisation\n    listed_on: 2020-05-01",
            "bad-enum",
            "'organization'",
        ),
        (
            "list.yaml",
            "framework: [sample-law]",
            "framework: [sample-lw]",
            "unknown-basis",
            "'sample-law'",
        ),
        (SNAP, "  - sample-source\n", "  - sample-sorce\n", "unknown-seed", "'sample-source'"),
    ],
)
def test_unknown_ids_and_keys_get_the_close_match(
    data: Path, file: str, old: str, new: str, rule: str, hint: str
) -> None:
    edit(data, file, old, new)
    assert _message(data, rule).endswith(f"; did you mean {hint}?")


def test_a_change_record_for_a_misspelt_entry(data: Path) -> None:
    edit(data, SNAP, "  - entry: bravo\n", "  - entry: foxtrt\n")
    message = [f.message for f in check(data).findings if "foxtrt" in f.message]
    assert any(m.endswith("did you mean 'foxtrot'?") for m in message), message


def test_an_unknown_list_on_the_command_line(data: Path) -> None:
    result = run("--data", str(data), "show", "xx-sampel")
    assert result.code == 2
    assert f"no list 'xx-sampel' in {data / 'lists'}; did you mean {LIST!r}?" in result.err


def test_every_bundled_jurisdiction_is_known_and_prefixes_its_list_id() -> None:
    for lst in Registry(ROOT / "data"):
        assert is_jurisdiction(lst.info.jurisdiction), lst.id
        assert lst.id.split("-")[0] == lst.info.jurisdiction.lower(), lst.id


def test_the_codes_are_iso_3166_1() -> None:
    assert len(ASSIGNED) == 249 and {"RU", "GB", "US", "KZ"} <= ASSIGNED
    assert "UK" not in ASSIGNED and "EU" not in ASSIGNED
    assert is_jurisdiction("UN") and is_jurisdiction("EU")
    assert is_jurisdiction("XK") and is_jurisdiction("XX")  # user-assigned
    assert not is_jurisdiction("UK") and not is_jurisdiction("ZQ")


@pytest.mark.parametrize(
    ("old", "new", "rule", "message"),
    [
        (
            "jurisdiction: XX",
            "jurisdiction: UK",
            "bad-value",
            "'UK' is not an ISO 3166-1 alpha-2 code, UN or EU",
        ),
        (
            "jurisdiction: XX",
            "jurisdiction: RU",
            "list-id-mismatch",
            "list id 'xx-sample' does not start with its jurisdiction: 'ru-…' for RU",
        ),
    ],
)
def test_jurisdiction_is_checked(data: Path, old: str, new: str, rule: str, message: str) -> None:
    edit(data, "list.yaml", old, new)
    assert message in _message(data, rule)
