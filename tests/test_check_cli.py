"""``designations check`` and ``designations schema`` as a user (or a CI job) runs them."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from designations.schema_files import schema_text

from .check_data import clean_copy, edit, line_of, path_of
from .conftest import SAMPLE_DATA, Result, run

Cli = Callable[..., Result]
SNAP = "2021-01-01.yaml"
TEXT_LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+): (?P<sev>error|warning) (?P<rule>[a-z-]+): "
)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return clean_copy(tmp_path)


def test_clean_data_exits_0(cli: Cli, data: Path) -> None:
    result = cli("--data", str(data), "check")
    assert result.code == 0
    assert result.out == "no problems in 1 list (3 snapshots), 1 seed\n"


def test_text_lists_every_finding_then_a_summary(cli: Cli) -> None:
    result = cli("--data", str(SAMPLE_DATA), "check")
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[-1] == "3 errors, 1 warning in 1 list (3 snapshots), 1 seed"
    found = [m.groupdict() for line in lines if (m := TEXT_LINE.match(line))]
    assert len(found) == 4
    snap = str(SAMPLE_DATA / "lists" / "xx-sample" / SNAP)
    assert {(f["file"], f["rule"], f["sev"]) for f in found} == {
        (snap, "unexplained-change", "error"),
        (snap, "phantom-change", "error"),
        (snap, "editorial-change", "warning"),
    }
    assert [int(f["line"]) for f in found] == sorted(int(f["line"]) for f in found)


def test_text_groups_findings_by_file(cli: Cli, data: Path) -> None:
    edit(data, "2020-01-01.yaml", "    name: Bravo Group", "    nam: Bravo Group")
    edit(data, SNAP, "    notes: Renamed", "    nots: Renamed")
    out = cli("--data", str(data), "check").out
    blocks = out.rstrip("\n").split("\n\n")
    assert len(blocks) == 3  # two files, then the summary
    assert all(
        line.startswith(str(path_of(data, "2020-01-01.yaml"))) for line in blocks[0].split("\n")
    )
    assert all(line.startswith(str(path_of(data, SNAP))) for line in blocks[1].split("\n"))


def test_json_follows_the_contract(cli: Cli, data: Path) -> None:
    edit(data, SNAP, "    notes: Renamed", "    nots: Renamed")
    result = cli("--data", str(data), "check", "--format", "json")
    assert result.code == 1
    document = json.loads(result.out)
    assert document["format"] == "designations.check/1"
    summary = document["summary"]
    assert (summary["errors"], summary["lists"], summary["snapshots"]) == (1, 1, 3)
    errors = [f for f in document["findings"] if f["severity"] == "error"]
    assert errors == [
        {
            "severity": "error",
            "rule": "unknown-key",
            "file": str(path_of(data, SNAP)),
            "line": line_of(data, SNAP, "nots:"),
            "message": errors[0]["message"],
        }
    ]
    assert list(errors[0]) == ["severity", "rule", "file", "line", "message"]
    assert "nots" in errors[0]["message"]


def test_relative_data_gives_relative_files(data: Path) -> None:
    edit(data, SNAP, "    notes: Renamed", "    nots: Renamed")
    result = run("--data", "data", "check", "--format", "json", cwd=data.parent)
    files = {f["file"] for f in json.loads(result.out)["findings"]}
    assert files == {"data/lists/xx-sample/2021-01-01.yaml"}


def test_github_annotations(data: Path) -> None:
    edit(data, SNAP, "    notes: Renamed", "    nots: Renamed")
    edit(data, "2020-01-01.yaml", "name: Bravo Group", "name: B\u0430vo, 100% Group")
    result = run("--data", "data", "check", "--format", "github", cwd=data.parent)
    assert result.code == 1
    lines = result.out.splitlines()
    error_line = line_of(data, SNAP, "nots:")
    bravo = line_of(data, "2020-01-01.yaml", "id: bravo")
    assert lines[0].startswith(
        f"::warning file=data/lists/xx-sample/2020-01-01.yaml,line={bravo},title=mixed-script::"
    )
    assert "100%25 Group" in lines[0]  # the runner's escaping
    prefix = (
        f"::error file=data/lists/xx-sample/2021-01-01.yaml,line={error_line},title=unknown-key::"
    )
    assert sum(line.startswith(prefix) for line in lines) == 1
    assert all(line.startswith(("::error ", "::warning ")) for line in lines[:-1])
    assert lines[-1].startswith("designations check: 1 error")


def test_markdown(cli: Cli) -> None:
    out = cli("--data", str(SAMPLE_DATA), "check", "--format", "markdown").out
    assert "**3 errors, 1 warning" in out
    assert out.count("| error | `unexplained-change` |") == 2


def test_warnings_alone_exit_0_and_strict_makes_them_fail(cli: Cli, data: Path) -> None:
    edit(
        data,
        SNAP,
        "  - entry: delta\n    action: amended\n    basis: [amend-2020]\n    effective: 2020-12\n",
        "",
    )
    plain = cli("--data", str(data), "check")
    assert plain.code == 0 and "warning editorial-change" in plain.out
    strict = cli("--data", str(data), "check", "--strict")
    assert strict.code == 1 and "error editorial-change" in strict.out


def test_paths_and_data_after_the_subcommand(cli: Cli, data: Path, tmp_path: Path) -> None:
    # as pre-commit runs it: designations check --data DIR FILE...
    edit(data, SNAP, "    notes: Renamed", "    nots: Renamed")
    result = cli("check", "--data", str(data), str(path_of(data, SNAP)))
    assert result.code == 1
    assert result.out.splitlines()[-1].endswith("in 1 list (3 snapshots), 0 seeds")
    other = tmp_path / "README.yaml"
    other.write_text("x: y\n", "utf-8")
    outside = cli("check", "--data", str(data), str(path_of(data, SNAP)), str(other))
    assert outside.code == 2 and "README.yaml is not one of the lists" in outside.err


def test_output_file(cli: Cli, data: Path, tmp_path: Path) -> None:
    target = tmp_path / "findings.json"
    result = cli("--data", str(data), "check", "-f", "json", "-o", str(target))
    assert (result.code, result.out) == (0, "")
    assert json.loads(target.read_text("utf-8"))["findings"] == []


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--format", "yaml"),
        ("check", "no/such/file.yaml"),
        ("--data", "no/such/folder", "check"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: tuple[str, ...]) -> None:
    result = run("--data", str(SAMPLE_DATA), *args)
    assert result.code == 2
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1


def test_diff_on_broken_data_exits_2_with_one_line(data: Path) -> None:
    edit(data, "2022-01-01.yaml", "effective: 2021-06-15", "effective: 2020-06-15")
    result = run("--data", str(data), "diff", "xx-sample")
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "2022-01-01.yaml" in result.err and "effective" in result.err


def test_diff_base_outside_a_repository_exits_2(data: Path) -> None:
    result = run("--data", str(data), "diff", "--base", "HEAD", cwd=data.parent)
    assert result.code == 2
    assert result.err.count("\n") == 1 and "not in a git repository" in result.err


@pytest.mark.parametrize("kind", ["list", "snapshot", "seed"])
def test_schema_command_prints_the_schema(cli: Cli, kind: str) -> None:
    result = cli("schema", kind)
    assert result.code == 0
    document = json.loads(result.out)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert result.out == schema_text(kind)
    assert '"shape:' not in result.out  # every placeholder of the template is filled in


def test_pre_commit_hook_file() -> None:
    text = (Path(__file__).parents[1] / ".pre-commit-hooks.yaml").read_text("utf-8")
    assert "id: designations-check" in text
    assert "entry: designations check" in text
    assert "pass_filenames: true" in text


def import_sdn(cli: Cli, tmp_path: Path, publications: list[tuple[str, dict[int, str]]]) -> Path:
    """Import each day's OFAC SDN CSV (entity number -> name) into a new data folder, returned."""
    from .importers.test_importers import sdn_row, write_sdn

    data = tmp_path / "data"
    data.mkdir()
    for day, names in publications:
        rows = [sdn_row(i, name) for i, name in names.items()]
        source = write_sdn(tmp_path / f"{day}.csv", rows)
        imported = cli("--data", str(data), "import", "ofac-csv", str(source), "--as-of", day)
        assert imported.code == 0, imported.err
    return data


