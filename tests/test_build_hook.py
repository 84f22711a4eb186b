"""The build hook (``hatch_build.py``) never fails an install: without a working compiler or
libyaml's headers the package is built pure Python, and the Python reader is used."""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from designations import yamlio

from .conftest import ROOT
from .wheel import build_wheel


def _hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hatch_build", ROOT / "hatch_build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_compiler_is_a_reason_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hook = _hook()
    out = tmp_path / hook.module_name()
    out.write_bytes(b"stale")  # a module built from older source is never left behind
    monkeypatch.setenv("CC", str(tmp_path / "no-such-compiler"))
    why = hook.compile_reader(out)
    assert isinstance(why, str) and "no C compiler" in why
    assert not out.exists()
    monkeypatch.setenv("CC", "false")
    assert "compiling failed" in hook.compile_reader(out)
    monkeypatch.setenv("DESIGNATIONS_NO_COMPILE", "1")
    assert "DESIGNATIONS_NO_COMPILE" in hook.compile_reader(out)


@pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler")
def test_compiling_gives_a_module_when_libyaml_headers_are_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    probe = subprocess.run(
        ["cc", "-E", "-"], input=b"#include <yaml.h>\n", capture_output=True, check=False
    )
    if probe.returncode != 0:
        pytest.skip("libyaml's headers are not installed")
    hook = _hook()
    out = tmp_path / hook.module_name()
    monkeypatch.delenv("CC", raising=False)
    monkeypatch.delenv("DESIGNATIONS_NO_COMPILE", raising=False)
    assert hook.compile_reader(out) is None
    assert out.stat().st_size > 0
    # The module says which source it was built from: the source beside it, as it is.
    loader = importlib.machinery.ExtensionFileLoader("_yamltree", str(out))
    spec = importlib.util.spec_from_loader("_yamltree", loader)
    assert spec is not None
    built = importlib.util.module_from_spec(spec)
    loader.exec_module(built)
    source = ROOT / "designations" / "_yamltree.c"
    assert built.source_sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert yamlio._current(built, source)


def test_a_module_built_from_other_source_is_not_used(tmp_path: Path) -> None:
    """A checkout changed after its module was built (``git pull`` without a new build) reads
    with the Python reader rather than with a module whose trees may differ."""
    source = tmp_path / "_yamltree.c"
    source.write_bytes(b"/* the source now */\n")
    built = ModuleType("_yamltree")
    built.source_sha256 = hashlib.sha256(b"/* older source */\n").hexdigest()  # type: ignore[attr-defined]
    assert not yamlio._current(built, source)
    built.source_sha256 = hashlib.sha256(source.read_bytes()).hexdigest()  # type: ignore[attr-defined]
    assert yamlio._current(built, source)
    assert not yamlio._current(ModuleType("_yamltree"), source)  # built without saying
    assert yamlio._current(built, tmp_path / "absent.c")  # an install that ships no source


@pytest.mark.slow
def test_a_wheel_without_a_working_compiler_is_pure_python(tmp_path: Path) -> None:
    env = {**os.environ, "CC": "false"}
    wheel = build_wheel(tmp_path, env)
    assert wheel.name.endswith("-py3-none-any.whl")
    assert not any(".so" in name for name in zipfile.ZipFile(wheel).namelist())
