"""Canada's Consolidated Canadian Autonomous Sanctions List (XML: ``data-set`` of ``record``
elements; Global Affairs Canada's ``sema-lmes.xml``).

A record has no id of its own: the stable key is its place in the regulations' schedules,
``Country`` / ``Schedule`` / ``Item`` (``Burma / Birmanie``, ``1``, ``7`` → entry
``burma-birmanie-1-7``; ``Schedule`` is absent in some records).

``Country`` names the regime: the regulations made for that country under the Special Economic
Measures Act, or under the Justice for Victims of Corrupt Foreign Officials Act
(``tables/ca-sema.yaml``; a ``Country`` the table does not hold is an instrument of kind
``programme``). ``DateOfListing``, in the files that have it, is the listing date; the file
carries no date of its own, so ``--as-of`` is required.

A record with ``Entity`` is an organization (or a vessel, when the record gives a ``ShipName``);
one with a name is an individual, named ``LastName, GivenName``. ``Aliases`` is kept as one
alias, as published (its commas do not reliably separate names). Every other field is kept in
``notes``.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

from ..dates import PartialDate, parse_partial_date
from ..errors import DataError
from ..model import Instrument, Name
from ..vocab import EntryType, NameKind
from .decoding import check_size
from .progress import Progress
from .source import Draft, ListTemplate, Source
from .tables import table
from .xmlread import local, records, text_of

__all__ = ["TEMPLATE", "read"]

TEMPLATE = ListTemplate(
    "ca-sema",
    "CA",
    "Consolidated Canadian Autonomous Sanctions List",
    "Global Affairs Canada",
    "https://www.international.gc.ca/world-monde/international_relations-relations_internationales/sanctions/consolidated-consolide.aspx?lang=eng",
)
URL = TEMPLATE.url or ""
_HANDLED = frozenset(
    {"Country", "Schedule", "Item", "Entity", "LastName", "GivenName", "Aliases", "DateOfListing"}
)


def resolve(tag: str, as_of: dt.date) -> tuple[Instrument, ...]:
    return table("ca-sema").resolve(tag, as_of)


def _record(path: str, element: ET.Element, index: int) -> Draft:
    fields = {local(c.tag): text_of(c) for c in element}
    country, item = fields.get("Country"), fields.get("Item")
    if country is None or item is None:
        missing = "Country" if country is None else "Item"
        raise DataError.one(path, 0, missing, "missing-field", f"record {index} has no {missing}")
    schedule = fields.get("Schedule")
    key = "-".join(p for p in (country, schedule, item) if p)
    entity = fields.get("Entity") or fields.get("ShipName")
    last, given = fields.get("LastName"), fields.get("GivenName")
    if entity:
        name = entity
        kind = (
            EntryType.VESSEL
            if fields.get("ShipName") and not fields.get("Entity")
            else (EntryType.ORGANIZATION)
        )
    elif last or given:
        name = ", ".join(p for p in (last, given) if p)
        kind = EntryType.INDIVIDUAL
    else:
        raise DataError.one(path, 0, "Entity", "missing-field", f"record {key} has no name")
    listed: PartialDate | None = None
    if text := fields.get("DateOfListing"):
        try:
            listed = parse_partial_date(text[:10])
        except ValueError:
            raise DataError.one(
                path, 0, "DateOfListing", "bad-date", f"record {key}: {text!r}"
            ) from None
    aliases = fields.get("Aliases")
    notes = [
        f"{tag}: {value}"
        for tag, value in fields.items()
        if value and (tag not in _HANDLED or tag in ("Schedule", "Item"))
    ]
    return Draft(
        key,
        name,
        kind,
        (country,),
        (Name(aliases, kind=NameKind.ALIAS),) if aliases else (),
        listed,
        (),
        "\n".join(notes) or None,
    )


def read(source: Path, progress: Progress) -> Source:
    check_size(source)
    path = str(source)
    drafts: list[Draft] = []
    for event, element in records(source, frozenset({"record"}), progress):
        if event == "start":
            if local(element.tag) != "data-set":
                raise DataError.one(
                    path,
                    1,
                    "",
                    "wrong-format",
                    f"root element is {local(element.tag)}, not data-set: not Canada's "
                    "consolidated autonomous sanctions list",
                )
        elif local(element.tag) == "record":
            drafts.append(_record(path, element, len(drafts) + 1))
    if not drafts:
        raise DataError.one(path, 0, "", "empty-file", "the file holds no record")
    return Source(
        path, "ca-sema", TEMPLATE, tuple(drafts), resolve, url=URL, has_listing_dates=True
    )
