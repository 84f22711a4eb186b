"""The output formats belong to the library (``render/formats.py``): it lists and uses them
without the command line, and the command line offers exactly those."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

import designations
from designations.cli import build_parser
from designations.listlog import ListLog
from designations.render.formats import FORMATS

from ..conftest import ROOT, SAMPLE_DATA

#: Each subcommand whose output is one result, and the result's type.
COMMANDS: dict[str, type] = {
    "show": designations.Snapshot,
    "diff": designations.ListDiff,
    "report": designations.Report,
    "check": designations.CheckResult,
    "history": designations.History,
    "log": ListLog,
    "screen": designations.Screening,
}


@pytest.fixture(scope="module")
def sample() -> designations.Registry:
    return designations.Registry(SAMPLE_DATA)


def test_the_library_lists_and_renders_formats_without_the_command_line() -> None:
    script = (
        "import json, sys, designations\n"
        "reg = designations.Registry(sys.argv[1])\n"
        "d = reg['xx-sample'].diff('2020-01-01', '2021-01-01')\n"
        "print(json.dumps([designations.output_formats(designations.ListDiff),\n"
        "                  json.loads(designations.render_as(d, 'json'))['format'],\n"
        "                  sorted(m for m in sys.modules if m.startswith('designations.cli'))]))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(SAMPLE_DATA)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
        check=True,
    )
    formats, document_format, cli_modules = json.loads(proc.stdout)
    assert formats == ["text", "markdown", "json", "csv", "html"]
    assert document_format.startswith("designations.diff/")
    assert cli_modules == []


def test_render_as_picks_the_renderer_of_the_result_type(sample: designations.Registry) -> None:
    lst = sample["xx-sample"]
    d = lst.diff("2020-01-01", "2021-01-01")
    snap = lst.snapshot("2021-01-01")
    for fmt, renderer in FORMATS[designations.ListDiff].items():
        assert designations.render_as(d, fmt) == renderer(d)
    assert designations.render_as(snap) == FORMATS[designations.Snapshot]["text"](snap)
    assert json.loads(designations.render_as(snap, "json"))["list"] == "xx-sample"
    assert designations.render_as(d) == designations.render_as(d, "text")  # the default


def test_an_unknown_format_or_result_type_names_what_there_is(
    sample: designations.Registry,
) -> None:
    d = sample["xx-sample"].diff("2020-01-01", "2021-01-01")
    with pytest.raises(designations.UsageError, match=r"'atom'.*formats: text, markdown, json"):
        designations.render_as(d, "atom")
    with pytest.raises(TypeError, match=r"no output formats for int .*ListDiff"):
        designations.render_as(3, "text")
    with pytest.raises(TypeError, match="no output formats for str"):
        designations.output_formats(str)


def _format_choices(command: str) -> list[str]:
    parser = build_parser()
    (subparsers,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    sub = subparsers.choices[command]
    (option,) = (a for a in sub._actions if "--format" in a.option_strings)
    return list(option.choices or ())


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_the_command_line_offers_the_library_formats(command: str) -> None:
    assert set(COMMANDS.values()) == set(FORMATS)
    assert _format_choices(command) == list(designations.output_formats(COMMANDS[command]))


def test_every_renderer_named_in_a_table_is_a_function_of_render() -> None:
    """The tables name their renderers (``"module.function"``, imported on first use), so a
    misspelt name would show only when that format runs: each resolves here."""
    import inspect

    from designations.render import formats

    tables = [v for k, v in vars(formats).items() if k.endswith("_FORMATS")]
    assert len(tables) == 9
    for table in tables:
        assert isinstance(table, formats.Renderers)
        for fmt in table:
            renderer = table[fmt]
            assert inspect.isfunction(renderer), fmt
            assert renderer.__module__.startswith("designations.render."), renderer
    assert {id(t) for t in FORMATS.values()} <= {id(t) for t in tables}
