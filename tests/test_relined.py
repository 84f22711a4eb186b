"""``load.relined``: the cache and the incremental reader put entries read before at the lines
where they stand in another file. The compiled form (``_yamltree.relined``) gives exactly what
the Python form gives: the same entry where the line is the same, else an equal copy at the new
line sharing every value, never a change to the entry it was copied from."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from designations import load, structural
from designations.dates import PartialDate
from designations.model import Entry, Name, Snapshot
from designations.vocab import Completeness, EntryType

from .readers import COMPILED
from .strategies import INFO

needs_compiled = pytest.mark.skipif(COMPILED is None, reason="the compiled reader was not built")


def _entries() -> list[Entry]:
    return [
        Entry(
            f"e{i}",
            f"Name {i}",
            EntryType.ORGANIZATION,
            PartialDate(2020, 1 + i % 12, None),
            ("act",),
            names=(Name(f"Alias {i}", "en"),),
            notes=None if i % 2 else "a note",
            line=10 * i + 3,
        )
        for i in range(50)
    ]


def _forms() -> list[object]:
    forms: list[object] = [None]
    if COMPILED is not None:
        forms.append(COMPILED.relined)
    return forms


@pytest.mark.parametrize("compiled", _forms(), ids=lambda f: "python" if f is None else "compiled")
def test_relined_keeps_entries_at_their_line_and_copies_the_others(
    compiled: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load, "_compiled_relined", compiled)
    entries = _entries()
    before = [(*attrs.astuple(e, recurse=False), e.line) for e in entries]
    lines = [e.line if i % 3 == 0 else e.line + 1000 + i for i, e in enumerate(entries)]
    out = load.relined(entries, lines)
    assert len(out) == len(entries)
    for i, (old, new, line) in enumerate(zip(entries, out, lines, strict=True)):
        assert new.line == line
        assert type(new) is Entry
        if i % 3 == 0:
            assert new is old
        else:
            assert new is not old
            assert new == old  # ``line`` is not part of an entry's equality
            for field in attrs.fields(Entry):
                if field.name != "line":
                    assert getattr(new, field.name) is getattr(old, field.name)
    # the entries copied from are untouched
    assert [(*attrs.astuple(e, recurse=False), e.line) for e in entries] == before


@pytest.mark.parametrize("compiled", _forms(), ids=lambda f: "python" if f is None else "compiled")
def test_relined_refuses_lines_that_do_not_match(
    compiled: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load, "_compiled_relined", compiled)
    with pytest.raises(ValueError, match="as many lines"):
        load.relined(_entries(), [1, 2])


@needs_compiled
def test_the_compiled_form_refuses_what_is_not_an_entry() -> None:
    assert COMPILED is not None
    with pytest.raises(TypeError):
        COMPILED.relined([Name("x")], [1], Entry.line)
    with pytest.raises(TypeError):
        COMPILED.relined(_entries()[:1], ["1"], Entry.line)
    with pytest.raises(TypeError):
        COMPILED.relined([], [], "line")  # not a slot


@needs_compiled
def test_shares_values_is_true_only_for_the_very_same_values() -> None:
    assert COMPILED is not None
    entries = _entries()
    copies = load.relined(entries, [e.line + 1 for e in entries])
    assert COMPILED.shares_values(entries, copies, Entry.line) == [True] * len(entries)
    # equal values that are other objects, or another value: not known to be shared
    rebuilt = [attrs.evolve(e, name="".join(e.name)) for e in entries[:2]]
    renamed = [attrs.evolve(e, name=e.name + "!") for e in entries[:2]]
    assert COMPILED.shares_values(entries[:2], rebuilt, Entry.line) == [
        e.name is r.name for e, r in zip(entries, rebuilt, strict=False)
    ]
    assert COMPILED.shares_values(entries[:2], renamed, Entry.line) == [False, False]
    assert COMPILED.shares_values([Name("x")], [Name("x")], Entry.line) == [False]
    with pytest.raises(ValueError):
        COMPILED.shares_values(entries, entries[:1], Entry.line)


@pytest.mark.parametrize("compiled", [True, False], ids=["compiled", "python"])
def test_the_diff_of_entries_read_at_other_lines_is_their_real_diff(
    compiled: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not compiled:
        monkeypatch.setattr(structural, "_compiled_shares", None)
    entries = _entries()
    moved = load.relined(entries, [e.line + 7 for e in entries])
    moved[3] = attrs.evolve(moved[3], notes="changed")
    del moved[5]

    def snap(es: list[Entry], day: int) -> Snapshot:
        return Snapshot("xx-a", dt.date(2024, 1, day), Completeness.COMPLETE, (), tuple(es), INFO)

    changes = structural.structural_diff(snap(entries, 1), snap(moved, 2))
    assert [(c.kind.value, c.entry.id) for c in changes] == [("amended", "e3"), ("removed", "e5")]
