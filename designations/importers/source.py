"""The source model: what a format reader yields (a ``Source`` of ``Draft`` records, with any
``Flaw`` its integrity signals show and the ``ListTemplate`` of a new list), and the two value
conventions every reader follows (documented in ``docs/importers.md``):

- values are kept as published, except that runs of whitespace become one space and the ends
  are trimmed, so a release that only re-wraps text does not show as a change (``clean``);
- an entry's id is the source's stable id, lower-cased, with any run of other characters
  turned into ``-`` (``entry_id``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import attrs

from ..dates import PartialDate
from ..fields import SLUG
from ..model import Instrument, Name
from ..vocab import EntryType

__all__ = ["Draft", "Flaw", "ListTemplate", "Resolver", "Source", "clean", "entry_id"]

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def clean(value: str | None) -> str | None:
    """A value as published with its whitespace collapsed; ``None`` when nothing is left."""
    if value is None:
        return None
    return " ".join(value.split()) or None


def entry_id(key: str) -> str | None:
    """The entry id for a source's stable id (``6636``, ``QDi.001`` → ``qdi-001``)."""
    slug = _NOT_SLUG.sub("-", key.lower()).strip("-")
    return slug if SLUG.match(slug) else None


@attrs.frozen
class Draft:
    """One designation as a source publishes it, before instruments are resolved."""

    #: The source's stable id as published (``ent_num``, ``uid``, ``DATAID``, ``Group ID``).
    key: str
    name: str
    type: EntryType
    #: The source's own tags for the legal basis (programmes, list types, regimes).
    programs: tuple[str, ...]
    names: tuple[Name, ...] = ()
    #: The listing date where the source gives one.
    listed_on: PartialDate | None = None
    refs: tuple[tuple[str, str], ...] = ()
    notes: str | None = None
    #: Line of the record in the source, for messages.
    line: int = 0


@attrs.frozen
class Flaw:
    """A publication that fails one of its format's integrity signals (a missing end-of-file
    byte, a companion file missing, a record count that does not match)."""

    path: str
    rule: str
    message: str


@attrs.frozen
class ListTemplate:
    """What a new ``list.yaml`` says about a list, before any instrument."""

    list_id: str
    jurisdiction: str
    name: str
    authority: str
    url: str | None = None


#: Resolves a source tag to its instruments; the second argument is the import's ``as_of``
#: (used only for the stand-in instrument of a tag the tables do not know).
Resolver = Callable[[str, dt.date], tuple[Instrument, ...]]


@attrs.frozen
class Source:
    """A source file as read: its records and what the file says about itself."""

    path: str
    format: str
    template: ListTemplate
    drafts: tuple[Draft, ...]
    resolve: Resolver
    #: The data date inside the file, where the format carries one.
    as_of: dt.date | None = None
    #: Where the authority publishes this file (the snapshot's ``sources``).
    url: str = ""
    #: Whether the format gives listing dates (otherwise ``listed_on`` follows the convention).
    has_listing_dates: bool = False
    #: Every file read (the main file first), for the snapshot's ``publication``.
    files: tuple[str, ...] = ()
    #: What the integrity signals of the format say is wrong (refused unless overridden).
    flaws: tuple[Flaw, ...] = ()
    #: A main file read without any of the companion files its format publishes with it.
    lone: bool = False
