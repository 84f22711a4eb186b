"""The reader against the official YAML test suite (``tests/fixtures/yaml-test-suite``): every
invalid case is refused, every valid case outside the format's subset is refused with a
``DataError``, and every valid case inside the subset is read exactly as its expected events
say, or refused — the refusals listed below as strictness the project accepts. Run with the
compiled reader (where built), and the Python reader over libyaml's parser and over the
pure-Python one; nothing but ``DataError`` may come out."""

from __future__ import annotations

import re
import tarfile
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from designations import DataError, yamlio

from .conftest import FIXTURES

ARCHIVE = FIXTURES / "yaml-test-suite" / "cases.tar.xz"
_ESCAPES = {"\\\\": "\\", "\\n": "\n", "\\t": "\t", "\\r": "\r", "\\b": "\b"}
_NULLS = {"", "~", "null", "Null", "NULL"}

#: Valid cases inside the subset that the reader refuses, with why; a refusal not listed here
#: (or an altered value) fails the test.
ACCEPTED_REFUSALS = {
    # Explicit keys (``? key``) are not part of the format ("yaml-explicit-key").
    **dict.fromkeys(
        ["5WE3", "652Z", "7W2P", "A2M4", "GH63", "JTV5", "RR7F", "S9E8", "X8DW"], "explicit key"
    ),
    # A double-quoted escape for a control character (here \b) is refused.
    "G4RS": "control character escape",
    # Empty block scalars: an empty value is an error in every file of the format anyway.
    "K858": "empty block scalar",
    "Y79Y/001": "empty block scalar (pure-Python reader)",
    # libyaml's own refusals: tabs and flow forms it does not support (a clean error each).
    **dict.fromkeys(
        ["4ABK", "4MUZ/00", "4MUZ/01", "4MUZ/02", "58MP", "5MUD", "96NN/00", "96NN/01"],
        "libyaml refuses it",
    ),
    **dict.fromkeys(
        ["DK95/00", "DK95/03", "DK95/04", "K3WX", "Q5MG", "VJP3/01", "Y79Y/001"],
        "libyaml refuses it",
    ),
    # The pure-Python reader's own refusals (tabs, flow forms), a clean error each.
    **dict.fromkeys(["6HB6", "DC7X", "DK95/05", "J3BT", "NB6Z", "UV7Q"], "PyYAML refuses it"),
}
#: Cases the project must refuse whatever the parser: the shapes found altering values.
MUST_REFUSE = {"652Z": "yaml-explicit-key", "SU5Z": "yaml-syntax"}


class Outside(Exception):
    """The case's document is valid YAML outside the format's subset."""


def cases() -> Iterator[tuple[str, bytes, str | None, bool]]:
    """(id, in.yaml, test.event, invalid) for every case."""
    files: dict[str, dict[str, bytes]] = {}
    with tarfile.open(ARCHIVE, "r:xz") as archive:
        for member in archive:
            if not member.isfile():
                continue
            folder, _, leaf = member.name.removeprefix("./").rpartition("/")
            handle = archive.extractfile(member)
            assert handle is not None
            files.setdefault(folder, {})[leaf] = handle.read()
    for folder, found in sorted(files.items()):
        if "in.yaml" in found:
            event = found.get("test.event")
            yield (
                folder,
                found["in.yaml"],
                event.decode() if event else None,
                "error" in found,
            )


CASES = list(cases())


def expected(events: str) -> dict[str, Any]:
    """The value the reader must return, built from the suite's event stream; ``Outside``
    when the document is not in the subset (anchors, tags, aliases, several documents, a top
    level that is not a mapping, keys that are not text, duplicate or merge keys)."""
    stack: list[list[Any]] = []  # [container, pending key, key taken]
    root: dict[str, Any] | None = None
    documents = 0
    for line in events.splitlines():
        head = line[:4]
        if head in ("+STR", "-STR", "-DOC", "-MAP", "-SEQ"):
            if head in ("-MAP", "-SEQ"):
                stack.pop()
            continue
        if head == "+DOC":
            documents += 1
            if documents > 1:
                raise Outside("several documents")
            continue
        if head == "=ALI" or re.match(r"^\S+( \{\}| \[\])? [&<]", line):
            raise Outside("anchor, alias or tag")
        if head in ("+MAP", "+SEQ"):
            node: Any = {} if head == "+MAP" else []
            if not stack:
                if head != "+MAP":
                    raise Outside("top level is not a mapping")
                root = node
            else:
                _add(stack, node, None)
            stack.append([node, None, False])
            if len(stack) > yamlio.MAX_DEPTH:
                raise Outside("too deep")
            continue
        assert head == "=VAL", line
        style, text = line[5], line[6:]
        text = re.sub(r"\\[\\ntrb]", lambda m: _ESCAPES[m.group(0)], text)
        if not stack:
            raise Outside("top level is a scalar")
        _add(stack, None if style == ":" and text in _NULLS else text, style)
    if root is None:
        raise Outside("no document")
    return root


def _add(stack: list[list[Any]], node: Any, style: str | None) -> None:
    frame = stack[-1]
    container = frame[0]
    if isinstance(container, list):
        container.append(node)
    elif frame[2]:
        container[frame[1]] = node
        frame[1], frame[2] = None, False
    elif style is None or node is None or node in container or (style == ":" and node == "<<"):
        raise Outside("a key that is not text, or duplicate or merge keys")
    else:
        frame[1], frame[2] = node, True


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
    return node


#: The Python reader over PyYAML's parsers (libyaml's, pure Python) and the compiled reader.
PARSERS = {"libyaml": yamlio.pyyaml_parser(), "pure-python": yaml.BaseLoader, "compiled": None}


def _use(parser: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if parser == "compiled":
        if yamlio._compiled is None:
            pytest.skip("the compiled reader was not built")
        return
    monkeypatch.setattr(yamlio, "_Parser", PARSERS[parser])
    monkeypatch.setattr(yamlio, "_compiled", None)


@pytest.mark.parametrize("parser", sorted(PARSERS))
def test_the_yaml_test_suite(parser: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _use(parser, monkeypatch)
    exact, refused, altered, accepted_invalid, accepted_outside = [], [], [], [], []
    for case, data, events, invalid in CASES:
        try:
            got: Any = _plain(yamlio.parse_bytes(data, "in.yaml"))
            error: DataError | None = None
        except DataError as exc:  # anything else escapes and fails the test
            got, error = None, exc
        if invalid:
            if error is None:
                accepted_invalid.append(case)
            continue
        assert events is not None
        try:
            want = expected(events)
        except Outside:
            if error is None:
                accepted_outside.append(case)
            continue
        if error is not None:
            refused.append(case)
        elif got == want:
            exact.append(case)
        else:
            altered.append(case)
    assert altered == []
    assert accepted_invalid == []
    assert accepted_outside == []
    assert sorted(set(refused) - set(ACCEPTED_REFUSALS)) == []
    assert len(exact) >= 60  # 64 with libyaml 0.2.5, 61 with the pure-Python reader


@pytest.mark.parametrize("parser", sorted(PARSERS))
def test_the_shapes_that_altered_values_are_refused(
    parser: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _use(parser, monkeypatch)
    by_id = {case: data for case, data, _, _ in CASES}
    for case, rule in MUST_REFUSE.items():
        with pytest.raises(DataError) as info:
            yamlio.parse_bytes(by_id[case], "in.yaml")
        assert info.value.problems[0].rule == rule
