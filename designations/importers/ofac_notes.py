"""The notes of an OFAC entry, written one way whichever of OFAC's formats it was read from.

OFAC publishes one publication as legacy CSV (``sdn.csv`` …) and as ``sdnList`` XML. The CSV's
``Remarks`` column is OFAC's own flattening of the fields the XML gives as structure; the XML
importer renders those fields the way OFAC flattens them (``remark``), so that both importers
give the same notes, and importing one publication through both formats amends nothing.

OFAC's flattening, learned by reading the CSV and XML of one publication side by side (the
2018-04-06 consolidated list, all 639 entries; ``docs/importers.md``):

- dates of birth (``DOB x``), places of birth (``POB x``), nationalities (``nationality x``)
  and citizenships (``citizen x``), in that order (their ``publishOrder`` 1-4 in OFAC's
  Enhanced XML);
- identifiers as ``TYPE NUMBER``, then `` (COUNTRY)``, `` issued DATE``, `` expires DATE``
  where given: features such as ``Website`` first, then identity documents, each in the order
  of OFAC's own type ids (``ofac_id_types.yaml``, which says where they come from and how they
  were checked), identifiers of one type in the order of their ``uid``;
- the ``title`` (which the CSV also gives in its ``Title`` column);
- the XML ``remarks`` text without its ``(Linked To: X)`` parts;
- weak aliases as ``a.k.a. 'NAME'``;
- each link as ``Linked To: X``;

joined with ``; `` and ended with a full stop (unless the last part ends with one). A second
item of one kind is written ``alt. …``. Tonnages are written with thousands separators (``99,144``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from ..errors import DataError
from ..yamlio import read_yaml
from .source import clean

__all__ = ["DETAIL_COLUMNS", "Identifier", "Notes", "address", "id_type_rank", "remark"]

#: The ``sdn.csv`` columns kept in notes as ``COLUMN: value`` (in this order).
DETAIL_COLUMNS = ("Title", "Call_Sign", "Vess_type", "Tonnage", "GRT", "Vess_flag", "Vess_owner")

#: Where the order of identifier types is kept (data: ``ofac_id_types.yaml``).
ID_TYPES_FILE = Path(__file__).with_name("ofac_id_types.yaml")


@functools.cache
def id_type_rank() -> dict[str, int]:
    """Each identifier type's place in OFAC's order (``ofac_id_types.yaml``: its features,
    then its identity documents)."""
    shown = "designations/importers/ofac_id_types.yaml"
    document = read_yaml(ID_TYPES_FILE, shown=shown)
    names = [*document["features"], *document["documents"]]
    if not all(isinstance(n, str) for n in names) or len(set(names)) != len(names):
        raise DataError.one(shown, 1, "", "bad-table", "types must be distinct strings")
    return {name: rank for rank, name in enumerate(names)}


_LINKED = re.compile(r"\(Linked To: ((?:[^()]|\([^()]*\))*)\)")


@attrs.frozen
class Identifier:
    """One ``<id>`` of the XML."""

    type: str
    number: str
    #: The XML's ``uid`` of the identifier: OFAC writes identifiers of one type in its order.
    uid: int = 0
    country: str | None = None
    issued: str | None = None
    expires: str | None = None

    def text(self) -> str:
        parts = [f"{self.type} {self.number}"]
        if self.country:
            parts.append(f"({self.country})")
        if self.issued:
            parts.append(f"issued {self.issued}")
        if self.expires:
            parts.append(f"expires {self.expires}")
        return " ".join(parts)


def _alternatives(label: str, values: Iterable[str]) -> list[str]:
    return [f"{'alt. ' if i else ''}{label} {v}" for i, v in enumerate(values)]


def remark(
    *,
    births: Sequence[str] = (),
    birthplaces: Sequence[str] = (),
    nationalities: Sequence[str] = (),
    citizenships: Sequence[str] = (),
    ids: Sequence[Identifier] = (),
    title: str | None = None,
    text: str | None = None,
    weak: Sequence[tuple[str, str]] = (),
) -> str | None:
    """The ``Remarks`` OFAC's CSV writes for these XML fields (``weak``: the type and name
    of each weak alias)."""
    parts = [
        *_alternatives("DOB", births),
        *_alternatives("POB", birthplaces),
        *_alternatives("nationality", nationalities),
        *_alternatives("citizen", citizenships),
    ]
    rank = id_type_rank()
    ordered = sorted(ids, key=lambda i: (rank.get(i.type, len(rank)), i.uid))
    for index, ident in enumerate(ordered):
        alternative = index and ordered[index - 1].type == ident.type
        parts.append(f"{'alt. ' if alternative else ''}{ident.text()}")
    if title:
        parts.append(title)
    links: list[str] = []
    if text:
        links = [clean(m) or "" for m in _LINKED.findall(text)]
        rest = _LINKED.sub("", text)
        pieces = [p for p in (clean(s) for s in rest.split("; ")) if p]
        if pieces:
            parts.append("; ".join(pieces))
    parts.extend(f"{kind} '{name}'" for kind, name in weak)
    parts.extend(f"Linked To: {link}" for link in links)
    if not parts:
        return None
    joined = "; ".join(parts)
    return joined if joined.endswith(".") else f"{joined}."


def address(
    lines: Sequence[str],
    city: str | None,
    state: str | None,
    postal: str | None,
    country: str | None,
) -> str | None:
    """An XML ``<address>`` as the CSV's address file writes it (``Address``, ``City/State/
    Province/Postal Code`` and ``Country`` columns)."""
    place = ", ".join(p for p in (city, state) if p)
    if postal:
        place = f"{place} {postal}" if place else postal
    parts = [p for p in (", ".join(lines), place, country) if p]
    return ", ".join(parts) if parts else None


@attrs.define
class Notes:
    """What an OFAC entry keeps in ``notes``, before it is written as text."""

    details: list[str] = attrs.Factory(list)
    remarks: str | None = None
    addresses: list[str] = attrs.Factory(list)

    def text(self) -> str | None:
        lines = list(self.details)
        if self.remarks is not None and (remarks := clean(self.remarks)):
            lines.append(f"Remarks: {remarks}")
        lines.extend(f"Address: {a}" for a in self.addresses)
        return "\n".join(lines) if lines else None
