"""Incremental reading (``load.read_snapshot`` with ``known``) gives what a full reading gives:
the same snapshot, lines included, or the same errors, for any snapshot and any edit of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from designations import DataError, Entry, Problem, Snapshot, incremental
from designations.load import Reading, read_snapshot
from designations.writer import snapshot_yaml

from ..strategies import INFO, snapshots
from .test_fuzz_loader import SYNTAX, mutate

PATH = Path("/nonexistent/zz-prop/2020-01-01.yaml")


def indented(text: str) -> str:
    """The same snapshot with its entries indented by two spaces (as the benchmark writes)."""
    out, inside = [], False
    for line in text.split("\n"):
        if line and not line[0].isspace() and not line.startswith("-"):
            inside = line == "entries:"
        elif inside and line:
            line = "  " + line
        out.append(line)
    return "\n".join(out)


def read(
    data: bytes, known: dict[bytes, Entry] | None
) -> Snapshot | tuple[str, tuple[Problem, ...]]:
    try:
        reading = read_snapshot(data, PATH, INFO, known=known)
    except DataError as exc:
        return (str(exc), exc.problems)
    return reading.snapshot


def same(
    a: Snapshot | tuple[str, tuple[Problem, ...]], b: Snapshot | tuple[str, tuple[Problem, ...]]
) -> None:
    assert type(a) is type(b)
    assert a == b
    if isinstance(a, Snapshot) and isinstance(b, Snapshot):
        assert [e.line for e in a.entries] == [e.line for e in b.entries]
        assert [c.line for c in a.changes] == [c.line for c in b.changes]
        assert (a.entries_line, a.sources_line) == (b.entries_line, b.sources_line)


def known_from(reading: Reading) -> dict[bytes, Entry]:
    if reading.digests is None:  # no entries, or not in block style
        assert not reading.snapshot.entries
        return {}
    return dict(zip(reading.digests, reading.snapshot.entries, strict=True))


edits = st.lists(
    st.tuples(
        st.sampled_from(["delete", "duplicate", "swap", "flip", "indent", "dedent", "insert"]),
        st.integers(0, 10_000),
        st.integers(0, 10_000),
        st.integers(0, 255),
        st.sampled_from([*SYNTAX, b"\n", b"  - ", b"- ", b"entries:", b"changes: []", b'"']),
    ),
    max_size=4,
)


def edit(data: bytes, steps: list[tuple[str, int, int, int, bytes]]) -> bytes:
    return mutate(data.split(b"\n"), steps)


@given(snapshots(), snapshots(), st.booleans(), edits)
def test_incremental_and_full_reading_agree(
    first: Snapshot, second: Snapshot, indent: bool, steps: list[tuple[str, int, int, int, bytes]]
) -> None:
    """Entries read from one snapshot, then another snapshot (sharing some of its entries'
    texts, since ids and fields come from small pools) edited at random."""
    style = indented if indent else (lambda text: text)
    before = style(snapshot_yaml(first)).encode()
    known = known_from(read_snapshot(before, PATH, INFO))
    # The second snapshot: some of the first's entries, some of its own, then edits.
    merged = {e.id: e for e in (*first.entries[::2], *second.entries)}
    mixed = Snapshot(
        second.list_id,
        second.as_of,
        second.completeness,
        second.sources,
        tuple(merged.values()),
        INFO,
    )
    after = edit(style(snapshot_yaml(mixed)).encode(), steps)
    same(read(after, known), read(after, None))


@given(snapshots(), edits)
def test_reading_a_snapshot_after_itself_edited(first: Snapshot, steps: list) -> None:  # type: ignore[type-arg]
    before = snapshot_yaml(first).encode()
    known = known_from(read_snapshot(before, PATH, INFO))
    after = edit(before, steps)
    same(read(after, known), read(after, None))


@pytest.mark.skipif(incremental._compiled_cut is None, reason="the compiled reader was not built")
@given(snapshots(), st.booleans(), edits)
def test_the_compiled_cut_and_skeleton_are_the_python_ones(
    first: Snapshot, indent: bool, steps: list[tuple[str, int, int, int, bytes]]
) -> None:
    """Where the reader is compiled, so are the loops of ``incremental``: on any edited
    snapshot both forms cut and replace exactly alike."""
    style = indented if indent else (lambda text: text)
    data = edit(style(snapshot_yaml(first)).encode(), steps)

    def run() -> object:
        where = incremental.cut(data)
        if where is None:
            return None
        digests = incremental.digests_of(data, where)
        return where, incremental.skeleton(data, where, digests, set(digests[1::2]))

    compiled = run()
    saved = incremental._compiled_cut, incremental._compiled_skeleton
    incremental._compiled_cut = incremental._compiled_skeleton = None
    try:
        python = run()
    finally:
        incremental._compiled_cut, incremental._compiled_skeleton = saved
    assert compiled == python
