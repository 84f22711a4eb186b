"""FollowTheMoney entities from OpenSanctions: a dataset's ``entities.ftm.json`` (``ftm``) and
the delta files between its versions (``ftm-delta``: ``{"op": "ADD"|"MOD"|"DEL", "entity": …}``).

Entries are the dataset's targets: entities marked ``"target": true`` (or, where the flag is
absent, entities of a schema that can be designated: Person, Organization, Company, LegalEntity,
PublicBody, Vessel, Airplane). Other entities are used for what they say about a target
(an ``Address`` gives the ``address:`` note of the entities that point at it; a ``Sanction``
gives its target's programmes and listing date). The stable id is the entity ``id``, lower-cased
into an entry id. The name is the ``caption``; every other ``name``, ``alias``, ``weakAlias`` and
``previousName`` is kept (``previousName`` as a former name). The basis is each ``Sanction``'s
``program`` where there is one, else each dataset the entity belongs to, as instruments of kind
``programme`` (an aggregator's dataset names no act). The listing date is a ``Sanction``'s
``listingDate`` / ``startDate``; the aggregator's own ``first_seen`` / ``last_seen`` /
``last_change`` are bookkeeping, left out. Other properties are kept in ``notes``.

The entities file carries no date (``--as-of``); a delta's date is its version id
(``20240527194702-wnk`` → 2024-05-27), taken from the folder that holds it. Objects may follow one
another on a line, as in OpenSanctions' own delta files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from ..dates import PartialDate, parse_partial_date
from ..errors import DataError, UsageError
from ..jurisdictions import is_jurisdiction
from ..model import Entry, Instrument, Name, Snapshot
from ..vocab import EntryType, NameKind
from .decoding import check_size, text_lines
from .progress import Progress
from .source import Draft, ListTemplate, Source, clean, entry_id
from .tags import programme

__all__ = ["DeltaSource", "delta_files", "read", "read_delta"]

_TYPES = {
    "Person": EntryType.INDIVIDUAL,
    "Organization": EntryType.ORGANIZATION,
    "Company": EntryType.ORGANIZATION,
    "LegalEntity": EntryType.ORGANIZATION,
    "PublicBody": EntryType.ORGANIZATION,
    "Vessel": EntryType.VESSEL,
    "Airplane": EntryType.AIRCRAFT,
}
_NAMES = {
    "name": NameKind.ALIAS,
    "alias": NameKind.ALIAS,
    "weakAlias": NameKind.ALIAS,
    "previousName": NameKind.FORMER,
}
_VERSION = re.compile(r"^(\d{4})(\d{2})(\d{2})\d{6}(?:-[a-z0-9]+)?$")
_OPS = ("ADD", "MOD", "DEL")
_DATASET = "dataset\x1f"


def _objects(path: Path, progress: Progress) -> Iterator[tuple[int, dict[str, Any]]]:
    decoder = json.JSONDecoder()
    for number, line in enumerate(text_lines(path, progress), start=1):
        position, end = 0, len(line)
        while True:
            while position < end and line[position].isspace():
                position += 1
            if position >= end:
                break
            try:
                value, position = decoder.raw_decode(line, position)
            except json.JSONDecodeError as exc:
                raise DataError.one(
                    str(path), number, "", "bad-json", f"malformed JSON: {exc.msg}"
                ) from None
            if not isinstance(value, dict):
                raise DataError.one(str(path), number, "", "bad-json", "expected a JSON object")
            yield number, value


def _values(entity: dict[str, Any], prop: str) -> list[str]:
    props = entity.get("properties")
    raw = props.get(prop, []) if isinstance(props, dict) else []
    return [v for item in raw if isinstance(item, str) and (v := clean(item))]


def _is_target(entity: dict[str, Any]) -> bool:
    target = entity.get("target")
    if isinstance(target, bool):
        return target
    return entity.get("schema") in _TYPES


@attrs.define
class _Context:
    """What non-target entities say about targets: addresses, and sanctions by target id."""

    addresses: dict[str, str] = attrs.field(factory=dict)
    programmes: dict[str, list[str]] = attrs.field(factory=dict)
    listed: dict[str, list[PartialDate]] = attrs.field(factory=dict)

    def take(self, entity: dict[str, Any]) -> None:
        schema, eid = entity.get("schema"), entity.get("id")
        if not isinstance(eid, str):
            return
        if schema == "Address":
            full = _values(entity, "full")
            if full:
                referents = entity.get("referents") or []
                for key in (eid, *(r for r in referents if isinstance(r, str))):
                    self.addresses[key] = full[0]
        elif schema == "Sanction":
            for target in _values(entity, "entity"):
                self.programmes.setdefault(target, []).extend(
                    _values(entity, "program") or _values(entity, "programId")
                )
                for prop in ("listingDate", "startDate"):
                    for value in _values(entity, prop):
                        # A date that is not one is not guessed into a listing date.
                        with contextlib.suppress(ValueError):
                            self.listed.setdefault(target, []).append(
                                parse_partial_date(value[:10])
                            )


def _draft(entity: dict[str, Any], ctx: _Context, path: str, line: int) -> Draft:
    eid = entity.get("id")
    if not isinstance(eid, str) or not eid:
        raise DataError.one(path, line, "id", "missing-field", "an entity has no id")
    names = [(p, v) for p in _NAMES for v in _values(entity, p)]
    caption = clean(entity.get("caption")) if isinstance(entity.get("caption"), str) else None
    name = caption or (names[0][1] if names else None)
    if name is None:
        raise DataError.one(path, line, "caption", "missing-field", f"entity {eid} has no name")
    others: list[Name] = []
    notes: list[str] = []
    for prop, value in names:
        if value == name:
            continue
        item = Name(value, kind=_NAMES[prop])
        if item not in others:
            others.append(item)
        if prop == "weakAlias":
            notes.append(f"weak alias: {value}")
    props = entity.get("properties")
    for prop in sorted(props) if isinstance(props, dict) else ():
        if prop in _NAMES:
            continue
        values = _values(entity, prop)
        if prop == "addressEntity":
            values = [ctx.addresses.get(v, v) for v in values]
            prop = "address"
        if values:
            notes.append(f"{prop}: {'; '.join(values)}")
    referents = entity.get("referents")
    if isinstance(referents, list) and referents:
        notes.append(f"referents: {'; '.join(sorted(str(r) for r in referents))}")
    programmes = list(dict.fromkeys(ctx.programmes.get(eid, [])))
    datasets = [d for d in entity.get("datasets") or [] if isinstance(d, str)]
    tags = tuple(programmes) or tuple(f"{_DATASET}{d}" for d in dict.fromkeys(datasets))
    if not tags:
        raise DataError.one(path, line, "datasets", "missing-field", f"entity {eid}: no dataset")
    dates = ctx.listed.get(eid)
    return Draft(
        eid,
        name,
        _TYPES.get(str(entity.get("schema")), EntryType.OTHER),
        tags,
        tuple(others),
        min(dates, key=lambda d: d.start) if dates else None,
        (),
        "\n".join(notes) or None,
        line,
    )


def resolve(tag: str, as_of: dt.date) -> tuple[Instrument, ...]:
    if tag.startswith(_DATASET):
        name = tag[len(_DATASET) :]
        return (programme("opensanctions-dataset", "OpenSanctions dataset", name, "OpenSanctions"),)
    return (programme("ftm-program", "Sanctions programme", tag, "OpenSanctions"),)


def _template(datasets: Counter[str]) -> ListTemplate:
    dataset = datasets.most_common(1)[0][0] if datasets else "default"
    prefix = dataset.split("_", 1)[0]
    if not (re.fullmatch(r"[a-z]{2}", prefix) and is_jurisdiction(prefix.upper())):
        # An aggregate (``sanctions``, ``default`` ...) has no one jurisdiction: none is invented.
        raise UsageError(
            f"OpenSanctions dataset {dataset!r} names no jurisdiction (its name does not start "
            "with a country code, EU or UN): import one publisher's dataset, e.g. us_ofac_sdn"
        )
    jurisdiction = prefix.upper()
    slug = re.sub(r"[^a-z0-9]+", "-", dataset.lower()).strip("-")
    list_id = f"{slug}-opensanctions"
    return ListTemplate(
        list_id,
        jurisdiction,
        f"OpenSanctions dataset {dataset}",
        "OpenSanctions (aggregated from the publisher's list)",
        f"https://www.opensanctions.org/datasets/{dataset}/",
    )


def read(source: Path, progress: Progress) -> Source:
    """An OpenSanctions ``entities.ftm.json``: its targets as entries."""
    check_size(source)
    path = str(source)
    ctx = _Context()
    targets: list[tuple[int, dict[str, Any]]] = []
    datasets: Counter[str] = Counter()
    for line, entity in _objects(source, progress):
        if _is_target(entity):
            targets.append((line, entity))
            datasets.update(d for d in entity.get("datasets") or [] if isinstance(d, str))
        else:
            ctx.take(entity)
    if not targets:
        raise DataError.one(path, 0, "", "empty-file", "the file holds no target entity")
    drafts = tuple(_draft(e, ctx, path, line) for line, e in targets)
    template = _template(datasets)
    return Source(path, "ftm", template, drafts, resolve, url=template.url or "")


@attrs.frozen
class DeltaSource(Source):
    """A snapshot with delta files applied, and how many operations of each kind they held."""

    files: tuple[str, ...] = ()
    #: ``{"ADD": n, "MOD": n, "DEL": n}`` over every delta file, as read.
    ops: tuple[tuple[str, int], ...] = ()


def delta_files(source: Path) -> list[Path]:
    """The delta files of ``source``: the file itself, or the ``entities.delta.json`` of each
    version folder under it, oldest version first."""
    if source.is_file():
        return [source]
    found = sorted(p for p in source.glob("*/entities.delta.json") if p.is_file())
    own = source / "entities.delta.json"
    return ([own] if own.is_file() else []) + found


def _from_entry(entry: Entry) -> Draft:
    return Draft(
        entry.id,
        entry.name,
        entry.type,
        entry.basis,
        entry.names,
        entry.listed_on,
        entry.refs,
        entry.notes,
        entry.line,
    )


def read_delta(source: Path, progress: Progress, base: Snapshot | None) -> DeltaSource:
    """``base`` (a list's latest snapshot) with the delta files of ``source`` applied."""
    files = delta_files(source)
    if not files:
        raise DataError.one(str(source), 0, "", "not-found", "no entities.delta.json here")
    drafts: dict[str, Draft] = {e.id: _from_entry(e) for e in base.entries} if base else {}
    counts: Counter[str] = Counter()
    ctx = _Context()
    datasets: Counter[str] = Counter()
    as_of: dt.date | None = None
    for file in files:
        check_size(file)
        for line, item in _objects(file, progress):
            op, entity = item.get("op"), item.get("entity")
            if op not in _OPS or not isinstance(entity, dict):
                raise DataError.one(
                    str(file), line, "op", "bad-value", f"op {op!r} is not ADD, MOD, DEL"
                )
            counts[str(op)] += 1
            eid = entity.get("id")
            key = entry_id(eid) if isinstance(eid, str) else None
            if key is None:
                raise DataError.one(str(file), line, "entity.id", "bad-id", f"entity id {eid!r}")
            if op == "DEL":
                drafts.pop(key, None)
            elif _is_target(entity):
                datasets.update(d for d in entity.get("datasets") or [] if isinstance(d, str))
                drafts[key] = attrs.evolve(_draft(entity, ctx, str(file), line), key=key)
            else:
                ctx.take(entity)
        match = _VERSION.match(file.parent.name)
        if match:
            as_of = dt.date(*(int(g) for g in match.groups()))
    known = {i.id: i for i in base.info.instruments} if base else {}

    def resolve_any(tag: str, day: dt.date) -> tuple[Instrument, ...]:
        found = known.get(tag)
        return (found,) if found is not None else resolve(tag, day)

    template = base.info if base else None
    list_template = (
        ListTemplate(
            template.id, template.jurisdiction, template.name, template.authority, template.url
        )
        if template
        else _template(datasets)
    )
    return DeltaSource(
        str(source),
        "ftm-delta",
        list_template,
        tuple(drafts.values()),
        resolve_any,
        as_of=as_of,
        url=list_template.url or "",
        files=tuple(str(f) for f in files),
        ops=tuple((op, counts[op]) for op in _OPS),
    )
