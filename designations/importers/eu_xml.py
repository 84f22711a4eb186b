"""The EU Financial Sanctions Files, XML (``export`` of ``sanctionEntity`` elements, namespace
``http://eu.europa.ec/fpi/fsd/export``).

The stable id is the entity's ``logicalId``; ``euReferenceNumber`` (``EU.27.28``) is kept as the
``eu`` cross-reference and ``unitedNationId`` as ``un``. ``designationDate``, where the file gives
it, is the listing date. ``generationDate`` is the file's date. The basis is the acts the file
cites for the entity (``eu.py``). Names keep their ``nameLanguage``; every other published
value (remarks, birth dates, citizenships, addresses, identity documents) is kept in ``notes``
as ``tag: attribute=value; …`` lines. Bookkeeping is left out: ``logicalId``s of sub-records,
``regulationLanguage`` and the ``regulationSummary`` repeated under each sub-record.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

from ..errors import DataError
from .decoding import check_size
from .eu import TEMPLATE, URL, Act, Entity, Regulations, date_of
from .progress import Progress
from .source import Source, clean
from .xmlread import local, records, text_of

__all__ = ["read"]

_SKIP_ATTRS = frozenset({"logicalId", "regulationLanguage"})
_NAME_SKIP = frozenset({"logicalId", "regulationLanguage", "nameLanguage", "strong"})


def _line_of(tag: str, element: ET.Element) -> str | None:
    parts = [
        f"{name}={value}"
        for name, raw in element.attrib.items()
        if name not in _SKIP_ATTRS and (value := clean(raw))
    ]
    for child in element.iter():
        if child is element or local(child.tag) == "regulationSummary" or len(child):
            continue
        if (text := text_of(child)) is not None:
            parts.append(f"{local(child.tag)}={text}")
    return f"{tag}: {'; '.join(parts)}" if parts else None


def _act(element: ET.Element, path: str, key: str) -> Act:
    get = element.get
    url = text_of(element.find("{*}publicationUrl")) or clean(get("publicationUrl"))
    return Act(
        clean(get("numberTitle")) or "",
        clean(get("regulationType")),
        clean(get("organisationType")),
        date_of(get("publicationDate"), path, 0, f"entity {key}: publicationDate"),
        date_of(get("entryIntoForceDate"), path, 0, f"entity {key}: entryIntoForceDate"),
        clean(get("programme")),
        url,
    )


def _entity(element: ET.Element, path: str) -> Entity:
    key = clean(element.get("logicalId"))
    if key is None:
        raise DataError.one(
            path, 0, "logicalId", "missing-field", "a sanctionEntity has no logicalId"
        )
    entity = Entity(
        key,
        0,
        eu_ref=clean(element.get("euReferenceNumber")),
        un_id=clean(element.get("unitedNationId")),
        designated=date_of(
            element.get("designationDate"), path, 0, f"entity {key}: designationDate"
        ),
    )
    if details := clean(element.get("designationDetails")):
        entity.note(f"designationDetails: {details}")
    for child in element:
        tag = local(child.tag)
        if tag == "regulation":
            act = _act(child, path, key)
            entity.acts.append(act)
            if act.programme:
                entity.programmes.append(act.programme)
        elif tag == "subjectType":
            entity.subject = clean(child.get("code")) or clean(child.get("classificationCode"))
        elif tag == "nameAlias":
            fields = {k: v for k, v in child.attrib.items() if k not in _NAME_SKIP}
            entity.add_name(fields, child.get("nameLanguage"), child.get("strong") != "false")
        elif tag == "remark":
            if text := text_of(child):
                entity.note(f"remark: {text}")
        else:
            entity.note(_line_of(tag, child))
    return entity


def _generated(path: str, root: ET.Element) -> dt.date:
    if local(root.tag) != "export":
        raise DataError.one(
            path,
            1,
            "",
            "wrong-format",
            f"root element is {local(root.tag)}, not export: not an EU Financial Sanctions File",
        )
    generated = clean(root.get("generationDate")) or ""
    found = date_of(generated[:10], path, 1, "generationDate") if generated else None
    if found is None:
        raise DataError.one(
            path, 1, "generationDate", "missing-field", "the file gives no generationDate"
        )
    return found.start


def read(source: Path, progress: Progress) -> Source:
    check_size(source)
    path = str(source)
    as_of: dt.date | None = None
    regulations = Regulations()
    drafts = []
    for event, element in records(source, frozenset({"sanctionEntity"}), progress):
        if event == "start":
            as_of = _generated(path, element)
        elif local(element.tag) == "sanctionEntity":
            drafts.append(_entity(element, path).draft(path, regulations))
    if as_of is None or not drafts:
        raise DataError.one(path, 0, "", "empty-file", "the file holds no sanctionEntity")
    return Source(
        path,
        "eu-xml",
        TEMPLATE,
        tuple(drafts),
        regulations.resolve,
        as_of=as_of,
        url=URL,
        has_listing_dates=True,
    )
