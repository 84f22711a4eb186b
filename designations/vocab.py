"""Controlled vocabularies of the snapshot format. Each value is documented where it is defined."""

from __future__ import annotations

import enum

__all__ = [
    "STATUS_AFTER",
    "Action",
    "Certainty",
    "ChangeKind",
    "Completeness",
    "EntryStatus",
    "EntryType",
    "Evidence",
    "ImportFormat",
    "InstrumentKind",
    "NameKind",
    "SeedKind",
    "Verdict",
]


class InstrumentKind(enum.Enum):
    """What sort of legal act an instrument is."""

    STATUTE = "statute"  #: a law passed by a legislature
    COURT_DECISION = "court-decision"  #: a judgment or decision of a court
    EXECUTIVE_ORDER = "executive-order"  #: an order of a head of state or government
    REGULATION = "regulation"  #: a regulation made under a statute
    ORDER = "order"  #: a ministerial or administrative order
    RESOLUTION = "resolution"  #: a resolution (e.g. of the UN Security Council)
    NOTICE = "notice"  #: a public notice (e.g. in the US Federal Register)
    STATUTORY_INSTRUMENT = "statutory-instrument"  #: a UK statutory instrument
    #: a programme or regime tag with no identified act (e.g. an OFAC programme code)
    PROGRAMME = "programme"
    OTHER = "other"  #: anything else, or an act the sources do not identify


class EntryType(enum.Enum):
    """What a designated entry is."""

    ORGANIZATION = "organization"
    INDIVIDUAL = "individual"
    VESSEL = "vessel"
    AIRCRAFT = "aircraft"
    OTHER = "other"


class EntryStatus(enum.Enum):
    """Whether a listed entry's designation is in effect."""

    ACTIVE = "active"  #: on the list, designation in effect (the default)
    SUSPENDED = "suspended"  #: on the list, but its ban is suspended


class NameKind(enum.Enum):
    """What an extra name of an entry is."""

    OFFICIAL = "official"  #: the name as the authority writes it
    ALIAS = "alias"  #: another name the entity uses or is known by
    FORMER = "former"  #: a name it no longer uses
    TRANSLITERATION = "transliteration"  #: the name written in another script


class Evidence(enum.Enum):
    """What a list's changes are evidenced by (the ``evidence`` of a ``list.yaml``)."""

    ACTS = "acts"  #: legal acts: every change needs a change record naming one (the default)
    PUBLICATION = "publication"  #: the publisher's own list: a change may rest on it alone


class Completeness(enum.Enum):
    """How much of the list a snapshot holds."""

    COMPLETE = "complete"  #: every entry of the list on that date
    PARTIAL = "partial"  #: only what `coverage` describes


class Action(enum.Enum):
    """What a legal act did to an entry (the `action` of a change record)."""

    LISTED = "listed"  #: designated: put on the list
    DELISTED = "delisted"  #: taken off the list (revoked, cancelled)
    SUSPENDED = "suspended"  #: still on the list, but its ban is suspended
    REINSTATED = "reinstated"  #: back in effect: re-listed, or a suspension lifted
    AMENDED = "amended"  #: a listed entry's particulars changed (names, basis ...)


#: The status a change of the whole entry's status leaves it in (``amended`` changes none):
#: ``history``'s standing and ``screen``'s status on a day both read it from here.
STATUS_AFTER: dict[Action, str] = {
    Action.LISTED: "active",
    Action.REINSTATED: "active",
    Action.SUSPENDED: "suspended",
    Action.DELISTED: "delisted",
}


class Certainty(enum.Enum):
    """How sure the sources make a fact (an instrument or an entry); anything but ``confirmed``
    comes with a note saying what is uncertain and why."""

    CONFIRMED = "confirmed"  #: stated by the cited sources (the default)
    UNCERTAIN = "uncertain"  #: the sources disagree, or do not settle a date, act or name
    INFERRED = "inferred"  #: completed by the editors from partial evidence, not read in a source


class ChangeKind(enum.Enum):
    """What the structural diff of two snapshots found for one entry."""

    ADDED = "added"  #: in the newer snapshot only
    REMOVED = "removed"  #: in the older snapshot only
    AMENDED = "amended"  #: in both, with some field different
    NOT_COVERED = "not-covered"  #: in one only, but a partial snapshot does not cover it
    REKEYED = "rekeyed"  #: removed under one id and added under another, same stable reference


class SeedKind(enum.Enum):
    """What sort of source document a seed describes."""

    NEWS_REPORT = "news-report"
    COURT_RULING = "court-ruling"
    OFFICIAL_PUBLICATION = "official-publication"
    GAZETTE = "gazette"
    STATEMENT = "statement"
    DATASET = "dataset"
    OTHER = "other"


class Verdict(enum.Enum):
    """What is known about the legal basis of one structural change (decided in one place)."""

    EXPLAINED = "explained"  #: a change record with a resolvable legal act explains it
    PUBLICATION = "publication"  #: evidenced only by an official publication, no act identified
    EDITORIAL = "editorial"  #: an amendment of particulars with no act: an editorial correction
    UNEXPLAINED = "unexplained"  #: nothing explains it
    NOT_COVERED = "not-covered"  #: a partial snapshot neither confirms nor refutes it


class ImportFormat(enum.Enum):
    """The formats ``designations import`` reads, and ``update`` fetches a list's ``source`` in
    (``importers.FORMATS`` has a reader for each; a test keeps the two the same)."""

    OFAC_CSV = "ofac-csv"
    OFAC_XML = "ofac-xml"
    UN_XML = "un-xml"
    UK_CSV = "uk-csv"
    EU_XML = "eu-xml"
    EU_CSV = "eu-csv"
    OFAC_ENHANCED_XML = "ofac-enhanced-xml"
    US_CSL = "us-csl"
    CA_SEMA = "ca-sema"
    AU_DFAT = "au-dfat"
    FTM = "ftm"
    FTM_DELTA = "ftm-delta"
