"""Build hook (hatchling): compile the reader's C part, ``designations/_yamltree.c``, against
libyaml when a C compiler and libyaml's headers are there. Never fails the build: without
them (or on any error) the package is pure Python and ``designations.yamlio`` reads files
with its Python reader, which gives the same trees and errors, only slower.

``DESIGNATIONS_NO_COMPILE=1`` skips the compilation. Run as a script
(``python hatch_build.py``) to compile the module in place, next to its source, for working
from a source tree with ``PYTHONPATH``.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "designations" / "_yamltree.c"


def module_name() -> str:
    return "_yamltree" + (sysconfig.get_config_var("EXT_SUFFIX") or ".so")


def compile_reader(out: Path) -> str | None:
    """Compile ``_yamltree.c`` into ``out``; ``None`` when done, else why not."""
    out.unlink(missing_ok=True)  # never leave a module built from older source
    if os.environ.get("DESIGNATIONS_NO_COMPILE"):
        return "DESIGNATIONS_NO_COMPILE is set"
    compiler = os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc"
    command = [
        *shlex.split(compiler),
        "-shared",
        "-fPIC",
        "-O2",
        # The module says which source it was built from (``yamlio`` uses it only when that
        # is the source beside it: never a module left from older source).
        f'-DYAMLTREE_SOURCE_SHA256="{hashlib.sha256(SOURCE.read_bytes()).hexdigest()}"',
        f"-I{sysconfig.get_paths()['include']}",
        *shlex.split(os.environ.get("CFLAGS", "")),
        str(SOURCE),
        "-o",
        str(out),
        *shlex.split(os.environ.get("LDFLAGS", "")),
        "-lyaml",
    ]
    if sys.platform == "darwin":
        command[1:1] = ["-undefined", "dynamic_lookup"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"no C compiler ({exc})"
    if done.returncode != 0:
        first = (done.stderr.strip().splitlines() or ["failed"])[0]
        return f"compiling failed ({first})"
    return None


def _say(why: str | None) -> None:
    if why is None:
        print("designations: compiled YAML reader built", file=sys.stderr)
    else:
        print(
            f"designations: compiled YAML reader not built: {why}; the Python reader is used "
            "(install a C compiler and libyaml's headers, e.g. libyaml-dev, for faster reading)",
            file=sys.stderr,
        )


try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # run as a script, without hatchling
    BuildHookInterface = object  # type: ignore[assignment,misc]


class CompiledReader(BuildHookInterface):  # type: ignore[misc,valid-type]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        name = module_name()
        if version == "editable":  # imported from the source tree: build it there
            out = SOURCE.parent / name
            why = compile_reader(out)
        else:
            self._folder = tempfile.TemporaryDirectory()
            out = Path(self._folder.name) / name
            why = compile_reader(out)
            if why is None:
                build_data["force_include"][str(out)] = f"designations/{name}"
        _say(why)
        if why is None:
            build_data["pure_python"] = False
            build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder is not None:
            folder.cleanup()


if __name__ == "__main__":
    problem = compile_reader(SOURCE.parent / module_name())
    _say(problem)
    sys.exit(0 if problem is None else 1)
