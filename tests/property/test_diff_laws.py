"""Laws of the diff engine, for any pair of snapshots."""

from __future__ import annotations

import datetime as dt
import unicodedata

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from designations import ChangeKind, Snapshot, diff
from designations.structural import entry_record

from ..strategies import snapshots


def later(snapshot: Snapshot) -> Snapshot:
    return attrs.evolve(snapshot, as_of=dt.date(2021, 1, 1))


def ids(changes: object, kind: ChangeKind) -> set[str]:
    return {c.entry.id for c in changes if c.kind is kind}  # type: ignore[attr-defined]


@given(snapshots())
def test_diff_of_a_snapshot_with_itself_is_empty(a: Snapshot) -> None:
    d = diff(a, later(a))
    assert d.changes == ()
    assert d.phantoms == ()


@given(snapshots(), snapshots())
def test_additions_one_way_are_removals_the_other(a: Snapshot, b: Snapshot) -> None:
    forward, backward = diff(a, later(b)), diff(b, later(a))
    assert ids(forward.changes, ChangeKind.ADDED) == ids(backward.changes, ChangeKind.REMOVED)
    assert ids(forward.changes, ChangeKind.REMOVED) == ids(backward.changes, ChangeKind.ADDED)
    assert ids(forward.changes, ChangeKind.AMENDED) == ids(backward.changes, ChangeKind.AMENDED)


def lookup(record: object, path: str) -> object:
    value = record
    for part in path.replace("[", ".[").split("."):
        if not part:
            continue
        if part.startswith("["):
            index = int(part[1:-1])
            value = value[index] if isinstance(value, list) and index < len(value) else None
        else:
            value = value.get(part) if isinstance(value, dict) else None
    return value


@given(snapshots(), snapshots())
def test_amendment_paths_point_at_real_differences(a: Snapshot, b: Snapshot) -> None:
    for change in diff(a, later(b)).amended:
        assert change.old is not None and change.new is not None
        old, new = entry_record(change.old), entry_record(change.new)
        assert change.fields
        for field in change.fields:
            assert field.old != field.new
            if field.path.endswith(("[+]", "[-]")):
                # An item added to or removed from an unordered collection (names, basis).
                olds = lookup(old, field.path[:-3]) or []
                news = lookup(new, field.path[:-3]) or []
                assert isinstance(olds, list) and isinstance(news, list)
                if field.path.endswith("[+]"):
                    assert field.old is None and news.count(field.new) > olds.count(field.new)
                else:
                    assert field.new is None and olds.count(field.old) > news.count(field.old)
                continue
            assert lookup(old, field.path) == field.old
            assert lookup(new, field.path) == field.new


@settings(max_examples=50)
@given(snapshots(), snapshots(), st.randoms())
def test_diff_is_independent_of_entry_order(a: Snapshot, b: Snapshot, rnd: object) -> None:
    shuffled = list(b.entries)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    one = diff(a, later(b))
    two = diff(a, later(attrs.evolve(b, entries=tuple(shuffled))))
    assert one.changes == two.changes


@given(snapshots())
def test_unicode_normal_form_is_not_a_change(a: Snapshot) -> None:
    nfd = tuple(
        attrs.evolve(
            e,
            name=unicodedata.normalize("NFD", e.name),
            names=tuple(
                attrs.evolve(n, name=unicodedata.normalize("NFD", n.name)) for n in e.names
            ),
        )
        for e in a.entries
    )
    nfc = tuple(
        attrs.evolve(
            e,
            name=unicodedata.normalize("NFC", e.name),
            names=tuple(
                attrs.evolve(n, name=unicodedata.normalize("NFC", n.name)) for n in e.names
            ),
        )
        for e in a.entries
    )
    d = diff(attrs.evolve(a, entries=nfd), later(attrs.evolve(a, entries=nfc)))
    assert d.changes == ()
