"""Instruments for a publisher's programme or regime tags that no instrument table maps to an
act: the tag itself, as an instrument of kind ``programme`` with no date (the same shape as
``tables.Table.programme`` makes for a tag its table does not hold)."""

from __future__ import annotations

import re

from ..model import Instrument
from ..vocab import InstrumentKind

__all__ = ["programme"]

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def programme(prefix: str, label: str, tag: str, authority: str) -> Instrument:
    """The instrument standing for ``tag`` (``label`` says what the tag is: "EU programme")."""
    slug = _NOT_SLUG.sub("-", tag.lower()).strip("-") or "unnamed"
    head = _NOT_SLUG.sub("-", prefix.lower()).strip("-")
    return Instrument(
        f"{head}-{slug}"[:120].rstrip("-"),
        InstrumentKind.PROGRAMME,
        authority,
        None,
        reference=tag,
        title=f"{label} {tag!r} as named in the publication; no instrument table identifies "
        "the act behind it",
    )
