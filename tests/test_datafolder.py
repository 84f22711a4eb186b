"""Which data folder a command works on: --data, $DESIGNATIONS_DATA, the nearest data/ holding
lists/, the bundled data; and the commands that never fall back to the bundled data."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from designations.datafolder import (
    Found,
    NoDataFolderError,
    bundled_data,
    find_data_folder,
    lists_dir,
)
from designations.errors import UsageError
from designations.registry import Registry

from .check_data import clean_copy, edit, line_of, path_of
from .conftest import ROOT, run

SNAP = "2021-01-01.yaml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"


def test_the_order_given_then_environment_then_nearest_then_bundled(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    data = clean_copy(repo)
    deep = data / "lists" / "xx-sample"
    env = {"DESIGNATIONS_DATA": str(tmp_path / "env")}
    assert find_data_folder("given", cwd=deep, environ=env).found is Found.GIVEN
    assert find_data_folder(None, cwd=deep, environ=env).path == tmp_path / "env"
    nearest = find_data_folder(None, cwd=deep, environ={})
    assert (nearest.path, nearest.found) == (data, Found.NEAREST)
    assert find_data_folder(None, cwd=repo, environ={}).path == data
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert find_data_folder(None, cwd=elsewhere, environ={}).found is Found.BUNDLED
    assert find_data_folder(None, cwd=elsewhere, environ={}).path == bundled_data()


def test_a_data_folder_without_lists_is_not_found(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()  # a data/ of something else
    with pytest.raises(NoDataFolderError, match="--data"):
        find_data_folder(None, cwd=tmp_path, environ={}, bundled=False, command="check")


def test_registry_without_a_path_uses_the_same_resolver(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = clean_copy(tmp_path)
    monkeypatch.delenv("DESIGNATIONS_DATA", raising=False)
    monkeypatch.chdir(data / "lists")
    assert Registry().lists_dir == data / "lists"


def _broken_repo(tmp_path: Path) -> tuple[Path, Path, int]:
    repo = tmp_path / "repo"
    data = clean_copy(repo)
    edit(data, SNAP, "    notes: Renamed", "    nots: Renamed")
    broken = path_of(data, SNAP)
    line = line_of(data, SNAP, "nots: Renamed")
    return repo, broken, line


def test_check_with_no_flags_checks_the_nearest_data_folder(tmp_path: Path) -> None:
    repo, broken, line = _broken_repo(tmp_path)
    env = {"DESIGNATIONS_DATA": ""}
    result = run("check", cwd=repo / "data" / "lists", env=env)
    assert result.code == 1
    assert f"{broken}:{line}: error unknown-key:" in result.out
    given = run("check", str(broken.relative_to(repo)), cwd=repo, env=env)
    assert given.code == 1
    assert f"data/lists/xx-sample/{SNAP}:{line}: error unknown-key" in given.out


@pytest.mark.parametrize(
    "command",
    [["check"], ["import", "un-xml", "x.xml"], ["diff-base", "HEAD"], ["diff", "--base", "HEAD"]],
)
def test_judging_commands_never_fall_back_to_the_bundled_data(
    tmp_path: Path, command: list[str]
) -> None:
    """`diff-base` compares the user's data with a git revision: the installed package's data
    is in no git repository (it said "…/site-packages/designations/_data/lists is not in a git
    repository"), and a source checkout's is not the user's."""
    result = run(*command, cwd=tmp_path, env={"DESIGNATIONS_DATA": ""})
    assert result.code == 2 and result.out == ""
    assert result.err.count("\n") == 1
    assert "--data" in result.err and "none was found" in result.err
    assert f"{' '.join(command[:2]) if command[0] == 'diff' else command[0]} needs" in result.err


def test_reading_commands_fall_back_to_the_bundled_data(tmp_path: Path) -> None:
    result = run("lists", cwd=tmp_path, env={"DESIGNATIONS_DATA": ""})
    assert result.code == 0 and "ru-terrorist-organizations" in result.out


def test_check_of_a_path_outside_the_data_folder_exits_2(tmp_path: Path) -> None:
    repo, _, _ = _broken_repo(tmp_path)
    (repo / "other.yaml").write_text("a: b\n", "utf-8")
    result = run("check", "other.yaml", cwd=repo, env={"DESIGNATIONS_DATA": ""})
    assert result.code == 2 and "other.yaml is not one of the lists" in result.err


def _git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    proc = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    )
    return proc.stdout


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _staged_repo(tmp_path: Path) -> tuple[Path, Path, int]:
    """A git repository whose data/ holds a broken snapshot, staged with other YAML files."""
    repo, broken, line = _broken_repo(tmp_path)
    workflows = repo / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "ci.yml").write_text("on: push\n", "utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    return repo, broken, line


@needs_git
def test_the_hook_as_pre_commit_invokes_it_with_no_args(tmp_path: Path) -> None:
    # What pre-commit does with the manifest: the staged files matching `files`, appended to
    # `entry`, run from the repository's root.
    [hook] = yaml.safe_load(HOOKS.read_text("utf-8"))
    assert "args" not in hook and hook["pass_filenames"] is True
    repo, broken, line = _staged_repo(tmp_path)
    staged = _git(repo, "diff", "--cached", "--name-only").split()
    passed = [name for name in staged if re.search(hook["files"], name)]
    assert ".github/workflows/ci.yml" in staged and ".github/workflows/ci.yml" not in passed
    assert f"data/lists/xx-sample/{SNAP}" in passed and "data/seeds/sample-source.yaml" in passed
    entry = shlex.split(hook["entry"])
    assert entry[0] == "designations"
    result = run(*entry[1:], *passed, cwd=repo, env={"DESIGNATIONS_DATA": ""})
    assert result.code == 1
    assert f"data/lists/xx-sample/{SNAP}:{line}: error unknown-key" in result.out
    edit(broken.parents[2], SNAP, "    nots: Renamed", "    notes: Renamed")
    assert run(*entry[1:], *passed, cwd=repo, env={"DESIGNATIONS_DATA": ""}).code == 0


@needs_git
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pre-commit") is None, reason="needs pre-commit")
def test_the_hook_through_real_pre_commit(tmp_path: Path) -> None:
    # The manifest's hook, run by pre-commit itself. pre-commit would install this package
    # into a hook environment from the repository URL; `language: system` with the same
    # entry, files and pass_filenames runs this checkout instead, with no network.
    [hook] = yaml.safe_load(HOOKS.read_text("utf-8"))
    repo, _, line = _staged_repo(tmp_path)
    entry = hook["entry"].replace("designations", f"{shlex.quote(sys.executable)} -m designations")
    local = {**hook, "language": "system", "entry": entry}
    local.pop("description", None)
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), "utf-8")
    _git(repo, "add", ".pre-commit-config.yaml")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "DESIGNATIONS_DATA": "",
    }
    proc = subprocess.run(
        ["pre-commit", "run"], cwd=repo, env=env, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f"data/lists/xx-sample/{SNAP}:{line}: error unknown-key" in proc.stdout


def test_lists_dir_of_a_data_folder(tmp_path: Path) -> None:
    """A data folder keeps its lists in ``lists/``; a lists folder is one itself (by its name
    or by a list in it); anything else has none (and ``Registry`` says so)."""
    assert lists_dir(tmp_path) is None
    with pytest.raises(UsageError, match="holds no lists/ folder"):
        Registry(tmp_path)
    (tmp_path / "xx-a").mkdir()
    (tmp_path / "xx-a" / "list.yaml").write_text("id: xx-a\n", "utf-8")
    assert lists_dir(tmp_path) == tmp_path
    (tmp_path / "lists").mkdir()
    assert lists_dir(tmp_path) == tmp_path / "lists"
    assert lists_dir(tmp_path / "lists") == tmp_path / "lists"
    assert lists_dir(tmp_path / "missing" / "lists") == tmp_path / "missing" / "lists"
    assert Registry(tmp_path).lists_dir == tmp_path / "lists"


def test_the_folder_given_to_init_points_to_its_data_folder(tmp_path: Path) -> None:
    """`designations init DIR` writes DIR/data; `--data DIR` then said only "DIR holds no
    lists/ folder". It names DIR/data, where the lists are."""
    done = run("init", str(tmp_path / "mine"), cwd=tmp_path)
    assert done.code == 0, done.err
    result = run("--data", str(tmp_path / "mine"), "lists", cwd=tmp_path)
    assert result.code == 2 and result.err.count("\n") == 1
    assert f"holds no lists/ folder; its data/ does: --data {tmp_path / 'mine' / 'data'}" in (
        result.err
    )
