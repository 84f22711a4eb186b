"""The EU Financial Sanctions Files, CSV (``;``-separated, one row per sub-record: each name,
address, birth date, identity document and citizenship of an entity is a row repeating the
entity's own columns).

Two layouts are read, told apart by their header: the current one (``fileGenerationDate;
Entity_LogicalId;Entity_EU_ReferenceNumber;…;NameAlias_WholeName;…``) and the older one
(``Date_file;Entity_logical_id;Subject_type;Leba_numtitle;…;Naal_wholename;…;EU_ref_num``). Some
copies wrap each whole line in double quotes, with tabs after the last field: such lines are
unwrapped. Rows are grouped by the entity's logical id, in any order. What each column becomes
is as in the XML (``eu_xml.py``); the file's date is its ``fileGenerationDate`` / ``Date_file``
(``dd/mm/yyyy``) on the first row.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import attrs

from ..errors import DataError
from .decoding import check_size, text_lines
from .eu import TEMPLATE, URL, Act, Entity, Regulations, date_of
from .progress import Progress
from .source import Source, clean

__all__ = ["read"]

_LIMIT = 1 << 20
csv.field_size_limit(max(csv.field_size_limit(), _LIMIT))

#: Section prefixes of the sub-record columns, both layouts, and what the notes call them.
_SECTIONS = {
    "NameAlias": "nameAlias",
    "Naal": "nameAlias",
    "Address": "address",
    "Addr": "address",
    "BirthDate": "birthdate",
    "Birt": "birthdate",
    "Identification": "identification",
    "Iden": "identification",
    "Citizenship": "citizenship",
    "Citi": "citizenship",
}
#: Bookkeeping columns of a sub-record: its own id, and the act and language repeated on it.
_BOOKKEEPING = re.compile(r"(?i)logical_?id|leba_|regulation|programme")
_OLD_NAMES = {
    "lastname": "lastName",
    "firstname": "firstName",
    "middlename": "middleName",
    "wholename": "wholeName",
    "language": "nameLanguage",
}
#: Entity columns → the fields of ``Entity`` / ``Act``, both layouts.
_ENTITY = {
    "Entity_LogicalId": "key",
    "Entity_logical_id": "key",
    "Entity_EU_ReferenceNumber": "eu_ref",
    "EU_ref_num": "eu_ref",
    "Entity_UnitedNationId": "un_id",
    "Entity_DesignationDate": "designated",
    "Entity_DesignationDetails": "details",
    "Entity_Remark": "remark",
    "Entity_remark": "remark",
    "Entity_SubjectType": "subject",
    "Entity_SubjectType_ClassificationCode": "subject_code",
    "Subject_type": "subject_code",
    "Entity_Regulation_Type": "act_type",
    "Entity_Regulation_OrganisationType": "act_organisation",
    "Entity_Regulation_PublicationDate": "act_published",
    "Leba_publication_date": "act_published",
    "Entity_Regulation_EntryIntoForceDate": "act_in_force",
    "Entity_Regulation_NumberTitle": "act_number",
    "Leba_numtitle": "act_number",
    "Entity_Regulation_Programme": "programme",
    "Programme": "programme",
    "Entity_Regulation_PublicationUrl": "act_url",
    "Leba_url": "act_url",
    "fileGenerationDate": "file_date",
    "Date_file": "file_date",
}


@attrs.frozen
class _Column:
    index: int
    section: str  # "entity" or a sub-record section
    field: str


def _layout(header: list[str], path: str) -> list[_Column]:
    columns: list[_Column] = []
    seen_entity: set[str] = set()
    for index, raw in enumerate(header):
        name = raw.strip().lstrip("\ufeff")
        if name.startswith("Date_file"):  # some copies carry junk after this column's name
            name = "Date_file"
        prefix, _, rest = name.partition("_")
        if prefix in _SECTIONS and rest:
            if _BOOKKEEPING.search(rest):
                continue
            field = _OLD_NAMES.get(rest) or rest[0].lower() + rest[1:]
            columns.append(_Column(index, _SECTIONS[prefix], field))
        elif name in _ENTITY and _ENTITY[name] not in seen_entity:
            seen_entity.add(_ENTITY[name])
            columns.append(_Column(index, "entity", _ENTITY[name]))
    if "key" not in seen_entity:
        first = ";".join(header)[:60]
        raise DataError.one(
            path,
            1,
            "Entity_LogicalId",
            "wrong-format",
            f"the header has no Entity_LogicalId column (it starts {first!r}): "
            "not an EU Financial Sanctions File CSV",
        )
    return columns


def _rows(source: Path, progress: Progress) -> Iterator[tuple[int, list[str]]]:
    """The rows, with their line, each line unwrapped if the copy wraps lines in quotes."""
    reader = csv.reader(text_lines(source, progress), delimiter=";")
    wrapped: bool | None = None
    try:
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if wrapped is None:
                wrapped = len(row) == 1 and ";" in row[0]
            if wrapped and len(row) == 1:
                row = row[0].rstrip("\t\r\n ").split(";")
            yield reader.line_num, row
    except csv.Error as exc:
        raise DataError.one(
            str(source), reader.line_num, "", "bad-csv", f"malformed CSV: {exc}"
        ) from None


def read(source: Path, progress: Progress) -> Source:
    check_size(source)
    path = str(source)
    rows = _rows(source, progress)
    header = next(rows, None)
    if header is None:
        raise DataError.one(path, 0, "", "empty-file", "the file holds no rows")
    columns = _layout(header[1], path)
    width = len(header[1])
    entities: dict[str, Entity] = {}
    as_of: dt.date | None = None
    for line, row in rows:
        if len(row) < width:
            row = row + [""] * (width - len(row))
        values: dict[str, str] = {}
        sections: dict[str, dict[str, str]] = {}
        for col in columns:
            value = clean(row[col.index])
            if value is None:
                continue
            if col.section == "entity":
                values[col.field] = value
            else:
                sections.setdefault(col.section, {})[col.field] = value
        key = values.get("key")
        if key is None:
            raise DataError.one(
                path, line, "Entity_LogicalId", "missing-field", "row has no entity id"
            )
        if as_of is None and "file_date" in values:
            found = date_of(values["file_date"], path, line, "fileGenerationDate")
            as_of = found.start if found else None
        entity = entities.get(key)
        if entity is None:
            entity = entities[key] = Entity(key, line)
        _merge(entity, values, sections, path, line)
    if not entities:
        raise DataError.one(path, 0, "", "empty-file", "the file holds no entities")
    regulations = Regulations()
    drafts = tuple(e.draft(path, regulations) for e in entities.values())
    return Source(
        path,
        "eu-csv",
        TEMPLATE,
        drafts,
        regulations.resolve,
        as_of=as_of,
        url=URL,
        has_listing_dates=True,
    )


def _merge(
    entity: Entity,
    values: dict[str, str],
    sections: dict[str, dict[str, str]],
    path: str,
    line: int,
) -> None:
    entity.subject = entity.subject or values.get("subject") or values.get("subject_code")
    entity.eu_ref = entity.eu_ref or values.get("eu_ref")
    entity.un_id = entity.un_id or values.get("un_id")
    if entity.designated is None and "designated" in values:
        entity.designated = date_of(values["designated"], path, line, "Entity_DesignationDate")
    if "details" in values:
        entity.note(f"designationDetails: {values['details']}")
    if "remark" in values:
        entity.note(f"remark: {values['remark']}")
    if "programme" in values and values["programme"] not in entity.programmes:
        entity.programmes.append(values["programme"])
    if "act_number" in values:
        act = Act(
            values["act_number"],
            values.get("act_type"),
            values.get("act_organisation"),
            date_of(values.get("act_published"), path, line, "Entity_Regulation_PublicationDate"),
            date_of(values.get("act_in_force"), path, line, "Entity_Regulation_EntryIntoForceDate"),
            values.get("programme"),
            values.get("act_url"),
        )
        if act not in entity.acts:
            entity.acts.append(act)
    for section, fields in sections.items():
        if section == "nameAlias":
            lang = fields.pop("nameLanguage", None)
            strong = fields.pop("strong", "true").lower() != "false"
            entity.add_name(fields, lang, strong)
        else:
            entity.note(f"{section}: " + "; ".join(f"{k}={v}" for k, v in fields.items()))
