"""``field_changes`` compares most fields itself rather than through DeepDiff: outside the
unordered collections it must give exactly what DeepDiff over ``entry_record`` gives (the original
definition); ``names`` and ``basis`` are compared as multisets, which DeepDiff with
``ignore_order`` confirms."""

from __future__ import annotations

from collections import Counter
from typing import Any

import attrs
import pytest
from deepdiff import DeepDiff
from deepdiff.helper import NotPresent
from hypothesis import given, settings
from hypothesis import strategies as st

from designations.dates import PartialDate
from designations.model import Entry, Name
from designations.structural import (
    UNORDERED,
    FieldChange,
    _path_text,
    _sort_key,
    entry_record,
    field_changes,
)
from designations.vocab import EntryStatus, EntryType, NameKind


def reference(old: Entry, new: Entry) -> tuple[FieldChange, ...]:
    """DeepDiff over the record but its unordered collections: what the fast path must match."""
    a, b = entry_record(old), entry_record(new)
    for key in UNORDERED:
        del a[key], b[key]
    if a == b:
        return ()
    found: list[tuple[list[Any], FieldChange]] = []
    for levels in DeepDiff(a, b, view="tree", zip_ordered_iterables=True).values():
        for level in levels:
            parts = level.path(output_format="list")
            before = None if isinstance(level.t1, NotPresent) else level.t1
            after = None if isinstance(level.t2, NotPresent) else level.t2
            found.append((parts, FieldChange(_path_text(parts), before, after)))
    found.sort(key=lambda item: _sort_key(item[0]))
    return tuple(change for _, change in found)


# Few distinct values, so that two draws are often equal and often differ in one place.
text = st.sampled_from(["Alpha", "Альфа", "ألفا", "Cafe\u0301", "Café", "b"])
names = st.lists(
    st.builds(
        Name,
        text,
        st.sampled_from([None, "en", "ru"]),
        st.sampled_from([None, NameKind.ALIAS, NameKind.OFFICIAL]),
    ),
    max_size=4,
)
entries = st.builds(
    lambda name, ns, etype, status, day, basis, refs, notes: Entry(
        "e1",
        name,
        etype,
        day,
        tuple(basis),
        tuple(ns),
        status,
        tuple(sorted(refs.items())),
        notes,
    ),
    text,
    names,
    st.sampled_from([EntryType.ORGANIZATION, EntryType.INDIVIDUAL]),
    st.sampled_from(list(EntryStatus)),
    st.sampled_from([PartialDate(2020), PartialDate(2020, 5), PartialDate(2020, 5, 1)]),
    st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=4),
    st.dictionaries(st.sampled_from(["un", "ofac", "wikidata"]), text, max_size=3),
    st.sampled_from([None, "Note", "Другая"]),
)


def _items(changes: tuple[FieldChange, ...], key: str) -> tuple[list[Any], list[Any]]:
    removed = [f.old for f in changes if f.path == f"{key}[-]"]
    added = [f.new for f in changes if f.path == f"{key}[+]"]
    return removed, added


def _counted(items: list[Any]) -> Counter[Any]:
    return Counter(tuple(sorted(i.items())) if isinstance(i, dict) else i for i in items)


@pytest.mark.property  # 400 examples, about 2 s: with the property tier
@settings(max_examples=400, deadline=None)
@given(entries, entries)
def test_field_changes_match_deepdiff(old: Entry, new: Entry) -> None:
    changes = field_changes(old, new)
    ordered = tuple(f for f in changes if not f.path.startswith(UNORDERED))
    assert ordered == reference(old, new)
    for fast, slow in zip(ordered, reference(old, new), strict=True):
        assert (fast.old, fast.new) == (slow.old, slow.new)  # values are not part of eq
    a, b = entry_record(old), entry_record(new)
    for key in UNORDERED:
        removed, added = _items(changes, key)
        # what was removed and added turns the old multiset into the new one
        assert _counted(a[key]) - _counted(removed) + _counted(added) == _counted(b[key])
        assert not (_counted(removed) & _counted(added))
        same = not DeepDiff(a[key], b[key], ignore_order=True, report_repetition=True)
        assert same == (not removed and not added)
    # re-ordering the collections changes nothing
    shuffled = attrs.evolve(new, names=new.names[::-1], basis=new.basis[::-1])
    assert field_changes(old, shuffled) == changes


def test_an_alias_inserted_before_another_is_one_added_item() -> None:
    old = Entry(
        "e1", "A", EntryType.ORGANIZATION, PartialDate(2020), ("x",), (Name("Cercle Vert"),)
    )
    new = attrs.evolve(old, names=(Name("GC", "fr", NameKind.ALIAS), Name("Cercle Vert")))
    (change,) = field_changes(old, new)
    assert change.path == "names[+]"
    assert (change.old, change.new) == (None, {"name": "GC", "lang": "fr", "kind": "alias"})
    assert field_changes(new, old) == (FieldChange("names[-]", change.new, None),)
    assert field_changes(new, attrs.evolve(new, names=new.names[::-1])) == ()


def test_a_lost_basis_instrument_is_one_removed_item() -> None:
    old = Entry("e1", "A", EntryType.ORGANIZATION, PartialDate(2020), ("isil", "somalia"))
    new = attrs.evolve(old, basis=("somalia",))
    assert field_changes(old, new) == (FieldChange("basis[-]", "isil", None),)
