"""The documentation's examples are true: docs/format.md's example files load and pass the strict
check (and are the files `init` writes), and every console example in the README and docs/ is
either run here with its output compared, or marked illustrative.

A console example is a ```console or ```sh block. The line before it says which it is:
``<!-- console: checked -->`` (run by ``test_checked_console_blocks``: each ``$ designations ...``
line is run from a copy-free temporary folder on the repository's data, and the lines that follow
it are its exact output, or, where none are shown, it must exit 0),
``<!-- console: checked by TEST -->`` (TEST, in this file, runs it), or
``<!-- console: illustrative -->``.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from designations import check
from designations.registry import Registry
from designations.scaffold import STARTER_FILES, starter_text

from .conftest import ROOT, run

DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [ROOT / "README.md", *DOCS]
_BLOCK = re.compile(
    r"(?:<!-- console: (?P<mark>[^>]*?) -->\n)?```(?:console|sh)\n(?P<body>.*?)```", re.S
)
_EXAMPLE = re.compile(r"^`(data/[^`]+\.yaml)`:\n\n```yaml\n(.*?)```", re.S | re.M)


def _blocks(page: Path) -> list[tuple[str | None, str]]:
    return [(m["mark"], m["body"]) for m in _BLOCK.finditer(page.read_text("utf-8"))]


def _format_examples() -> dict[str, str]:
    return dict(_EXAMPLE.findall((ROOT / "docs" / "format.md").read_text("utf-8")))


def test_format_md_opens_with_complete_example_files(tmp_path: Path) -> None:
    examples = _format_examples()
    assert sorted(examples) == [
        "data/lists/xx-example/2025-01-15.yaml",
        "data/lists/xx-example/2025-03-01.yaml",
        "data/lists/xx-example/list.yaml",
        "data/seeds/xx-example-source.yaml",
    ]
    for name, text in examples.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, "utf-8")
    reg = Registry(tmp_path / "data")
    result = check(reg).strict()
    assert (result.findings, result.lists, result.snapshots, result.seeds) == ((), 1, 2, 1)
    d = reg["xx-example"].diff()
    assert ([c.entry.id for c in d.added], [c.entry.id for c in d.amended]) == (
        ["harbour-cell"],
        ["river-brigade"],
    )
    assert all(c.explained for c in d.changes) and not d.phantoms


def test_init_writes_exactly_the_documented_example() -> None:
    examples = _format_examples()
    for name, target in STARTER_FILES.items():
        assert starter_text(name) == examples[f"data/{target}"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_console_block_is_checked_or_marked_illustrative(page: Path) -> None:
    tests = (Path(__file__)).read_text("utf-8")
    for mark, body in _blocks(page):
        assert mark is not None, f"{page.name}: console block not marked:\n{body}"
        if mark.startswith("checked by "):
            assert f"def {mark.removeprefix('checked by ')}(" in tests
        else:
            assert mark in ("checked", "illustrative"), mark


def _commands(body: str) -> list[tuple[list[str], list[str]]]:
    """Each ``$ designations ...`` line of a block (after any ``pip install . &&``), its
    arguments and the output lines shown after it."""
    runs: list[tuple[list[str], list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            command = line[2:].split(" && ")[-1]
            words = shlex.split(command, comments=True)
            assert words[0] == "designations", line
            runs.append((words[1:], []))
        else:
            runs[-1][1].append(line)
    return runs


CHECKED = [
    (page.name, args, shown)
    for page in PAGES
    for mark, body in _blocks(page)
    if mark == "checked"
    for args, shown in _commands(body)
]


@pytest.mark.parametrize(("page", "args", "shown"), CHECKED, ids=lambda v: str(v)[:40])
def test_checked_console_blocks(
    page: str, args: list[str], shown: list[str], tmp_path: Path
) -> None:
    # From a folder of its own (where `-o` writes), on the repository's data, as in a clone.
    result = run(*args, cwd=tmp_path, env={"DESIGNATIONS_DATA": str(ROOT / "data")})
    assert result.code == 0, result.err
    if shown:
        assert result.out.rstrip("\n").splitlines() == shown


def test_readme_exit_status_example(tmp_path: Path) -> None:
    [body] = [b for m, b in _blocks(ROOT / "README.md") if m and "exit_status" in m]
    [(args, [shown])] = _commands(body)
    # The typo the example's comment describes, made in a copy of a clone's data.
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    # The typo goes on the file's first `type: organization` line; the README's line number is
    # that line's when it was written, and the data may have moved it since.
    file, line = shown.split(":")[:2]
    path = tmp_path / file
    lines = path.read_text("utf-8").splitlines(keepends=True)
    at = next(n for n, text in enumerate(lines) if text.strip() == "type: organization")
    lines[at] = lines[at].replace("organization", "group")
    path.write_text("".join(lines), "utf-8")
    shown = shown.replace(f"{file}:{line}:", f"{file}:{at + 1}:", 1)
    result = run(*args, cwd=tmp_path, env={"DESIGNATIONS_DATA": ""})
    assert (result.code, result.out, result.err) == (2, "", shown + "\n")


_DATA_ROW = re.compile(
    r"^\| `(?P<id>[a-z0-9-]+)` \| [^|]+ \| (?P<held>[^|]+) \| (?P<complete>[a-z]+) "
    r"\| (?P<last>[0-9-]+) \|$",
    re.M,
)


def test_readme_data_table_agrees_with_the_bundled_lists() -> None:
    """The README's table of bundled lists says what `designations lists` says: every list,
    the entries its latest snapshot holds (the number before any parenthesis; "82 + 14 …" is
    their sum), its completeness and its date."""
    text = (ROOT / "README.md").read_text("utf-8")
    rows = {m["id"]: m for m in _DATA_ROW.finditer(text)}
    reg = Registry(ROOT / "data")
    assert sorted(rows) == reg.lists()
    for list_id, row in rows.items():
        latest = reg[list_id].snapshot(reg[list_id].dates[-1])
        held = sum(int(n) for n in re.findall(r"\d+", row["held"].split("(")[0]))
        assert held == len(latest.entries), list_id
        assert row["complete"] == latest.completeness.value, list_id
        assert row["last"] == str(latest.as_of), list_id
