"""Nothing a data folder holds becomes a GitHub Actions workflow command in a CI log.

The runner reads every line a step prints (lines end at LF, CR or CRLF): after leading white
space, ``::name props::data`` is a command when ``name`` is one it knows, and ``##[name ...]``
anywhere in a line is the old form of one. A stranger's pull request controls names, titles,
URLs, notes and file names; each output format of each command is run over data where all of
them carry line breaks of every kind and both forms, and the model below must find no command
but the annotations ``check -f github`` means to emit.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from designations.render.common import ci_safe, one_line, terminal

from .conftest import SAMPLE_DATA, Result

# The runner's command names (ActionCommandManager and its extensions), and the words its log
# viewer treats specially after "##[".
COMMANDS = frozenset(
    {
        "add-mask",
        "add-matcher",
        "add-path",
        "debug",
        "echo",
        "endgroup",
        "error",
        "group",
        "notice",
        "remove-matcher",
        "save-state",
        "set-env",
        "set-output",
        "stop-commands",
        "warning",
        "section",
        "command",
    }
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def workflow_commands(output: str) -> list[str]:
    """The commands a GitHub runner would act on in ``output``, by name, in order. Stricter
    than the runner where it is unsure: any ``::x::`` line and any ``##[`` counts, registered
    name or not (``stop-commands`` tokens make every name possible)."""
    found: list[str] = []
    for line in _LINE_BREAK.split(output):
        stripped = line.lstrip()  # .NET TrimStart: Unicode white space, like str.lstrip
        if stripped.startswith("::") and stripped.find("::", 2) >= 0:
            found.append(stripped[2 : stripped.find("::", 2)].split(" ", 1)[0])
            continue
        start = line.find("##[")
        if start >= 0:
            end = line.find("]", start)
            found.append(line[start + 3 : end if end >= 0 else None].split(" ", 1)[0] or "##[")
    return found


def test_the_model_finds_what_the_runner_runs() -> None:
    assert workflow_commands("::error file=a,line=1::x\n") == ["error"]
    assert workflow_commands("ok\r  \t::add-mask::s\r\n") == ["add-mask"]
    assert workflow_commands("\u3000::stop-commands::tok") == ["stop-commands"]
    assert workflow_commands("text ##[set-output name=a;]b") == ["set-output"]
    assert workflow_commands("a :: b\nx::y::z\n## [group]") == []


PAYLOAD = (
    "{tag}\n::add-mask::MASKED\r::error file=a,line=1::FORGED\r\n\u2028::warning::W\u2029"
    "::notice::N\x85::debug::D\t::group::G\r\r::endgroup:: ##[stop-commands]TOKEN ##[error]E"
    "\n  ::set-output name=x::y\n\u3000::echo::on"
)


def payload(tag: str) -> str:
    return json.dumps(PAYLOAD.format(tag=tag))  # a JSON string is a YAML double-quoted scalar


def poison(root: Path) -> None:
    """Sample data whose every free-text value, some URLs and two file names are hostile."""
    lists = root / "lists" / "xx-sample"
    info = lists / "list.yaml"
    text = info.read_text(encoding="utf-8")
    for plain, tag in [
        ("name: Sample list of banned organizations", "list-name"),
        ("title: Law on samples", "law-title"),
        ("reference: ГКПИ 01-1", "reference"),
        ("authority: Supreme Court", "authority"),
    ]:
        key = plain.split(":")[0]
        text = text.replace(plain, f"{key}: {payload(tag)}")
    text = text.replace("title: Decision suspending the ban", 'title: "::error::TITLE"')
    text = text.replace(
        "url: https://example.org/dec-2001", "url: https://example.org/a##[add-mask]b::c"
    )
    info.write_text(text, encoding="utf-8")
    for snapshot in lists.glob("20*.yaml"):
        text = snapshot.read_text(encoding="utf-8")
        text = text.replace("name: Golf Network", f"name: {payload('golf')}")
        text = text.replace("name: Foxtrot Cell", 'name: "::warning::FOXTROT"')
        text = text.replace("notes: Renamed in 2020.", f"notes: {payload('note')}")
        snapshot.write_text(text, encoding="utf-8")
    (lists / "x\n::error file=x::NAMED\r##[add-mask]F.yaml").write_text("x: 1\n")
    (root / "seeds" / "s\n::warning::SEED.yaml").write_text(
        (root / "seeds" / "sample-source.yaml").read_text(encoding="utf-8")
    )


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE_DATA, tmp_path / "data")
    poison(tmp_path / "data")
    return tmp_path / "data"


RUNS: list[tuple[str, ...]] = [
    *[("diff", "xx-sample", "2020-01-01", "2021-01-01", "-f", f) for f in ("text", "markdown")],
    *[("diff", "xx-sample", "2020-01-01", "2021-01-01", "-f", f) for f in ("json", "csv", "html")],
    ("show", "xx-sample", "--as-of", "2021-01-01"),
    ("show", "xx-sample", "--as-of", "2021-01-01", "-f", "json"),
    ("show", "xx-sample", "--as-of", "2021-01-01", "-f", "csv"),
    *[("log", "xx-sample", "-f", f) for f in ("text", "markdown", "json")],
    *[("screen", "{names}", "--on", "2021-01-01", "-f", f) for f in ("text", "markdown")],
    *[("screen", "{names}", "--on", "2021-01-01", "-f", f) for f in ("json", "csv")],
    ("lists",),
    ("lists", "-f", "json"),
    *[("history", "golf", "-f", f) for f in ("text", "markdown", "json")],
    *[("report", "-f", f) for f in ("text", "markdown", "json", "csv", "html", "atom")],
    *[("check", "-f", f) for f in ("text", "markdown", "json")],
    ("export", "ftm", "xx-sample", "--as-of", "2021-01-01"),
]


@pytest.mark.parametrize("args", RUNS, ids=" ".join)
def test_no_output_carries_a_workflow_command(
    hostile: Path, cli: Callable[..., Result], args: tuple[str, ...]
) -> None:
    names = hostile.parent / "names.csv"
    names.write_text(f"id,name\n1,golf\n2,{json.dumps(PAYLOAD.format(tag='golf'))}\n")
    result = cli("--data", str(hostile), *[a.format(names=names) for a in args])
    assert result.code in (0, 1), result.err
    assert "MASKED" in result.out or args[0] in ("lists", "show", "export", "log")  # shown
    assert workflow_commands(result.out) == []
    assert workflow_commands(result.err) == []


def test_check_for_github_emits_only_its_annotations(
    hostile: Path, cli: Callable[..., Result]
) -> None:
    result = cli("--data", str(hostile), "check", "-f", "github")
    assert result.code == 1
    lines = _LINE_BREAK.split(result.out.rstrip("\n"))
    findings = [line for line in lines if line.startswith("::")]
    assert len(findings) == len(lines) - 1  # and the summary
    assert workflow_commands(result.out) == [line[2:].split(" ")[0] for line in findings]
    assert set(workflow_commands(result.out)) <= {"error", "warning"}
    assert any("NAMED" in line for line in findings)  # the hostile file name, escaped


def test_errors_on_standard_error_are_one_safe_line(
    hostile: Path, cli: Callable[..., Result]
) -> None:
    bad = hostile / "lists" / "xx-sample" / "2021-01-01.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("type: organization", "type: x", 1))
    result = cli("--data", str(hostile), "diff", "xx-sample")
    assert result.code == 2
    assert len(result.err.splitlines()) == 1
    assert workflow_commands(result.err) == []


def test_diff_base_outputs(hostile: Path, cli: Callable[..., Result]) -> None:
    root = hostile.parent
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q", str(root)], check=True)
    subprocess.run([*git, "-C", str(root), "add", "-A"], check=True)
    subprocess.run([*git, "-C", str(root), "commit", "-qm", "x"], check=True)
    snapshot = hostile / "lists" / "xx-sample" / "2022-01-01.yaml"
    snapshot.write_text(
        snapshot.read_text(encoding="utf-8").replace(
            "name: Alpha Movement", f"name: {payload('a')}"
        )
    )
    for fmt in ("text", "markdown", "json"):
        result = cli("--data", str(hostile), "diff", "--base", "HEAD", "-f", fmt)
        assert result.code in (0, 1), result.err
        assert "MASKED" in result.out
        assert workflow_commands(result.out + result.err) == []


@pytest.mark.parametrize("fmt", ["text", "markdown", "csv", "html", "atom"])
def test_the_last_guard_covers_every_format(fmt: str) -> None:
    document = 'x\n  ::error::a\r::warning::b\n{"k": "##[add-mask]c"}\n'
    assert workflow_commands(ci_safe(document, fmt)) == []
    assert ci_safe("::error file=a::b\n", "github") == "::error file=a::b\n"


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_the_last_guard_keeps_json_exact(fmt: str) -> None:
    value = {"k\\##[": ["##[add-mask]c", PAYLOAD], "n": 1}
    document = json.dumps(value, ensure_ascii=False, indent=2)
    guarded = ci_safe(document, fmt)
    assert workflow_commands(guarded) == []
    assert json.loads(guarded) == value


def test_a_value_is_one_line_and_never_a_command() -> None:
    assert one_line(PAYLOAD.format(tag="t")).count("\n") == 0
    assert workflow_commands(one_line("::error::x")) == []
    assert workflow_commands(one_line("a ##[group]b")) == []
    assert one_line("Alpha\u202e \x1b[2J Movement\r\nnext") == "Alpha [2J Movement next"
    assert one_line("a\rb\x85c\u2028d\x0be") == "a b c d e"


BIDI = "Golf\u202e krowteN\u2066x\u2069"


@pytest.mark.parametrize("fmt", ["html", "atom", "csv", "markdown", "text"])
def test_bidi_controls_reach_no_output(
    tmp_path: Path, cli: Callable[..., Result], fmt: str
) -> None:
    shutil.copytree(SAMPLE_DATA, tmp_path / "data")
    for snapshot in (tmp_path / "data" / "lists" / "xx-sample").glob("20*.yaml"):
        text = snapshot.read_text(encoding="utf-8")
        snapshot.write_text(text.replace("Golf Network", json.dumps(BIDI)), encoding="utf-8")
    result = cli("--data", str(tmp_path / "data"), "report", "-f", fmt)
    assert result.code == 0, result.err
    assert "Golf krowteNx" in result.out
    assert not set("\u202e\u2066\u2069") & set(result.out)


def test_characters_xml_forbids_are_dropped() -> None:
    from xml.etree import ElementTree

    text = "a\ufffeb\uffffc\x00d\x1be\ud800f"
    assert terminal(text) == "abcdef"
    ElementTree.fromstring(f"<x>{terminal(text)}</x>")  # well-formed


def test_screen_json_keeps_a_name_exact(hostile: Path, cli: Callable[..., Result]) -> None:
    """`screen` guarded its output as text whatever the format: in JSON a name holding "##["
    came back as "## [" (changed), where JSON's guard writes "##\\u005b" (the same value)."""
    names = hostile.parent / "names.csv"
    names.write_text("id,name\n1,golf ##[group] x\n", encoding="utf-8")
    result = cli("--data", str(hostile), "screen", str(names), "--on", "2021-01-01", "-f", "json")
    assert result.code == 1, result.err
    assert workflow_commands(result.out) == []
    assert json.loads(result.out)["hits"][0]["subject"] == "golf ##[group] x"
