"""The YAML writer: what it writes loads back equal, and no YAML reader misreads a value."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from designations import load_list_info, load_snapshot
from designations.dates import PartialDate
from designations.model import (
    ChangeRecord,
    Entry,
    Instrument,
    ListInfo,
    MassRemoval,
    Name,
    Snapshot,
)
from designations.vocab import (
    Action,
    Completeness,
    EntryStatus,
    EntryType,
    Evidence,
    InstrumentKind,
    NameKind,
)
from designations.writer import dump, list_info_yaml, snapshot_data, snapshot_yaml

from .conftest import SAMPLE_DATA

TRICKY = ["NO", "0755", "yes", "null", "~", " padded ", "Москва", "محمد", "a: b", "#x", "on", "- x"]


def _info() -> ListInfo:
    return ListInfo(
        "xx-test",
        "XX",
        "Test list",
        "Ministry",
        (
            Instrument(
                "law-1",
                InstrumentKind.STATUTE,
                "Parliament",
                PartialDate(1999, 5),
                reference="0755",
                provisions=("Art. 1", "yes"),
            ),
            Instrument("prog-x", InstrumentKind.PROGRAMME, "Office", PartialDate(2001)),
            Instrument(
                "dec-2",
                InstrumentKind.COURT_DECISION,
                "Court",
                PartialDate(2001, 1, 10),
                effective=PartialDate(2001),
                url="https://example.org/a?b=c#d",
            ),
        ),
        names=(Name("Список", "ru"),),
        framework=("law-1",),
        mass_removal=MassRemoval(0.5, 3),
        evidence=Evidence.PUBLICATION,
    )


def _snapshot(info: ListInfo) -> Snapshot:
    entries = tuple(
        Entry(
            f"e{i}",
            name,
            EntryType.ORGANIZATION,
            PartialDate(2000, 1, 2),
            ("law-1",),
            (Name(name, "ar", NameKind.ALIAS), Name("Line one\nLine two", kind=NameKind.FORMER)),
            EntryStatus.SUSPENDED if i == 0 else EntryStatus.ACTIVE,
            (("ofac", "6636"), ("un", name)),
            f"Notes for {name}\n  indented\n\nafter a blank",
        )
        for i, name in enumerate(TRICKY)
    )
    changes = (ChangeRecord("e1", Action.AMENDED, ("dec-2",), PartialDate(2020, 2, 1), "NO"),)
    return Snapshot(
        "xx-test",
        dt.date(2020, 3, 1),
        Completeness.PARTIAL,
        ("seed-1",),
        entries,
        info,
        changes,
        coverage="null",
    )


def _write(tmp_path: Path, snapshot: Snapshot) -> Path:
    folder = tmp_path / snapshot.list_id
    folder.mkdir(exist_ok=True)
    (folder / "list.yaml").write_text(list_info_yaml(snapshot.info), encoding="utf-8")
    path = folder / f"{snapshot.as_of}.yaml"
    path.write_text(snapshot_yaml(snapshot, "a header\nof two lines"), encoding="utf-8")
    return path


def test_round_trip_with_tricky_values(tmp_path: Path) -> None:
    snapshot = _snapshot(_info())
    path = _write(tmp_path, snapshot)
    assert load_list_info(path.parent / "list.yaml") == snapshot.info
    assert load_snapshot(path, previous=dt.date(2020, 1, 1)) == snapshot
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# a header\n# of two lines\n")
    assert 'name: "NO"' in text and 'name: "0755"' in text and "name: Москва" in text
    assert "notes: |-" in text


def test_a_yaml_1_1_reader_reads_the_same_values(tmp_path: Path) -> None:
    snapshot = _snapshot(_info())
    data = snapshot_data(snapshot)
    assert yaml.safe_load(snapshot_yaml(snapshot)) == data


def test_sample_data_round_trips(tmp_path: Path) -> None:
    source = SAMPLE_DATA / "lists" / "xx-sample"
    target = tmp_path / "xx-sample"
    target.mkdir()
    info = load_list_info(source / "list.yaml")
    (target / "list.yaml").write_text(list_info_yaml(info), encoding="utf-8")
    assert load_list_info(target / "list.yaml") == info
    for path in sorted(source.glob("20*.yaml")):
        snapshot = load_snapshot(path)
        (target / path.name).write_text(snapshot_yaml(snapshot), encoding="utf-8")
    for path in sorted(source.glob("20*.yaml")):
        assert load_snapshot(target / path.name) == load_snapshot(path)
    shutil.rmtree(target)


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=30))
def test_any_text_reads_back(text: str) -> None:
    data = {"value": text, "items": [text], text if text.strip() else "k": "v"}
    assert yaml.safe_load(dump(data)) == data
