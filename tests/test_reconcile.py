"""Reconciliation against the format's table, on the sample fixture list (every row of it)."""

from __future__ import annotations

import datetime as dt
import json

import attrs
import pytest

from designations import (
    Action,
    Change,
    ChangeKind,
    ChangeRecord,
    EntryStatus,
    ListDiff,
    PartialDate,
    Registry,
    Verdict,
    diff,
)
from designations.render.diff import diff_json

from .conftest import SAMPLE_DATA


@pytest.fixture(scope="module")
def sample() -> Registry:
    return Registry(SAMPLE_DATA)


def by_entry(result: ListDiff) -> dict[str, Change]:
    return {c.entry.id: c for c in result.changes}


def test_every_row_of_the_table(sample: Registry) -> None:
    d = sample["xx-sample"].diff("2020-01-01", "2021-01-01")
    changes = by_entry(d)
    summary = d.summary()
    assert summary == {
        "added": 2,
        "removed": 2,
        "amended": 3,
        "rekeyed": 0,
        "not_covered": 0,
        "explained": 4,
        "publication": 0,
        "editorial": 1,
        "unexplained": 2,
        "phantom": 1,
    }
    verdicts = {c.entry.id: c.verdict for c in d.changes}
    assert verdicts == {
        "foxtrot": Verdict.EXPLAINED,
        "golf": Verdict.UNEXPLAINED,
        "bravo": Verdict.EXPLAINED,
        "charlie": Verdict.UNEXPLAINED,
        "alpha": Verdict.EXPLAINED,
        "delta": Verdict.EDITORIAL,
        "echo": Verdict.EXPLAINED,
    }
    # added, explained by its own listed_on after the previous as_of
    foxtrot = changes["foxtrot"]
    assert (foxtrot.kind, foxtrot.explained, foxtrot.action) == (
        ChangeKind.ADDED,
        True,
        Action.LISTED,
    )
    assert [i.id for i in foxtrot.basis] == ["dec-2020"]
    assert str(foxtrot.effective) == "2020-05-01"
    # added, listed long ago, no record: unexplained
    golf = changes["golf"]
    assert (golf.kind, golf.explained, golf.editorial, golf.action) == (
        ChangeKind.ADDED,
        False,
        False,
        None,
    )
    # removed with a delisted record / without one
    bravo, charlie = changes["bravo"], changes["charlie"]
    assert (bravo.kind, bravo.explained, bravo.action) == (
        ChangeKind.REMOVED,
        True,
        Action.DELISTED,
    )
    assert bravo.entry.name == "Bravo Group"
    assert (charlie.kind, charlie.explained) == (ChangeKind.REMOVED, False)
    # status active -> suspended, explained by a suspended record
    alpha = changes["alpha"]
    assert (alpha.kind, alpha.action, alpha.explained, alpha.editorial) == (
        ChangeKind.AMENDED,
        Action.SUSPENDED,
        True,
        False,
    )
    assert [(f.path, f.old, f.new) for f in alpha.fields] == [("status", "active", "suspended")]
    assert [i.id for i in alpha.basis] == ["suspend-2020"]
    # any other field with no record: editorial; with an amended record: explained
    delta, echo = changes["delta"], changes["echo"]
    assert (delta.explained, delta.editorial, delta.action) == (False, True, None)
    assert [f.path for f in delta.fields] == ["names[+]"]
    assert delta.fields[0].new == {"name": "Off", "lang": None, "kind": "alias"}
    assert (echo.explained, echo.action, str(echo.effective)) == (True, Action.AMENDED, "2020-12")
    assert [(f.path, f.old, f.new) for f in echo.fields] == [("notes", None, "Renamed in 2020.")]
    # a record with no structural change: phantom, with its line
    assert [(r.entry, r.action, r.line) for r in d.phantoms] == [("zulu", Action.DELISTED, 58)]


def test_partial_newer_snapshot_reports_not_covered(sample: Registry) -> None:
    d = sample["xx-sample"].diff("2021-01-01", "2022-01-01")
    changes = by_entry(d)
    assert {k for k, c in changes.items() if c.kind is ChangeKind.NOT_COVERED} == {
        "delta",
        "foxtrot",
        "golf",
    }
    assert changes["echo"].kind is ChangeKind.REMOVED
    assert changes["echo"].explained
    assert d.summary()["removed"] == 1
    assert not d.unexplained


