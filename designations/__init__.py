"""designations: national terrorist-organization and sanctions designation lists as versioned
YAML snapshots, typed records, and diffs that name the legal basis of every change.

>>> import designations
>>> reg = designations.Registry()                       # the bundled data
>>> lst = reg["ru-terrorist-organizations"]
>>> d = designations.diff(lst.snapshot("2025-04-16"), lst.snapshot("2025-04-17"))
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:  # for type checkers and editors; at run time each name loads on first use
    from .checks import CheckResult, Finding, Severity, check
    from .dates import PartialDate
    from .errors import DataError, DesignationsError, Problem, UsageError
    from .load import load_list_info, load_seed, load_snapshot
    from .model import (
        ChangeRecord,
        DateConventions,
        Entry,
        Instrument,
        ListInfo,
        ListSource,
        MassRemoval,
        Name,
        Seed,
        Snapshot,
    )
    from .reconcile import Change, ListDiff, diff
    from .registry import DesignationList, Registry, UnknownListError
    from .render.formats import output_formats, render_as
    from .report import Report, ReportItem, Section, build_report
    from .screening import ScreenHit, Screening, screen
    from .structural import FieldChange
    from .subjects import Subject, read_subjects
    from .timeline import Event, History, Match, Standing, history
    from .vocab import (
        Action,
        Certainty,
        ChangeKind,
        Completeness,
        EntryStatus,
        EntryType,
        Evidence,
        InstrumentKind,
        NameKind,
        SeedKind,
        Verdict,
    )

__all__ = [
    "Action",
    "Certainty",
    "Change",
    "ChangeKind",
    "ChangeRecord",
    "CheckResult",
    "Completeness",
    "DataError",
    "DateConventions",
    "DesignationList",
    "DesignationsError",
    "Entry",
    "EntryStatus",
    "EntryType",
    "Event",
    "Evidence",
    "FieldChange",
    "Finding",
    "History",
    "Instrument",
    "InstrumentKind",
    "ListDiff",
    "ListInfo",
    "ListSource",
    "MassRemoval",
    "Match",
    "Name",
    "NameKind",
    "PartialDate",
    "Problem",
    "Registry",
    "Report",
    "ReportItem",
    "ScreenHit",
    "Screening",
    "Section",
    "Seed",
    "SeedKind",
    "Severity",
    "Snapshot",
    "Standing",
    "Subject",
    "UnknownListError",
    "UsageError",
    "Verdict",
    "__version__",
    "build_report",
    "check",
    "diff",
    "history",
    "load_list_info",
    "load_seed",
    "load_snapshot",
    "output_formats",
    "read_subjects",
    "render_as",
    "screen",
]


#: Where each public name is defined (besides ``__version__``). ``import designations`` loads
#: none of these modules: a name's module is imported on first use (PEP 562), so the command
#: line pays only for what its subcommand runs.
_DEFINED_IN: dict[str, tuple[str, ...]] = {
    "checks": ("CheckResult", "Finding", "Severity", "check"),
    "dates": ("PartialDate",),
    "errors": ("DataError", "DesignationsError", "Problem", "UsageError"),
    "load": ("load_list_info", "load_seed", "load_snapshot"),
    "model": (
        "ChangeRecord",
        "DateConventions",
        "Entry",
        "Instrument",
        "ListInfo",
        "ListSource",
        "MassRemoval",
        "Name",
        "Seed",
        "Snapshot",
    ),
    "reconcile": ("Change", "ListDiff", "diff"),
    "registry": ("DesignationList", "Registry", "UnknownListError"),
    "render.formats": ("output_formats", "render_as"),
    "report": ("Report", "ReportItem", "Section", "build_report"),
    "screening": ("ScreenHit", "Screening", "screen"),
    "structural": ("FieldChange",),
    "subjects": ("Subject", "read_subjects"),
    "timeline": ("Event", "History", "Match", "Standing", "history"),
    "vocab": (
        "Action",
        "Certainty",
        "ChangeKind",
        "Completeness",
        "EntryStatus",
        "EntryType",
        "Evidence",
        "InstrumentKind",
        "NameKind",
        "SeedKind",
        "Verdict",
    ),
}

_MODULE_OF: dict[str, str] = {
    name: module for module, names in _DEFINED_IN.items() for name in names
}


if not TYPE_CHECKING:  # type checkers see the imports above, and no catch-all attribute

    def __getattr__(name: str) -> Any:
        module = _MODULE_OF.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
        globals()[name] = value  # the next use is a plain attribute
        return value


def __dir__() -> list[str]:
    """The public names only, so completion and ``dir()`` show what ``__all__`` promises."""
    return list(__all__)
