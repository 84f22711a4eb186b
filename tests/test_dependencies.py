"""Every third-party module the package imports (at any depth: a command imports what it runs
when it runs) is a declared runtime dependency, so that a plain ``pip install`` gives every
command what it needs. The development environment holds more packages than a user's does, so
the other tests cannot see a missing declaration."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "designations"


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {
        _normalized(re.split(r"[\s<>=!~;\[]", dep, maxsplit=1)[0])
        for dep in project["dependencies"]
    }


def third_party_imports() -> dict[str, list[str]]:
    """Top-level module name -> the places (file:line) that import it, except under
    ``if TYPE_CHECKING:`` (never run)."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skip.update(id(n) for n in ast.walk(node))
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top in ("designations", "__future__"):
                    continue
                found.setdefault(top, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_imported_package_is_a_declared_dependency() -> None:
    providers = packages_distributions()
    wanted = declared()
    missing = {
        module: places
        for module, places in third_party_imports().items()
        if not any(_normalized(dist) in wanted for dist in providers.get(module, [module]))
    }
    assert not missing, f"imported but not in pyproject.toml's dependencies: {missing}"


def test_the_readme_explains_every_dependency() -> None:
    """The README's dependency table has a row for each declared dependency (and no other)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Runtime dependencies", 1)[1].split("\n\n", 2)[1]
    rows = {_normalized(m) for m in re.findall(r"^\| `([^`]+)` \|", table, flags=re.MULTILINE)}
    assert rows == declared()
