"""Cutting a snapshot into its entries' texts, and reusing entries read before: the cut is
trusted only where the parser agrees with it."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from designations import DataError, Entry, Problem, incremental
from designations.incremental import cut, digests_of
from designations.load import read_snapshot

from .strategies import INFO

PATH = Path("/nonexistent/zz-prop/2020-01-01.yaml")
HEAD = b"list: zz-prop\nas_of: 2020-01-01\ncompleteness: complete\nsources:\n- src\n"


def item(eid: str, notes: bytes = b"plain") -> bytes:
    return (
        (
            f'- id: {eid}\n  name: X\n  type: organization\n  listed_on: "2001"\n'
            "  basis:\n  - law\n  notes: "
        ).encode()
        + notes
        + b"\n"
    )


def known_from(data: bytes) -> dict[bytes, Entry]:
    """A first reading's entries by their texts' digests: what a later reading may reuse."""
    reading = read_snapshot(data, PATH, INFO)
    assert reading.digests is not None
    return dict(zip(reading.digests, reading.snapshot.entries, strict=True))


def same_error(data: bytes, known: dict[bytes, Entry]) -> tuple[Problem, ...]:
    """The full reading's problems, which the incremental reading must report exactly."""
    with pytest.raises(DataError) as full:
        read_snapshot(data, PATH, INFO)
    with pytest.raises(DataError) as incremental:
        read_snapshot(data, PATH, INFO, known=known)
    assert incremental.value.problems == full.value.problems
    return full.value.problems


def test_the_cut_finds_each_entry_and_its_line() -> None:
    data = HEAD + b"entries:\n" + item("e1") + b"\n" + item("e2") + b"changes: []\n"
    where = cut(data)
    assert where is not None
    assert where.entries_line == 6
    assert where.lines == (7, 15)
    assert where.pieces(data) == [item("e1") + b"\n", item("e2")]
    assert where.end_line == 22
    reading = read_snapshot(data, PATH, INFO)
    assert reading.digests is not None and len(reading.digests) == 2


@pytest.mark.parametrize(
    "text",
    [
        HEAD + b"entries: [{id: e1}]\n",  # flow style
        HEAD + b"entries:\r\n" + item("e1"),  # other line breaks
        HEAD + b"entries:\n" + item("e1").replace(b"\n", b"\r\n"),
        HEAD + b"entries:\n\n" + item("e1"),  # not directly below its key
    ],
)
def test_text_of_another_shape_is_not_cut(text: bytes) -> None:
    assert cut(text) is None


def test_a_cut_the_parser_disagrees_with_is_never_used() -> None:
    """A quoted value that runs on over a line at the top level's indentation: the text looks
    like the entries end there. libyaml refuses it, and so does the incremental reading, with
    the entries read before (a known piece of text comes only from a reading that found it to
    be one whole entry)."""
    tail = b"changes: [{entry: e1, action: listed, basis: [law], effective: '2019'}]\n#'\n"
    data = HEAD + b"entries:\n" + item("e2") + item("e1", b"'x") + tail
    where = cut(data)
    assert where is not None and where.end_line == 21
    known = known_from(HEAD + b"entries:\n" + item("e2") + item("e1"))
    assert digests_of(data, where)[0] in known
    same_error(data, known)


def test_an_error_is_always_the_full_readings() -> None:
    good = HEAD + b"entries:\n" + item("e1") + item("e2")
    known = known_from(good)
    bad = HEAD + b"entries:\n" + item("e1") + item("e1")  # a duplicate id, from known texts
    problems = same_error(bad, known)
    assert problems[0].rule == "duplicate-id"
    assert problems[0].line == 14


def test_a_known_entry_listed_after_the_new_as_of_is_read_in_full() -> None:
    later = HEAD.replace(b"2020-01-01", b"2000-06-01")
    known = known_from(HEAD + b"entries:\n" + item("e1"))
    path = PATH.with_name("2000-06-01.yaml")
    with pytest.raises(DataError) as caught:
        read_snapshot(later + b"entries:\n" + item("e1"), path, INFO, known=known)
    assert caught.value.problems[0].rule == "listed-after-as-of"


def test_reused_entries_keep_their_new_lines() -> None:
    known = known_from(HEAD + b"entries:\n" + item("e1") + item("e2"))
    data = HEAD + b"entries:\n" + item("e0") + item("e2") + item("e1")
    reading = read_snapshot(data, PATH, INFO, known=known)
    assert reading.reused == 2
    full = read_snapshot(data, PATH, INFO)
    assert reading.snapshot == full.snapshot
    assert [e.line for e in reading.snapshot.entries] == [e.line for e in full.snapshot.entries]
    assert [e.line for e in reading.snapshot.entries] == [7, 14, 21]


@pytest.mark.parametrize("char", ["\u0085", "\u2028", "\u2029"])
def test_a_yaml11_line_break_in_a_new_entry_is_the_full_readings_error(char: str) -> None:
    """The cut does not look for NEL, LS or PS (the reader refuses them anywhere): a new entry
    holding one fails the incremental reading's parse, and the full reading reports it."""
    known = known_from(HEAD + b"entries:\n" + item("e1"))
    bad = HEAD + b"entries:\n" + item("e1") + item("e2", f"a{char}b".encode())
    assert cut(bad) is not None
    problems = same_error(bad, known)
    assert problems[0].rule == "yaml-line-break"
    assert problems[0].line == 20