def test_publication_changes_are_one_line_per_snapshot(cli: Cli, tmp_path: Path) -> None:
    """An imported list gets one publication-change warning per change: text, Markdown and
    annotations show one line per snapshot with the count and the first ids; --verbose and
    JSON show each. A snapshot with a single such change keeps its own line."""
    publications = [
        ("2024-01-01", range(1, 41)),
        ("2024-01-02", [*range(1, 34), 41, 42, 43]),  # 7 removed, 3 added
        ("2024-01-03", [*range(1, 34), 41, 42, 43, 44]),  # 1 added
    ]
    data = import_sdn(
        cli, tmp_path, [(d, {i: f"NAME {i}" for i in ids}) for d, ids in publications]
    )
    snaps = data / "lists" / "us-ofac-sdn"

    result = cli("--data", str(data), "check")
    assert result.code == 0, result.out
    lines = result.out.splitlines()
    assert lines[-1] == "0 errors, 11 warnings in 1 list (3 snapshots), 0 seeds"
    found = [m.groupdict() for line in lines if (m := TEXT_LINE.match(line))]
    assert [(f["file"], f["rule"]) for f in found] == [
        (str(snaps / "2024-01-02.yaml"), "publication-change"),
        (str(snaps / "2024-01-03.yaml"), "publication-change"),
    ]
    summed = lines[0]
    assert ": 10 changes since the previous snapshot rest only on" in summed
    assert (
        "or a programme tag, no legal act named: '34', '35', '36', '37', '38' and 5 more" in summed
    )
    assert summed.endswith(" more (each one: check --verbose, or --format json)")
    assert "entry '44' (NAME 44) was added since 2024-01-02" in lines[2]

    verbose = cli("--data", str(data), "check", "--verbose")
    each = [m.groupdict() for line in verbose.out.splitlines() if (m := TEXT_LINE.match(line))]
    assert len(each) == 11 and verbose.out.splitlines()[-1] == lines[-1]

    document = json.loads(cli("--data", str(data), "check", "--format", "json").out)
    entries = sorted(int(f["entry"]) for f in document["findings"])
    assert entries == [*range(34, 41), 41, 42, 43, 44]
    assert document["summary"]["warnings"] == 11

    github = cli("--data", str(data), "check", "--format", "github").out.splitlines()
    assert [line.split("::")[1].split(" ")[0] for line in github[:-1]] == ["warning"] * 2
    markdown = cli("--data", str(data), "check", "--format", "markdown", "-v").out
    assert markdown.count("| warning | `publication-change` |") == 11

    strict = cli("--data", str(data), "check", "--strict")
    assert strict.code == 1 and "error publication-change: 10 changes since" in strict.out


