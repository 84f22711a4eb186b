"""``designations diff-base REV [LIST ...]`` (alias ``diff --base REV [LIST ...]``): what the
working tree changes since a git revision."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from designations import Registry
from designations.gitbase import GitError, base_diffs, export_lists

from .check_data import clean_copy, edit, path_of
from .conftest import Result

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
Cli = Callable[..., Result]
_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, env={**os.environ, **_ENV}
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose last commit holds the sample list up to 2021-01-01; the working tree
    adds the 2022-01-01 snapshot."""
    data = clean_copy(tmp_path)
    newest = path_of(data, "2022-01-01.yaml")
    kept = newest.read_bytes()
    newest.unlink()
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    newest.write_bytes(kept)
    return tmp_path


def test_new_snapshot_is_diffed_against_the_base(
    repo: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    result = cli("--data", "data", "diff-base", "HEAD", "--format", "json")
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert document["format"] == "designations.diff-base/2"
    [item] = document["lists"]
    assert (item["list"], item["status"], item["new_snapshots"]) == (
        "xx-sample",
        "changed",
        ["2022-01-01"],
    )
    diff = item["diff"]
    assert (diff["from"], diff["to"]) == ("2021-01-01", "2022-01-01")
    removed = [c["entry"] for c in diff["changes"] if c["kind"] == "removed"]
    assert removed == ["echo"]


def test_markdown_for_a_pull_request_comment(
    repo: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    result = cli("--data", "data", "diff-base", "HEAD", "--format", "markdown")
    assert result.out.startswith("## Changes to designation lists since `HEAD`")
    assert "### `xx-sample`: 2021-01-01 → 2022-01-01" in result.out
    assert "| removed | `echo` |" in result.out
    assert "_new snapshots: 2022-01-01_" in result.out


def test_edit_in_place_of_the_latest_snapshot(repo: Path) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "2022")
    edit(repo / "data", "2022-01-01.yaml", "    name: Alpha Movement", "    name: Alpha Front")
    edit(
        repo / "data",
        "2022-01-01.yaml",
        "changes:\n",
        "changes:\n  - entry: alpha\n    action: amended\n    basis: [amend-2020]\n"
        "    effective: 2021-12\n",
    )
    [result] = base_diffs(Registry(repo / "data"), "HEAD")
    assert result.edited_snapshots == (result.latest,)
    assert result.diff is not None
    [change] = result.diff.amended
    assert (change.entry.id, change.explained) == ("alpha", True)  # by the record it gained
    assert result.diff.phantoms == ()


def test_new_and_deleted_lists(repo: Path) -> None:
    shutil.copytree(repo / "data" / "lists" / "xx-sample", repo / "data" / "lists" / "xx-copy")
    edit(repo / "data", "lists/xx-copy/list.yaml", "id: xx-sample", "id: xx-copy")
    results = {r.list_id: r for r in base_diffs(Registry(repo / "data"), "HEAD")}
    assert results["xx-copy"].status == "added"
    shutil.rmtree(repo / "data" / "lists" / "xx-sample")
    results = {r.list_id: r for r in base_diffs(Registry(repo / "data"), "HEAD")}
    assert results["xx-sample"].status == "removed"


def test_nothing_changed(repo: Path, cli: Cli) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "2022")
    result = cli("--data", str(repo / "data"), "diff", "--base", "HEAD", "xx-sample")
    assert (result.code, result.out) == (0, "No list changed since HEAD.\n")


def test_exit_code_when_changed(repo: Path, cli: Cli) -> None:
    result = cli("--data", str(repo / "data"), "diff-base", "HEAD", "--exit-code")
    assert result.code == 1
    result = cli("--data", str(repo / "data"), "diff", "--base", "HEAD", "--exit-code")
    assert result.code == 1


def test_diff_base_alias_gives_what_diff_base_gives(repo: Path, cli: Cli) -> None:
    data = str(repo / "data")
    for fmt in ("text", "markdown", "json"):
        alias = cli("--data", data, "diff", "--base", "HEAD", "xx-sample", "-f", fmt)
        command = cli("--data", data, "diff-base", "HEAD", "xx-sample", "-f", fmt)
        assert alias.code == command.code == 0 and alias.out == command.out
        assert "xx-sample" in command.out


