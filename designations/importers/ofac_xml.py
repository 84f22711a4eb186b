"""OFAC's ``sdnList`` XML (``sdn.xml``, and ``consolidated.xml`` for the non-SDN lists).

The stable id is ``uid``; ``Publish_Date`` (MM/DD/YYYY) is the file's date and ``Record_Count``
is checked against the records read, so a cut-off file is refused. The file gives no listing
dates (the convention of ``common`` applies). Fields other than names are kept in ``notes`` as
``tag: value`` lines; the uids of sub-records (addresses, ids, aliases) are left out.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

from ..errors import DataError
from ..model import Name
from ..vocab import EntryType, NameKind
from .decoding import check_size
from .ofac_csv import NON_SDN, SDN
from .progress import Progress
from .source import Draft, Flaw, Source
from .tables import table
from .xmlread import flatten, local, records, text_of

__all__ = ["read"]

_TYPES = {
    "individual": EntryType.INDIVIDUAL,
    "entity": EntryType.ORGANIZATION,
    "vessel": EntryType.VESSEL,
    "aircraft": EntryType.AIRCRAFT,
}
_AKA_KINDS = {"f.k.a.": NameKind.FORMER}
_HANDLED = frozenset({"uid", "firstName", "lastName", "sdnType", "programList", "akaList"})
_URLS = {
    "sdn": "https://www.treasury.gov/ofac/downloads/sdn.xml",
    "cons": "https://www.treasury.gov/ofac/downloads/consolidated/consolidated.xml",
}


def _child(element: ET.Element, name: str) -> ET.Element | None:
    for child in element:
        if local(child.tag) == name:
            return child
    return None


def _text(element: ET.Element, name: str) -> str | None:
    return text_of(_child(element, name))


def _full_name(element: ET.Element) -> str | None:
    last, first = _text(element, "lastName"), _text(element, "firstName")
    if last and first:
        return f"{last}, {first}"
    return last or first


def _entry(path: Path, element: ET.Element) -> Draft:
    uid = _text(element, "uid")
    name = _full_name(element)
    if uid is None or not uid.isdigit():
        raise DataError.one(str(path), 0, "uid", "bad-id", f"an sdnEntry has uid {uid!r}")
    if name is None:
        raise DataError.one(str(path), 0, "lastName", "missing-field", f"entry {uid} has no name")
    kind = (_text(element, "sdnType") or "").lower()
    program_list = _child(element, "programList")
    programs = tuple(
        t for p in (program_list if program_list is not None else ()) if (t := text_of(p))
    )
    names: list[Name] = []
    notes: list[str] = []
    aka_list = _child(element, "akaList")
    for aka in aka_list if aka_list is not None else ():
        alias = _full_name(aka)
        if alias is None:
            continue
        kind_text = (_text(aka, "type") or "").lower()
        category = _text(aka, "category")
        if category and category.lower() != "strong":
            # OFAC's CSV leaves weak aliases out of alt.csv (they stay in the remarks): kept in
            # notes only, so that both formats of one publication give the same names.
            notes.append(f"{category} {kind_text or 'alias'}: {alias}")
            continue
        names.append(Name(alias, kind=_AKA_KINDS.get(kind_text, NameKind.ALIAS)))
    for child in element:
        if local(child.tag) in _HANDLED:
            continue
        items = list(child) if local(child.tag).endswith("List") else [child]
        lines = [line for item in items if (line := flatten(item, frozenset({"uid"})))]
        # The sub-records of a list (ids, addresses ...) have no order: OFAC re-orders them
        # between publications, which must not read as an amendment.
        notes.extend(sorted(lines) if len(items) > 1 else lines)
    return Draft(
        uid,
        name,
        _TYPES.get(kind, EntryType.OTHER),
        programs,
        tuple(names),
        refs=(("ofac", uid),),
        notes="\n".join(notes) if notes else None,
    )


def _publish_date(path: Path, element: ET.Element) -> tuple[dt.date | None, int | None]:
    date_text = _text(element, "Publish_Date")
    count_text = _text(element, "Record_Count")
    day = None
    if date_text:
        try:
            day = dt.datetime.strptime(date_text, "%m/%d/%Y").date()
        except ValueError:
            raise DataError.one(
                str(path), 0, "Publish_Date", "bad-date", f"{date_text!r} is not MM/DD/YYYY"
            ) from None
    count = int(count_text) if count_text and count_text.isdigit() else None
    return day, count


def read(source: Path, progress: Progress) -> Source:
    check_size(source)
    as_of: dt.date | None = None
    expected: int | None = None
    drafts: list[Draft] = []
    for event, element in records(source, frozenset({"sdnEntry"}), progress):
        tag = local(element.tag)
        if event == "start":
            if tag != "sdnList":
                raise DataError.one(
                    str(source), 1, "", "wrong-format", f"root element is {tag}, not sdnList"
                )
        elif tag == "publshInformation":
            as_of, expected = _publish_date(source, element)
        elif tag == "sdnEntry":
            drafts.append(_entry(source, element))
    if not drafts:
        raise DataError.one(str(source), 0, "", "empty-file", "the file holds no records")
    flaws = []
    if expected is not None and expected != len(drafts):
        message = f"Record_Count says {expected} records but the file has {len(drafts)}: cut off?"
        flaws.append(Flaw(str(source), "count-mismatch", message))
    non_sdn = "cons" in source.name.lower()
    return Source(
        str(source),
        "ofac-xml",
        NON_SDN if non_sdn else SDN,
        tuple(drafts),
        table("ofac").resolve,
        as_of=as_of,
        url=_URLS["cons" if non_sdn else "sdn"],
        flaws=tuple(flaws),
    )
