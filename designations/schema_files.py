"""The JSON Schema files shipped in the package, one per kind of data file, so that editors can
validate ``list.yaml``, snapshots and seeds while people type. The loader stays the authority: it
checks what a schema cannot (duplicate keys, aliases, real dates, references between files)."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

__all__ = ["SCHEMA_KINDS", "schema", "schema_text"]

#: The kinds of data file, each with ``designations/schemas/<kind>.schema.json``.
SCHEMA_KINDS = ("list", "snapshot", "seed")


def schema_text(kind: str) -> str:
    """The schema of one kind of file, as shipped (JSON text)."""
    if kind not in SCHEMA_KINDS:
        raise ValueError(f"no schema for {kind!r} (kinds: {', '.join(SCHEMA_KINDS)})")
    return (files("designations") / "schemas" / f"{kind}.schema.json").read_text("utf-8")


def schema(kind: str) -> dict[str, Any]:
    """The schema of one kind of file, parsed."""
    document: dict[str, Any] = json.loads(schema_text(kind))
    return document
