"""What the EU Financial Sanctions Files share, in XML and CSV: the list, the entry built from
one ``sanctionEntity``, and the instruments built from the regulations the file cites.

The basis of an entry is the set of legal acts the file cites for it (``<regulation>`` /
``Entity_Regulation_*`` / ``Leba_*``): each becomes an instrument whose id comes from its
number (``1210/2003 (OJ L169)`` → ``eu-1210-2003``), whose reference is the number as
published, whose authority is the Council or the Commission (``organisationType``), whose
``date`` is its publication date in the Official Journal (the file gives no other; the title says
so), whose ``effective`` is its ``entryIntoForceDate``, and whose ``url`` is its
``publicationUrl``. An entry whose file cites no act falls back to its programme tag
(``IRQ``, ``TAQA``…) as an instrument of kind ``programme``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping

import attrs

from ..dates import PartialDate, parse_partial_date
from ..errors import DataError
from ..model import Instrument, Name
from ..vocab import EntryType, InstrumentKind, NameKind
from .source import Draft, ListTemplate, clean
from .tags import programme

__all__ = ["TEMPLATE", "URL", "Act", "Entity", "Regulations", "date_of"]

TEMPLATE = ListTemplate(
    "eu-fsf",
    "EU",
    "EU consolidated list of persons, groups and entities subject to financial sanctions",
    "European Commission",
    "https://webgate.ec.europa.eu/fsd/fsf",
)
URL = "https://webgate.ec.europa.eu/fsd/fsf"

_AUTHORITY = {
    "council": "Council of the European Union",
    "commission": "European Commission",
}
_TYPES = {"person": EntryType.INDIVIDUAL, "enterprise": EntryType.ORGANIZATION}
_TYPE_CODES = {"P": EntryType.INDIVIDUAL, "E": EntryType.ORGANIZATION}
_NUMBER = re.compile(r"^\s*([^()]+?)\s*(?:\(|$)")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_LANG = re.compile(r"^[A-Za-z]{2}$")


def date_of(value: str | None, path: str, line: int, field: str) -> PartialDate | None:
    """A date as the EU files write it (``2003-07-08``, or ``dd/mm/yyyy`` in older CSVs)."""
    text = clean(value)
    if text is None:
        return None
    if re.fullmatch(r"\d{2}/\d{2}/\d{4}", text):
        text = f"{text[6:]}-{text[3:5]}-{text[:2]}"
    try:
        return parse_partial_date(text[:10])
    except ValueError:
        raise DataError.one(path, line, field, "bad-date", f"{text!r} is not a date") from None


@attrs.frozen
class Act:
    """A legal act as the file cites it."""

    number: str
    type: str | None
    organisation: str | None
    published: PartialDate | None
    in_force: PartialDate | None
    programme: str | None
    url: str | None

    @property
    def id(self) -> str | None:
        match = _NUMBER.match(self.number)
        if match is None:
            return None
        slug = _NOT_SLUG.sub("-", match.group(1).lower()).strip("-")
        return f"eu-{slug}" if slug else None

    def instrument(self, iid: str) -> Instrument | None:
        if self.published is None:
            return None
        what = self.type or "act"
        kind = (
            InstrumentKind.REGULATION
            if what in ("regulation", "amendment")
            else (InstrumentKind.OTHER)
        )
        title = f"EU {what} {self.number}"
        if self.programme:
            title += f", programme {self.programme}"
        title += " (date: its publication in the Official Journal, as the EU file gives it)"
        effective = self.in_force
        if effective is not None and effective.end < self.published.start:
            # In force before its publication (the format has no such order): said in words.
            title += f"; in force from {effective}, as the EU file gives it"
            effective = None
        return Instrument(
            iid,
            kind,
            _AUTHORITY.get((self.organisation or "").lower(), "European Union"),
            self.published,
            reference=self.number,
            title=title,
            effective=effective,
            url=self.url,
        )


class Regulations:
    """The acts a file cites, each instrument built once, and the resolver for the drafts."""

    def __init__(self) -> None:
        self.instruments: dict[str, Instrument] = {}

    def tag_for(self, act: Act) -> str | None:
        """The tag a draft carries for ``act`` (its instrument id), or ``None`` when the act
        cannot be made an instrument (no number or no date)."""
        iid = act.id
        if iid is None:
            return None
        if iid not in self.instruments:
            inst = act.instrument(iid)
            if inst is None:
                return None
            self.instruments[iid] = inst
        return iid

    def resolve(self, tag: str, as_of: dt.date) -> tuple[Instrument, ...]:
        found = self.instruments.get(tag)
        if found is not None:
            return (found,)
        name = tag.removeprefix("programme:")
        return (programme("eu-programme", "EU programme", name, "European Union"),)


@attrs.define
class Entity:
    """One ``sanctionEntity`` gathered from the file (several CSV rows make one)."""

    key: str
    line: int
    subject: str | None = None
    eu_ref: str | None = None
    un_id: str | None = None
    designated: PartialDate | None = None
    acts: list[Act] = attrs.field(factory=list)
    programmes: list[str] = attrs.field(factory=list)
    #: Names as ``(whole, lang, strong, details)``; ``details`` are the other name fields.
    names: list[tuple[str, str | None, bool, str | None]] = attrs.field(factory=list)
    #: Indexes in ``names`` of the names published with a last name.
    full: set[int] = attrs.field(factory=set)
    notes: list[str] = attrs.field(factory=list)

    def note(self, line: str | None) -> None:
        if line and line not in self.notes:
            self.notes.append(line)

    def add_name(self, fields: Mapping[str, str | None], lang: str | None, strong: bool) -> None:
        whole = clean(fields.get("wholeName")) or " ".join(
            v for k in ("firstName", "middleName", "lastName") if (v := clean(fields.get(k)))
        )
        if not whole:
            return
        code = clean(lang)
        code = code.lower() if code and _LANG.match(code) else None
        details = "; ".join(
            f"{k}={v}"
            for k, raw in fields.items()
            if k not in ("wholeName", "firstName", "middleName", "lastName") and (v := clean(raw))
        )
        item = (whole, code, strong, details or None)
        if item not in self.names:
            if clean(fields.get("lastName")):
                self.full.add(len(self.names))
            self.names.append(item)

    def draft(self, path: str, regulations: Regulations) -> Draft:
        if not self.names:
            raise DataError.one(
                path, self.line, "nameAlias", "missing-field", f"entity {self.key}: no name"
            )
        # No name is marked primary: the first strong name with no language that gives a last
        # name, else the first strong name with no language, else the first strong one.
        plain = [i for i, n in enumerate(self.names) if n[2] and n[1] is None]
        first = next(
            (i for i in plain if i in self.full),
            next(iter(plain), next((i for i, n in enumerate(self.names) if n[2]), 0)),
        )
        primary = self.names[first][0]
        names: list[Name] = []
        notes: list[str] = []
        for index, (whole, lang, strong, details) in enumerate(self.names):
            if details:
                notes.append(f"nameAlias {whole}: {details}")
            if not strong:
                notes.append(f"weak alias: {whole}")
            name = Name(whole, lang=lang, kind=NameKind.ALIAS)
            if index == first or name in names or (lang is None and whole == primary):
                continue
            names.append(name)
        tags = _unique(t for act in self.acts if (t := regulations.tag_for(act)))
        if not tags:
            tags = tuple(f"programme:{p}" for p in _unique(self.programmes))
        if not tags:
            raise DataError.one(
                path, self.line, "regulation", "missing-field", f"entity {self.key}: no regulation"
            )
        refs = [("eu", self.eu_ref)] if self.eu_ref else []
        if self.un_id:
            refs.append(("un", self.un_id))
        if self.programmes:
            notes.insert(0, f"programme: {', '.join(_unique(self.programmes))}")
        return Draft(
            self.key,
            primary,
            _entry_type(self.subject),
            tags,
            tuple(names),
            self.designated,
            tuple(refs),
            "\n".join([*notes, *self.notes]) or None,
            self.line,
        )


def _entry_type(subject: str | None) -> EntryType:
    if subject is None:
        return EntryType.OTHER
    return _TYPES.get(subject.lower()) or _TYPE_CODES.get(subject.upper(), EntryType.OTHER)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
