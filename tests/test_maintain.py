"""init, new and log: a maintainer's start, next snapshot and overview."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from designations.load import load_snapshot
from designations.registry import Registry

from .conftest import Result, run

Cli = Callable[..., Result]


def _init(cli: Cli, tmp_path: Path) -> Path:
    result = cli("init", str(tmp_path))
    assert result.code == 0, result.err
    return tmp_path / "data"


def test_init_writes_an_example_that_passes_the_strict_check(cli: Cli, tmp_path: Path) -> None:
    data = _init(cli, tmp_path)
    assert sorted(str(p.relative_to(data)) for p in data.rglob("*.yaml")) == [
        "lists/xx-example/2025-01-15.yaml",
        "lists/xx-example/list.yaml",
        "seeds/xx-example-source.yaml",
    ]
    result = cli("--data", str(data), "check", "--strict")
    assert (result.code, result.out) == (0, "no problems in 1 list (1 snapshot), 1 seed\n")


def test_init_never_writes_into_an_existing_data_folder(cli: Cli, tmp_path: Path) -> None:
    data = _init(cli, tmp_path)
    listed = data / "lists" / "xx-example" / "list.yaml"
    listed.write_text(listed.read_text("utf-8") + "# mine\n", "utf-8")
    again = cli("init", str(tmp_path))
    assert again.code == 2 and "already exists" in again.err
    assert listed.read_text("utf-8").endswith("# mine\n")


def test_new_copies_the_latest_snapshot_with_no_changes(cli: Cli, tmp_path: Path) -> None:
    data = _init(cli, tmp_path)
    result = cli("--data", str(data), "new", "xx-example", "2025-03-01")
    assert result.code == 0, result.err
    lst = Registry(data)["xx-example"]
    first, second = lst.snapshots
    assert second.as_of.isoformat() == "2025-03-01"
    assert (second.entries, second.sources, second.completeness) == (
        first.entries,
        first.sources,
        first.completeness,
    )
    path = data / "lists" / "xx-example" / "2025-03-01.yaml"
    assert "\nchanges: []\n" in path.read_text("utf-8")
    assert cli("--data", str(data), "check", "--strict").code == 0
    # the maintainer edits what changed; check judges it
    text = path.read_text("utf-8")
    path.write_text(
        text.replace("  type: organization\n", "  type: organization\n  status: suspended\n", 1),
        "utf-8",
    )
    assert load_snapshot(path, lst.info).entries[0].status.value == "suspended"
    failed = cli("--data", str(data), "check")
    assert failed.code == 1 and "unexplained-change" in failed.out


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2025-01-15", "is not after the latest"),
        ("2024-12-01", "is not after the latest"),
        ("2025-02-30", "DATE"),
    ],
)
def test_new_refuses_a_date_not_after_the_latest(
    cli: Cli, tmp_path: Path, date: str, message: str
) -> None:
    data = _init(cli, tmp_path)
    result = cli("--data", str(data), "new", "xx-example", date)
    assert result.code == 2 and message in result.err
    assert len(list((data / "lists" / "xx-example").glob("2*.yaml"))) == 1


def test_new_never_writes_into_the_bundled_data(tmp_path: Path) -> None:
    result = run("new", "us-fto", "2099-01-01", cwd=tmp_path, env={"DESIGNATIONS_DATA": ""})
    assert result.code == 2 and "--data" in result.err


def test_new_finds_the_nearest_data_folder(tmp_path: Path) -> None:
    run("init", str(tmp_path))
    result = run(
        "new",
        "xx-example",
        "2025-02-01",
        cwd=tmp_path / "data" / "lists",
        env={"DESIGNATIONS_DATA": ""},
    )
    assert result.code == 0, result.err
    assert (tmp_path / "data" / "lists" / "xx-example" / "2025-02-01.yaml").is_file()


def test_log_counts_changes_and_verdicts_since_the_previous_snapshot(
    cli: Cli, tmp_path: Path
) -> None:
    data = _init(cli, tmp_path)
    cli("--data", str(data), "new", "xx-example", "2025-03-01")
    path = data / "lists" / "xx-example" / "2025-03-01.yaml"
    text = path.read_text("utf-8")
    # river-brigade removed with no record: one unexplained change
    start = text.index("- id: river-brigade")
    path.write_text(text[:start] + text[text.index("changes: []") :], "utf-8")
    out = cli("--data", str(data), "log", "xx-example").out
    assert out.splitlines()[-2:] == [
        "2025-01-15  complete      2        0        (first snapshot)",
        "2025-03-01  complete      1        0        1 removed         1 unexplained",
    ]
    doc = json.loads(cli("--data", str(data), "log", "xx-example", "-f", "json").out)
    assert doc["format"] == "designations.log/1"
    first, second = doc["snapshots"]
    assert (first["changes"], first["verdicts"], first["entries"]) == (None, None, 2)
    assert second["changes"]["removed"] == 1 and second["verdicts"]["unexplained"] == 1
    assert sum(second["verdicts"].values()) == sum(second["changes"].values())
    markdown = cli("--data", str(data), "log", "xx-example", "-f", "markdown").out
    assert "| 2025-03-01 | complete | 1 | 0 | 1 removed | 1 unexplained |" in markdown
