"""``history``: one entity across lists, its status on a date and its dated events."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from designations import Registry, Standing, UsageError, check, history
from designations.names import Reason
from designations.timeline import History, Match

from .check_data import delisted_folder, relisted_folder, two_act_list
from .conftest import FIXTURES, SAMPLE_DATA, Result, run

DATA = FIXTURES / "history"
XA, XB, XC = "xa-banned-organizations", "xb-terrorist-organizations", "xc-banned-organizations"


@pytest.fixture(scope="module")
def reg() -> Registry:
    return Registry(DATA)


def by_list(h: History) -> dict[str, Match]:
    assert len({m.list_id for m in h.matches}) == len(h.matches), "one match per list"
    return {m.list_id: m for m in h.matches}


def timeline(m: Match) -> list[tuple[str, str, str]]:
    return [(str(e.date), e.action.value, str(e.snapshot)) for e in m.events]


def test_finds_the_entity_in_every_list_with_its_status_now(reg: Registry) -> None:
    found = by_list(history(reg, "Kalimar"))
    assert sorted(found) == [XA, XB, XC]
    assert {k: m.status for k, m in found.items()} == {
        XA: Standing.SUSPENDED,
        XB: Standing.ACTIVE,
        XC: Standing.DELISTED,
    }
    assert timeline(found[XA]) == [
        ("2003-02-14", "listed", "2003-02-14"),
        ("2025-04-17", "suspended", "2025-04-17"),
    ]
    assert [i.reference for i in found[XA].events[1].basis] == ["ВС-25-4"]
    assert timeline(found[XC]) == [
        ("2003-10-01", "listed", "2003-10-01"),
        ("2024-09-20", "delisted", "2024-09-30"),
    ]
    because = found[XC].because
    assert because is not None and because.basis[0].id == "court-2024"


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        ("2024-01-01", {XA: "active", XB: "active", XC: "active"}),
        # the delisting took effect on 2024-09-20, before the snapshot that shows it
        ("2024-09-25", {XA: "active", XB: "active", XC: "delisted"}),
        ("2025-04-17", {XA: "suspended", XB: "active", XC: "delisted"}),
        # the partial snapshot of 2015 does not hold the entry: it is not delisted by it
        ("2016-01-01", {XA: "active", XB: "active", XC: "active"}),
        ("2003-06-01", {XA: "active", XB: None, XC: None}),
    ],
)
def test_status_on_a_date(reg: Registry, on: str, expected: dict[str, str | None]) -> None:
    found = by_list(history(reg, "Kalimar", on=on))
    assert {k: m.status.value if m.status else None for k, m in found.items()} == expected
    assert history(reg, "Kalimar", on=dt.date.fromisoformat(on)).on == dt.date.fromisoformat(on)


@pytest.mark.parametrize(
    ("query", "lists"),
    [
        ("kalimar", [XA, XB, XC]),  # an id in two lists, a whole name in the third
        ("КАЛИМАР", [XA, XB, XC]),  # Cyrillic, any case: finds the Latin name too
        ("калимар", [XA, XB, XC]),
        ("Движение «Калимар»", [XA, XB]),
        ("ДВИЖЕНИЕ КАЛИМАР", [XA, XB]),
        ("Қалимар қозғалысы", [XB]),
        ("كاليمار", [XA, XB, XC]),  # Arabic script, by its consonants
        ("wikidata:Q999000001", [XA]),
        ("WIKIDATA:q999000001", [XA]),
        ("kalimar-qozgalysy", [XB]),
    ],
)
def test_queries_in_any_script_and_case(reg: Registry, query: str, lists: list[str]) -> None:
    h = history(reg, query)
    assert [m.list_id for m in h.matches] == lists
    assert all("kalimar" in m.entry.id for m in h.matches)


def test_a_whole_name_beats_words_inside_another_name(reg: Registry) -> None:
    assert [m.entry.id for m in history(reg, "Kalimar").matches if m.list_id == XA] == ["kalimar"]
    front = history(reg, "Front").matches
    assert [(m.list_id, m.entry.id) for m in front] == [(XA, "north-kalimar-front")]


def test_nothing_matches(reg: Registry) -> None:
    assert history(reg, "Nobody At All").matches == ()
    assert history(reg, "Kalimar Nobody At All").matches == ()  # most of the query is missing


def test_spelling_variants_and_word_order_score_below_an_exact_name(reg: Registry) -> None:
    exact = history(reg, "Kalimar Movement").matches
    assert {(m.score, m.reason) for m in exact} == {(1.0, Reason.EXACT)}
    reordered = history(reg, "Movement Kalimar").matches
    assert [m.entry.id for m in reordered if m.list_id == XA] == ["kalimar"]
    assert {m.reason for m in reordered} == {Reason.TOKEN_SET}
    variant = history(reg, "Kalima").matches  # one letter short: a fuzzy match
    assert variant and all(m.reason is Reason.FUZZY and 0.85 <= m.score < 1 for m in variant)
    assert history(reg, "Kalima", threshold=0.95).matches == ()


@pytest.mark.parametrize("query", ["", "   ", "«»", "--"])
def test_an_empty_query_is_a_usage_error(reg: Registry, query: str) -> None:
    with pytest.raises(UsageError, match="empty"):
        history(reg, query)


def test_bad_date_is_a_usage_error(reg: Registry) -> None:
    with pytest.raises(UsageError, match="--on"):
        history(reg, "Kalimar", on="2024-02-30")


def test_unexplained_and_partial_removals_on_the_sample_list() -> None:
    reg = Registry(SAMPLE_DATA)
    charlie = history(reg, "charlie").matches[0]  # removed from a complete snapshot, no act
    assert charlie.status is Standing.DELISTED
    assert [(e.action.value, e.explained, e.basis) for e in charlie.events][1:] == [
        ("delisted", False, ())
    ]
    echo = history(reg, "Echo Brigade").matches[0]  # delisted by a record in a partial one
    assert timeline(echo)[-1] == ("2021-06-15", "delisted", "2022-01-01")
    golf = history(reg, "golf").matches[0]  # first seen late: listed on its listed_on
    assert timeline(golf) == [("2019-01-01", "listed", "2021-01-01")]
    alpha = history(reg, "Движение Альфа", on="2020-11-29").matches[0]
    assert alpha.status is Standing.ACTIVE
    assert history(reg, "alpha", on="2020-11-30").matches[0].status is Standing.SUSPENDED
    # the first snapshot's own change record lists alpha: no second listing event
    assert [e.action.value for e in alpha.events] == ["listed", "suspended"]


def test_cli_text_reads_like_a_timeline(cli: Callable[..., Result]) -> None:
    r = cli("--data", str(DATA), "history", "Kalimar", "--on", "2024-01-01")
    assert r.code == 0, r.err
    assert "status: active on 2024-01-01" in r.out
    assert "2025-04-17  suspended   Imaginary Supreme Court, ВС-25-4, 2025-04-17" in r.out
    assert r.out.index(XA) < r.out.index(XB) < r.out.index(XC)


def test_cli_json_contract(cli: Callable[..., Result]) -> None:
    r = cli("--data", str(DATA), "history", "калимар", "--format", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert list(doc) == ["format", "query", "on", "matches"]
    assert doc["format"] == "designations.history/1"
    assert doc["query"] == "калимар" and doc["on"] is None
    first = doc["matches"][0]
    assert list(first) == [
        "list",
        "entry",
        "name",
        "matched",
        "score",
        "reason",
        "status",
        "status_unsettled",
        "former_id",
        "events",
    ]
    assert (first["list"], first["entry"], first["status"]) == (XA, "kalimar", "suspended")
    assert (first["matched"], first["score"], first["reason"]) == ("Калимар", 1.0, "alias")
    assert first["events"][0] == {
        "date": "2003-02-14",
        "action": "listed",
        "first_seen": False,
        "snapshot": "2003-02-14",
        "basis": [
            {
                "id": "court-2003",
                "kind": "court-decision",
                "authority": "Imaginary Supreme Court",
                "reference": "ВС-03-1",
                "title": "Decision banning the Kalimar Movement",
                "date": "2003-02-14",
                "effective": None,
                "url": "https://example.org/xa/court-2003",
                "certainty": "confirmed",
                "note": None,
            }
        ],
        "note": None,
        "scope": [],
    }


def test_cli_markdown(cli: Callable[..., Result]) -> None:
    r = cli("--data", str(DATA), "history", "Kalimar", "-f", "markdown")
    assert r.code == 0
    row = "| 2024-09-20 | delisted | Imaginary Supreme Court, ИВС-24-9, 2024-09-20 | 2024-09-30 |"
    assert row in r.out


def test_cli_exit_codes() -> None:
    none = run("--data", str(DATA), "history", "Nobody At All")
    assert (none.code, none.out) == (1, "No entry matches 'Nobody At All'.\n")
    bad = run("--data", str(DATA), "history", "Kalimar", "--on", "yesterday")
    assert bad.code == 2
    assert bad.err.count("\n") == 1 and "--on" in bad.err and "Traceback" not in bad.err
    empty = run("--data", str(DATA), "history", " ")
    assert (empty.code, empty.out) == (2, "")
    assert empty.err.count("\n") == 1 and "the query is empty" in empty.err


def test_taliban_in_the_bundled_data() -> None:
    """The issue's acceptance check, on the data shipped with the package."""
    reg = Registry()
    if "ru-terrorist-organizations" not in reg:
        pytest.skip("the bundled data holds no Russian list")
    lists = ["kg-banned-organizations", "kz-terrorist-organizations", "ru-terrorist-organizations"]
    # other lists' entries may match too (e.g. Tehrik-e Taliban Pakistan): keep the Taliban's own
    now = {k: m for k, m in by_list(history(reg, "Taliban")).items() if m.entry.id == "taliban"}
    assert set(lists) <= set(now)
    ru = now["ru-terrorist-organizations"]
    assert ru.status is Standing.SUSPENDED
    assert [(str(e.date), e.action.value) for e in ru.events] == [
        ("2003-02-14", "listed"),
        ("2025-04-17", "suspended"),
    ]
    assert now["kz-terrorist-organizations"].status is Standing.DELISTED
    assert now["kg-banned-organizations"].status is Standing.DELISTED
    then = by_list(history(reg, "Taliban", on="2024-01-01"))
    assert {k: then[k].status for k in lists} == {
        "kg-banned-organizations": Standing.ACTIVE,
        "kz-terrorist-organizations": Standing.DELISTED,
        "ru-terrorist-organizations": Standing.ACTIVE,
    }
    for query in ("Талибан", "движение талибан", "ДВИЖЕНИЕ ТАЛИБАН", "طالبان", "Movement Taliban"):
        assert "ru-terrorist-organizations" in by_list(history(reg, query)), query
    arabic = {m.list_id: m for m in history(reg, "طالبان").matches}
    assert set(lists) <= set(arabic)
    assert all(arabic[k].entry.id == "taliban" and arabic[k].score == 1.0 for k in lists)


