"""Atomic output: a failed or interrupted write leaves the previous file as it was."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from designations import output
from designations.errors import UsageError
from designations.output import atomic_write

from .conftest import ROOT, SAMPLE_DATA, run


def test_atomic_write_replaces_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    atomic_write(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_new_file_gets_the_umask_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "new.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644


def test_failure_while_writing_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    with pytest.raises(TypeError):
        atomic_write(target, 42)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_unwritable_target_is_one_line_exit_2(tmp_path: Path) -> None:
    result = run(
        "--data",
        str(SAMPLE_DATA),
        "diff",
        "xx-sample",
        "-o",
        str(tmp_path / "no" / "such" / "dir" / "x.json"),
    )
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1
    # The file the user named, and the folder that is missing: not the temporary file's name.
    target = tmp_path / "no" / "such" / "dir" / "x.json"
    assert f"cannot write {target}: no folder {target.parent}" in result.err
    assert ".tmp" not in result.err


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only folders")
def test_read_only_folder(tmp_path: Path) -> None:  # pragma: no cover - not run as root
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    result = run("--data", str(SAMPLE_DATA), "diff", "xx-sample", "-o", str(folder / "x"))
    assert result.code == 2


def test_sigterm_during_the_write_leaves_the_old_file(tmp_path: Path) -> None:
    """A process killed with SIGTERM while writing (here: stuck inside the write) exits cleanly,
    the previous file is intact, and no temporary file is left."""
    target = tmp_path / "report.txt"
    target.write_text("previous", encoding="utf-8")
    script = textwrap.dedent(
        f"""
        import sys, time
        from designations import output
        from designations.output import atomic_write, terminate_cleanly

        class Slow:
            def __init__(self, stream): self.stream = stream
            def write(self, data):
                print("writing", flush=True)
                time.sleep(30)
            def __getattr__(self, name): return getattr(self.stream, name)
            def __enter__(self): return self
            def __exit__(self, *exc): self.stream.close()

        real_fdopen = output.os.fdopen
        output.os.fdopen = lambda *a, **k: Slow(real_fdopen(*a, **k))
        try:
            with terminate_cleanly():
                atomic_write({str(target)!r}, "new")
        except KeyboardInterrupt:
            sys.exit(130)
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "writing"
    time.sleep(0.1)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=20) == 130
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


def test_output_is_written_only_to_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "folder").mkdir()
    for target in (fifo, tmp_path / "folder", Path("/dev/null")):
        with pytest.raises(UsageError, match="not a regular file"):
            output._check_target(target)  # checked before anything is created
    with pytest.raises(UsageError):
        atomic_write(fifo, "x")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "pipe"]  # no temporary


