"""Fuzzing the loader: mutated valid files and random documents either load as a valid snapshot
or raise DataError — never anything else. (HYPOTHESIS_PROFILE=long runs many more examples.)"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from designations import DataError, Snapshot, load_snapshot
from designations.yamlio import parse_bytes

from ..conftest import SAMPLE_DATA

SOURCE = SAMPLE_DATA / "lists" / "xx-sample" / "2021-01-01.yaml"
VALID = SOURCE.read_bytes()
LINES = VALID.split(b"\n")
SYNTAX = [
    b"&a ",
    b"*a",
    b"!!python/object:os.system ",
    b"<<: ",
    b"- ",
    b"{",
    b"}",
    b"[",
    b"]",
    b": ",
    b"? ",
    b"---",
    b"...",
    b"'",
    b'"',
    b"|",
    b">",
    b"%YAML 1.1",
    b"#",
    b"\t",
    b"~",
    b"null",
    b"NO",
    b"0755",
    b"2021-13-45",
    b"\xef\xbb\xbf",
    b"\x00",
    b"\xff",
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("fuzz") / "lists" / "xx-sample"
    shutil.copytree(SOURCE.parent, target)
    return target


def load_or_data_error(folder: Path, data: bytes) -> Snapshot | None:
    path = folder / "2021-01-01.yaml"
    path.write_bytes(data)
    try:
        snapshot = load_snapshot(path)
    except DataError as exc:
        assert exc.path == str(path)
        assert "\n" not in str(exc)
        return None
    assert isinstance(snapshot, Snapshot)
    return snapshot


mutations = st.lists(
    st.tuples(
        st.sampled_from(["delete", "duplicate", "swap", "flip", "indent", "dedent", "insert"]),
        st.integers(0, len(LINES) - 1),
        st.integers(0, len(LINES) - 1),
        st.integers(0, 255),
        st.sampled_from(SYNTAX),
    ),
    min_size=1,
    max_size=4,
)


def mutate(lines: list[bytes], steps: list[tuple[str, int, int, int, bytes]]) -> bytes:
    lines = list(lines)
    for op, i, j, byte, text in steps:
        i, j = i % len(lines), j % len(lines)
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "flip" and lines[i]:
            k = j % len(lines[i])
            lines[i] = lines[i][:k] + bytes([byte]) + lines[i][k + 1 :]
        elif op == "indent":
            lines[i] = b"  " + lines[i]
        elif op == "dedent":
            lines[i] = lines[i][2:] if lines[i].startswith(b"  ") else lines[i]
        elif op == "insert":
            k = j % (len(lines[i]) + 1)
            lines[i] = lines[i][:k] + text + lines[i][k:]
    return b"\n".join(lines)


@given(mutations)
def test_mutated_files_load_or_raise_data_error(folder: Path, steps: list) -> None:  # type: ignore[type-arg]
    load_or_data_error(folder, mutate(LINES, steps))


@given(st.binary(max_size=400))
def test_random_bytes_load_or_raise_data_error(folder: Path, data: bytes) -> None:
    load_or_data_error(folder, data)


documents = st.recursive(
    st.none() | st.text(max_size=8) | st.sampled_from(["NO", "2021-01-01", "zz", "listed"]),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(["list", "as_of", "entries", "id", "name", "basis", "changes", "x"]),
            children,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@given(documents)
def test_random_documents_load_or_raise_data_error(folder: Path, document: object) -> None:
    load_or_data_error(folder, yaml.safe_dump(document, allow_unicode=True).encode("utf-8"))


@given(st.binary(max_size=200))
def test_reader_never_raises_anything_but_data_error(data: bytes) -> None:
    with contextlib.suppress(DataError):
        parse_bytes(data, "f.yaml")
