"""Building this checkout's wheel, as ``pip wheel .`` does, for the tests of what gets installed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def build_wheel(dest: Path, env: dict[str, str] | None = None) -> Path:
    """``pip wheel --no-deps`` of the checkout into ``dest``: the one wheel it wrote."""
    dest.mkdir(parents=True, exist_ok=True)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dest), str(ROOT)],
        cwd=dest,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    [wheel] = dest.glob("designations-*.whl")
    return wheel
