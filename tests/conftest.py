"""Shared test helpers: fixture paths and two ways to run the command line.

``cli`` runs ``designations.cli.main`` in-process (fast); ``run`` runs the real entry point in a
subprocess (``python -m designations``) with this checkout first on the path, for exit codes,
standard error and anything that must be seen as a user sees it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, settings

from designations.cli import main

# Property tests: a bounded run by default; HYPOTHESIS_PROFILE=long for a fuzzing session.
settings.register_profile(
    "default", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=20_000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLE_DATA = FIXTURES / "data"


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The command line caches parsed snapshots; tests keep theirs out of the user's cache."""
    os.environ["DESIGNATIONS_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


def new_folder(path: Path) -> Path:
    """An empty folder made at ``path``: a data folder to import into (import refuses one that
    does not exist)."""
    path.mkdir()
    return path


def files_under(folder: Path) -> list[Path]:
    """Every file under ``folder`` (none when it does not exist)."""
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


@attrs.frozen
class Result:
    code: int
    out: str
    err: str


def run(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120
) -> Result:
    """Run ``python -m designations ARGS`` as a user would."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    full_env.pop("DESIGNATIONS_DEBUG", None)
    proc = subprocess.run(
        [sys.executable, "-m", "designations", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=full_env,
        timeout=timeout,
        check=False,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run the command line in-process and capture what it prints."""

    def invoke(*args: str) -> Result:
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's --help and usage errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


REALDATA = FIXTURES / "realdata"


@pytest.fixture(scope="session")
def real(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """A real list file from ``tests/fixtures/realdata`` (stored xz-compressed), decompressed
    once per session into a temporary folder, under its original name."""
    import lzma

    root = tmp_path_factory.mktemp("realdata")

    def get(relative: str) -> Path:
        target = root / relative
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(lzma.decompress((REALDATA / f"{relative}.xz").read_bytes()))
        return target

    return get


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under ``tests/property/`` belongs to the property tier."""
    for item in items:
        if "property" in item.path.parts:
            item.add_marker(pytest.mark.property)
