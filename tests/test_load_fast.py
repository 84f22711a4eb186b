"""The loader's quick reading of well-formed entries (``load._quick_entry``: each value read by
its kind's ``shape.Kind.quick``) must never accept what the full reading refuses, and must build
exactly the same record when it accepts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from designations.errors import DataError
from designations.fields import Collector
from designations.load import (
    _entry,
    _full_change,
    _quick_change,
    _quick_entry,
    load_list_info,
    load_snapshot,
)
from designations.shape import Context
from designations.yamlio import parse_bytes

from .conftest import SAMPLE_DATA

LIST = SAMPLE_DATA / "lists" / "xx-sample" / "list.yaml"
AS_OF = dt.date(2021, 1, 1)

# For each key, values the format accepts and values it refuses (None: the key is left out).
VALUES: dict[str, list[str | None]] = {
    "id": ["alpha", "a.b-c_d", "Alpha", "", "~", "[a]"],
    "name": ["Alpha", "Движение", '"  "', "", "{a: b}"],
    "type": ["organization", "individual", "Organization", "person", "[x]"],
    "listed_on": ["2001-01-10", "2001-01", "2001", "2030-01-01", "2001-02-30", "soon", ""],
    "basis": ["[dec-2001]", "[dec-2001, dec-2020]", "[]", "[nope]", "[Dec]", "dec-2001", "[~]"],
    "names": [
        None,
        "[]",
        "[{name: A}]",
        "[{name: A, lang: ru, kind: alias}]",
        "[{name: A, lang: xx1}]",
        "[{name: A, kind: nick}]",
        "[{name: A, lang: }]",
        "[{lang: ru}]",
        "[{name: A, extra: 1}]",
        "[A]",
        "{name: A}",
    ],
    "status": [None, "active", "suspended", "banned", ""],
    "refs": [None, "{}", "{un: '0755', wikidata: Q1}", "{un: }", "{un: [a]}", "[a]"],
    "notes": [None, "Some note.", "''", "", "[a]"],
    "certainty": [None, "confirmed", "uncertain", "inferred", "sure", ""],
    "extra": [None, None, None, "x"],
}


def entry_text(choice: dict[str, str | None]) -> bytes:
    lines = ["entries:"]
    first = True
    for key, value in choice.items():
        if value is None:
            continue
        lines.append(f"  {'- ' if first else '  '}{key}: {value}")
        first = False
    if first:
        lines.append("  - {}")
    return ("\n".join(lines) + "\n").encode()


choices = st.fixed_dictionaries({key: st.sampled_from(values) for key, values in VALUES.items()})


@settings(max_examples=300, deadline=None)
@given(choices)
def test_the_fast_path_builds_what_the_full_reading_builds_or_declines(
    choice: dict[str, str | None],
) -> None:
    info = load_list_info(LIST)
    tree = parse_bytes(entry_text(choice), "x.yaml")
    node, line = tree["entries"][0], tree["entries"].item_lines[0]
    out = Collector("x.yaml")
    slow = _entry(out, node, line, "entries[0]", Context(info), AS_OF)
    fast = _quick_entry(node, line, Context(info), AS_OF)
    if out.problems:
        assert fast is None
    else:
        assert slow is not None
        assert fast == slow
        assert fast is not None and fast.line == slow.line


def test_a_snapshot_reads_the_same_with_entries_before_or_after_as_of(tmp_path: Path) -> None:
    """Entries read before ``as_of`` take the full reading; after, the quick reading."""
    folder = tmp_path / "lists" / "xx-sample"
    folder.mkdir(parents=True)
    (folder / "list.yaml").write_bytes(LIST.read_bytes())
    source = (SAMPLE_DATA / "lists" / "xx-sample" / "2021-01-01.yaml").read_text("utf-8")
    head, entries = source.split("entries:\n", 1)
    entries, changes = entries.split("changes:\n", 1)
    (folder / "2021-01-01.yaml").write_text(source, "utf-8")
    info = load_list_info(folder / "list.yaml")
    fast = load_snapshot(folder / "2021-01-01.yaml", info)
    moved = "entries:\n" + entries + head + "changes:\n" + changes
    (folder / "2021-01-01.yaml").write_text(moved, "utf-8")
    slow = load_snapshot(folder / "2021-01-01.yaml", info)
    assert fast == slow
    assert [e.line for e in fast.entries] != [e.line for e in slow.entries]  # the file moved


def test_a_bad_entry_among_good_ones_is_reported_as_before(tmp_path: Path) -> None:
    folder = tmp_path / "lists" / "xx-sample"
    folder.mkdir(parents=True)
    (folder / "list.yaml").write_bytes(LIST.read_bytes())
    text = (SAMPLE_DATA / "lists" / "xx-sample" / "2021-01-01.yaml").read_text("utf-8")
    text = text.replace(
        "    type: organization\n    listed_on: 2020-05-01",
        "    type: org\n    listed_on: 2020-05-01",
    )
    (folder / "2021-01-01.yaml").write_text(text, "utf-8")
    try:
        load_snapshot(folder / "2021-01-01.yaml")
    except DataError as exc:
        (problem,) = exc.problems
        assert problem.field == "entries[3].type"
        assert problem.rule == "bad-enum"
        assert text.splitlines()[problem.line - 1].strip() == "type: org"
    else:
        raise AssertionError("the bad type was not reported")


PREVIOUS = dt.date(2020, 6, 1)
CHANGE_VALUES: dict[str, list[str | None]] = {
    "entry": ["alpha", "Alpha", "", "[a]", None],
    "action": ["listed", "delisted", "amended", "suspended", "renamed", "", None],
    "basis": ["[dec-2001]", "[dec-2001, dec-2020]", "[]", "[nope]", "dec-2001", None],
    # inside the window (2020-06-01, 2021-01-01], on its edges, outside, malformed
    "effective": ["2020-12-01", "2021-01-01", "2020-06-01", "2020-06", "2020", "2021-02", "x"],
    "note": [None, "A note.", "", "[a]"],
    "scope": [None, None, "[dec-2001]", "[]", "[nope]"],
    "extra": [None, None, None, "x"],
}
change_choices = st.fixed_dictionaries(
    {key: st.sampled_from(values) for key, values in CHANGE_VALUES.items()}
)


@settings(max_examples=300, deadline=None)
@given(change_choices)
def test_the_fast_path_of_change_records_builds_what_the_full_reading_builds_or_declines(
    choice: dict[str, str | None],
) -> None:
    info = load_list_info(LIST)
    text = entry_text(choice).replace(b"entries:", b"changes:")
    tree = parse_bytes(text, "x.yaml")
    node, line = tree["changes"][0], tree["changes"].item_lines[0]
    out = Collector("x.yaml")
    fast = _quick_change(node, line, Context(info), AS_OF, PREVIOUS)
    slow = _full_change(out, node, line, "changes[0]", Context(info), AS_OF, PREVIOUS)
    if out.problems:
        assert fast is None
    else:
        assert slow is not None
        assert fast is None or (fast == slow and fast.line == slow.line)


def test_the_fast_path_of_change_records_is_taken() -> None:
    """Not a path that always declines: a well-formed record is read quickly."""
    info = load_list_info(LIST)
    text = b"changes:\n  - entry: alpha\n    action: listed\n    basis: [dec-2001]\n"
    tree = parse_bytes(text + b"    effective: 2020-12-01\n", "x.yaml")
    node = tree["changes"][0]
    fast = _quick_change(node, 2, Context(info), AS_OF, PREVIOUS)
    assert fast is not None and fast.entry == "alpha" and fast.line == 2
