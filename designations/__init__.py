"""designations: national terrorist-organization and sanctions designation lists as versioned
YAML snapshots, typed records, and diffs that name the legal basis of every change.

>>> import designations
>>> reg = designations.Registry()                       # the bundled data
>>> lst = reg["ru-terrorist-organizations"]
>>> d = designations.diff(lst.snapshot("2025-04-16"), lst.snapshot("2025-04-17"))
"""

from __future__ import annotations

from ._version import __version__
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


def __dir__() -> list[str]:
    """The public names only, so completion and ``dir()`` show what ``__all__`` promises."""
    return list(__all__)
