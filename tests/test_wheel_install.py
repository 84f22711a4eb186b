"""The built wheel, installed into a fresh virtual environment, works from any folder on the data
it carries: the path a user takes after `pip install .`, which the other tests (run from the
source tree) never take."""

from __future__ import annotations

import os
import sys
import zipfile
from pathlib import Path

import pytest

from .wheel import build_wheel
from .wheel import run_command as _run

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the wheel, the fresh environment's bin folder)."""
    where = tmp_path_factory.mktemp("wheel")
    wheel = build_wheel(where / "dist")
    venv = where / "venv"
    made = _run(sys.executable, "-m", "venv", venv, cwd=where)
    assert made.returncode == 0, made.stderr
    done = _run(venv / "bin" / "python", "-m", "pip", "install", "-q", wheel, cwd=where)
    assert done.returncode == 0, done.stderr
    return wheel, venv / "bin"


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DESIGNATIONS_DATA")}


def test_the_wheel_carries_the_license_data_and_starter(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "designations/_data/lists/ru-terrorist-organizations/list.yaml" in names
    assert "designations/starter/list.yaml" in names
    assert not any(n.startswith("tests/") for n in names)


def test_the_installed_cli_on_its_bundled_data(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    _, bin_dir = installed
    cli = bin_dir / "designations"
    # The README's main command, from a folder with no data/ of its own.
    result = _run(
        cli,
        "diff",
        "ru-terrorist-organizations",
        "2025-04-16",
        "2025-04-17",
        cwd=tmp_path,
        env=_env(),
    )
    assert result.returncode == 0, result.stderr
    assert "~ amended taliban: Taliban" in result.stdout
    assert "suspended 2025-04-17 (explained)" in result.stdout
    lists = _run(cli, "lists", cwd=tmp_path, env=_env())
    assert lists.returncode == 0 and "us-fto" in lists.stdout
    # check never judges the bundled data by default
    refused = _run(cli, "check", cwd=tmp_path, env=_env())
    assert refused.returncode == 2 and "--data" in refused.stderr
    # ... but it can be named
    bundled = _run(
        bin_dir / "python",
        "-c",
        "import designations.datafolder as d; print(d.bundled_data())",
        cwd=tmp_path,
        env=_env(),
    )
    assert "_data" in bundled.stdout
    named = _run(
        cli, "--data", bundled.stdout.strip(), "check", "--strict", cwd=tmp_path, env=_env()
    )
    assert named.returncode == 0, named.stdout + named.stderr


def test_init_new_log_with_the_installed_cli(installed: tuple[Path, Path], tmp_path: Path) -> None:
    _, bin_dir = installed
    cli = bin_dir / "designations"
    assert _run(cli, "init", tmp_path / "x", cwd=tmp_path, env=_env()).returncode == 0
    data = tmp_path / "x" / "data"
    strict = _run(cli, "--data", data, "check", "--strict", cwd=tmp_path, env=_env())
    assert strict.returncode == 0, strict.stdout + strict.stderr
    here = tmp_path / "x"
    assert _run(cli, "new", "xx-example", "2025-03-01", cwd=here, env=_env()).returncode == 0
    log = _run(cli, "log", "xx-example", cwd=here, env=_env())
    assert log.returncode == 0 and "2025-03-01" in log.stdout
