"""``screen``: the user's own names against the lists in force on a date, or against the changes
of a period; reading their file strictly."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from designations import DataError, EntryType, Registry, Subject, UsageError, read_subjects, screen
from designations.datafolder import bundled_data
from designations.names import Reason
from designations.vocab import ChangeKind, Verdict

from .check_data import delisted_folder, relisted_folder
from .conftest import FIXTURES, Result, run

DATA = FIXTURES / "history"
XA, XB, XC = "xa-banned-organizations", "xb-terrorist-organizations", "xc-banned-organizations"


@pytest.fixture(scope="module")
def reg() -> Registry:
    return Registry(DATA)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# reading the user's file


def test_csv_with_id_and_type_columns_in_any_case_and_order(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "names.csv",
        '\ufeffType,Notes,NAME,Id\r\nIndividual,x,"Soleimani, Qasem",c-1\r\n,,ACME Ltd,\r\n\r\n',
    )
    assert read_subjects(path) == [
        Subject("Soleimani, Qasem", "c-1", EntryType.INDIVIDUAL),
        Subject("ACME Ltd", None, None),
    ]
    assert [s.line for s in read_subjects(path)] == [2, 3]


@pytest.mark.parametrize("separator", [";", "\t"])
def test_csv_separated_by_semicolons_or_tabs(tmp_path: Path, separator: str) -> None:
    """Spreadsheets in many locales save "CSV" with semicolons; a tab-separated export is as
    common: a header row with no comma but one of these is read with it."""
    header, row = separator.join(["Name", "Id"]), separator.join(["Soleimani, Qasem", "c-1"])
    path = write(tmp_path, "names.csv", f"{header}\r\n{row}\r\n")
    assert read_subjects(path) == [Subject("Soleimani, Qasem", "c-1")]


def test_json_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "names.jsonl", '{"name": "Kalimar", "id": 7}\n\n{"name": "Талибан"}\n')
    assert read_subjects(path) == [Subject("Kalimar", "7"), Subject("Талибан")]


@pytest.mark.parametrize(
    ("name", "content", "where", "says"),
    [
        ("a.csv", "id,title\n1,Kalimar\n", "a.csv:1:", "no 'name' column (columns: 'id', 'title')"),
        ("b.csv", "id,name\n1,Kalimar\n2,Caf\xe9\n".encode("latin-1"), "b.csv:3:", "not UTF-8"),
        ("c.csv", "id,name\n1,Kalimar\n2,  \n", "c.csv:3: name:", "row 3 has no name"),
        ("d.csv", "name,type\nKalimar,ship\n", "d.csv:2: type:", "unknown type 'ship'"),
        ("p.csv", "name\nKalimar\n«—»\n", "p.csv:3: name:", "'«—»' has no letters or digits"),
        ("e.csv", "", "e.csv:1:", "the file is empty"),
        ("f.jsonl", '{"name": "x"}\n{"name": \n', "f.jsonl:2:", "not a JSON object"),
        ("g.jsonl", '{"id": 1}\n', "g.jsonl:1: name:", "has no name"),
        ("h.jsonl", '["Kalimar"]\n', "h.jsonl:1:", "each line must be an object"),
        # An opening quote never closed swallowed the rest of the file as one name.
        ("q.csv", 'name\nKalimar\n"Zorbic Unity\nAcme\n', "q.csv:", "not valid CSV"),
    ],
)
def test_a_bad_file_is_one_error_naming_file_and_row(
    tmp_path: Path, name: str, content: str | bytes, where: str, says: str
) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(DataError) as caught:
        read_subjects(path)
    message = str(caught.value)
    assert message.startswith(str(tmp_path / where)) and says in message, message
    assert "\n" not in message


# screening


def test_against_the_lists_in_force_on_a_date(reg: Registry) -> None:
    result = screen(reg, ["Kalimar", "Nobody Else"], on="2024-01-01")
    assert result.subjects == 2 and result.on is not None and not result.changes_mode
    found = [(h.list_id, h.entry.id, h.reason, h.status) for h in result.hits]
    assert found == [
        (XA, "kalimar", Reason.ALIAS, "active"),
        (XB, "kalimar-qozgalysy", Reason.EXACT, "active"),
        (XC, "kalimar", Reason.EXACT, "active"),
        (XA, "north-kalimar-front", Reason.TOKEN_SET, "active"),  # the query's word among more
    ]
    assert all(h.change is None and h.basis == h.listed_under for h in result.hits)
    assert [i.reference for i in result.hits[0].listed_under] == ["ВС-03-1"]


def test_a_later_date_gives_the_status_then(reg: Registry) -> None:
    hits = screen(reg, ["Kalimar"], on="2025-05-01", threshold=1.0).hits
    # the Kalimar Movement is suspended in XA; XC no longer lists it at all
    assert [(h.list_id, h.status) for h in hits] == [(XA, "suspended"), (XB, "active")]


def test_against_the_changes_of_a_period(reg: Registry) -> None:
    result = screen(
        reg, [Subject("Kalimar", "k1"), Subject("Nobody Else", "k2")], since="2024-01-01"
    )
    assert result.changes_mode and result.until is None
    found = [
        (h.subject.id, h.list_id, h.change, h.action.value if h.action else None, h.status)
        for h in result.hits
    ]
    assert found == [
        ("k1", XA, ChangeKind.AMENDED, "suspended", "suspended"),
        ("k1", XC, ChangeKind.REMOVED, "delisted", "delisted"),
    ]
    removal = result.hits[1]
    assert str(removal.effective) == "2024-09-20" and removal.verdict is Verdict.EXPLAINED
    assert [i.reference for i in removal.basis] == ["ИВС-24-9"]  # the act behind the delisting


def test_a_period_with_no_change_to_a_name_has_no_hits(reg: Registry) -> None:
    assert screen(reg, ["Kalimar"], since="2025-04-17").hits == ()


def test_type_keeps_a_name_from_matching_another_kind_of_entry(reg: Registry) -> None:
    ship = Subject("Kalimar", type=EntryType.VESSEL)
    assert screen(reg, [ship], on="2024-01-01").hits == ()


def test_lists_and_threshold(reg: Registry) -> None:
    only = screen(reg, ["Kalimar"], on="2024-01-01", lists=[XB])
    assert {h.list_id for h in only.hits} == {XB} and only.lists == (XB,)
    exact = screen(reg, ["Kalimar"], on="2024-01-01", threshold=1.0)
    assert all(h.score == 1.0 for h in exact.hits) and len(exact.hits) == 3


def test_a_list_with_no_snapshot_in_force_is_skipped_and_said_so(reg: Registry) -> None:
    result = screen(reg, ["Kalimar"], on="2004-01-01")
    assert [s.list_id for s in result.skipped] == [XB]
    assert {h.list_id for h in result.hits} == {XA, XC}


@pytest.mark.parametrize(
    ("kwargs", "says"),
    [
        ({"on": "2024-01-01", "since": "2023-01-01"}, "one or the other"),
        ({"since": "2024-02-30"}, "--since"),
        ({"since": "2024-05-01", "until": "2024-01-01"}, "must not be after"),
        ({"lists": ["no-such-list"]}, "no list 'no-such-list'"),
        ({"threshold": 0.0}, "--threshold"),
    ],
)
def test_bad_arguments_are_usage_errors(
    reg: Registry, kwargs: dict[str, object], says: str
) -> None:
    with pytest.raises(UsageError, match=says):
        screen(reg, ["Kalimar"], **kwargs)  # type: ignore[arg-type]


def test_an_empty_name_is_a_usage_error(reg: Registry) -> None:
    with pytest.raises(UsageError, match="name 2: the name is empty"):
        screen(reg, ["Kalimar", " «» "])


# the command


def test_cli_exit_codes_and_formats(tmp_path: Path, cli: Callable[..., Result]) -> None:
    hit = write(tmp_path, "hit.csv", "id,name\nk1,Kalimar\nk2,Nobody Else\n")
    none = write(tmp_path, "none.csv", "name\nNobody Else\n")
    base = ("--data", str(DATA), "screen")
    text = cli(*base, str(hit), "--on", "2024-01-01")
    assert text.code == 1, text.err
    assert "2 names screened against the lists in force on 2024-01-01" in text.out
    assert "xc-banned-organizations kalimar: КАЛИМАР (1.00 exact name)" in text.out
    assert cli(*base, str(none), "--on", "2024-01-01").code == 0
    doc = json.loads(cli(*base, str(hit), "--since", "2024-01-01", "-f", "json").out)
    assert doc["format"] == "designations.screen/1" and doc["since"] == "2024-01-01"
    assert [(h["subject_id"], h["list"], h["change"]) for h in doc["hits"]] == [
        ("k1", XA, "amended"),
        ("k1", XC, "removed"),
    ]
    assert doc["hits"][1]["basis"][0]["reference"] == "ИВС-24-9"
    csv_out = cli(*base, str(hit), "--on", "2024-01-01", "-f", "csv").out
    assert csv_out.startswith("\ufeffline,subject_id,subject,list,entry,")
    assert csv_out.count("\r\n") == 5
    md = cli(*base, str(hit), "--on", "2024-01-01", "-f", "markdown").out
    assert "| k1: Kalimar (line 2) | `xc-banned-organizations` |" in md


def test_cli_errors_are_one_line_exit_2(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.csv", "id,title\n1,x\n")
    for args in (
        (str(bad),),
        (str(tmp_path / "missing.csv"),),
        (
            str(write(tmp_path, "ok.csv", "name\nx\n")),
            "--on",
            "2024-01-01",
            "--since",
            "2023-01-01",
        ),
        (str(write(tmp_path, "ok2.csv", "name\nx\n")), "--threshold", "1.5"),
    ):
        result = run("--data", str(DATA), "screen", *args)
        assert result.code == 2, (args, result)
        assert result.err.count("\n") == 1 and "Traceback" not in result.err, result.err


def test_a_period_that_starts_before_a_list_does_counts_its_changes(reg: Registry) -> None:
    """--since before a list's first snapshot (XC starts 2003-10-01): the list's changes in
    the period are screened from its first snapshot on, not skipped (as `report` does)."""
    result = screen(reg, ["Kalimar"], since="2003-01-01", threshold=1.0)
    assert result.skipped == ()
    assert (XC, ChangeKind.REMOVED) in {(h.list_id, h.change) for h in result.hits}
    # A period that ends before a list's first snapshot still skips it, saying so.
    early = screen(reg, ["Kalimar"], since="2003-01-01", until="2003-06-01")
    assert {s.list_id for s in early.skipped} == {XB, XC}


def test_a_delisting_in_part_is_not_shown_as_a_delisting(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    """A re-listing by a new act (a scoped `delisted` record and an `amended` one, as
    Australia's data records JNIM's) said `delisted 2021-03-01, under …` in screen's text: a
    user could drop a name that is still listed. It says the delisting was in part."""
    relisted_folder(tmp_path)
    names = write(tmp_path, "names.csv", "name\nKalimar Mining Corp\n")
    out = cli("--data", str(tmp_path), "screen", str(names), "--since", "2021-01-01").out
    assert "delisted in part 2021-03-01 (the entry stays listed), under" in out
    assert "    delisted 2021-03-01" not in out


def _pending_folder(tmp_path: Path, effective: str) -> Path:
    """Korea Mining Corp, listed in 2019, is gone from the snapshot of 2021-12-31, whose record
    dates its delisting ``effective`` (before that snapshot)."""
    name = "Imaginary list whose next snapshot records a delisting of the past"
    return delisted_folder(tmp_path, "xe-pending", effective, name)


def test_on_a_day_inside_a_month_precise_delisting_screen_says_what_history_says(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    """QA item 20: the list in force on 2021-03-15 (the snapshot of 2020-01-01) holds the entry,
    but the next snapshot records its delisting in "2021-03", day unknown. `history --on` says
    "delisted, the day is not known"; `screen --on` kept saying "active" with no caveat. Now the
    hit (kept: the entry may still have been listed) carries the delisting and says the day is
    not known; the JSON says so in `pending`."""
    data = _pending_folder(tmp_path, "2021-03")
    reg = Registry(data)
    [hit] = screen(reg, ["Korea Mining Corp"], on="2021-03-15").hits
    assert hit.status == "active"
    assert hit.pending is not None and not hit.pending.certain
    assert (hit.pending.action.value, str(hit.pending.effective)) == ("delisted", "2021-03")
    names = write(tmp_path, "names.csv", "name\nKorea Mining Corp\n")
    args = ("--data", str(data), "screen", str(names), "--on", "2021-03-15")
    text = cli(*args)
    assert text.code == 1
    assert "the snapshot of 2021-12-31 records it delisted in 2021-03 under " in text.out
    assert "the day in 2021-03 is not known, so on 2021-03-15 it may already have taken" in text.out
    assert "may already have taken effect" in cli(*args, "-f", "markdown").out
    pending = json.loads(cli(*args, "-f", "json").out)["hits"][0]["pending"]
    assert pending["action"] == "delisted" and pending["certain"] is False
    assert (pending["effective"], pending["recorded"]) == ("2021-03", "2021-12-31")
    # before the month, nothing is pending; the list in force is the whole truth
    [before] = screen(reg, ["Korea Mining Corp"], on="2021-02-27").hits
    assert before.pending is None and before.status == "active"
    assert json.loads(cli(*args[:-1], "2021-02-27", "-f", "json").out)["hits"][0]["pending"] is None


def test_a_delisting_in_effect_before_the_next_snapshot_gives_the_status(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    """A delisting effective 2021-03-10 that only the snapshot of 2021-12-31 shows: on
    2021-06-01 the entry is delisted (as `history --on` says), though the snapshot in force
    still holds it; the hit says so, and why."""
    data = _pending_folder(tmp_path, "2021-03-10")
    [hit] = screen(Registry(data), ["Korea Mining Corp"], on="2021-06-01").hits
    assert hit.status == "delisted"
    assert hit.pending is not None and hit.pending.certain
    names = write(tmp_path, "names.csv", "name\nKorea Mining Corp\n")
    out = cli("--data", str(data), "screen", str(names), "--on", "2021-06-01").out
    assert "    delisted: listed under " in out
    assert "records it delisted on 2021-03-10 under " in out
    assert "in effect on 2021-06-01, though the list in force does not show it yet" in out
    history_out = cli("--data", str(data), "history", "corp", "--on", "2021-06-01").out
    assert "delisted on 2021-06-01, since 2021-03-10" in history_out


@pytest.mark.parametrize(
    ("name", "listed", "on", "pending", "other"),
    [
        # the next snapshot dates the delisting to "2023-12": it may have taken effect by the 15th
        (
            "Taliban",
            "kz-terrorist-organizations",
            "2023-12-15",
            ("delisted", "2023-12", "false"),
            "al-Qaida",
        ),
        # delisted 2017-12-22, shown only by the snapshot of 2019-03-01: delisted on 2018-06-01
        (
            "Hezb-e-Islami Gulbuddin",
            "gb-proscribed",
            "2018-06-01",
            ("delisted", "2017-12-22", "true"),
            "Hamas",
        ),
    ],
)
def test_the_csv_carries_what_is_pending(
    tmp_path: Path,
    cli: Callable[..., Result],
    name: str,
    listed: str,
    on: str,
    pending: tuple[str, str, str],
    other: str,
) -> None:
    """`screen --on -f csv` had no column for `pending`: a CSV reader saw `active` for the KZ
    Taliban without the caveat the JSON, text and Markdown give. The `pending_*` columns, after
    the earlier ones (kept in their order), say what the JSON's `pending` says; a hit with
    nothing pending leaves them empty. Bundled data (the cases of qa5)."""
    names = write(tmp_path, "names.csv", f"name\n{name}\n{other}\n")
    args = ("--data", str(bundled_data()), "screen", str(names), "--on", on, "--list", listed)
    table = cli(*args, "-f", "csv")
    assert table.code == 1, table.err
    rows = list(csv.DictReader(io.StringIO(table.out.removeprefix("\ufeff"))))
    assert list(rows[0])[:16] == [
        "line", "subject_id", "subject", "list", "entry", "entry_name", "matched", "score",
        "reason", "status", "change", "action", "effective", "verdict", "acts", "listed_under",
    ]  # fmt: skip
    hits = json.loads(cli(*args, "-f", "json").out)["hits"]
    assert [(r["subject"], r["entry"], r["status"]) for r in rows] == [
        (h["subject"], h["entry"], h["status"]) for h in hits
    ]
    [row] = [r for r in rows if r["subject"] == name]
    [hit] = [h for h in hits if h["subject"] == name]
    cells = (row["pending_action"], row["pending_effective"], row["pending_certain"])
    assert cells == pending
    assert (row["pending_recorded"], row["status"]) == (hit["pending"]["recorded"], hit["status"])
    assert hit["pending"]["certain"] is (pending[2] == "true")
    # the acts behind the change, not those the entry was listed under
    assert row["pending_acts"] and row["pending_acts"] != row["listed_under"]
    for act in hit["pending"]["basis"]:
        assert act["authority"] in row["pending_acts"] and act["date"] in row["pending_acts"]
    [plain] = [r for r in rows if r["subject"] == other]  # nothing pending
    assert [plain[k] for k in list(plain)[16:]] == [""] * 5


@pytest.mark.parametrize("when", [["--on", "1990-01-01"], ["--until", "1990-01-01"]])
def test_a_screening_against_no_list_at_all_is_not_a_pass(
    tmp_path: Path, cli: Callable[..., Result], when: list[str]
) -> None:
    """A date before every list's first snapshot skipped every list and still said "0 hits",
    exit 0: a CI job would read "no name matched" when no name was screened at all."""
    names = write(tmp_path, "names.csv", "name\nKalimar Mining Corp\n")
    result = cli("--data", str(DATA), "screen", str(names), *when)
    assert result.code == 2 and result.out == ""
    assert result.err.count("\n") == 1
    assert "nothing was screened: every list was skipped" in result.err
    assert "has no snapshot in force on 1990-01-01" in result.err
    # one list of several skipped: the others are screened, and that is said
    some = cli("--data", str(DATA), "screen", str(names), "--on", "2003-06-01")
    assert some.code in (0, 1) and "skipped" in some.out


def test_standard_input_is_not_a_file_of_names(cli: Callable[..., Result]) -> None:
    """`screen -` said `-: cannot read file: No such file or directory`: it says that names are
    read from a file, and how to give one."""
    result = cli("--data", str(DATA), "screen", "-")
    assert result.code == 2 and result.err.count("\n") == 1
    assert "screen reads names from a file, not from standard input" in result.err
