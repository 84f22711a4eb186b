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


#: A diff of a few hundred bytes (a pipe holds 64 KiB), and one of 79 KB (more than it holds):
#: each exits 0, or 1 with --exit-code (there are changes).
SMALL_DIFF = ["diff", "ru-terrorist-organizations", "-f", "json"]
LARGE_DIFF = ["diff", "gb-proscribed", "2001-02-19", "2026-12-31", "-f", "json"]


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], dict[str, str]]:
    """``python -m designations`` (``cli.run``, which flushes standard output and ends with
    ``os._exit``) on the bundled data, with a cache the tests below share."""
    cache = tmp_path_factory.mktemp("cache")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DESIGNATIONS_CACHE_DIR": str(cache)}
    return [sys.executable, "-m", "designations"], env


def _into_a_closed_pipe(
    program: tuple[list[str], dict[str, str]], args: list[str], stream: str = "stdout"
) -> subprocess.CompletedProcess[bytes]:
    """Run with standard output (or error) a pipe whose reader has already gone."""
    command, env = program
    read_end, write_end = os.pipe()
    os.close(read_end)
    gone = stream == "stdout"
    try:
        return subprocess.run(
            [*command, *args],
            stdout=write_end if gone else subprocess.DEVNULL,
            stderr=subprocess.PIPE if gone else write_end,
            env=env,
            check=False,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize("command", [SMALL_DIFF, LARGE_DIFF], ids=["small", "large"])
def test_a_reader_that_has_gone_leaves_the_exit_status_as_it_is(
    program: tuple[list[str], dict[str, str]], command: list[str]
) -> None:
    """`designations diff ... | head -1`: a reader that stops early is no error. The rest of
    the output is dropped silently (no traceback, no "Exception ignored") and the exit status
    is the command's own: 0, or 1 (a finding) with --exit-code, whatever the output's size;
    never 1 for the pipe itself, which `set -o pipefail` would read as a finding."""
    for args, expected in ((command, 0), ([*command, "--exit-code"], 1), (["--help"], 0)):
        done = _into_a_closed_pipe(program, args)
        assert (done.returncode, done.stderr) == (expected, b""), args


@pytest.mark.skipif(not shutil.which("bash") or not shutil.which("head"), reason="no bash")
def test_head_in_a_pipefail_pipeline_sees_the_commands_own_status(
    program: tuple[list[str], dict[str, str]],
) -> None:
    """`set -o pipefail; designations diff ... | head -c N` in bash, with output larger than a
    pipe holds: the pipeline's status is the command's (0; 1 with --exit-code), whether the
    reader leaves before the first byte is written (`head -c 0`) or in the middle."""
    command, env = program
    complete = subprocess.run([*command, *LARGE_DIFF], capture_output=True, env=env, check=False)
    assert complete.returncode == 0 and len(complete.stdout) > 65536, complete.stderr
    for reader in ("head -c 0", "head -c 1"):
        script = f'set -o pipefail; "$@" | {reader} >/dev/null'
        for args, expected in ((LARGE_DIFF, 0), ([*LARGE_DIFF, "--exit-code"], 1)):
            done = subprocess.run(
                ["bash", "-c", script, "bash", *command, *args],
                stderr=subprocess.PIPE,
                env=env,
                check=False,
            )
            assert (done.returncode, done.stderr) == (expected, b""), (reader, args)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_output_that_cannot_be_written_is_one_line_and_exit_2(
    program: tuple[list[str], dict[str, str]],
) -> None:
    """A full disk: --help and --version as much as a command's output (small or large), and
    no more than one line however much of the output was left."""
    command, env = program
    for args in (["--help"], ["--version"], ["report", "--help"], SMALL_DIFF, LARGE_DIFF):
        with Path("/dev/full").open("wb") as full:
            done = subprocess.run(
                [*command, *args], stdout=full, stderr=subprocess.PIPE, env=env, check=False
            )
        assert done.returncode == 2, args
        assert done.stderr == b"designations: error: No space left on device: standard output\n"
    closed = subprocess.run(
        ["sh", "-c", '"$@" >&-', "sh", *command, "--help"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert closed.returncode == 2
    assert closed.stderr.startswith(b"designations: error: standard output is closed")


def test_a_message_that_cannot_be_shown_leaves_the_exit_status_as_it_is(
    program: tuple[list[str], dict[str, str]],
) -> None:
    """Standard error's reader has gone (`2>&1 | head -c 1`): the message is lost, the exit
    status still says what happened (2 an error, 1 nothing matches)."""
    for args, expected in (
        (["show", "no-such-list"], 2),
        (["history", "no such entity anywhere", "-f", "json"], 1),
    ):
        done = _into_a_closed_pipe(program, args, "stderr")
        assert done.returncode == expected, args


def test_a_global_option_after_the_command_says_where_it_goes(tmp_path: Path) -> None:
    """`designations diff LIST --no-cache` (a user ruling out a stale cache) was only
    `unrecognized arguments: --no-cache (see --help)`, and the command's --help does not list
    it: the line now says it goes before the command."""
    env = {"DESIGNATIONS_CACHE_DIR": str(tmp_path / "cache")}
    late = run("diff", "gb-proscribed", "--no-cache", env=env)
    assert late.code == 2 and late.out == "" and late.err.count("\n") == 1
    assert "--no-cache goes before the command: designations --no-cache COMMAND" in late.err
    both = run("show", "gb-proscribed", f"--data={SAMPLE_DATA}", "--no-cache", env=env)
    assert both.code == 2
    assert "--no-cache and --data go before the command: designations --no-cache --data DIR" in (
        both.err
    )
    other = run("lists", "--bogus", env=env)
    assert other.code == 2 and "before the command" not in other.err
    assert run("--no-cache", "diff", "gb-proscribed", env=env).code == 0
    assert run("check", "--data", str(SAMPLE_DATA), env=env).code in (0, 1)  # check takes --data
