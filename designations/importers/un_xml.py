"""The UN Security Council Consolidated List (XML: ``CONSOLIDATED_LIST`` with ``INDIVIDUALS``
and ``ENTITIES``).

The stable id is ``DATAID``; ``REFERENCE_NUMBER`` (e.g. ``QDi.268``) is kept as the ``un``
cross-reference. ``UN_LIST_TYPE`` names the sanctions list, hence the resolutions; ``LISTED_ON``
is the listing date; ``dateGenerated`` is the file's date. Fields other than names are kept in
``notes`` as ``TAG: value`` lines, except ``VERSIONNUM`` and ``LAST_DAY_UPDATED`` (bookkeeping
that changes with every edit) and the empty sort keys.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

from ..dates import parse_date, parse_partial_date
from ..errors import DataError
from ..model import Name
from ..vocab import EntryType, NameKind
from .decoding import check_size
from .progress import Progress
from .source import Draft, ListTemplate, Source, clean
from .tables import table
from .xmlread import flatten, local, records, text_of

__all__ = ["TEMPLATE", "read"]

TEMPLATE = ListTemplate(
    "un-sc-consolidated",
    "UN",
    "United Nations Security Council Consolidated List",
    "UN Security Council",
    "https://www.un.org/securitycouncil/content/un-sc-consolidated-list",
)
URL = "https://scsanctions.un.org/resources/xml/en/consolidated.xml"

_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_HANDLED = frozenset(
    {
        "DATAID",
        "VERSIONNUM",
        "UN_LIST_TYPE",
        "REFERENCE_NUMBER",
        "LISTED_ON",
        "NAME_ORIGINAL_SCRIPT",
        "LAST_DAY_UPDATED",
        "SORT_KEY",
        "SORT_KEY_LAST_MOD",
        *_NAME_PARTS,
    }
)
_ALIASES = frozenset({"INDIVIDUAL_ALIAS", "ENTITY_ALIAS"})
_PLAIN_QUALITY = frozenset({"good", "a.k.a."})


def _aliases(element: ET.Element, notes: list[str]) -> list[Name]:
    name = text_of(element.find("ALIAS_NAME"))
    if name is None:
        return []
    quality = text_of(element.find("QUALITY"))
    kind = NameKind.FORMER if quality == "f.k.a." else NameKind.ALIAS
    extra = [c for c in element if local(c.tag) not in ("ALIAS_NAME", "QUALITY") and text_of(c)]
    if extra or (quality is not None and quality.lower() not in _PLAIN_QUALITY):
        line = flatten(element)
        if line:
            notes.append(line)
    return [Name(name, kind=kind)]


def _record(path: Path, element: ET.Element, as_of: dt.date) -> Draft:
    tag = local(element.tag)
    dataid = text_of(element.find("DATAID"))
    if dataid is None:
        raise DataError.one(str(path), 0, "DATAID", "missing-field", f"an {tag} has no DATAID")
    parts = [text_of(element.find(p)) for p in _NAME_PARTS]
    name = " ".join(p for p in parts if p)
    if not name:
        raise DataError.one(
            str(path), 0, "FIRST_NAME", "missing-field", f"record {dataid} has no name"
        )
    list_type = text_of(element.find("UN_LIST_TYPE"))
    if list_type is None:
        raise DataError.one(
            str(path), 0, "UN_LIST_TYPE", "missing-field", f"record {dataid}: no list"
        )
    listed = text_of(element.find("LISTED_ON"))
    try:
        listed_on = parse_partial_date(listed[:10]) if listed else None
    except ValueError:
        raise DataError.one(
            str(path), 0, "LISTED_ON", "bad-date", f"record {dataid}: LISTED_ON {listed!r}"
        ) from None
    names: list[Name] = []
    notes: list[str] = []
    for child in element:
        child_tag = local(child.tag)
        if child_tag in _ALIASES:
            names.extend(_aliases(child, notes))
        elif child_tag == "NAME_ORIGINAL_SCRIPT":
            script = text_of(child)
            if script:
                names.append(Name(script, kind=NameKind.TRANSLITERATION))
        elif child_tag not in _HANDLED and (line := flatten(child)) is not None:
            notes.append(line)
    reference = text_of(element.find("REFERENCE_NUMBER"))
    return Draft(
        dataid,
        name,
        EntryType.INDIVIDUAL if tag == "INDIVIDUAL" else EntryType.ORGANIZATION,
        (list_type,),
        tuple(names),
        listed_on,
        (("un", reference),) if reference else (),
        "\n".join(notes) if notes else None,
    )


def _date_generated(path: Path, root: ET.Element) -> dt.date:
    if local(root.tag) != "CONSOLIDATED_LIST":
        raise DataError.one(
            str(path),
            1,
            "",
            "wrong-format",
            f"root element is {local(root.tag)}, not CONSOLIDATED_LIST: not a UN consolidated list",
        )
    generated = clean(root.get("dateGenerated")) or ""
    try:
        return parse_date(generated[:10])
    except ValueError:
        raise DataError.one(
            str(path), 1, "dateGenerated", "bad-date", f"dateGenerated {generated!r} is not a date"
        ) from None


def read(source: Path, progress: Progress) -> Source:
    check_size(source)
    as_of: dt.date | None = None
    drafts: list[Draft] = []
    for event, element in records(source, frozenset({"INDIVIDUAL", "ENTITY"}), progress):
        if event == "start":
            as_of = _date_generated(source, element)
        elif local(element.tag) in ("INDIVIDUAL", "ENTITY"):
            assert as_of is not None
            drafts.append(_record(source, element, as_of))
    if as_of is None or not drafts:
        raise DataError.one(str(source), 0, "", "empty-file", "the file holds no records")
    return Source(
        str(source),
        "un-xml",
        TEMPLATE,
        tuple(drafts),
        table("un").resolve,
        as_of=as_of,
        url=URL,
        has_listing_dates=True,
    )
