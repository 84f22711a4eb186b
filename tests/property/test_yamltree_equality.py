"""The compiled reader and the Python reader agree on the fuzz corpus of the loader's fuzz tests
(mutated sample files, random bytes, random documents) and on random strings of YAML's syntax:
the same tree (lines, key order, node classes) or the same problem. Skipped where the compiled
reader was not built."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from ..readers import COMPILED, both
from .test_fuzz_loader import LINES, SYNTAX, documents, mutate, mutations

pytestmark = pytest.mark.skipif(COMPILED is None, reason="the compiled reader was not built")

#: Pieces of YAML and text whose positions matter to the checks (non-ASCII, tabs, breaks).
PIECES = [
    *(piece.decode("utf-8", "replace") for piece in SYNTAX),
    "a",
    "b: ",
    "\u042f",
    "\u4e2d",
    "\U0001f600",
    "\n",
    "\r\n",
    "  ",
    "- ",
    ", ",
    "\\",
    '"\\x01"',
    '"\\t"',
    "|-\n",
    ">2\n",
    "?",
    "!",
    "&",
    "*",
    "%",
    "@",
]


def agree(data: bytes) -> None:
    compiled, python = both(data)
    assert compiled == python


@given(mutations)
def test_mutated_files(steps: list) -> None:  # type: ignore[type-arg]
    agree(mutate(LINES, steps))


@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    agree(data)


@given(documents, st.sampled_from([None, True, False]), st.sampled_from([2, 4]))
def test_random_documents(document: object, flow: bool | None, indent: int) -> None:
    text = yaml.safe_dump(document, allow_unicode=True, default_flow_style=flow, indent=indent)
    agree(text.encode("utf-8"))


@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_random_syntax(pieces: list[str]) -> None:
    agree("".join(pieces).encode("utf-8"))


@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_random_syntax_inside_a_valid_file(pieces: list[str]) -> None:
    middle = len(LINES) // 2
    agree(b"\n".join([*LINES[:middle], "".join(pieces).encode("utf-8"), *LINES[middle:]]))
