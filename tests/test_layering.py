"""The package's layering, read from its import statements: no import cycles, nothing outside
``cli/`` (and ``__main__``) imports ``cli/``, and ``render/`` imports nothing that reads files."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "designations"

#: Modules that read files or folders; ``render/`` turns results into text and may use none.
READERS = {
    "designations.registry",
    "designations.load",
    "designations.cache",
    "designations.safeio",
    "designations.gitbase",
    "designations.importers",
    "designations.yamlio",
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    if node.level == 0:
        base = node.module or ""
    else:
        here = module.split(".") if is_package else module.split(".")[:-1]
        here = here[: len(here) - (node.level - 1)]
        base = ".".join([*here, node.module] if node.module else here)
    # ``from . import x`` may name a submodule; the caller keeps the names that are modules.
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def import_graph() -> dict[str, set[str]]:
    """Each module's imports of other modules of the package, at any depth in the file
    (function-level imports count: they are still a dependency), except under
    ``if TYPE_CHECKING:``, which never runs."""
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skip.update(id(n) for n in ast.walk(node))
        deps: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.ImportFrom):
                targets = _resolve(name, path.name == "__init__.py", node)
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            deps.update(t for t in targets if t in files and t != name)
        graph[name] = deps
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph[node]):
            # Importing a submodule runs its package's __init__ first: that is no cycle of
            # the package's own making, so a package's __init__ importing its children is fine.
            if node.startswith(dep + "."):
                continue
            if state.get(dep) == 1:
                return [*stack[stack.index(dep) :], dep]
            if dep not in state and (found := visit(dep)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycles() -> None:
    assert _cycle(import_graph()) is None


def test_only_the_command_line_imports_the_command_line() -> None:
    offenders = {
        (name, dep)
        for name, deps in import_graph().items()
        if not name.startswith("designations.cli") and name != "designations.__main__"
        for dep in deps
        if dep.startswith("designations.cli")
    }
    assert offenders == set()


def test_render_imports_nothing_that_reads_files() -> None:
    offenders = {
        (name, dep)
        for name, deps in import_graph().items()
        if name.startswith("designations.render")
        for dep in deps
        if any(dep == r or dep.startswith(r + ".") for r in READERS)
    }
    assert offenders == set()