@pytest.mark.parametrize("dates", [["2021-01-01"], ["2020-01-01", "2021-01-01"], ["2021"]])
def test_diff_base_alias_refuses_dates(repo: Path, cli: Cli, dates: list[str]) -> None:
    """``diff LIST FROM TO`` and ``diff --base REV LIST ...`` once shared their positional
    arguments; a date given to the alias is a mistake, not a list id."""
    result = cli("--data", str(repo / "data"), "diff", "--base", "HEAD", "xx-sample", *dates)
    assert result.code == 2 and result.out == ""
    assert f"diff --base takes list ids, not dates ({', '.join(dates)})" in result.err
    assert "designations diff-base REV [LIST ...]" in result.err


def test_export_reads_the_revision_not_the_working_tree(repo: Path, tmp_path: Path) -> None:
    edit(repo / "data", "list.yaml", "name: Sample list", "name: Edited list")
    out = export_lists(repo / "data" / "lists", "HEAD", tmp_path / "export")
    files = sorted(p.name for p in (out / "xx-sample").iterdir())
    assert files == ["2020-01-01.yaml", "2021-01-01.yaml", "list.yaml"]
    assert "name: Sample list" in (out / "xx-sample" / "list.yaml").read_text("utf-8")


def test_unknown_revision_and_outside_a_repository(repo: Path, tmp_path: Path) -> None:
    with pytest.raises(GitError, match="unknown git revision 'no-such-branch'"):
        base_diffs(Registry(repo / "data"), "no-such-branch")
    outside = tmp_path.parent / f"{tmp_path.name}-plain"
    shutil.copytree(repo / "data", outside)
    with pytest.raises(GitError, match="not in a git repository"):
        base_diffs(Registry(outside), "HEAD")


def test_unknown_list_and_bad_format(repo: Path, cli: Cli) -> None:
    data = str(repo / "data")
    result = cli("--data", data, "diff", "--base", "HEAD", "xx-nothing")
    assert result.code == 2 and "no list 'xx-nothing'" in result.err
    result = cli("--data", data, "diff-base", "HEAD", "xx-nothing")
    assert result.code == 2 and "no list 'xx-nothing'" in result.err
    result = cli("--data", data, "diff", "--base", "HEAD", "--format", "csv")
    assert result.code == 2 and "--base supports" in result.err
    result = cli("--data", data, "diff-base", "HEAD", "--format", "csv")
    assert result.code == 2 and "invalid choice: 'csv'" in result.err


def test_diff_without_list_or_base_is_a_usage_error(cli: Cli) -> None:
    result = cli("diff")
    assert result.code == 2 and "needs a LIST" in result.err


def test_blobs_are_copied_in_chunks_and_bounded(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from designations import gitbase

    out = export_lists(repo / "data" / "lists", "HEAD", tmp_path / "a")
    for name in ("2020-01-01.yaml", "2021-01-01.yaml", "list.yaml"):  # byte for byte
        assert (out / "xx-sample" / name).read_bytes() == path_of(repo / "data", name).read_bytes()
    monkeypatch.setattr(gitbase, "MAX_FILE_BYTES", 100)
    with pytest.raises(GitError, match="larger than the limit of 100 bytes"):
        export_lists(repo / "data" / "lists", "HEAD", tmp_path / "b")


def test_a_symbolic_link_at_the_revision_is_refused(repo: Path, tmp_path: Path) -> None:
    link = path_of(repo / "data", "2021-01-01.yaml")
    link.unlink()
    link.symlink_to("/etc/passwd")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "link")
    with pytest.raises(GitError, match="not a regular file"):
        export_lists(repo / "data" / "lists", "HEAD", tmp_path / "c")


@pytest.mark.parametrize("form", ["alias", "command"])
@pytest.mark.parametrize(
    "rev", ["--output=PWNED", "--upload-pack=touch PWNED", "-oPWNED", "HEAD --output=PWNED"]
)
def test_a_revision_cannot_be_a_git_option(repo: Path, cli: Cli, rev: str, form: str) -> None:
    data = str(repo / "data")
    if form == "alias":
        result = cli("--data", data, "diff", f"--base={rev}")
    else:
        result = cli("--data", data, "diff-base", "--", rev)
    assert result.code == 2
    assert "unknown git revision" in result.err
    assert not list(repo.rglob("PWNED")) and not list(Path.cwd().glob("PWNED"))


def test_a_hostile_git_config_runs_nothing(repo: Path, cli: Cli) -> None:
    marker = repo / "PWNED"
    for key in ("core.fsmonitor", "core.pager", "core.sshCommand", "diff.external"):
        git(repo, "config", key, f"touch {marker}")
    git(repo, "config", "core.hooksPath", str(repo))
    result = cli("--data", str(repo / "data"), "diff", "--base", "HEAD")
    assert result.code in (0, 1), result.err
    assert not marker.exists()
