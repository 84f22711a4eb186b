"""``field_changes`` compares most fields itself rather than through DeepDiff: it must give
exactly what DeepDiff over the whole ``entry_record`` gives (the original definition)."""

from __future__ import annotations

from typing import Any

from deepdiff import DeepDiff
from deepdiff.helper import NotPresent
from hypothesis import given, settings
from hypothesis import strategies as st

from designations.dates import PartialDate
from designations.diff import FieldChange, _path_text, _sort_key, entry_record, field_changes
from designations.model import Entry, Name
from designations.vocab import EntryStatus, EntryType, NameKind


def reference(old: Entry, new: Entry) -> tuple[FieldChange, ...]:
    """DeepDiff over the whole record: the definition the fast path must match."""
    a, b = entry_record(old), entry_record(new)
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


@settings(max_examples=400, deadline=None)
@given(entries, entries)
def test_field_changes_match_deepdiff_over_the_whole_record(old: Entry, new: Entry) -> None:
    assert field_changes(old, new) == reference(old, new)
    for fast, slow in zip(field_changes(old, new), reference(old, new), strict=True):
        assert (fast.old, fast.new) == (slow.old, slow.new)  # values are not part of eq


def test_an_appended_alias_is_one_added_item() -> None:
    old = Entry("e1", "A", EntryType.ORGANIZATION, PartialDate(2020), ("x",), (Name("B"),))
    new = Entry(
        "e1", "A", EntryType.ORGANIZATION, PartialDate(2020), ("x",), (Name("B"), Name("C"))
    )
    (change,) = field_changes(old, new)
    assert change.path == "names[1]"
    assert (change.old, change.new) == (None, {"name": "C", "lang": None, "kind": None})
