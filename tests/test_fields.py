"""Typed reading of one mapping: every problem of a file is collected with its line, field and
rule, and raised together."""

from __future__ import annotations

import datetime as dt

import pytest

from designations.errors import DataError
from designations.fields import Collector, Fields
from designations.vocab import EntryType
from designations.yamlio import parse_bytes

DOC = b"""\
id: Bad Id
when: 2025-02-30
kind: group
count: "12"
extra: 1
tags: [a, B]
"""


def _read() -> tuple[Collector, Fields]:
    out = Collector("x.yaml")
    tree = parse_bytes(DOC, "x.yaml")
    fields = Fields.document(out, tree, ("id", "when", "kind", "name"), ("count", "tags"))
    return out, fields


def test_every_problem_is_collected_with_line_field_and_rule() -> None:
    out, f = _read()
    assert f.slug("id") is None
    assert f.date("when") is None
    assert f.choice("kind", EntryType) is None
    assert f.number("count", int) == 12
    assert f.text_list("tags", slugs=True) == ["a"]
    found = sorted((p.line, p.field, p.rule) for p in out.problems)
    assert found == [
        (1, "id", "bad-id"),
        (1, "name", "missing-field"),
        (2, "when", "bad-date"),
        (3, "kind", "bad-enum"),
        (5, "extra", "unknown-key"),
        (6, "tags[1]", "bad-id"),
    ]


def test_the_problems_are_raised_together_in_line_order() -> None:
    out, f = _read()
    f.slug("id")
    f.date("when")
    with pytest.raises(DataError) as caught:
        out.raise_if_any()
    lines = [p.line for p in caught.value.problems]
    assert lines == sorted(lines) and len(lines) >= 3


def test_good_values_are_typed() -> None:
    out = Collector("y.yaml")
    tree = parse_bytes(b"id: ok-1\nwhen: 2025-04-17\nkind: vessel\n", "y.yaml")
    f = Fields.document(out, tree, ("id", "when", "kind"), ())
    assert (f.slug("id"), f.date("when"), f.choice("kind", EntryType)) == (
        "ok-1",
        dt.date(2025, 4, 17),
        EntryType.VESSEL,
    )
    assert out.problems == []
