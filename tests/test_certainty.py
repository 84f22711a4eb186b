"""Uncertainty as data: ``certainty`` and its note on instruments and entries, and a list's
date conventions; read, written, cached and shown where a reader would take a fact as certain."""

from __future__ import annotations

from pathlib import Path

import pytest

from designations import Certainty, DataError, DateConventions, load_list_info, load_snapshot
from designations.cache import SnapshotCache
from designations.render.history import history_text
from designations.render.listing import snapshot_json, snapshot_text
from designations.writer import list_info_data, snapshot_data

LIST = """\
id: xx-doubt
jurisdiction: XX
name: A list with doubtful facts
authority: A ministry
date_conventions:
  listed_on: the day the court decided (not the day its decision took legal force)
  effective: the day a decision took legal force
instruments:
  - id: sure
    kind: court-decision
    authority: A court
    date: 2001-01-10
  - id: doubt
    kind: other
    authority: A ministry
    date: 2023-12
    certainty: uncertain
    note: The act that removed it is not identified; reports differ on the day.
"""

SNAPSHOT = """\
list: xx-doubt
as_of: 2024-01-31
completeness: complete
sources: [https://example.org/a]
entries:
  - id: alpha
    name: Alpha Front
    type: organization
    listed_on: 2001-01-10
    basis: [sure]
  - id: bravo
    name: Bravo Movement
    type: organization
    listed_on: 2023-12
    basis: [doubt]
    certainty: inferred
    notes: The source shows only the first word of the name; the rest is completed.
"""


def write(tmp_path: Path, list_text: str = LIST, snapshot_text_: str = SNAPSHOT) -> Path:
    folder = tmp_path / "lists" / "xx-doubt"
    folder.mkdir(parents=True)
    (folder / "list.yaml").write_text(list_text, "utf-8")
    (folder / "2024-01-31.yaml").write_text(snapshot_text_, "utf-8")
    return folder


def test_certainty_and_conventions_are_read(tmp_path: Path) -> None:
    folder = write(tmp_path)
    info = load_list_info(folder / "list.yaml")
    assert info.date_conventions == DateConventions(
        "the day the court decided (not the day its decision took legal force)",
        "the day a decision took legal force",
    )
    assert info.instrument("sure").certainty is Certainty.CONFIRMED
    assert info.instrument("sure").is_certain
    doubt = info.instrument("doubt")
    assert doubt.certainty is Certainty.UNCERTAIN and not doubt.is_certain
    assert doubt.note is not None and "not identified" in doubt.note
    snap = load_snapshot(folder / "2024-01-31.yaml", info)
    alpha, bravo = snap.entry("alpha"), snap.entry("bravo")
    assert alpha is not None and alpha.certainty is Certainty.CONFIRMED
    assert bravo is not None and bravo.certainty is Certainty.INFERRED


@pytest.mark.parametrize(
    ("old", "new", "field", "rule"),
    [
        (
            "    note: The act that removed it is not identified; reports differ on the day.\n",
            "",
            "instruments[1].note",
            "missing-field",
        ),
        (
            "    certainty: uncertain",
            "    certainty: maybe",
            "instruments[1].certainty",
            "bad-enum",
        ),
        (
            "  effective: the day a decision",
            "  entry: the day a decision",
            "date_conventions.entry",
            "unknown-key",
        ),
    ],
)
def test_bad_list_certainty_is_one_problem_naming_its_field(
    tmp_path: Path, old: str, new: str, field: str, rule: str
) -> None:
    assert old in LIST
    folder = write(tmp_path, LIST.replace(old, new))
    with pytest.raises(DataError) as caught:
        load_list_info(folder / "list.yaml")
    (problem,) = caught.value.problems
    assert (problem.field, problem.rule) == (field, rule)


@pytest.mark.parametrize(
    ("old", "new", "field", "rule"),
    [
        (
            "    notes: The source shows only the first word of the name; the rest is completed.\n",
            "",
            "entries[1].notes",
            "missing-field",
        ),
        ("    certainty: inferred", "    certainty: Inferred", "entries[1].certainty", "bad-enum"),
    ],
)
def test_bad_entry_certainty_is_one_problem_naming_its_field(
    tmp_path: Path, old: str, new: str, field: str, rule: str
) -> None:
    assert old in SNAPSHOT
    folder = write(tmp_path, snapshot_text_=SNAPSHOT.replace(old, new))
    with pytest.raises(DataError) as caught:
        load_snapshot(folder / "2024-01-31.yaml")
    (problem,) = caught.value.problems
    assert (problem.field, problem.rule) == (field, rule)


def test_written_and_cached_as_read(tmp_path: Path) -> None:
    folder = write(tmp_path)
    info = load_list_info(folder / "list.yaml")
    snap = load_snapshot(folder / "2024-01-31.yaml", info)
    listed = list_info_data(info)
    assert listed["date_conventions"]["listed_on"].startswith("the day the court decided")
    assert listed["instruments"][1]["certainty"] == "uncertain"
    assert "certainty" not in listed["instruments"][0]  # the default is not written
    entries = snapshot_data(snap)["entries"]
    assert [e.get("certainty") for e in entries] == [None, "inferred"]
    for _ in range(2):  # stored, then read from the cache
        store = SnapshotCache(tmp_path / "cache")
        cached = store.load(folder / "2024-01-31.yaml", info, None, snap.path)
        assert cached == snap
        assert [e.certainty for e in cached.entries] == [e.certainty for e in snap.entries]
    assert store.hits == 1


def test_show_marks_what_is_not_certain(tmp_path: Path) -> None:
    folder = write(tmp_path)
    snap = load_snapshot(folder / "2024-01-31.yaml")
    text = snapshot_text(snap)
    assert "Bravo Movement [inferred]" in text
    assert "Alpha Front [" not in text
    assert "bravo: inferred: The source shows only the first word" in text
    assert "doubt: uncertain: The act that removed it is not identified" in text
    document = snapshot_json(snap)
    assert '"certainty": "inferred"' in document
    assert '"note": "The act that removed it is not identified' in document


def test_history_prints_the_doubt_with_the_event(tmp_path: Path) -> None:
    from designations import Registry, history

    write(tmp_path)
    reg = Registry(str(tmp_path))
    text = history_text(history(reg, "Bravo Movement"))
    assert "A ministry, other, 2023-12 [uncertain]" in text
    assert "inferred: The source shows only the first word of the name" in text
    assert "uncertain: The act that removed it is not identified" in text
