"""The compiled reader (``designations/_yamltree.c``) builds exactly the tree the Python reader
(``yamlio._build``) builds, and refuses exactly what it refuses with the same problem (file,
line, field, rule, message): on every case of the YAML test suite, on the bundled data and the
fixtures, and on hand-picked shapes for each rule. Skipped where the module was not built;
``DESIGNATIONS_PURE_YAML=1`` turns it off."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from designations import DataError, yamlio

from .conftest import FIXTURES, ROOT
from .readers import COMPILED, both, read
from .test_yaml_suite import CASES

needs_compiled = pytest.mark.skipif(COMPILED is None, reason="the compiled reader was not built")

#: One or more files for every rule of the reader, with non-ASCII text before the point of
#: interest where positions matter (libyaml's marks count characters, not bytes).
SHAPES = [
    b"a: 1\nb: [x, y]\nc: {d: e}\n",
    b"a: &x 1\n",
    b"a: !!str 1\n",
    b"a: !custom [1]\n",
    b"a: &m {b: 1}\n",
    b"a: [1, *x]\n",
    b"<<: {a: 1}\n",
    b"'<<': 1\n",
    b"a: 1\na: 2\n",
    b"x:\n  - {k: 1, k: 2}\n",
    b"? a\n: 1\n",
    b"{? a: 1}\n",
    b"\xd0\xaf: {?b: 1}\n",
    b"- a\n",
    b"just text\n",
    b"'quoted top'\n",
    b"# only a comment\n",
    b"a: 1\n---\nb: 2\n",
    b"[a]: 1\n",
    b"{a: 1}: 2\n",
    b": 1\n",
    b"~: 1\n",
    b'a: "\\x01"\n',
    b'\xd0\xaf\xd0\xaf: ["ok", "\\u0085 \\b"]\n',
    b'a: "\\ud7ff\\ue000"\n',
    b"a: 'x'#c\n",
    b'\xd0\xaf: "x"y\n',
    b'a: "x" # fine\n',
    b'a:\n  b: "one\n  two"\n',
    b'a:\n  b: "one\n two"\n',
    b"\xd0\xaf:\n  - \xd0\xaf: 'one\n  two'\n",
    b"a: [1,\n2]\n",
    b"a:\n  b: [1,\n  2]\n",
    b"a:\n  b: [1,\n    2]\n",
    b"a: [1]x\n",
    b"a: {b: 1}#\n",
    b"a: |\n  text\n",
    b"a: |#x\n  text\n",
    b"a: |2-\n   text\n",
    b"a: >+\n  text\n\n",
    b"a: |\n\nb: 1\n",
    b"a: >\n   \n",
    b"a: \x01\n",
    b"a: b: c\n",
    b"a:\n- b\n  - c\n",
    b"\ta: 1\n",
    b"a: 'unclosed\n",
    b"%YAML 1.1\n---\na: 1\n",
    b"%TAG ! tag:x,2000:\n---\na: !b c\n",
    b'a: "\\u\xd0\xaf"\n',
    b"a: [b, {c: d, e: [f, g]}, [h]]\nx: y\n",
    b"a:\r\n  b: 1\r\n  c: 2\r\n",
    b"a: 1\r\nb: 'x\r\n  y'\r\n",
    "a: \u00e9\u4e2d\U0001f600\n".encode(),
    b"a: " + b"[" * 40 + b"]" * 40 + b"\n",
    b"a:\n" + b"".join(b"  " * i + b"- \n" for i in range(1, 40)),
    b"a: null\nb: Null\nc: NULL\nd: ~\ne:\nf: ''\ng: \"\"\nh: nul\n",
    b"a: b\n...\n",
    b"a: 'it''s'\nb: \"tab\\tnl\\n\"\n",
    b"a:\n  - b\n  -\n  - c\n",
]


@needs_compiled
@pytest.mark.parametrize("data", SHAPES, ids=range(len(SHAPES)))
def test_the_same_tree_or_error_for_each_shape(data: bytes) -> None:
    compiled, python = both(data)
    assert compiled == python


@needs_compiled
def test_the_same_on_every_case_of_the_yaml_test_suite() -> None:
    differ = [case for case, data, _, _ in CASES if (pair := both(data))[0] != pair[1]]
    assert differ == []
    assert len(CASES) > 300


@needs_compiled
def test_the_same_on_the_bundled_data_and_the_fixtures() -> None:
    files = sorted((ROOT / "data").rglob("*.yaml")) + sorted(FIXTURES.rglob("*.yaml"))
    assert len(files) > 50
    for path in files:
        compiled, python = both(path.read_bytes())
        assert compiled == python, path


@needs_compiled
@pytest.mark.parametrize("limit", ["MAX_TEXT_CHARS", "MAX_DEPTH"])
def test_the_same_limits(limit: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, limit, 3)
    for data in (b"a: abcd\n", b"a: [[[b]]]\n", b"a: [b, 'cd', \"efg\"]\n", b"a: |\n  abcd\n"):
        compiled, python = both(data)
        assert compiled == python
    refused = b"a: [[[b]]]\n" if limit == "MAX_DEPTH" else b"a: abcd\n"
    assert read(refused, True)[0] == "error"


def _recording_hook(calls: list[Any]) -> yamlio.ItemHook:
    def convert(root: yamlio.YMap, item: yamlio.YMap, line: int) -> Any:
        calls.append((sorted(root), dict(item), line))
        return f"converted {line}" if "id" in item else item

    return ("entries", convert)


@needs_compiled
def test_the_hook_is_called_alike() -> None:
    data = (
        b"as_of: x\nentries:\n  - id: a\n    n: [1, {b: c}]\n  - plain\n"
        b"  - {id: b}\n  - nested: {id: c}\n  -\n    - id: d\nother:\n  - id: e\n"
    )
    calls_c: list[Any] = []
    calls_p: list[Any] = []
    compiled = read(data, True, _recording_hook(calls_c))
    python = read(data, False, _recording_hook(calls_p))
    assert compiled == python
    assert calls_c == calls_p
    assert [line for _, _, line in calls_c] == [3, 6, 7]
    assert "converted 3" in str(compiled)


@needs_compiled
@pytest.mark.parametrize("raised", [ValueError("bad"), DataError.one("f", 2, "x", "r", "m")])
def test_what_a_hook_raises_comes_out_alike(raised: Exception) -> None:
    def convert(root: yamlio.YMap, item: yamlio.YMap, line: int) -> Any:
        raise raised

    data = b"entries:\n  - id: a\n"
    compiled, python = both(data, ("entries", convert))
    assert compiled == python
    assert compiled[0] == "error"


def test_the_compiled_reader_is_used_when_built_and_not_turned_off() -> None:
    code = "from designations import yamlio; print(yamlio.compiled())"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DESIGNATIONS_PURE_YAML", None)
    on = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    env["DESIGNATIONS_PURE_YAML"] = "1"
    off = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert off.stdout.strip() == "False", off.stderr
    try:  # built (this test may itself run with DESIGNATIONS_PURE_YAML set)
        importlib.import_module("designations._yamltree")
        built = True
    except ImportError:
        built = False
    assert on.stdout.strip() == str(built), on.stderr


def test_a_tree_from_either_reader_is_a_tree_of_the_node_classes(tmp_path: Path) -> None:
    tree = yamlio.parse_bytes(b"a: [b, {c: d}]\n", "f.yaml")
    assert type(tree) is yamlio.YMap
    assert type(tree["a"]) is yamlio.YSeq
    assert tree.key_lines == {"a": 1} and tree["a"].item_lines == [1, 1]
    assert type(tree["a"][1]) is yamlio.YMap and tree["a"][1].line == 1
