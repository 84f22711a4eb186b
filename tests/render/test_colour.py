"""Colour on a terminal only: added, removed, suspended and unexplained stand out; no escapes
when standard output is not a terminal, when NO_COLOR is set, or in other formats."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

from designations.render.colour import colourize, strip_colour

from ..conftest import ROOT, SAMPLE_DATA, run

DIFF = ("--data", str(SAMPLE_DATA), "diff", "xx-sample", "2020-01-01", "2021-01-01")


def _on_a_terminal(*args: str, env: dict[str, str] | None = None) -> str:
    """Run the command with its standard output a pseudo-terminal; what it printed."""
    main, child = pty.openpty()
    full = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    full.update({"PYTHONPATH": str(ROOT), **(env or {})})
    proc = subprocess.Popen(
        [sys.executable, "-m", "designations", *args],
        stdout=child,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=full,
    )
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(main)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_colour_marks_what_people_scan() -> None:
    text = "+ added golf: G\n- removed c: C\n    no action recorded (UNEXPLAINED)\n"
    coloured = colourize(text + "    status: active -> suspended\n")
    assert "\x1b[32m+ added\x1b[0m golf" in coloured
    assert "\x1b[31m- removed\x1b[0m" in coloured
    assert "\x1b[1;31mUNEXPLAINED\x1b[0m" in coloured
    assert "\x1b[35msuspended\x1b[0m" in coloured
    assert strip_colour(coloured) == text + "    status: active -> suspended\n"


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_terminal_gets_colour_and_nothing_else_does() -> None:
    plain = run(*DIFF)
    assert plain.code == 0 and "\x1b[" not in plain.out
    coloured = _on_a_terminal(*DIFF)
    assert "\x1b[32m+ added\x1b[0m foxtrot" in coloured
    assert "\x1b[1;31mUNEXPLAINED\x1b[0m" in coloured
    assert "\x1b[35msuspended\x1b[0m" in coloured
    assert strip_colour(coloured) == plain.out
    assert "\x1b[" not in _on_a_terminal(*DIFF, env={"NO_COLOR": "1"})
    assert "\x1b[" not in _on_a_terminal(*DIFF, "-f", "json")
    check = _on_a_terminal("--data", str(SAMPLE_DATA), "check")
    assert ": \x1b[1;31merror\x1b[0m \x1b[1;31munexplained-change\x1b[0m:" in check
