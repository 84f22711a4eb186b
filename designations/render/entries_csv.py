"""A snapshot's entries as CSV (``designations show -f csv``): one row per entry, for
spreadsheets and pipelines."""

from __future__ import annotations

from ..model import Snapshot
from .common import csv_table, date_text, instrument_label

__all__ = ["snapshot_csv"]

HEADER = (
    "list",
    "as_of",
    "id",
    "name",
    "type",
    "status",
    "listed_on",
    "first_seen",
    "basis",
    "basis_acts",
    "other_names",
    "refs",
    "certainty",
)


def snapshot_csv(snapshot: Snapshot) -> str:
    """Columns as in ``HEADER``; several values in one cell are joined with ``; ``
    (``refs`` as ``scheme:id``)."""
    info = snapshot.info
    rows = [
        (
            snapshot.list_id,
            str(snapshot.as_of),
            e.id,
            e.name,
            e.type.value,
            e.status.value,
            date_text(e.listed_on),
            None if e.first_seen is None else str(e.first_seen),
            "; ".join(e.basis),
            "; ".join(instrument_label(info.instrument(b)) for b in e.basis),
            "; ".join(n.name for n in e.names),
            "; ".join(f"{scheme}:{value}" for scheme, value in e.refs),
            e.certainty.value,
        )
        for e in snapshot.entries
    ]
    return csv_table(HEADER, rows)
