"""Building this checkout's wheel, as ``pip wheel .`` does, for the tests of what gets installed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def run_command(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a program (up to 10 minutes) and capture its output as text; never raises on failure."""
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def build_wheel(dest: Path, env: dict[str, str] | None = None) -> Path:
    """``pip wheel --no-deps`` of the checkout into ``dest``: the one wheel it wrote."""
    dest.mkdir(parents=True, exist_ok=True)
    built = run_command(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dest, ROOT, cwd=dest, env=env
    )
    assert built.returncode == 0, built.stderr
    [wheel] = dest.glob("designations-*.whl")
    return wheel