def test_partial_older_snapshot_reports_newly_covered(sample: Registry) -> None:
    lst = sample["xx-sample"]
    older, newer = lst.load(lst.dates[2]), lst.load(lst.dates[1])
    # Reverse direction (partial -> complete): entries listed long ago are newly covered.
    d = diff(older, newer, records=[])
    kinds = {c.entry.id: c.kind for c in d.changes}
    assert kinds["delta"] is ChangeKind.NOT_COVERED
    assert kinds["golf"] is ChangeKind.NOT_COVERED


def test_json_contract_shape_and_order(sample: Registry) -> None:
    d = sample["xx-sample"].diff("2020-01-01", "2021-01-01")
    doc = json.loads(diff_json(d))
    assert list(doc) == ["format", "list", "from", "to", "summary", "changes", "phantoms"]
    assert doc["format"] == "designations.diff/2"
    assert (doc["from"], doc["to"]) == ("2020-01-01", "2021-01-01")
    assert list(doc["summary"]) == [
        "added",
        "removed",
        "amended",
        "rekeyed",
        "not_covered",
        "explained",
        "publication",
        "editorial",
        "unexplained",
        "phantom",
    ]
    assert [c["verdict"] for c in doc["changes"]] == [
        "explained",
        "unexplained",
        "explained",
        "unexplained",
        "explained",
        "editorial",
        "explained",
    ]
    order = [(c["kind"], c["entry"]) for c in doc["changes"]]
    assert order == [
        ("added", "foxtrot"),
        ("added", "golf"),
        ("removed", "bravo"),
        ("removed", "charlie"),
        ("amended", "alpha"),
        ("amended", "delta"),
        ("amended", "echo"),
    ]
    alpha = doc["changes"][4]
    assert list(alpha) == [
        "kind",
        "entry",
        "old_entry",
        "name",
        "action",
        "effective",
        "verdict",
        "basis",
        "fields",
    ]
    assert alpha["basis"] == [
        {
            "id": "suspend-2020",
            "kind": "court-decision",
            "authority": "Supreme Court",
            "reference": None,
            "title": "Decision suspending the ban",
            "date": "2020-11-30",
            "effective": None,
            "url": None,
            "certainty": "confirmed",
            "note": None,
        }
    ]
    assert doc["phantoms"][0]["entry"] == "zulu"
    assert list(doc["phantoms"][0]) == ["entry", "action", "effective", "basis", "note", "line"]
    assert doc["phantoms"][0]["line"] == 58


def test_non_consecutive_window_applies_every_record(sample: Registry) -> None:
    d = sample["xx-sample"].diff("2020-01-01", "2022-01-01")
    changes = by_entry(d)
    assert changes["echo"].kind is ChangeKind.REMOVED and changes["echo"].explained
    assert changes["bravo"].explained
    # charlie vanished unexplained in the first step; the partial end snapshot cannot say more
    assert changes["charlie"].kind is ChangeKind.NOT_COVERED
    # phantoms are those of each step
    assert [r.entry for r in d.phantoms] == ["zulu"]


def test_snapshot_in_force_on_a_date(sample: Registry) -> None:
    lst = sample["xx-sample"]
    assert str(lst.snapshot("2020-12-31").as_of) == "2020-01-01"
    assert str(lst.snapshot("2021-01-01").as_of) == "2021-01-01"
    with pytest.raises(LookupError):
        lst.snapshot("2019-12-31")


def test_records_of_an_entry_a_partial_snapshot_left_out_are_not_phantoms(
    sample: Registry,
) -> None:
    lst = sample["xx-sample"]
    partial, complete = lst.load(lst.dates[2]), lst.load(lst.dates[1])
    delta = complete.entry("delta")
    assert delta is not None
    suspended = attrs.evolve(delta, status=EntryStatus.SUSPENDED)
    record = ChangeRecord("delta", Action.SUSPENDED, ("suspend-2020",), PartialDate(2022, 6, 1))
    later = attrs.evolve(
        complete,
        as_of=dt.date(2022, 12, 31),
        entries=(*partial.entries, suspended),
        changes=(record,),
    )
    d = diff(partial, later)
    (change,) = d.changes
    assert change.kind is ChangeKind.NOT_COVERED
    assert change.records == (record,)
    assert d.phantoms == ()
