"""The command line through its real entry point: output, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLE_DATA, Result, run

Cli = Callable[..., Result]
DATA = str(SAMPLE_DATA)


def test_help_lists_the_commands(cli: Cli) -> None:
    result = cli("--help")
    assert result.code == 0
    for command in ("lists", "show", "diff"):
        assert command in result.out


def test_lists(cli: Cli) -> None:
    result = cli("--data", DATA, "lists")
    assert result.code == 0
    row = result.out.splitlines()[1].split()
    assert row[:5] == ["xx-sample", "XX", "3", "2022-01-01", "1"]
    doc = json.loads(cli("--data", DATA, "lists", "--format", "json").out)
    assert doc["lists"][0]["entries"] == 1


def test_show_as_of_a_date(cli: Cli) -> None:
    result = cli("--data", DATA, "show", "xx-sample", "--as-of", "2020-06-30")
    assert result.code == 0
    assert "as of 2020-01-01: 5 entries" in result.out
    assert "ГКПИ 01-1" in result.out


def test_diff_default_is_the_last_two_snapshots(cli: Cli) -> None:
    result = cli("--data", DATA, "diff", "xx-sample", "--format", "json")
    doc = json.loads(result.out)
    assert (doc["from"], doc["to"]) == ("2021-01-01", "2022-01-01")


def test_diff_exit_code(cli: Cli) -> None:
    assert cli("--data", DATA, "diff", "xx-sample", "2020-01-01", "2021-01-01").code == 0
    assert (
        cli("--data", DATA, "diff", "xx-sample", "2020-01-01", "2021-01-01", "--exit-code").code
        == 1
    )
    same = cli("--data", DATA, "diff", "xx-sample", "2020-01-01", "2020-06-01", "--exit-code")
    assert same.code == 0
    assert "No changes." in same.out


def test_diff_markdown_is_a_table(cli: Cli) -> None:
    out = cli("--data", DATA, "diff", "xx-sample", "2020-01-01", "2021-01-01", "-f", "markdown").out
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + 7
    assert all(row.count(" | ") == rows[0].count(" | ") for row in rows)


def test_diff_csv_has_a_row_per_change(cli: Cli) -> None:
    out = cli("--data", DATA, "diff", "xx-sample", "2020-01-01", "2021-01-01", "-f", "csv").out
    assert out.startswith("\ufefflist,from,to,kind")
    assert len(out.strip().splitlines()) == 8


def test_output_file_is_written(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "diff.json"
    result = cli("--data", DATA, "diff", "xx-sample", "-f", "json", "-o", str(target))
    assert result.code == 0
    assert result.out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["list"] == "xx-sample"
    assert [p.name for p in tmp_path.iterdir()] == ["diff.json"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["diff", "no-such-list"], "no list 'no-such-list'"),
        (["diff", "../../etc/passwd"], "no list '../../etc/passwd'"),
        (["diff", "xx-sample", "2021-02-30"], "not a real date"),
        (["diff", "xx-sample", "yesterday"], "expected a date"),
        (["diff", "xx-sample", "1999-01-01"], "no snapshot in force on 1999-01-01"),
        (["diff", "xx-sample", "2022-01-01", "2020-01-01"], "must not be after"),
        (["show", "xx-sample", "--as-of", "2020-1-1"], "expected a date"),
        (["diff", "xx-sample", "--format", "pdf"], "invalid choice"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_argument_errors_are_one_line_exit_2(cli: Cli, args: list[str], expected: str) -> None:
    result = cli("--data", DATA, *args)
    assert result.code == 2
    assert expected in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err


def test_missing_data_folder(cli: Cli, tmp_path: Path) -> None:
    result = cli("--data", str(tmp_path / "nowhere"), "lists")
    assert result.code == 2
    assert "data folder not found" in result.err


def test_bad_data_is_one_line_with_file_line_field(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    snapshot = data / "lists" / "xx-sample" / "2021-01-01.yaml"
    text = snapshot.read_text(encoding="utf-8").replace("type: organization", "type: cell", 1)
    snapshot.write_text(text, encoding="utf-8")
    result = run("--data", "data", "diff", "xx-sample", cwd=tmp_path)
    assert result.code == 2
    assert result.err.strip() == (
        "data/lists/xx-sample/2021-01-01.yaml:12: entries[0].type: 'cell' is not one of: "
        "organization, individual, vessel, aircraft, other"
    )


def test_real_entry_point_headline_case() -> None:
    """The README's main command, on the bundled data."""
    result = run(
        "diff", "ru-terrorist-organizations", "2025-04-16", "2025-04-17", cwd=ROOT / "tests"
    )
    assert result.code == 0, result.err
    assert "taliban" in result.out
    assert "suspended 2025-04-17 (explained)" in result.out
    assert "status: active -> suspended" in result.out


