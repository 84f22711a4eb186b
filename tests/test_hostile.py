"""Hostile and malformed input: each ends in exit 2 with one line naming the file, quickly, in
bounded memory, with nothing executed — or in a correct result where the input is legitimate.
The guards are documented in SECURITY.md."""

from __future__ import annotations

import csv
import io
import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from designations import DataError, load_snapshot, yamlio

from .conftest import ROOT, SAMPLE_DATA, Result

TARGET = "lists/xx-sample/2021-01-01.yaml"
ONE_GIB = 1024**3


def run_limited(*args: str, cwd: Path) -> Result:
    """The real entry point with at most 1 GiB of address space and 20 s."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ONE_GIB, ONE_GIB))

    proc = subprocess.run(
        [sys.executable, "-m", "designations", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=20,
        preexec_fn=limit,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE_DATA, tmp_path / "data")
    return tmp_path


def billion_laughs() -> bytes:
    lines = [b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]".encode())
    return b"\n".join(lines) + b"\n"


HOSTILE: dict[str, tuple[bytes, str]] = {
    "alias bomb": (billion_laughs(), "anchors (&a) are not allowed"),
    "alias in an entry": (
        (SAMPLE_DATA / TARGET).read_bytes().replace(b"name: Foxtrot Cell", b"name: *x"),
        "aliases (*name) are not allowed",
    ),
    "deep nesting": (b"list: " + b"[" * 100_000 + b"]" * 100_000 + b"\n", "nesting deeper"),
    "deep block nesting": (
        b"".join(b"  " * i + b"k:\n" for i in range(2000)) + b"  " * 2000 + b"v\n",
        "nesting deeper",
    ),
    "python tag": (
        b"list: !!python/object/apply:os.system ['touch PWNED']\n",
        "tags (",
    ),
    "custom tag": (b"list: !x y\n", "tags (!x) are not allowed"),
    "invalid utf-8": (b"list: xx-sample\nas_of: \xc3\x28\n", "not valid UTF-8"),
    "binary garbage": (bytes(range(256)) * 8, "yaml"),
    "empty": (b"", "the file is empty"),
    "whitespace only": (b"\n  \n", "the file is empty"),
    "top level list": (b"- list\n- as_of\n", "top level must be a mapping"),
    "top level scalar": (b"hello\n", "top level must be a mapping"),
    "long value": (b"list: " + b"x" * (64 * 1024 + 1) + b"\n", "65536 characters"),
    "long quoted value": (b'list: "' + b"x" * (64 * 1024 + 1) + b'"\n', "65536 characters"),
    "long block value": (b"list: |\n  " + b"x" * (64 * 1024 + 1) + b"\n", "65536 characters"),
    "null byte": (b"list: xx\x00\n", "invalid YAML"),
    "two documents": (b"list: a\n---\nlist: b\n", "only one YAML document"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_snapshot_is_refused_with_one_line(data: Path, name: str) -> None:
    content, expected = HOSTILE[name]
    (data / "data" / TARGET).write_bytes(content)
    result = run_limited("--data", "data", "diff", "xx-sample", cwd=data)
    assert result.code == 2, result.err
    assert result.err.startswith(f"data/{TARGET}"), result.err
    assert len(result.err.strip().splitlines()) == 1
    assert expected.lower() in result.err.lower()
    assert "Traceback" not in result.err
    assert not (data / "PWNED").exists()
    assert result.out == ""


def test_byte_order_mark_and_crlf_give_the_same_result(data: Path) -> None:
    plain = run_limited(
        "--data", "data", "diff", "xx-sample", "2020-01-01", "2021-01-01", "-f", "json", cwd=data
    )
    target = data / "data" / TARGET
    target.write_bytes(b"\xef\xbb\xbf" + target.read_bytes().replace(b"\n", b"\r\n"))
    crlf = run_limited(
        "--data", "data", "diff", "xx-sample", "2020-01-01", "2021-01-01", "-f", "json", cwd=data
    )
    assert crlf.code == plain.code == 0
    assert json.loads(crlf.out) == json.loads(plain.out)


def test_file_over_the_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(SAMPLE_DATA / "lists" / "xx-sample", tmp_path / "xx-sample")
    monkeypatch.setattr(yamlio, "MAX_FILE_BYTES", 100)
    with pytest.raises(DataError) as info:
        load_snapshot(tmp_path / "xx-sample" / "2021-01-01.yaml")
    assert info.value.problems[0].rule == "too-large"
    assert "limit of 100 bytes" in str(info.value)


def test_unreadable_path_is_a_data_error(tmp_path: Path) -> None:
    shutil.copytree(SAMPLE_DATA / "lists" / "xx-sample", tmp_path / "xx-sample")
    folder = tmp_path / "xx-sample" / "2023-01-01.yaml"
    folder.mkdir()  # a folder where a file should be
    with pytest.raises(DataError) as info:
        load_snapshot(folder)
    assert info.value.problems[0].rule == "not-a-regular-file"
    with pytest.raises(DataError) as info:
        load_snapshot(tmp_path / "xx-sample" / "2024-01-01.yaml")  # no such file
    assert info.value.problems[0].rule == "unreadable"


HOSTILE_NAME = 'Evil\u202e[2J\u2066]0;pwned | `x` =HYPERLINK("http://x") <script>\u202e'


def with_hostile_name(data: Path) -> None:
    target = data / "data" / TARGET
    text = target.read_text(encoding="utf-8")
    escaped = json.dumps(HOSTILE_NAME)  # a double-quoted YAML scalar is a JSON string
    target.write_text(text.replace("name: Golf Network", f"name: {escaped}"), encoding="utf-8")


def test_terminal_output_strips_control_characters(data: Path) -> None:
    with_hostile_name(data)
    result = run_limited(
        "--data", "data", "diff", "xx-sample", "2020-01-01", "2021-01-01", cwd=data
    )
    assert result.code == 0
    assert "\u202e" not in result.out and "\u2066" not in result.out
    assert "Evil[2J]0;pwned" in result.out


@pytest.mark.parametrize("escape", ["\\x1b[2J", "\\e]0;x\\a", "\\0", "\\ud800", "\\uFFFE"])
def test_control_characters_through_yaml_escapes_are_refused(data: Path, escape: str) -> None:
    target = data / "data" / TARGET
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("name: Golf Network", f'name: "Golf{escape}"'), encoding="utf-8")
    result = run_limited("--data", "data", "diff", "xx-sample", cwd=data)
    assert result.code == 2
    assert "is not allowed" in result.err or "invalid YAML" in result.err, result.err
    assert result.err.startswith(f"data/{TARGET}:")


def test_markdown_cells_are_escaped(data: Path) -> None:
    with_hostile_name(data)
    out = run_limited(
        "--data",
        "data",
        "diff",
        "xx-sample",
        "2020-01-01",
        "2021-01-01",
        "-f",
        "markdown",
        cwd=data,
    ).out
    row = next(line for line in out.splitlines() if "golf" in line)
    header = next(line for line in out.splitlines() if line.startswith("| |"))
    assert row.count(" | ") == header.count(" | ")
    assert "<script>" not in out
    assert "\\<script\\>" in row


def test_csv_cells_never_start_a_formula(data: Path) -> None:
    target = data / "data" / TARGET
    text = (
        target.read_text(encoding="utf-8")
        .replace("name: Golf Network", 'name: "=HYPERLINK(""http://x"")"'.replace('""', '\\"'))
        .replace("name: Foxtrot Cell", "name: '@SUM(A1)'")
    )
    target.write_text(text, encoding="utf-8")
    out = run_limited(
        "--data", "data", "diff", "xx-sample", "2020-01-01", "2021-01-01", "-f", "csv", cwd=data
    ).out
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    cells = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("http://x")' in cells
    assert "'@SUM(A1)" in cells
    assert not any(cell[:1] in ("=", "+", "-", "@") for cell in cells)


@pytest.mark.parametrize(
    "args",
    [
        ["diff", "../../etc/passwd"],
        ["show", "/etc"],
        ["diff", "xx-sample", "2021-02-29"],
        ["diff", "xx-sample", "0000-01-01"],
        ["diff", "xx-sample", "1900-01-01"],
        ["show", "xx-sample", "--as-of", "9999-99-99"],
    ],
)
def test_hostile_arguments(data: Path, args: list[str]) -> None:
    result = run_limited("--data", "data", *args, cwd=data)
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1


def test_missing_data_folder(tmp_path: Path) -> None:
    result = run_limited("--data", "nowhere", "lists", cwd=tmp_path)
    assert result.code == 2
    assert "data folder not found: nowhere" in result.err


def test_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    shutil.copytree(SAMPLE_DATA / "lists" / "xx-sample", tmp_path / "xx-sample")
    huge = tmp_path / "xx-sample" / "2023-01-01.yaml"
    with huge.open("wb") as handle:  # a sparse file: no disk used, nothing to read
        handle.truncate(yamlio.MAX_FILE_BYTES + 1)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(DataError) as info:
        load_snapshot(huge)
    assert info.value.problems[0].rule == "too-large"
    assert f"limit of {yamlio.MAX_FILE_BYTES} bytes" in str(info.value)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KiB
