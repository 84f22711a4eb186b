"""Only regular files inside the data folder are read, and never more than a limit: a symbolic
link (to a secret, to ``/dev/zero``), a FIFO, a device or a linked folder is refused with exit 2
and one line naming the path and the rule, quickly, in little memory, with and without the
cache, and nothing of the target's content is printed."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from designations import DataError
from designations.errors import UsageError
from designations.safeio import (
    UnsafeFileError,
    check_folder,
    open_regular,
    read_bytes,
    size_setting,
)

from .conftest import ROOT, SAMPLE_DATA, Result

SECRET = "TOPSECRET"
TARGET = Path("data/lists/xx-sample/2021-01-01.yaml")


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fail instead of hanging forever when something blocks (a FIFO opened for reading)."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError("blocked for 10 s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(10)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(SAMPLE_DATA, tmp_path / "data")
    secret = tmp_path / "outside.yaml"  # looks like data, so a follower would echo its keys
    secret.write_text("".join(f"{SECRET}-{i}: hunter{i}\n" for i in range(25)), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def plant(root: Path, kind: str, where: Path = TARGET) -> None:
    """Replace the data file (or folder) ``where`` with a hostile one."""
    path = root / where
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink()
    if kind == "symlink":
        path.symlink_to(root / "outside.yaml")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "folder-link":
        shutil.copytree(SAMPLE_DATA / where.relative_to("data"), root / "elsewhere")
        path.symlink_to(root / "elsewhere", target_is_directory=True)
    else:
        raise AssertionError(kind)


# -- the reader itself ----------------------------------------------------------------------


def test_a_regular_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"x: 1\n")
    assert read_bytes(tmp_path / "a.yaml") == b"x: 1\n"
    assert read_bytes(tmp_path / "a.yaml", root=tmp_path) == b"x: 1\n"


@pytest.mark.usefixtures("deadline")
def test_links_fifos_devices_and_folders_are_refused_on_the_descriptor(tmp_path: Path) -> None:
    (tmp_path / "real.yaml").write_text(f"{SECRET}: 1\n")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "real.yaml")
    os.mkfifo(tmp_path / "fifo.yaml")
    (tmp_path / "dir.yaml").mkdir()
    cases = {
        tmp_path / "link.yaml": ("symbolic-link", "a symbolic link"),
        tmp_path / "fifo.yaml": ("not-a-regular-file", "a FIFO"),
        Path("/dev/zero"): ("not-a-regular-file", "a device"),
        tmp_path / "dir.yaml": ("not-a-regular-file", "a folder"),
    }
    for path, (rule, what) in cases.items():
        with pytest.raises(UnsafeFileError) as info:
            read_bytes(path, "shown.yaml")
        assert info.value.problems[0].rule == rule
        assert str(info.value).startswith(f"shown.yaml: {what}")
        assert SECRET not in str(info.value)


def test_a_linked_folder_on_the_way_from_the_root_is_refused(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.yaml").write_bytes(b"x: 1\n")
    (tmp_path / "root").mkdir()
    (tmp_path / "root" / "sub").symlink_to(tmp_path / "real", target_is_directory=True)
    with pytest.raises(UnsafeFileError) as info:
        read_bytes(tmp_path / "root" / "sub" / "a.yaml", root=tmp_path / "root")
    assert "is a symbolic link" in str(info.value)
    with pytest.raises(UnsafeFileError) as info:
        read_bytes(tmp_path / "real" / "a.yaml", root=tmp_path / "root")
    assert info.value.problems[0].rule == "outside-data-folder"
    with pytest.raises(UnsafeFileError):
        check_folder(tmp_path / "root" / "sub")
    check_folder(tmp_path / "real")  # a real folder passes


def test_size_is_checked_before_reading_and_reads_are_capped(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"x" * 101)
    with pytest.raises(DataError) as info:
        read_bytes(big, limit=100)
    assert info.value.problems[0].rule == "too-large"
    assert read_bytes(big, limit=101) == b"x" * 101


def test_a_source_the_user_names_may_be_a_link_but_must_be_a_regular_file(tmp_path: Path) -> None:
    (tmp_path / "sdn.csv").write_bytes(b"a,b\n")
    (tmp_path / "latest.csv").symlink_to(tmp_path / "sdn.csv")
    with open_regular(tmp_path / "latest.csv", follow_links=True) as handle:
        assert handle.read() == b"a,b\n"
    (tmp_path / "zero.csv").symlink_to("/dev/zero")
    with pytest.raises(UnsafeFileError):
        open_regular(tmp_path / "zero.csv", follow_links=True)


# -- every command, with and without the cache ----------------------------------------------

COMMANDS = [
    ["diff", "xx-sample"],
    ["show", "xx-sample"],
    ["check"],
    ["history", "Golf"],
    ["report"],
    ["lists"],
]
PLANTS = [
    ("symlink", TARGET),
    ("fifo", TARGET),
    ("dev-zero", TARGET),
    ("symlink", Path("data/lists/xx-sample/list.yaml")),
    ("fifo", Path("data/lists/xx-sample/list.yaml")),
    ("folder-link", Path("data/lists/xx-sample")),
    ("folder-link", Path("data/lists")),
]


@pytest.mark.usefixtures("deadline")
@pytest.mark.parametrize("cache", [True, False], ids=["cache", "no-cache"])
@pytest.mark.parametrize(("kind", "where"), PLANTS, ids=lambda p: str(p).replace("/", "_"))
def test_every_command_refuses_a_planted_file(
    data: Path, cli: Callable[..., Result], kind: str, where: Path, cache: bool
) -> None:
    plant(data, kind, where)
    for command in COMMANDS:
        args = ["--data", "data", *([] if cache else ["--no-cache"]), *command]
        result = cli(*args)
        assert result.code == 2, (command, result)
        assert SECRET not in result.out + result.err
        assert len(result.err.strip().splitlines()) == 1, result.err
        assert "symbolic link" in result.err or "FIFO" in result.err, result.err


# The command, then its own peak memory (KiB) and CPU seconds on a last line of standard error.
MEASURED = (
    "import resource, sys\n"
    "from designations.cli import main\n"
    "try:\n"
    "    code = main(sys.argv[1:])\n"
    "finally:\n"
    "    usage = resource.getrusage(resource.RUSAGE_SELF)\n"
    "    peak = usage.ru_maxrss\n"
    "    try:  # Linux carries the forking parent's peak into ru_maxrss; VmHWM is this one's\n"
    "        with open('/proc/self/status') as status:\n"
    "            peak = next(int(x.split()[1]) for x in status if x.startswith('VmHWM'))\n"
    "    except OSError:\n"
    "        pass\n"
    "    print(peak, usage.ru_utime + usage.ru_stime, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


@pytest.mark.parametrize("kind", ["symlink", "fifo", "dev-zero"])
def test_refused_within_a_second_in_little_memory(data: Path, kind: str) -> None:
    """The real command in a subprocess, its time and its own peak memory."""
    plant(data, kind)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for cache in ([], ["--no-cache"]):
        proc = subprocess.run(
            [sys.executable, "-c", MEASURED, "--data", "data", *cache, "diff", "xx-sample"],
            cwd=data,
            env=env,
            capture_output=True,
            text=True,
            timeout=20,  # a blocked read (a FIFO) ends here
            check=False,
        )
        message, measured = proc.stderr.strip().splitlines()
        peak, cpu = measured.split()
        assert proc.returncode == 2, proc.stderr
        assert message.startswith(str(TARGET)), message
        assert SECRET not in proc.stdout + proc.stderr
        assert int(peak) < 100 * 1024  # KiB; about 40 MiB
        assert float(cpu) < 1  # about 0.2 s, the interpreter's start included


@pytest.mark.usefixtures("deadline")
@pytest.mark.parametrize(
    ("kind", "where"),
    [
        ("symlink", Path("data/seeds/sample-source.yaml")),
        ("fifo", Path("data/seeds/sample-source.yaml")),
        ("folder-link", Path("data/seeds")),
    ],
    ids=["seed-link", "seed-fifo", "seeds-folder-link"],
)
def test_check_refuses_a_planted_seed(
    data: Path, cli: Callable[..., Result], kind: str, where: Path
) -> None:
    plant(data, kind, where)
    result = cli("--data", "data", "check", "-f", "github")
    assert result.code == 2, result
    assert result.err.startswith(str(where)), result.err
    assert SECRET not in result.out + result.err


@pytest.mark.parametrize(
    ("module", "limit", "command", "message"),
    [
        ("load", "MAX_SNAPSHOTS", ["diff", "xx-sample"], "more than 2 snapshots in one list"),
        ("load", "MAX_INSTRUMENTS", ["diff", "xx-sample"], "more than 2 instruments in one file"),
        (
            "load",
            "MAX_ENTRIES",
            ["show", "xx-sample", "--as-of", "2021-01-01"],
            "more than 2 entries",
        ),
        ("registry", "MAX_LISTS", ["lists"], "more than 2 lists in one data folder"),
        ("registry", "MAX_SEEDS", ["check"], "more than 2 seeds in one data folder"),
    ],
)
def test_data_folder_totals_are_bounded(
    data: Path,
    cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    module: str,
    limit: str,
    command: list[str],
    message: str,
) -> None:
    import importlib

    monkeypatch.setattr(importlib.import_module(f"designations.{module}"), limit, 2)
    for extra in range(3):  # enough lists and seeds to pass the bound
        shutil.copytree(SAMPLE_DATA / "lists" / "xx-sample", data / f"data/lists/xx-sample{extra}")
        shutil.copy(
            SAMPLE_DATA / "seeds" / "sample-source.yaml", data / f"data/seeds/s{extra}.yaml"
        )
    result = cli("--data", "data", "--no-cache", *command)
    assert result.code == 2, result
    assert message in result.err
    assert len(result.err.splitlines()) == 1


@pytest.mark.parametrize(
    ("text", "size"),
    [("", 7), ("  ", 7), ("100", 100), ("500M", 500 * 1024**2), ("2GiB", 2 * 1024**3),
     ("1 g", 1024**3), ("64 KB", 64 * 1024), ("3T", 3 * 1024**4), ("12B", 12)],
)  # fmt: skip
def test_a_size_setting_takes_bytes_or_a_unit(
    text: str, size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DESIGNATIONS_TEST_SIZE", text)
    assert size_setting("DESIGNATIONS_TEST_SIZE", 7) == size


@pytest.mark.parametrize("text", ["abc", "0", "-5", "1.5G", "10X", "２０"])
def test_a_size_setting_that_is_no_size_is_an_error_not_the_default(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DESIGNATIONS_TEST_SIZE", text)
    with pytest.raises(UsageError, match="DESIGNATIONS_TEST_SIZE"):
        size_setting("DESIGNATIONS_TEST_SIZE", 7)


@pytest.mark.parametrize("name", ["DESIGNATIONS_MAX_FILE_BYTES", "DESIGNATIONS_CACHE_MAX_BYTES"])
def test_the_program_stops_on_a_size_setting_it_cannot_read(name: str, tmp_path: Path) -> None:
    """Not silently the default (``500MB``, as a user might write it, used to mean 2 GiB)."""
    env = {**os.environ, name: "500 megabytes", "DESIGNATIONS_CACHE_DIR": str(tmp_path)}
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.run(
        [sys.executable, "-m", "designations", "--data", str(SAMPLE_DATA), "lists"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == (
        f"designations: error: ${name} is '500 megabytes': give a size in bytes, or with a "
        "unit (500M, 2G), above 0\n"
    )
