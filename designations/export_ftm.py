"""A snapshot as FollowTheMoney entities, one JSON object per line.

Each entry becomes its target (``Person``, ``Organization``, ``Vessel``, ``Airplane``, or
``LegalEntity``) and a ``Sanction`` that points at it, naming the authority, the programme
(the basis instruments), their provisions, the listing date (at the precision the data gives:
``2004``, ``2023-12``) and the source URLs; what the data marks uncertain or inferred (the entry,
or an act it rests on) is said in the Sanction's ``summary``, with the data's note. Ids are
``<list>-<entry>`` and ``<list>-<entry>-sanction``. The mapping needs no FtM library; the tests
validate the output with ``followthemoney`` when it is installed (the ``ftm`` extra).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .model import Entry, Instrument, Snapshot
from .vocab import EntryType, NameKind

__all__ = ["SCHEMATA", "entities", "export_ftm"]

#: Entry type → FollowTheMoney schema.
SCHEMATA = {
    EntryType.INDIVIDUAL: "Person",
    EntryType.ORGANIZATION: "Organization",
    EntryType.VESSEL: "Vessel",
    EntryType.AIRCRAFT: "Airplane",
    EntryType.OTHER: "LegalEntity",
}
_NAME_PROPERTY = {NameKind.FORMER: "previousName"}


def _props(**values: list[str]) -> dict[str, list[str]]:
    """Properties with their empty values and duplicates left out."""
    return {k: list(dict.fromkeys(v)) for k, v in values.items() if v}


def _label(inst: Instrument) -> str:
    if inst.reference and inst.title:
        return f"{inst.reference}: {inst.title}"
    return inst.reference or inst.title or inst.id


def _seen(entity: dict[str, Any], entry: Entry) -> dict[str, Any]:
    """FtM's entity-level ``first_seen`` for an entry the source gives no listing date for."""
    if entry.first_seen is not None:
        entity["first_seen"] = entry.first_seen.isoformat()
    return entity


def _target(snapshot: Snapshot, entry: Entry, entity_id: str) -> dict[str, Any]:
    names: dict[str, list[str]] = {"alias": [], "previousName": []}
    for n in entry.names:
        names[_NAME_PROPERTY.get(n.kind, "alias") if n.kind else "alias"].append(n.name)
    refs = dict(entry.refs)
    props = _props(
        name=[entry.name],
        alias=names["alias"],
        previousName=names["previousName"],
        notes=[entry.notes] if entry.notes else [],
        topics=["sanction"],
        wikidataId=[refs["wikidata"]] if "wikidata" in refs else [],
        sourceUrl=[s for s in snapshot.sources if s.startswith(("http://", "https://"))],
    )
    return _seen({"id": entity_id, "schema": SCHEMATA[entry.type], "properties": props}, entry)


def _uncertain(entry: Entry, basis: list[Instrument]) -> list[str]:
    """What the data marks as not confirmed about a designation (the entry, or an act it rests
    on), with the data's own note: the Sanction's ``summary``, so that its dates and programme
    are not read as certain. Dates stay at the precision the data gives (``2004``, ``2023-12``:
    FtM date prefixes), never completed to a day."""
    marked = []
    if not entry.is_certain:
        why = f": {entry.notes}" if entry.notes else ""
        marked.append(
            f"The entry is marked {entry.certainty.value} in the source data (its name, date or "
            f"basis){why}"
        )
    for inst in basis:
        if not inst.is_certain:
            why = f": {inst.note}" if inst.note else ""
            marked.append(
                f"The act {inst.reference or inst.id} is marked {inst.certainty.value} in the "
                f"source data (its date, reference or existence){why}"
            )
    return marked


def _sanction(snapshot: Snapshot, entry: Entry, entity_id: str) -> dict[str, Any]:
    info = snapshot.info
    basis = list(info.resolve(entry.basis))
    urls = [s for s in snapshot.sources if s.startswith(("http://", "https://"))]
    urls += [i.url for i in basis if i.url]
    country = info.jurisdiction.lower() if info.jurisdiction not in ("UN", "EU") else ""
    props = _props(
        entity=[entity_id],
        authority=[info.authority],
        authorityId=[f"{scheme}:{value}" for scheme, value in entry.refs],
        program=[_label(i) for i in basis],
        provisions=[
            p for i in basis for p in (*i.provisions, *([i.reference] if i.reference else []))
        ],
        # No listing date in the source: none is given (the entity's first_seen says when).
        listingDate=[str(entry.listed_on)] if entry.listed_on is not None else [],
        startDate=[str(entry.listed_on)] if entry.listed_on is not None else [],
        status=[entry.status.value],
        summary=_uncertain(entry, basis),
        sourceUrl=urls,
        country=[country] if country else [],
    )
    return _seen({"id": f"{entity_id}-sanction", "schema": "Sanction", "properties": props}, entry)


def entities(snapshot: Snapshot) -> Iterator[dict[str, Any]]:
    """The target and the Sanction of each entry, in entry order."""
    for entry in snapshot.entries:
        entity_id = f"{snapshot.list_id}-{entry.id}"
        yield _target(snapshot, entry, entity_id)
        yield _sanction(snapshot, entry, entity_id)


def export_ftm(snapshot: Snapshot) -> str:
    """JSON lines: every entity of ``entities``."""
    return "".join(
        json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entities(snapshot)
    )
