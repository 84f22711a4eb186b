"""``first_seen``: an entry whose source gives no listing date records when it was first seen in
a publication, and no output presents that as a listing date."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from designations import DataError, Registry, load_snapshot
from designations.writer import snapshot_yaml

from .conftest import Result

LIST = """id: xx-seen
jurisdiction: XX
name: Seen list
authority: Office
evidence: publication
instruments:
  - id: act
    kind: statute
    authority: Parliament
    date: 2001-01-01
"""

HEAD = "list: xx-seen\nas_of: {day}\ncompleteness: complete\nsources: [https://example.org]\n"


def folder(tmp_path: Path, snapshots: dict[str, str]) -> Path:
    lists = tmp_path / "data" / "lists" / "xx-seen"
    lists.mkdir(parents=True)
    (lists / "list.yaml").write_text(LIST, encoding="utf-8")
    for day, entries in snapshots.items():
        (lists / f"{day}.yaml").write_text(HEAD.format(day=day) + entries, encoding="utf-8")
    return lists


ONE = "entries:\n  - id: a\n    name: A\n    type: organization\n    basis: [act]\n"


@pytest.mark.parametrize(
    ("dates", "rule"),
    [
        ("", "missing-field"),
        ("    listed_on: 2020-01-01\n    first_seen: 2020-01-01\n", "listed-and-first-seen"),
        ("    first_seen: 2020-01\n", "bad-date"),
        ("    first_seen: 2021-01-01\n", "listed-after-as-of"),
    ],
)
def test_exactly_one_of_listed_on_and_first_seen(tmp_path: Path, dates: str, rule: str) -> None:
    lists = folder(tmp_path, {"2020-06-01": ONE + dates})
    with pytest.raises(DataError) as info:
        load_snapshot(lists / "2020-06-01.yaml")
    assert rule in {p.rule for p in info.value.problems}


def test_first_seen_loads_and_writes_back(tmp_path: Path) -> None:
    lists = folder(tmp_path, {"2020-06-01": ONE + "    first_seen: 2020-05-01\n"})
    snap = load_snapshot(lists / "2020-06-01.yaml")
    (entry,) = snap.entries
    assert entry.listed_on is None and entry.first_seen == dt.date(2020, 5, 1)
    text = snapshot_yaml(snap)
    assert "first_seen: 2020-05-01" in text and "listed_on" not in text
    (lists / "2020-06-01.yaml").write_text(text, encoding="utf-8")
    assert load_snapshot(lists / "2020-06-01.yaml") == snap


def test_outputs_say_first_seen_never_listed(tmp_path: Path, cli: Callable[..., Result]) -> None:
    lists = folder(
        tmp_path,
        {
            "2020-06-01": "entries: []\n",
            "2020-07-01": ONE + "    first_seen: 2020-07-01\n",
        },
    )
    data = str(lists.parents[1])
    for _ in range(2):  # the second run reads the snapshot cache
        r = cli("--data", data, "history", "A")
        assert r.code == 0, r.err
        assert "first seen in the publication of 2020-07-01" in r.out
        assert "listed" not in r.out.replace("xx-seen", "")
    doc = json.loads(cli("--data", data, "history", "A", "-f", "json").out)
    event = doc["matches"][0]["events"][0]
    assert event["first_seen"] is True and event["action"] == "listed"
    shown = cli("--data", data, "show", "xx-seen").out
    assert "first seen 2020-07-01" in shown
    assert Registry(data)["xx-seen"].latest.entries[0].first_seen == dt.date(2020, 7, 1)
