"""The public surface: what ``__all__`` promises is there, and the spec's library example runs."""

from __future__ import annotations

import importlib
import subprocess
import sys

import designations


def test_everything_in_all_exists_and_all_is_sorted() -> None:
    for name in designations.__all__:
        assert hasattr(designations, name), name
    assert designations.__all__ == sorted(designations.__all__)


def test_each_public_name_is_the_object_its_module_defines() -> None:
    """Names load on first use (PEP 562); each is the very object of the module that defines it,
    and that module is where the type checkers' ``TYPE_CHECKING`` imports say it is."""
    for name in designations.__all__:
        if name == "__version__":
            continue
        module = importlib.import_module(f"designations.{designations._MODULE_OF[name]}")
        assert getattr(designations, name) is getattr(module, name), name
    assert set(designations._MODULE_OF) == set(designations.__all__) - {"__version__"}


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        designations.no_such_name  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("designations.no_such_name resolved")


def test_importing_the_package_loads_no_submodule_and_no_dependency() -> None:
    """``import designations`` (and so every start of the command) costs next to nothing: the
    public API's modules and their dependencies load when a name is first used."""
    code = (
        "import sys, designations\n"
        "from designations import __version__\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    ours = [m for m in out if m.startswith("designations.")]
    assert ours == ["designations._version"]
    for heavy in ("attrs", "attr", "yaml", "rapidfuzz", "jinja2", "msgspec"):
        assert heavy not in out, heavy
    lazily = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from designations import PartialDate; "
            "print(' '.join(sorted(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "designations.dates" in lazily
    for absent in ("designations.importers", "designations.screening", "designations.check_rules"):
        assert absent not in lazily, absent


def test_the_interface_example_runs_on_the_bundled_data() -> None:
    reg = designations.Registry()
    assert reg.lists() == sorted(reg.lists())
    lst = reg["ru-terrorist-organizations"]
    old, new = lst.snapshot("2025-01-01"), lst.snapshot("2025-04-17")
    d = designations.diff(old, new)
    (change,) = d.amended
    assert change.entry.id == "taliban"
    assert change.action is designations.Action.SUSPENDED
    assert str(change.effective) == "2025-04-17"
    assert change.explained and not change.editorial
    assert [i.date for i in change.basis] == [designations.PartialDate(2025, 4, 17)]
    assert [(f.path, f.old, f.new) for f in change.fields] == [("status", "active", "suspended")]
    snapshot = designations.load_snapshot(lst.folder / "2025-04-17.yaml")
    assert snapshot == new


def test_bundled_data_passes_the_strict_check() -> None:
    result = designations.check(designations.Registry())
    assert result.findings == ()


def test_no_public_name_shadows_a_submodule() -> None:
    """``designations.check`` is the function; its module is ``designations.checks``, and each
    module stays importable by its own name with everything it defines."""
    import importlib
    import pkgutil

    modules = {m.name for m in pkgutil.iter_modules(designations.__path__)}
    assert modules & set(designations.__all__) == set()
    checks = importlib.import_module("designations.checks")
    assert checks.Severity is designations.Severity
    assert callable(designations.check) and callable(designations.diff)


def test_dir_lists_the_public_names() -> None:
    assert dir(designations) == designations.__all__
