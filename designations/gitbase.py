"""What a pull request changes: each list's snapshots in the working tree against the same list
at a git revision.

The lists at the revision are read with the ``git`` command (one ``ls-tree``, one ``cat-file
--batch``) into a temporary folder and loaded with the ordinary registry, so they are validated
and diffed like any other data.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import attrs

from .errors import DataError, UsageError
from .model import ChangeRecord
from .reconcile import ListDiff, diff_window
from .registry import DesignationList, Registry
from .safeio import MAX_FILE_BYTES, read_bytes

__all__ = ["BaseDiff", "GitError", "base_diffs", "export_lists", "repo_root"]


class GitError(UsageError):
    """git is missing, the folder is not in a repository, or the revision does not exist."""


def _git(args: Sequence[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise GitError("the git command is not installed (diff --base needs it)") from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]}: {message[0] if message else 'failed'}")
    return proc.stdout


def repo_root(folder: Path) -> Path:
    """The top of the git working tree holding ``folder``; ``GitError`` outside one."""
    try:
        return Path(_git(["rev-parse", "--show-toplevel"], folder).decode().strip())
    except GitError as exc:
        raise GitError(
            f"{folder} is not in a git repository (diff --base compares with a git revision): {exc}"
        ) from None


def export_lists(
    lists_dir: Path, rev: str, target: Path, list_ids: Sequence[str] | None = None
) -> Path:
    """Write the ``.yaml`` files of the lists in ``lists_dir`` as they are at ``rev`` into
    ``target/lists/<list>/`` and return that ``lists`` folder (empty when none existed)."""
    root = repo_root(lists_dir).resolve()
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root)
    except GitError:
        raise GitError(f"unknown git revision {rev!r}") from None
    relative = lists_dir.resolve().relative_to(root)
    prefix = "" if str(relative) == "." else f"{relative.as_posix()}/"
    specs = [f"{prefix}{i}/" for i in list_ids] if list_ids else [prefix or "."]
    listing = _git(["ls-tree", "-r", "-z", "--full-tree", rev, "--", *specs], root)
    blobs: list[tuple[str, str, str]] = []
    for item in listing.split(b"\0"):
        if not item:
            continue
        meta, _, path_bytes = item.partition(b"\t")
        mode, kind, sha = meta.decode().split()
        path = path_bytes.decode("utf-8", "surrogateescape")
        parts = path[len(prefix) :].split("/")
        if kind == "blob" and len(parts) == 2 and parts[1].endswith(".yaml"):
            if mode not in ("100644", "100755"):  # 120000: a symbolic link
                raise GitError(f"{rev}:{path} is not a regular file (git mode {mode})")
            blobs.append((sha, parts[0], parts[1]))
    out = target / "lists"
    out.mkdir(parents=True, exist_ok=True)
    if blobs:
        _write_blobs(root, rev, blobs, out)
    return out


def _write_blobs(root: Path, rev: str, blobs: list[tuple[str, str, str]], out: Path) -> None:
    """Each blob into ``out/<list>/<name>``, asked of one ``git cat-file --batch`` one at a
    time and copied in chunks, so memory holds one chunk, not the revision's data; a blob over
    the reader's size limit is refused from its header."""
    try:
        proc = subprocess.Popen(
            ["git", "cat-file", "--batch"],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise GitError("the git command is not installed (diff --base needs it)") from None
    assert proc.stdin is not None and proc.stdout is not None
    try:
        for sha, list_id, name in blobs:
            proc.stdin.write(f"{sha}\n".encode())
            proc.stdin.flush()
            header = proc.stdout.readline().split()
            if len(header) != 3 or header[1] != b"blob":
                raise GitError(f"git cat-file: unexpected answer for {rev}:{list_id}/{name}")
            size = int(header[2])
            if size > MAX_FILE_BYTES:
                raise GitError(
                    f"{rev}:{list_id}/{name} is larger than the limit of {MAX_FILE_BYTES} bytes"
                )
            folder = out / list_id
            folder.mkdir(exist_ok=True)
            with (folder / name).open("wb") as stream:
                left = size
                while left:
                    chunk = proc.stdout.read(min(left, 1 << 20))
                    if not chunk:
                        raise GitError(f"git cat-file: {rev}:{list_id}/{name} was cut short")
                    stream.write(chunk)
                    left -= len(chunk)
            proc.stdout.read(1)  # the newline after each blob
    finally:
        proc.stdin.close()
        proc.stdout.close()
        proc.wait()


@attrs.frozen
class BaseDiff:
    """One list's change between a git revision and the working tree."""

    list_id: str
    #: The diff from the revision's latest snapshot to the working tree's (None for a list
    #: that is new, gone, or has no snapshot on one side).
    diff: ListDiff | None
    #: ``changed``, ``added`` (a new list), ``removed`` (a list deleted) or ``unchanged``.
    status: str
    base_latest: dt.date | None = None
    latest: dt.date | None = None
    new_snapshots: tuple[dt.date, ...] = ()
    edited_snapshots: tuple[dt.date, ...] = ()
    removed_snapshots: tuple[dt.date, ...] = ()
    list_file_changed: bool = False


def _read(path: Path) -> bytes | None:
    """A file's bytes through the bounded reader (None when there is no such file)."""
    return read_bytes(path) if os.path.lexists(path) else None


def _compare(base: DesignationList, work: DesignationList) -> BaseDiff:
    base_dates, work_dates = set(base.dates), set(work.dates)
    edited = tuple(
        d
        for d in sorted(base_dates & work_dates)
        if _read(base.folder / f"{d}.yaml") != _read(work.folder / f"{d}.yaml")
    )
    new_dates = tuple(sorted(work_dates - base_dates))
    gone = tuple(sorted(base_dates - work_dates))
    list_changed = _read(base.folder / "list.yaml") != _read(work.folder / "list.yaml")
    b = base.dates[-1] if base.dates else None
    w = work.dates[-1] if work.dates else None
    changed = bool(edited or new_dates or gone or list_changed)
    result: ListDiff | None = None
    if changed and b is not None and w is not None:
        old = base.load(b)
        if w > b:
            # The base's latest, then every snapshot of the working tree after it.
            result = diff_window([old, *(work.load(d) for d in work.dates if b < d <= w)])
        else:
            # The latest snapshot edited in place (or later ones deleted): the change records
            # it gained are what explain the edit.
            new = work.latest
            known = set(old.changes) if w == b else set()
            fresh: list[ChangeRecord] = [r for r in new.changes if r not in known]
            result = diff_window([old, new], [fresh])
    return BaseDiff(
        work.id,
        result,
        "changed" if changed else "unchanged",
        b,
        w,
        new_dates,
        edited,
        gone,
        list_changed,
    )


def base_diffs(reg: Registry, rev: str, list_ids: Sequence[str] | None = None) -> list[BaseDiff]:
    """For each list (default: every list at ``rev`` or in the working tree), what changed
    from ``rev`` to the working tree. Errors in the data at ``rev`` name ``REV:path``."""
    with tempfile.TemporaryDirectory(prefix="designations-base-") as temp:
        base_dir = export_lists(reg.lists_dir, rev, Path(temp), list_ids)
        base_reg = Registry(base_dir)
        ids = list(list_ids) if list_ids else sorted({*reg.lists(), *base_reg.lists()})
        results: list[BaseDiff] = []
        try:
            for list_id in ids:
                in_base, in_work = list_id in base_reg, list_id in reg
                if not in_base and not in_work:
                    raise UsageError(f"no list {list_id!r} in the working tree or at {rev}")
                if not in_base:
                    work = reg[list_id]
                    latest = work.dates[-1] if work.dates else None
                    results.append(
                        BaseDiff(list_id, None, "added", None, latest, tuple(work.dates))
                    )
                elif not in_work:
                    base = base_reg[list_id]
                    latest = base.dates[-1] if base.dates else None
                    results.append(
                        BaseDiff(
                            list_id, None, "removed", latest, None, removed_snapshots=base.dates
                        )
                    )
                else:
                    results.append(_compare(base_reg[list_id], reg[list_id]))
        except DataError as exc:
            if not exc.path.startswith(str(base_dir)):
                raise
            shown = str(exc).replace(str(base_dir), f"{rev}:{reg.lists_dir}")
            raise GitError(f"the data at {rev} does not load: {shown}") from None
        return results
