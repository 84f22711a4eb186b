"""OFAC's ``sdnList`` XML (``sdn.xml``, and ``consolidated.xml`` for the non-SDN lists).

The stable id is ``uid``; ``Publish_Date`` (MM/DD/YYYY) is the file's date and ``Record_Count``
is checked against the records read, so a cut-off file is refused. The file gives no listing
dates (the convention of ``builder`` applies). Fields other than names are kept in ``notes``
exactly as OFAC's CSV of the same publication gives them (``ofac_notes``): title and vessel
fields as the CSV's columns, identifiers, birth dates and places, nationalities, weak aliases,
remarks and links as OFAC's flattened ``Remarks``, addresses as the address file's rows. A
field the CSV has no place for is kept as a ``tag: value`` line. The uids of sub-records
(addresses, ids, aliases) are left out, except that they order identifiers of one type.
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
from .ofac_notes import DETAIL_COLUMNS, Identifier, Notes, address, remark
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
_HANDLED = frozenset(
    {
        "uid",
        "firstName",
        "lastName",
        "sdnType",
        "programList",
        "akaList",
        "title",
        "vesselInfo",
        "remarks",
        "idList",
        "addressList",
        *("dateOfBirthList", "placeOfBirthList", "nationalityList", "citizenshipList"),
    }
)
_URLS = {
    "sdn": "https://www.treasury.gov/ofac/downloads/sdn.xml",
    "cons": "https://www.treasury.gov/ofac/downloads/consolidated/consolidated.xml",
}


def _kids(element: ET.Element) -> dict[str, ET.Element]:
    """An element's children by local name (the first of each name), read in one pass."""
    kids: dict[str, ET.Element] = {}
    for child in element:
        kids.setdefault(local(child.tag), child)
    return kids


def _text(element: ET.Element, name: str) -> str | None:
    return text_of(_kids(element).get(name))


def _full_name(kids: dict[str, ET.Element]) -> str | None:
    last, first = text_of(kids.get("lastName")), text_of(kids.get("firstName"))
    if last and first:
        return f"{last}, {first}"
    return last or first


_VESSEL = {
    "callSign": "Call_Sign",
    "vesselType": "Vess_type",
    "tonnage": "Tonnage",
    "grossRegisteredTonnage": "GRT",
    "vesselFlag": "Vess_flag",
    "vesselOwner": "Vess_owner",
}
_TONNAGES = frozenset({"tonnage", "grossRegisteredTonnage"})
_LISTS = {
    "dateOfBirthList": "dateOfBirth",
    "placeOfBirthList": "placeOfBirth",
    "nationalityList": "country",
    "citizenshipList": "country",
}
_ADDRESS_LINES = ("address1", "address2", "address3")
_ADDRESS = frozenset({"uid", *_ADDRESS_LINES, "city", "stateOrProvince", "postalCode", "country"})
_ID = frozenset({"uid", "idType", "idNumber", "idCountry", "issueDate", "expirationDate"})


def _items(kids: dict[str, ET.Element], name: str) -> list[ET.Element]:
    found = kids.get(name)
    return list(found) if found is not None else []


def _rest(item: ET.Element, known: frozenset[str]) -> list[str]:
    """The leaves of a sub-record that OFAC's CSV has no place for, as ``tag: value``."""
    return [
        f"{local(leaf.tag)}: {text}"
        for leaf in item
        if local(leaf.tag) not in known and (text := text_of(leaf))
    ]


def _tonnage(text: str) -> str:
    return f"{int(text):,}" if text.isdigit() else text


