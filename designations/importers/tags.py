"""Instruments for a source's programme or regime tags whose legal act is not identified.

A tag the instrument tables do not resolve becomes an instrument of kind ``programme`` (a
programme or regime tag with no identified act) that names the tag and the authority that
uses it. Its ``date`` follows the importers' convention for such tags (the first import that
used it); the title says the act is not identified, so no reader mistakes it for one.
"""

from __future__ import annotations

import datetime as dt
import re

from ..dates import PartialDate
from ..model import Instrument
from ..vocab import InstrumentKind

__all__ = ["programme"]

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def programme(prefix: str, what: str, tag: str, authority: str, as_of: dt.date) -> Instrument:
    """The instrument standing for ``tag`` (``what`` says what the tag is: "EU programme")."""
    slug = _NOT_SLUG.sub("-", tag.lower()).strip("-") or "unnamed"
    return Instrument(
        f"{prefix}-{slug}"[:120].rstrip("-"),
        InstrumentKind.PROGRAMME,
        authority,
        PartialDate.of(as_of),
        reference=tag,
        title=f"{what} {tag!r} as named in the source; the legal act behind it is not "
        "identified (date: first import that used it)",
    )
