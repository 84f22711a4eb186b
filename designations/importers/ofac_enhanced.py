"""OFAC's Enhanced XML (``sanctionsData``: ``SDN_ENHANCED.XML`` / ``CONS_ENHANCED.XML``, served
zipped; the zip is opened by ``packed``).

The stable id is the entity's ``id``, the same number as ``ent_num`` / ``uid`` in OFAC's other
formats, so an Enhanced XML import continues a list first imported from CSV or XML. The file's
date is ``publicationInfo/dataAsOf``. The programmes (``sanctionsProgram``) map to instruments
through OFAC's own table (``tables/ofac.yaml``). The listing date is the earliest
``datePublished`` of the entity's ``sanctionsList`` elements (the date OFAC published it on that
list). Names: the primary name's primary translation is the name; every other name and
translation is kept (``F.K.A.`` as a former name, translations in another script as
transliterations, with the script in ``notes``); low-quality aliases are kept as aliases and
also noted as ``weak a.k.a.: NAME`` (``ofac-xml`` and ``ofac-csv`` leave them out of the names,
as OFAC's CSV does; ``docs/importers.md`` says what differs between the formats). Every other
published value (addresses, features such as birth dates, identity documents, legal
authorities, remarks, relationships) is kept in ``notes`` as ``tag: child=value; …`` lines;
``versionId``s and the file's internal reference ids are left out.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

from ..dates import PartialDate, parse_partial_date
from ..errors import DataError
from ..model import Name
from ..vocab import EntryType, NameKind
from .decoding import check_size
from .ofac_csv import NON_SDN, SDN
from .progress import Progress
from .source import Draft, ListTemplate, Source, clean
from .tables import table
from .xmlread import flatten, local, records, text_of

__all__ = ["read"]

URL = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML"
_TYPES = {
    "individual": EntryType.INDIVIDUAL,
    "entity": EntryType.ORGANIZATION,
    "vessel": EntryType.VESSEL,
    "aircraft": EntryType.AIRCRAFT,
}
_HANDLED = frozenset({"generalInfo", "sanctionsLists", "sanctionsPrograms", "names"})
#: Leaves left out of the notes: edit counters, flags and the bounds OFAC derives from a date
#: value that is kept itself.
_SKIP = frozenset(
    {
        "versionId",
        "isPrimary",
        "valueRefId",
        "script",
        "fromDateBegin",
        "fromDateEnd",
        "toDateBegin",
        "toDateEnd",
        "isDateRange",
    }
)


def _find(element: ET.Element, *path: str) -> ET.Element | None:
    for name in path:
        found = next((c for c in element if local(c.tag) == name), None)
        if found is None:
            return None
        element = found
    return element


def _children(element: ET.Element | None, name: str) -> list[ET.Element]:
    return [] if element is None else [c for c in element if local(c.tag) == name]


def _names(entity: ET.Element, notes: list[str]) -> tuple[str | None, list[Name]]:
    primary: str | None = None
    names: list[Name] = []
    for name in _children(_find(entity, "names"), "name"):
        is_primary = text_of(_find(name, "isPrimary")) == "true"
        alias = (text_of(_find(name, "aliasType")) or "").upper()
        weak = text_of(_find(name, "isLowQuality")) == "true"
        for translation in _children(_find(name, "translations"), "translation"):
            full = text_of(_find(translation, "formattedFullName"))
            if full is None:
                continue
            script = text_of(_find(translation, "script"))
            main = text_of(_find(translation, "isPrimary")) == "true"
            if is_primary and main and primary is None:
                primary = full
                continue
            if not main and script and script != "Latin":
                kind = NameKind.TRANSLITERATION
                notes.append(f"name in {script} script: {full}")
            else:
                kind = NameKind.FORMER if alias == "F.K.A." else NameKind.ALIAS
            if weak:
                notes.append(f"weak a.k.a.: {full}")
            item = Name(full, kind=kind)
            if item not in names:
                names.append(item)
    return primary, names


def _entity(path: str, element: ET.Element) -> tuple[Draft, set[str]]:
    key = clean(element.get("id"))
    if key is None or not key.isdigit():
        raise DataError.one(path, 0, "id", "bad-id", f"an entity has id {key!r}, not a number")
    notes: list[str] = []
    name, names = _names(element, notes)
    if name is None:
        raise DataError.one(path, 0, "names", "missing-field", f"entity {key} has no primary name")
    kind = (text_of(_find(element, "generalInfo", "entityType")) or "").lower()
    programs = tuple(
        t
        for p in _children(_find(element, "sanctionsPrograms"), "sanctionsProgram")
        if (t := text_of(p))
    )
    if not programs:
        raise DataError.one(
            path, 0, "sanctionsPrograms", "missing-field", f"entity {key}: no programme"
        )
    listed: list[PartialDate] = []
    lists: set[str] = set()
    for item in _children(_find(element, "sanctionsLists"), "sanctionsList"):
        if title := text_of(item):
            lists.add(title)
            notes.append(f"sanctionsList: {title}")
        published = clean(item.get("datePublished"))
        if published:
            try:
                listed.append(parse_partial_date(published[:10]))
            except ValueError:
                raise DataError.one(
                    path, 0, "datePublished", "bad-date", f"entity {key}: {published!r}"
                ) from None
    for child in element:
        if local(child.tag) in _HANDLED:
            continue
        # A container (addresses, features …) gives one line per item.
        for item in child if len(child) and child[0].get("id") is not None else [child]:
            if line := flatten(item, _SKIP):
                notes.append(line)
    draft = Draft(
        key,
        name,
        _TYPES.get(kind, EntryType.OTHER),
        programs,
        tuple(names),
        min(listed, key=lambda d: d.start) if listed else None,
        (("ofac", key),),
        "\n".join(notes) or None,
    )
    return draft, lists


def _as_of(path: str, root: ET.Element) -> None:
    if local(root.tag) != "sanctionsData":
        raise DataError.one(
            path,
            1,
            "",
            "wrong-format",
            f"root element is {local(root.tag)}, not sanctionsData: not OFAC Enhanced XML",
        )


def read(source: Path, progress: Progress) -> Source:
    check_size(source)
    path = str(source)
    as_of: dt.date | None = None
    drafts: list[Draft] = []
    lists: set[str] = set()
    published: set[str] = set()
    for event, element in records(source, frozenset({"entity", "publicationInfo"}), progress):
        tag = local(element.tag)
        if event == "start":
            _as_of(path, element)
        elif tag == "publicationInfo":
            stamp = text_of(_find(element, "dataAsOf")) or ""
            try:
                as_of = parse_partial_date(stamp[:10]).start
            except ValueError:
                raise DataError.one(
                    path, 0, "dataAsOf", "bad-date", f"dataAsOf {stamp!r}"
                ) from None
            published = {
                t for e in element.iter() if local(e.tag) == "sanctionsList" and (t := text_of(e))
            }
        elif tag == "entity":
            draft, named = _entity(path, element)
            drafts.append(draft)
            lists |= named
    if not drafts:
        raise DataError.one(path, 0, "", "empty-file", "the file holds no entity")
    # The lists the file was filtered to; an SDN file also holds entities on other lists.
    sdn = "SDN List" in (published or lists)
    template: ListTemplate = SDN if sdn else NON_SDN
    return Source(
        path,
        "ofac-enhanced-xml",
        template,
        tuple(drafts),
        table("ofac").resolve,
        as_of=as_of,
        url=URL,
        has_listing_dates=True,
    )
