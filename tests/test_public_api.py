"""The public surface: what ``__all__`` promises is there, and the spec's library example runs."""

from __future__ import annotations

import designations


def test_everything_in_all_exists_and_all_is_sorted() -> None:
    for name in designations.__all__:
        assert hasattr(designations, name), name
    assert designations.__all__ == sorted(designations.__all__)


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
