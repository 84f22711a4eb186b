"""The strict YAML subset: every scalar a string, no anchors, aliases, tags or duplicate keys."""

from __future__ import annotations

import pytest

from designations.errors import DataError
from designations.yamlio import MAX_DEPTH, MAX_TEXT_CHARS, YMap, YSeq, parse_bytes


def refused(text: bytes) -> DataError:
    with pytest.raises(DataError) as info:
        parse_bytes(text, "f.yaml")
    return info.value


def test_scalars_stay_the_strings_written() -> None:
    tree = parse_bytes(b"a: NO\nb: [yes, on, 0755, 1e3, 2025-04-17, 0x1F]\nc: 'null'\n", "f")
    assert tree == {
        "a": "NO",
        "b": ["yes", "on", "0755", "1e3", "2025-04-17", "0x1F"],
        "c": "null",
    }


def test_plain_null_and_empty_values_are_none() -> None:
    tree = parse_bytes(b"a: ~\nb:\nc: null\nd: NULL\ne: ''\n", "f")
    assert tree == {"a": None, "b": None, "c": None, "d": None, "e": ""}


def test_lines_of_keys_and_items_are_kept() -> None:
    tree = parse_bytes(b"a: 1\nb:\n  - x\n  - y: 2\n    z: 3\n", "f")
    assert isinstance(tree, YMap)
    assert tree.key_lines == {"a": 1, "b": 2}
    seq = tree["b"]
    assert isinstance(seq, YSeq)
    assert seq.item_lines == [3, 4]
    assert seq[1].key_lines == {"y": 4, "z": 5}


@pytest.mark.parametrize(
    ("text", "rule", "line"),
    [
        (b"a: 1\nb: &x 2\nc: *x\n", "yaml-anchor", 2),
        (b"a: 1\nb: *x\n", "yaml-alias", 2),
        (b"a: !!python/object/apply:os.system ['true']\n", "yaml-tag", 1),
        (b"a: !!str 1\n", "yaml-tag", 1),
        (b"a: !custom x\n", "yaml-tag", 1),
        (b"a: 1\nb:\n  c: 1\n  c: 2\n", "duplicate-key", 4),
        (b"base: {a: 1}\nx:\n  <<: {b: 2}\n", "yaml-merge-key", 3),
        (b"? [a, b]\n: 1\n", "bad-key", 1),
        (b"- a\n- b\n", "not-a-mapping", 1),
        (b"just text\n", "not-a-mapping", 1),
        (b"a: [1, 2\n", "yaml-syntax", 2),
        (b"a: 1\n---\nb: 2\n", "yaml-syntax", 2),
        (b"", "empty-file", 1),
        (b"   \n\n", "empty-file", 1),
        (b"a: 1\nb: \xff\xfe\n", "encoding", 2),
        (b"a: \x01\n", "yaml-syntax", 1),
    ],
)
def test_refusals_name_rule_and_line(text: bytes, rule: str, line: int) -> None:
    error = refused(text)
    assert error.problems[0].rule == rule
    assert error.line == line
    assert error.path == "f.yaml"
    assert str(error).startswith(f"f.yaml:{line}:")


def test_duplicate_key_message_names_first_occurrence() -> None:
    error = refused(b"id: a\nname: x\nid: b\n")
    assert "duplicate key 'id' (first at line 1)" in str(error)


def test_byte_order_mark_and_crlf_are_accepted() -> None:
    assert parse_bytes(b"\xef\xbb\xbfa: 1\r\nb: x y\r\n", "f") == {"a": "1", "b": "x y"}


def test_nesting_beyond_the_limit_is_refused_without_recursion() -> None:
    deep = b"a: " + b"[" * 100_000 + b"]" * 100_000 + b"\n"
    error = refused(deep)
    assert error.problems[0].rule == "too-deep"
    assert str(MAX_DEPTH) in str(error)


def test_text_value_over_the_limit_is_refused() -> None:
    error = refused(b"a: " + b"x" * (MAX_TEXT_CHARS + 1) + b"\n")
    assert error.problems[0].rule == "too-large"
    assert str(MAX_TEXT_CHARS) in str(error)


def test_alias_bomb_is_refused_at_the_first_anchor() -> None:
    bomb = b"a: &a [x, x, x, x, x, x, x, x, x]\n"
    bomb += b"".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n".encode()
        for i in range(8)
    )
    error = refused(bomb)
    assert error.problems[0].rule == "yaml-anchor"
    assert error.line == 1