def test_setuid_and_setgid_bits_are_not_copied(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old")
    target.chmod(0o6755)
    atomic_write(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o755


def test_an_own_link_is_replaced_not_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("keep")
    link = tmp_path / "out.md"
    link.symlink_to(victim)
    atomic_write(link, "report")
    assert victim.read_text() == "keep"
    assert not link.is_symlink() and link.read_text() == "report"


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="no /proc")
def test_a_link_to_the_process_open_files_is_never_replaced(tmp_path: Path) -> None:
    """`-o /dev/stdout` run as root (a container, a CI image) replaced the link /dev/stdout ->
    /proc/self/fd/1 with a regular file, for every later process; as another user it failed
    with "Permission denied". It is refused in one line that names '-o -'."""
    stdout_link = tmp_path / "out.json"
    stdout_link.symlink_to("/proc/self/fd/1")
    chain = tmp_path / "chain.json"
    chain.symlink_to(stdout_link)
    linked_folder = tmp_path / "fd"
    linked_folder.symlink_to("/proc/self/fd", target_is_directory=True)
    for target in (
        Path("/dev/stdout"),
        Path("/dev/fd/1"),
        stdout_link,
        chain,
        linked_folder / "1",
    ):
        with pytest.raises(UsageError, match="'-o -' writes to standard output"):
            output._check_target(target)  # checked before anything is created
    with pytest.raises(UsageError, match="link to an open file"):
        atomic_write(stdout_link, "x")
    assert stdout_link.is_symlink() and chain.is_symlink()
    result = run("lists", "-o", "/dev/stdout", env={"DESIGNATIONS_CACHE_DIR": str(tmp_path)})
    assert result.code == 2 and result.out == "" and result.err.count("\n") == 1
    assert "refusing to write /dev/stdout" in result.err
    assert Path("/dev/stdout").is_symlink() or not Path("/dev/stdout").is_file()
    # A link of the user's own to a regular file is still replaced (see the test above).
    regular = tmp_path / "regular.md"
    regular.symlink_to(tmp_path / "elsewhere")
    atomic_write(regular, "x")
    assert regular.read_text() == "x" and not regular.is_symlink()


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give a link another owner")
def test_a_link_owned_by_another_user_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    shared = tmp_path / "shared"
    shared.symlink_to(tmp_path / "real", target_is_directory=True)
    os.lchown(shared, 65534, 65534)
    with pytest.raises(UsageError, match="owned by another user"):
        atomic_write(shared / "out.md", "x")
    assert list((tmp_path / "real").iterdir()) == []


def test_standard_output_that_cannot_encode_the_names_is_one_line_exit_2(tmp_path: Path) -> None:
    """Standard output in a legacy encoding (a Windows pipe in cp1252, a latin-1 locale) cannot
    show Cyrillic names: that was `internal error: UnicodeEncodeError … (a bug: please report
    it …)`. It is one line saying what to do; -o FILE (always UTF-8) writes it all."""
    env = {"PYTHONIOENCODING": "latin-1", "DESIGNATIONS_CACHE_DIR": str(tmp_path)}
    result = run("show", "ru-terrorist-organizations", env=env)
    assert result.code == 2 and result.out == ""
    assert result.err.count("\n") == 1 and "internal error" not in result.err
    assert "standard output's encoding (iso8859-1) cannot write" in result.err
    assert "-o FILE" in result.err
    written = run("show", "ru-terrorist-organizations", "-o", str(tmp_path / "ru.txt"), env=env)
    assert written.code == 0, written.err
    assert "ГКПИ 03-116" in (tmp_path / "ru.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_closed_standard_output_is_said_plainly(tmp_path: Path, fmt: str) -> None:
    """Started with standard output closed (`designations lists >&-`), the command said
    `internal error: AttributeError: 'NoneType' object has no attribute 'isatty' (a bug …)`.
    It is not a bug in the program: one line says what happened and what to do."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DESIGNATIONS_CACHE_DIR": str(tmp_path)}
    args = [sys.executable, "-m", "designations", "--data", str(SAMPLE_DATA), "lists", "-f", fmt]
    closed = subprocess.run(
        ["sh", "-c", '"$@" >&-', "sh", *args], capture_output=True, env=env, check=False
    )
    assert closed.returncode == 2 and closed.stderr.count(b"\n") == 1, closed.stderr
    assert b"internal error" not in closed.stderr
    assert b"standard output is closed" in closed.stderr and b"-o FILE" in closed.stderr


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["show", "no-such-list"], 2),
        (["screen", "/no/such.csv"], 2),
        (["history", "zzzzqqq", "-f", "json"], 1),
        (["lists"], 0),
    ],
)
def test_a_closed_standard_error_keeps_the_exit_status(
    tmp_path: Path, args: list[str], code: int
) -> None:
    """With standard error closed (`2>&-`), an error in the data or arguments exited 1 (the
    status of a finding: writing its one line raised, and Python's own exit status followed),
    where CI expects 2."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DESIGNATIONS_CACHE_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "designations", "--data", str(SAMPLE_DATA), *args]
    done = subprocess.run(
        ["sh", "-c", '"$@" 2>&-', "sh", *command], stdout=subprocess.PIPE, env=env, check=False
    )
    assert done.returncode == code


def test_a_full_disk_names_the_file_and_keeps_the_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`report -f json -o FILE` on a full disk said only `designations: error: No space left on
    device`, not which file (standard output's says `: standard output`)."""
    import errno

    target = tmp_path / "report.json"
    target.write_text("old")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(UsageError, match=f"cannot write {target}: No space left on device"):
        atomic_write(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]

    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), "/x/.report.json.1.tmp")

    monkeypatch.setattr("tempfile.mkstemp", refused)  # a folder one may not write in
    with pytest.raises(UsageError, match=f"cannot write {target}: Permission denied$"):
        atomic_write(target, "new")
