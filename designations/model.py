"""The typed records: what the rest of the library sees once the loader has validated a file.

Records are immutable, slotted and hashable. Line numbers are kept for messages but are not
part of a record's identity: two records that say the same thing are equal wherever they stand.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from .dates import PartialDate
from .vocab import (
    Action,
    Certainty,
    Completeness,
    EntryStatus,
    EntryType,
    Evidence,
    InstrumentKind,
    NameKind,
    SeedKind,
)

__all__ = [
    "DEFAULT_STABLE_REFS",
    "Acknowledgement",
    "ChangeRecord",
    "DateConventions",
    "Entry",
    "Instrument",
    "ListInfo",
    "ListSource",
    "MassRemoval",
    "Name",
    "Publication",
    "PublicationFile",
    "Seed",
    "Snapshot",
]

_line = attrs.field(default=0, eq=False, repr=False)
_ID = operator.attrgetter("id")
#: The cross-reference schemes whose values stay with an entity when a list gives it a new id
#: (see ``ListInfo.stable_refs``) where ``list.yaml`` names none.
DEFAULT_STABLE_REFS: tuple[str, ...] = ("un",)


@attrs.frozen
class Name:
    """Another name of a list or an entry, optionally with its language and kind."""

    name: str
    lang: str | None = None
    kind: NameKind | None = None


@attrs.frozen
class Instrument:
    """A legal act that lists, delists or amends entries, or under which a list exists."""

    id: str
    kind: InstrumentKind
    authority: str
    #: When it was issued; ``None`` only for a ``programme`` (a tag with no identified act).
    date: PartialDate | None
    reference: str | None = None
    title: str | None = None
    effective: PartialDate | None = None
    provisions: tuple[str, ...] = ()
    url: str | None = None
    #: How sure the sources make this act (its date, reference or existence); see ``note``.
    certainty: Certainty = Certainty.CONFIRMED
    #: What is uncertain or inferred about it, and why (required unless ``confirmed``).
    note: str | None = None
    #: Where the facts about it come from: seed ids, URLs or citations in words.
    sources: tuple[str, ...] = ()
    line: int = _line

    @property
    def is_certain(self) -> bool:
        return self.certainty is Certainty.CONFIRMED


@attrs.frozen
class MassRemoval:
    """The guard against truncated sources: removing more than ``share`` of the previous
    snapshot's entries, and at least ``min_count`` of them (``exceeded``), is an error in ``check``
    and refused by ``import`` unless acknowledged."""

    share: float = 0.2
    min_count: int = 10

    def exceeded(self, removed: int, before: int) -> bool:
        """Whether removing ``removed`` of ``before`` entries is a mass removal: more than
        ``share`` of them and at least ``min_count`` (never, from an empty snapshot)."""
        return before > 0 and removed > self.share * before and removed >= self.min_count


@attrs.frozen
class DateConventions:
    """What a list's dates mean on that list (a decision, entry into force, publication ...)."""

    listed_on: str | None = None  #: the meaning of an entry's ``listed_on``
    effective: str | None = None  #: the meaning of an instrument's or change's ``effective``


@attrs.frozen
class ListSource:
    """Where a list's official file is fetched from (``source`` in ``list.yaml``): the import
    format that reads it and its URL. ``designations update`` fetches it."""

    format: str
    url: str


@attrs.frozen
class ListInfo:
    """A list's ``list.yaml``: who keeps it, under what law, and the instruments it uses."""

    id: str
    jurisdiction: str
    name: str
    authority: str
    instruments: tuple[Instrument, ...]
    names: tuple[Name, ...] = ()
    framework: tuple[str, ...] = ()
    url: str | None = None
    mass_removal: MassRemoval = MassRemoval()
    #: What the list's changes rest on: legal acts (the default) or the publication itself.
    evidence: Evidence = Evidence.ACTS
    date_conventions: DateConventions = DateConventions()
    #: Where the list's official file is fetched from, for ``designations update``.
    source: ListSource | None = None
    #: Cross-reference schemes whose values never move to another entity: a removal and an
    #: addition sharing one are one entry re-keyed.
    stable_refs: tuple[str, ...] = DEFAULT_STABLE_REFS
    path: str = attrs.field(default="", eq=False, repr=False)
    _by_id: dict[str, Instrument] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {i.id: i for i in self.instruments})

    def instrument(self, instrument_id: str) -> Instrument:
        """The instrument with this id; ``KeyError`` when the list has none."""
        return self._by_id[instrument_id]

    def has_instrument(self, instrument_id: str) -> bool:
        return instrument_id in self._by_id

    def resolve(self, instrument_ids: Iterable[str]) -> tuple[Instrument, ...]:
        """The instruments these ids name (ids the list does not have are left out; the loader
        has already refused them in the list's own files)."""
        return tuple(self._by_id[i] for i in instrument_ids if i in self._by_id)


