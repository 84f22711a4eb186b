"""Start-up cost of the command: building the parser (``--version``, ``--help``) loads none of
the library's heavy modules, and a command loads only what it runs. Checked on the modules a
fresh interpreter has loaded, never on timings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from designations import yamlio

from .conftest import ROOT, SAMPLE_DATA

#: What no command needs before it runs, and ``diff`` never needs.
NOT_FOR_DIFF = (
    "designations.importers",
    "designations.screening",
    "designations.timeline",
    "designations.checks",
    "designations.check_rules",
    "designations.nameindex",
    "designations.names",
    "designations.gitbase",
    "designations.writer",
    "designations.export_ftm",
    "designations.render.report_html",
    "designations.render.findings",
    "designations.report",
    "rapidfuzz",
    "anyascii",
    "jinja2",
)


def _modules_after(code: str, tmp_path: Path) -> list[str]:
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))\n"
    env = {"PYTHONPATH": str(ROOT), "PATH": "", "DESIGNATIONS_CACHE_DIR": str(tmp_path)}
    if "DESIGNATIONS_PURE_YAML" in os.environ:  # the reader this test run checks
        env["DESIGNATIONS_PURE_YAML"] = os.environ["DESIGNATIONS_PURE_YAML"]
    proc = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    )
    modules: list[str] = json.loads(proc.stdout.splitlines()[-1])
    return modules


def test_building_the_parser_loads_no_library_module(tmp_path: Path) -> None:
    """What ``--version`` and every ``--help`` do: build the parser (every subcommand's
    options and format names) and nothing else."""
    modules = _modules_after("from designations.cli import build_parser\nbuild_parser()", tmp_path)
    ours = {
        m for m in modules if m.startswith("designations.") and not m.startswith("designations.cli")
    }
    # the format tables (names only), the constants --help shows, and nothing they import
    assert ours <= {
        "designations._version",
        "designations.render",
        "designations.render.formats",
        "designations.vocab",
        "designations.scores",
        "designations.schema_files",
        "designations.scaffold",
    }, sorted(ours)
    for heavy in (*NOT_FOR_DIFF, "attrs", "msgspec", "yaml"):
        assert heavy not in modules, heavy


@pytest.mark.parametrize("command", ["--version", "--help", "diff --help", "check --help"])
def test_version_and_help_exit_before_loading_the_library(command: str, tmp_path: Path) -> None:
    code = (
        "from designations.cli import main\n"
        "import contextlib, io\n"
        "try:\n"
        f"    with contextlib.redirect_stdout(io.StringIO()):\n"
        f"        main({command.split()!r})\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    modules = _modules_after(code, tmp_path)
    for heavy in (*NOT_FOR_DIFF, "designations.model", "msgspec", "yaml"):
        assert heavy not in modules, heavy


def test_diff_loads_only_what_it_runs(tmp_path: Path) -> None:
    out = tmp_path / "diff.json"
    code = (
        "from designations.cli import main\n"
        f"assert main(['--data', {str(SAMPLE_DATA)!r}, 'diff', 'xx-sample', '2020-01-01', "
        f"'2021-01-01', '-f', 'json', '-o', {str(out)!r}]) == 0\n"
    )
    modules = _modules_after(code, tmp_path)
    assert json.loads(out.read_text(encoding="utf-8"))["format"].startswith("designations.diff/")
    assert {"designations.registry", "designations.reconcile", "designations.render.diff"} <= set(
        modules
    )
    for absent in NOT_FOR_DIFF:
        assert absent not in modules, absent
    # PyYAML is the compiled reader's fallback only
    assert ("yaml" in modules) is (not yamlio.compiled())


def test_a_format_table_knows_its_names_without_importing_a_renderer(tmp_path: Path) -> None:
    code = (
        "from designations.render.formats import BASE_FORMATS, DIFF_FORMATS\n"
        "assert 'json' in BASE_FORMATS and 'atom' not in DIFF_FORMATS\n"
        "assert list(DIFF_FORMATS) == ['text', 'markdown', 'json', 'csv', 'html']\n"
    )
    modules = _modules_after(code, tmp_path)
    assert not [m for m in modules if m.startswith("designations.render.") and "formats" not in m]


def test_an_import_format_is_still_checked_and_listed(tmp_path: Path) -> None:
    """``import``'s FORMAT choices load the importers only when ``import`` is parsed."""
    proc = subprocess.run(
        [sys.executable, "-m", "designations", "import", "no-such-format", "x.csv"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "", "DESIGNATIONS_CACHE_DIR": str(tmp_path)},
    )
    assert proc.returncode == 2
    assert "invalid choice: 'no-such-format' (choose from 'ofac-csv', 'ofac-xml'," in proc.stderr
    from designations.importers import FORMATS

    helped = subprocess.run(
        [sys.executable, "-m", "designations", "import", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "", "COLUMNS": "1000"},
        check=True,
    ).stdout
    assert f" {', '.join(FORMATS)}\n" in helped


def test_the_program_never_runs_the_cycle_collector_over_what_a_command_built(
    tmp_path: Path,
) -> None:
    """``cli.run`` ends the process without freeing the records (``os._exit``): the collector,
    were it on, would scan every record once the command is over, for nothing. It is off from
    the start of the program to its end; ``cli.main`` (the library's entry point) leaves the
    caller's collector as it was."""
    script = (
        "import gc, sys\n"
        "from designations import cli\n"
        "main = cli.main\n"
        "def spy(*args, **kwargs):\n"
        "    code = main(*args, **kwargs)\n"
        "    sys.stdout.write(f'collector on: {gc.isenabled()}\\n')\n"
        "    return code\n"
        "cli.main = spy\n"
        "before = gc.isenabled()\n"
        "cli.main(['--data', sys.argv[1], 'lists'])\n"
        "assert gc.isenabled() is before\n"
        "sys.argv = ['designations', '--data', sys.argv[1], 'lists']\n"
        "cli.run()\n"
    )
    env = {"PYTHONPATH": str(ROOT), "PATH": "", "DESIGNATIONS_CACHE_DIR": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-c", script, str(SAMPLE_DATA)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("collector on: True") == 1  # after cli.main, as it was
    assert proc.stdout.count("collector on: False") == 1  # inside cli.run