def test_a_shared_cross_reference_connects_lists_whatever_the_names(tmp_path: Path) -> None:
    """An entity whose name on one list does not match the query is still found through a
    cross-reference it shares with an entry that does match."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "history", data)
    folder = data / "lists" / "xa-banned-organizations"
    shutil.copytree(folder, data / "lists" / "xd-banned-organizations")
    other = data / "lists" / "xd-banned-organizations"
    (other / "list.yaml").write_text(
        (other / "list.yaml")
        .read_text(encoding="utf-8")
        .replace("xa-banned-organizations", "xd-banned-organizations")
        .replace("jurisdiction: XA", "jurisdiction: XD"),
        encoding="utf-8",
    )
    for snapshot in other.glob("2*.yaml"):
        text = snapshot.read_text(encoding="utf-8").replace(
            "xa-banned-organizations", "xd-banned-organizations"
        )
        snapshot.write_text(text.replace("Kalimar Movement", "Zorbic Unity"), encoding="utf-8")
    found = {m.list_id: m.entry.id for m in history(Registry(data), "Kalimar Movement").matches}
    assert found["xd-banned-organizations"] == "kalimar"
    assert found["xa-banned-organizations"] == "kalimar"
    assert "Zorbic Unity" in {
        m.entry.name for m in history(Registry(data), "Kalimar Movement").matches
    }


REKEY_LIST = two_act_list(
    "xe-rekeyed", "Imaginary list that renames its entries' ids", authority="Imaginary Council"
)


def _rekeyed_list(tmp_path: Path, twin: bool) -> Registry:
    """kp-068 listed in 2019, re-keyed to kpe-068 in 2020 (same refs.un), delisted in 2021. With
    ``twin``, another entity sharing the refs.un value stands beside kp-068 in 2020-01-01."""
    folder = tmp_path / "lists" / "xe-rekeyed"
    folder.mkdir(parents=True)
    (folder / "list.yaml").write_text(REKEY_LIST, "utf-8")
    head = (
        "list: xe-rekeyed\nas_of: {day}\ncompleteness: complete\nsources: [https://example.org]\n"
    )
    entry = (
        "  - id: {id}\n    name: {name}\n    type: organization\n"
        "    listed_on: 2019-05-01\n    basis: [res-1]\n    refs: {{un: KPe.068}}\n"
    )
    corp = entry.format(id="kp-068", name="Korea Mining Corp")
    other = entry.format(id="kp-twin", name="Twin Trading") if twin else ""
    snapshots = {
        "2020-01-01": corp + other,
        "2020-06-01": entry.format(id="kpe-068", name="Korea Mining Corp"),
        "2021-03-01": "",
    }
    for day, entries in snapshots.items():
        text = head.format(day=day) + ("entries:\n" + entries if entries else "entries: []\n")
        if day == "2021-03-01":
            text += (
                "changes:\n  - entry: kpe-068\n    action: delisted\n"
                "    effective: 2021-03-01\n    basis: [res-2]\n"
            )
        (folder / f"{day}.yaml").write_text(text, "utf-8")
    return Registry(tmp_path)


def test_history_follows_an_entity_across_a_rekey(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    reg = _rekeyed_list(tmp_path, twin=False)
    for query in ("kp-068", "kpe-068"):
        [match] = history(reg, query).matches
        assert match.entry.id == "kpe-068", query  # the latest record, under its new id
        assert timeline(match) == [
            ("2019-05-01", "listed", "2020-01-01"),
            ("2020-06-01", "amended", "2020-06-01"),
            ("2021-03-01", "delisted", "2021-03-01"),
        ]
        assert match.events[1].note == "re-keyed: the id 'kp-068' became 'kpe-068'"
        assert match.status is Standing.DELISTED
        assert match.because is not None
        assert [i.reference for i in match.because.basis] == ["R-2"]
    result = cli("--data", str(tmp_path), "history", "kp-068", "--format", "json")
    assert result.code == 0, result.err
    [event] = [e for e in json.loads(result.out)["matches"][0]["events"] if e["note"]]
    assert event["action"] == "amended" and "'kpe-068'" in event["note"]


def test_a_former_id_is_said_to_be_one(tmp_path: Path, cli: Callable[..., Result]) -> None:
    """`history 6908682` (UN's id for MYOHYANG SHIPPING before it became 6908967) matched the
    entry shown under its new id, and said "match: 1.00 id" beside that other id."""
    reg = _rekeyed_list(tmp_path, twin=False)
    [old] = history(reg, "kp-068").matches
    [new] = history(reg, "kpe-068").matches
    assert (old.former_id, new.former_id) == ("kp-068", None)
    text = cli("--data", str(tmp_path), "history", "kp-068").out
    assert "    match: 1.00 former id kp-068 (now kpe-068)\n" in text
    assert "match: 1.00 id\n" in cli("--data", str(tmp_path), "history", "kpe-068").out
    markdown = cli("--data", str(tmp_path), "history", "kp-068", "-f", "markdown").out
    assert "Match: 1.00 former id kp-068 (now kpe-068)." in markdown
    [match] = json.loads(cli("--data", str(tmp_path), "history", "kp-068", "-f", "json").out)[
        "matches"
    ]
    assert (match["entry"], match["matched"], match["former_id"]) == ("kpe-068", "id", "kp-068")


def test_entries_side_by_side_are_not_one_entity_whatever_they_share(tmp_path: Path) -> None:
    reg = _rekeyed_list(tmp_path, twin=True)
    [match] = [m for m in history(reg, "kp-twin").matches if m.entry.id == "kp-twin"]
    # kp-twin stood beside kp-068: it is not the entity re-keyed to kpe-068
    assert timeline(match) == [
        ("2019-05-01", "listed", "2020-01-01"),
        ("2020-06-01", "delisted", "2020-06-01"),
    ]
    assert not match.events[1].explained


def test_a_name_query_shows_a_rekeyed_entity_once(tmp_path: Path) -> None:
    """The name matches the entry under its old id and under its new one (UN's MYOHYANG
    SHIPPING CO, 6908682 → 6908967): one entity, one match, not the same timeline twice."""
    reg = _rekeyed_list(tmp_path, twin=False)
    [match] = history(reg, "Korea Mining Corp").matches
    assert match.entry.id == "kpe-068"
    assert [e.action.value for e in match.events] == ["listed", "amended", "delisted"]


def test_a_status_whose_event_is_known_only_to_the_month_is_not_given_as_certain(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    """The Taliban left Kazakhstan's list in "2023-12" (day unknown): on 2023-12-15 it may still
    have been listed, so `history --on 2023-12-15` must not say plainly "delisted on
    2023-12-15"; before and after the month it can."""
    name = "Imaginary list that renames its entries' ids"
    delisted_folder(tmp_path, "xe-rekeyed", "2021-03", name)
    reg = Registry(tmp_path)
    [within] = history(reg, "corp", on="2021-03-15").matches
    assert within.status is Standing.DELISTED and within.unsettled
    [after] = history(reg, "corp", on="2021-04-01").matches
    assert after.status is Standing.DELISTED and not after.unsettled
    text = cli("--data", str(tmp_path), "history", "corp", "--on", "2021-03-15").out
    assert "delisted on 2021-03-15, since 2021-03" in text
    assert "the day in 2021-03 is not known: on 2021-03-15 it may not have taken effect yet" in text
    document = json.loads(
        cli("--data", str(tmp_path), "history", "corp", "--on", "2021-03-15", "-f", "json").out
    )
    assert document["matches"][0]["status_unsettled"] is True
    plain = cli("--data", str(tmp_path), "history", "corp", "--on", "2021-04-01").out
    assert "not known" not in plain


def test_a_delisting_in_part_leaves_the_entry_listed(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    """Australia re-lists JNIM by a new regulation: a `delisted` record with `scope:` (the old
    regulation) and an `amended` one. The entry stays on the list, so history must not say
    "delisted now" (it did, for every such re-listing)."""
    relisted_folder(tmp_path)
    reg = Registry(tmp_path)
    assert check(reg).findings == ()
    [match] = history(reg, "corp").matches
    assert match.status is Standing.ACTIVE
    assert [(e.action.value, e.scoped) for e in match.events] == [
        ("listed", False),
        ("delisted", True),
        ("amended", False),
    ]
    text = cli("--data", str(tmp_path), "history", "corp").out
    assert "status: active now, since 2019-05-01" in text
    assert "in part: under R-1 only; the entry stays listed" in text
    document = json.loads(cli("--data", str(tmp_path), "history", "corp", "-f", "json").out)
    assert [e["scope"] for e in document["matches"][0]["events"]] == [[], ["res-1"], []]
    markdown = cli("--data", str(tmp_path), "history", "corp", "-f", "markdown").out
    assert "| delisted (in part: under R-1 only; the entry stays listed) |" in markdown