@attrs.frozen
class Entry:
    """One designation as it stands in a snapshot."""

    id: str
    name: str
    type: EntryType
    #: The date the designation took effect; ``None`` when the source gives none (then
    #: ``first_seen`` says when it was first seen in a publication).
    listed_on: PartialDate | None
    basis: tuple[str, ...]
    names: tuple[Name, ...] = ()
    status: EntryStatus = EntryStatus.ACTIVE
    #: Cross-references as (scheme, id) pairs, sorted by scheme: key order in YAML means nothing.
    refs: tuple[tuple[str, str], ...] = ()
    notes: str | None = None
    #: How sure the sources make this entry (its name, date or basis); ``notes`` says why.
    certainty: Certainty = Certainty.CONFIRMED
    #: The ``as_of`` of the first publication that held the entry, where the source gives no
    #: listing date (exactly one of ``listed_on`` and ``first_seen`` is set).
    first_seen: dt.date | None = None
    line: int = _line

    @property
    def is_certain(self) -> bool:
        return self.certainty is Certainty.CONFIRMED

    @property
    def since(self) -> PartialDate:
        """The date it is known to be listed from: ``listed_on``, else ``first_seen``."""
        if self.listed_on is not None:
            return self.listed_on
        assert self.first_seen is not None
        return PartialDate.of(self.first_seen)

    def all_names(self) -> tuple[str, ...]:
        """The primary name followed by every other name."""
        return (self.name, *(n.name for n in self.names))


@attrs.frozen
class ChangeRecord:
    """A legal act recorded in a snapshot, explaining how it differs from the previous one."""

    entry: str
    action: Action
    basis: tuple[str, ...]
    effective: PartialDate
    note: str | None = None
    #: For ``listed``/``delisted``: the instruments under which the entry was listed or delisted
    #: while it stays on the list (a partial listing or delisting); empty for the whole entry.
    scope: tuple[str, ...] = ()
    line: int = _line


@attrs.frozen
class PublicationFile:
    """One file of an official publication, by name and SHA-256 (lower-case hex)."""

    name: str
    sha256: str


@attrs.frozen
class Publication:
    """The official publication an imported snapshot was read from."""

    #: The importer's format name (``ofac-csv``, ``un-xml`` ...).
    format: str
    files: tuple[PublicationFile, ...]
    #: The publisher's own date inside the file, where it has one.
    published: dt.date | None = None
    #: Where it was fetched from, where it was fetched.
    url: str | None = None
    #: When it was fetched (UTC, to the second), where it was fetched.
    retrieved: dt.datetime | None = None


@attrs.frozen
class Acknowledgement:
    """A finding of ``check`` that the snapshot's author accepted, and why (e.g. an import
    allowed with ``--allow-mass-removal REASON``): reported as acknowledged, not as an error."""

    rule: str
    reason: str
    line: int = _line


@attrs.frozen
class Snapshot:
    """A list as it stood on ``as_of``, with the list's ``info`` it was validated against."""

    list_id: str
    as_of: dt.date
    completeness: Completeness
    sources: tuple[str, ...]
    entries: tuple[Entry, ...]
    info: ListInfo
    changes: tuple[ChangeRecord, ...] = ()
    coverage: str | None = None
    #: The official publication it was imported from (``None`` for a hand-kept snapshot).
    publication: Publication | None = None
    acknowledged: tuple[Acknowledgement, ...] = ()
    path: str = attrs.field(default="", eq=False, repr=False)
    #: Line of the ``entries:`` key (where findings about removals are filed).
    entries_line: int = _line
    #: Line of the ``sources:`` key (where findings about unknown seeds are filed).
    sources_line: int = _line
    _by_id: dict[str, Entry] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        entries = self.entries
        object.__setattr__(self, "_by_id", dict(zip(map(_ID, entries), entries, strict=True)))

    @property
    def is_partial(self) -> bool:
        return self.completeness is Completeness.PARTIAL

    def acknowledges(self, rule: str) -> Acknowledgement | None:
        """The acknowledgement of a ``check`` rule in this snapshot, if any."""
        return next((a for a in self.acknowledged if a.rule == rule), None)

    def entry(self, entry_id: str) -> Entry | None:
        """The entry with this id, or ``None``."""
        return self._by_id.get(entry_id)

    @property
    def entries_by_id(self) -> Mapping[str, Entry]:
        """Every entry by its id (read-only)."""
        return MappingProxyType(self._by_id)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._by_id


@attrs.frozen
class Seed:
    """A source document and the facts the project takes from it."""

    id: str
    kind: SeedKind
    title: str
    publisher: str
    published: PartialDate
    facts: tuple[str, ...]
    url: str | None = None
    path: str = attrs.field(default="", eq=False, repr=False)