def test_environment_variable_names_the_data(tmp_path: Path) -> None:
    result = run("lists", cwd=tmp_path, env={"DESIGNATIONS_DATA": DATA})
    assert result.code == 0
    assert "xx-sample" in result.out


def test_diff_refuses_a_list_with_a_broken_older_snapshot(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    first = data / "lists" / "xx-sample" / "2020-01-01.yaml"
    first.write_text(first.read_text(encoding="utf-8") + "as_of: 2020-01-01\n", encoding="utf-8")
    result = run("--data", "data", "diff", "xx-sample", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("data/lists/xx-sample/2020-01-01.yaml:")
    assert "duplicate key 'as_of'" in result.err


def test_the_program_prints_everything_before_it_ends(tmp_path: Path) -> None:
    """``python -m designations`` (``cli.run``) ends the process without tearing down what the
    command built: its output must still be complete and its exit status the command's."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DESIGNATIONS_CACHE_DIR": str(tmp_path)}
    args = [sys.executable, "-m", "designations", "diff", "ru-terrorist-organizations"]
    piped = subprocess.run([*args, "-f", "json"], capture_output=True, env=env, check=False)
    assert piped.returncode == 0, piped.stderr
    document = json.loads(piped.stdout)  # all of it: a cut-off document would not parse
    assert document["list"] == "ru-terrorist-organizations"
    assert piped.stdout.endswith(b"}\n")
    found = subprocess.run([*args, "--exit-code"], capture_output=True, env=env, check=False)
    assert found.returncode == 1 and found.stdout.strip(), found.stderr
    bad = subprocess.run([*args[:-1], "no-such-list"], capture_output=True, env=env, check=False)
    assert bad.returncode == 2 and bad.stderr.count(b"\n") == 1


def test_the_program_ends_cleanly_when_standard_output_is_closed_or_full(tmp_path: Path) -> None:
    """``cli.run`` flushes standard output before it ends the process: started with standard
    output closed (``>&-``) it is None, and on a full disk the write fails; neither is a
    traceback but one line and exit status 2."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DESIGNATIONS_CACHE_DIR": str(tmp_path)}
    args = [sys.executable, "-m", "designations", "--data", str(SAMPLE_DATA), "lists"]
    closed = subprocess.run(
        ["sh", "-c", '"$@" >&-', "sh", *args], capture_output=True, env=env, check=False
    )
    assert closed.returncode == 2 and closed.stderr.count(b"\n") == 1, closed.stderr
    if Path("/dev/full").exists():
        with Path("/dev/full").open("wb") as full:
            failed = subprocess.run(args, stdout=full, stderr=subprocess.PIPE, env=env, check=False)
        assert failed.returncode == 2
        assert failed.stderr.count(b"\n") == 1 and b"No space left" in failed.stderr


@pytest.mark.parametrize(
    "command", [["lists"], ["report", "-f", "json"], ["history", "Taliban"], ["--help"]]
)
def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path, command: list[str]) -> None:
    """`designations report | head -1`: the reader closes the pipe while the program writes;
    the program (``cli.run``, which ends with ``os._exit`` after flushing) says nothing on
    standard error (no traceback, no "Exception ignored") and does not exit 2 (bad data)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DESIGNATIONS_CACHE_DIR": str(tmp_path)}
    read_end, write_end = os.pipe()
    os.close(read_end)  # a reader that has already gone
    try:
        done = subprocess.run(
            [sys.executable, "-m", "designations", *command],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=env,
            check=False,
        )
    finally:
        os.close(write_end)
    assert done.stderr == b""
    assert done.returncode in (0, 1)