def test_many_editorial_changes_are_one_line_per_snapshot(cli: Cli, tmp_path: Path) -> None:
    """A publication that re-words many entries (UN 2020-03-20 against 2018-10-29: 596 amended)
    gives one editorial-change warning per entry: more than five in a snapshot are one line with
    the count and the first ids unless --verbose; JSON names each finding's entry. A few stay
    one line each, so a hand-kept list's correction is still shown in full."""
    publications = [
        ("2024-01-01", {i: f"NAME {i}" for i in range(1, 21)}),
        ("2024-01-02", {i: f"NAME {i}" + (" X" if i <= 8 else "") for i in range(1, 21)}),
        ("2024-01-03", {i: f"NAME {i}" + (" X" if i <= 10 else "") for i in range(1, 21)}),
    ]
    data = import_sdn(cli, tmp_path, publications)
    snaps = data / "lists" / "us-ofac-sdn"

    result = cli("--data", str(data), "check")
    assert result.code == 0, result.out
    lines = result.out.splitlines()
    assert lines[-1] == "0 errors, 10 warnings in 1 list (3 snapshots), 0 seeds"
    found = [(m["file"], m["rule"]) for line in lines if (m := TEXT_LINE.match(line))]
    assert (
        found
        == [(str(snaps / "2024-01-02.yaml"), "editorial-change")]
        + [(str(snaps / "2024-01-03.yaml"), "editorial-change")] * 2
    )
    assert (
        ": 8 entries changed since the previous snapshot with no 'amended' change (editorial "
        "corrections?): '1', '2', '3', '4', '5' and 3 more (each one: check --verbose, or "
        "--format json)"
    ) in lines[0]
    assert "entry '9' (NAME 9 X): name changed since 2024-01-02" in result.out

    verbose = cli("--data", str(data), "check", "-v").out
    assert verbose.count(" warning editorial-change: entry ") == 10
    document = json.loads(cli("--data", str(data), "check", "-f", "json").out)
    assert sorted(int(f["entry"]) for f in document["findings"]) == [*range(1, 9), 9, 10]


def test_help_says_what_a_path_outside_the_data_folder_does(data: Path, tmp_path: Path) -> None:
    """--help said such paths "are skipped" while check refuses them (exit 2), as the hook's
    notes and docs/interface.md say: the help must tell a pre-commit user the truth."""
    outside = tmp_path / "notes.yaml"
    outside.write_text("a: 1\n", "utf-8")
    assert run("--data", str(data), "check", str(outside)).code == 2
    text = " ".join(run("check", "--help").out.split())
    assert "skipped" not in text
    assert "a path outside the data folder is refused (exit 2)" in text