def _details(kids: dict[str, ET.Element]) -> list[str]:
    """The CSV's ``Title`` and vessel columns, from ``title`` and ``vesselInfo``."""
    values: dict[str, str] = {}
    if title := text_of(kids.get("title")):
        values["Title"] = title
    extra: list[str] = []
    vessel = kids.get("vesselInfo")
    for leaf in vessel if vessel is not None else ():
        tag, text = local(leaf.tag), text_of(leaf)
        if text is None:
            continue
        if tag in _VESSEL:
            values[_VESSEL[tag]] = _tonnage(text) if tag in _TONNAGES else text
        else:
            extra.append(f"vesselInfo {tag}: {text}")
    return [f"{c}: {values[c]}" for c in DETAIL_COLUMNS if c in values] + extra


def _entry(path: Path, element: ET.Element) -> Draft:
    kids = _kids(element)
    uid = text_of(kids.get("uid"))
    name = _full_name(kids)
    if uid is None or not uid.isdigit():
        raise DataError.one(str(path), 0, "uid", "bad-id", f"an sdnEntry has uid {uid!r}")
    if name is None:
        raise DataError.one(str(path), 0, "lastName", "missing-field", f"entry {uid} has no name")
    kind = (text_of(kids.get("sdnType")) or "").lower()
    programs = tuple(t for p in _items(kids, "programList") if (t := text_of(p)))
    names: list[Name] = []
    weak: list[tuple[str, str]] = []
    extra: list[str] = []
    for aka in _items(kids, "akaList"):
        fields = _kids(aka)
        alias = _full_name(fields)
        if alias is None:
            continue
        kind_text = text_of(fields.get("type")) or "a.k.a."
        category = text_of(fields.get("category"))
        if category and category.lower() != "strong":
            # OFAC's CSV leaves weak aliases out of alt.csv and writes them in the remarks.
            weak.append((kind_text, alias))
            continue
        names.append(Name(alias, kind=_AKA_KINDS.get(kind_text.lower(), NameKind.ALIAS)))
    facts: dict[str, list[str]] = {}
    for list_tag, leaf in _LISTS.items():
        facts[list_tag] = []
        for item in _items(kids, list_tag):
            if value := _text(item, leaf):
                facts[list_tag].append(value)
            extra.extend(_rest(item, frozenset({"uid", leaf, "mainEntry"})))
    ids = []
    for item in _items(kids, "idList"):
        fields = _kids(item)
        number = text_of(fields.get("uid")) or ""
        ids.append(
            Identifier(
                text_of(fields.get("idType")) or "",
                text_of(fields.get("idNumber")) or "",
                int(number) if number.isdigit() else 0,
                text_of(fields.get("idCountry")),
                text_of(fields.get("issueDate")),
                text_of(fields.get("expirationDate")),
            )
        )
        extra.extend(_rest(item, _ID))
    addresses = []
    for item in _items(kids, "addressList"):
        fields = _kids(item)
        lines = [t for tag in _ADDRESS_LINES if (t := text_of(fields.get(tag)))]
        written = address(
            lines,
            text_of(fields.get("city")),
            text_of(fields.get("stateOrProvince")),
            text_of(fields.get("postalCode")),
            text_of(fields.get("country")),
        )
        rest = _rest(item, _ADDRESS)
        if written or rest:
            addresses.append(", ".join([*([written] if written else []), *rest]))
    for child in element:
        if local(child.tag) in _HANDLED:
            continue
        items = list(child) if local(child.tag).endswith("List") else [child]
        # The sub-records of a list have no order: OFAC re-orders them between publications.
        extra.extend(sorted(line for item in items if (line := flatten(item, frozenset({"uid"})))))
    notes = Notes(
        [*_details(kids), *extra],
        remark(
            births=facts["dateOfBirthList"],
            birthplaces=facts["placeOfBirthList"],
            nationalities=facts["nationalityList"],
            citizenships=facts["citizenshipList"],
            ids=ids,
            title=text_of(kids.get("title")),
            text=text_of(kids.get("remarks")),
            weak=weak,
        ),
        addresses,
    )
    return Draft(
        uid,
        name,
        _TYPES.get(kind, EntryType.OTHER),
        programs,
        tuple(names),
        refs=(("ofac", uid),),
        notes=notes.text(),
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