def _both_forms(data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    """(compiled, Python) results of ``cut`` and ``skeleton`` (every second piece known)."""

    def run() -> object:
        where = incremental.cut(data)
        if where is None:
            return None
        digests = digests_of(data, where)
        return where, incremental.skeleton(data, where, digests, set(digests[::2]))

    compiled = run()
    with monkeypatch.context() as m:
        m.setattr(incremental, "_compiled_cut", None)
        m.setattr(incremental, "_compiled_skeleton", None)
        python = run()
    return compiled, python


EDGES = [
    HEAD + b"entries:\n" + item("e1") + b"\n" + item("e2") + b"changes: []\n",
    HEAD + b"entries:\n" + item("e1") + item("e2"),  # to the end of the file
    HEAD + b"entries:\n" + item("e1") + b"\n  \n \n" + item("e2") + b"x: 1",  # blank lines
    HEAD + b"entries:\n" + item("e1") + b"  -",  # a dash at the very end
    HEAD + b"entries:\n" + item("e1") + b"- ",
    HEAD + b"entries:\n" + item("e1") + b"-x\n" + item("e2"),  # not an item
    HEAD + b"entries:\n" + item("e1") + b"\n",  # a final empty line
    HEAD + b"entries:\n" + item("e1") + b"#c\n" + item("e2"),  # a comment in column 0
    HEAD + b"entries:\n" + b"- 0\n" * 5,
    HEAD + b"entries:\n  - a\n  - b\n   - c\n    d\n  -e\n  - f\nz: 1\n",  # indented by two
    HEAD + b"entries:\n  - a\n - b\n",  # less indented than the items
    HEAD + b"entries:\n- a",  # no final line break
]


@pytest.mark.skipif(incremental._compiled_cut is None, reason="the compiled reader was not built")
@pytest.mark.parametrize("data", EDGES, ids=range(len(EDGES)))
def test_the_compiled_cut_and_skeleton_are_the_python_ones(
    data: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled, python = _both_forms(data, monkeypatch)
    assert compiled == python
    for at in range(len(HEAD), len(data), 7):  # and every text cut short
        compiled, python = _both_forms(data[:at], monkeypatch)
        assert compiled == python, at


@pytest.mark.parametrize(("until", "read_in_full"), [("2020-01-01", True), ("2000-06-01", False)])
def test_known_until_skips_the_date_check_only_for_snapshots_no_older(
    until: str, read_in_full: bool
) -> None:
    """Known entries come from snapshots up to ``known_until``: one read for an earlier
    ``as_of`` is checked (here, listed after it: the full reading's error); one no older is not,
    which is only right because every known entry was valid in its own snapshot. (The second
    case passes a wrong ``known_until`` on purpose, to show the check is skipped.)"""
    later = HEAD.replace(b"2020-01-01", b"2000-06-01")
    known = known_from(HEAD + b"entries:\n" + item("e1"))
    path = PATH.with_name("2000-06-01.yaml")
    data = later + b"entries:\n" + item("e1")
    day = dt.date.fromisoformat(until)
    if read_in_full:
        with pytest.raises(DataError) as caught:
            read_snapshot(data, path, INFO, known=known, known_until=day)
        assert caught.value.problems[0].rule == "listed-after-as-of"
    else:
        assert read_snapshot(data, path, INFO, known=known, known_until=day).reused == 1


def test_the_source_digest_of_a_cut_text_changes_with_any_byte() -> None:
    """``pieces(data).source`` stands for the file's bytes: any change to the text before, in
    or after the entries, or a piece moved across the boundary, is another digest."""
    data = HEAD + b"entries:\n" + item("e1") + item("e2") + b"changes: []\n"
    base = incremental.pieces(data)
    assert base.where is not None and base.digests == digests_of(data, base.where)
    others = [
        data.replace(b"zz-prop", b"zz-prox"),  # before the entries
        data.replace(b"e2", b"e3"),  # in an entry
        data.replace(b"changes: []", b"changes: [ ]"),  # after them
        HEAD + b"entries:\n" + item("e2") + item("e1") + b"changes: []\n",  # in another order
        HEAD + b"entries:\n" + item("e1") + b"changes: []\n",  # one fewer
    ]
    sources = {incremental.pieces(other).source for other in others}
    assert len(sources) == len(others) and base.source not in sources
    assert incremental.pieces(data).source == base.source


def test_the_source_digest_of_a_text_that_cannot_be_cut_is_of_the_whole_text() -> None:
    flow = HEAD + b"entries: []\n"
    found = incremental.pieces(flow)
    assert found.where is None and found.digests is None
    assert found.source != incremental.pieces(flow + b"# x\n").source
    assert found.source == hashlib.sha256(b"designations.text\0" + flow).digest()
