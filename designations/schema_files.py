"""The JSON Schemas of the data files, one per kind of data file, so that editors can validate
``list.yaml``, snapshots and seeds while people type. The loader stays the authority: it checks
what a schema cannot (duplicate keys, aliases, real dates, references between files).

Each schema is ``designations/schemas/<kind>.schema.json`` with the ``required`` and
``properties`` of the records that ``shape`` describes filled in from there: where the file
says ``"shape:ENTRY"``, the schema has ``shape.ENTRY``'s keys."""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .shape import Shape

__all__ = ["SCHEMA_KINDS", "schema", "schema_text"]

#: The kinds of data file, each with ``designations/schemas/<kind>.schema.json``.
SCHEMA_KINDS = ("list", "snapshot", "seed")


@functools.cache
def _shapes() -> dict[str, Shape[Any]]:
    """The shapes a template names (imported here: the command line lists ``SCHEMA_KINDS``
    at start-up, and only ``schema`` needs the shapes)."""
    from .shape import CHANGE, ENTRY, ENTRY_NAME, INSTRUMENT, LIST_NAME

    return {
        "CHANGE": CHANGE,
        "ENTRY": ENTRY,
        "ENTRY_NAME": ENTRY_NAME,
        "INSTRUMENT": INSTRUMENT,
        "LIST_NAME": LIST_NAME,
    }


def _filled(node: Any) -> Any:
    """The template with each ``"shape:NAME"`` under ``required`` or ``properties`` replaced
    by that shape's."""
    if isinstance(node, list):
        return [_filled(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {}
    for key, value in node.items():
        if isinstance(value, str) and value.startswith("shape:"):
            shape = _shapes()[value.removeprefix("shape:")]
            result[key] = list(shape.required) if key == "required" else shape.properties()
        else:
            result[key] = _filled(value)
    return result


def schema(kind: str) -> dict[str, Any]:
    """The schema of one kind of file, parsed."""
    if kind not in SCHEMA_KINDS:
        raise ValueError(f"no schema for {kind!r} (kinds: {', '.join(SCHEMA_KINDS)})")
    from importlib.resources import files

    template = (files("designations") / "schemas" / f"{kind}.schema.json").read_text("utf-8")
    document: dict[str, Any] = _filled(json.loads(template))
    return document


def schema_text(kind: str) -> str:
    """The schema of one kind of file, as JSON text (what ``designations schema KIND`` prints)."""
    return json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"
