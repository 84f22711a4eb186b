"""Instrument tables: which legal instruments stand behind a publisher's own tags (OFAC
programme codes, UN list types, UK regimes), as data files beside this module, one per publisher
(``<name>.yaml``). The layout is documented in ``docs/importers.md`` ("Instrument tables").

Each table holds ``instruments`` in the format of a ``list.yaml`` (read by the same
``load.read_instruments``, so the same rules apply) and ``tags``: a tag maps to instrument ids,
or to a list of ``{basis, from?, until?}`` when the instruments behind it changed on a date.
A tag the table does not hold, or whose mappings do not cover the publication's date, becomes an
instrument of kind ``programme`` with no date: the publisher's tag, with no act identified.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from pathlib import Path

import attrs

from ...fields import SLUG, Collector, Fields
from ...load import read_instruments
from ...model import Instrument
from ...vocab import InstrumentKind
from ...yamlio import YMap, YSeq, read_yaml

__all__ = ["TABLES_DIR", "Mapping", "Table", "load_table", "table"]

#: Where the tables shipped with the package live.
TABLES_DIR = Path(__file__).parent

_NAME = re.compile(r"\A[a-z0-9]+(-[a-z0-9]+)*\Z")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@attrs.frozen
class Mapping:
    """The instruments behind a tag from ``start`` to ``end`` (inclusive; open when ``None``)."""

    basis: tuple[str, ...]
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@attrs.frozen
class Table:
    """One publisher's table: its instruments, and what each of its tags stands for."""

    name: str
    #: Who publishes the tags (the authority of a ``programme`` made for an unknown tag).
    authority: str
    #: How the publisher calls its tags, e.g. "OFAC programme" (in a programme's title).
    tag_label: str
    #: The prefix of the id of a ``programme`` made for an unknown tag (``ofac-program``).
    id_prefix: str
    instruments: tuple[Instrument, ...]
    tags: dict[str, tuple[Mapping, ...]]
    path: str = attrs.field(default="", eq=False, repr=False)
    _by_id: dict[str, Instrument] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {i.id: i for i in self.instruments})

    def resolve(self, tag: str, as_of: dt.date) -> tuple[Instrument, ...]:
        """The instruments behind ``tag`` in a publication of ``as_of``."""
        for mapping in self.tags.get(tag, ()):
            if mapping.covers(as_of):
                return tuple(self._by_id[i] for i in mapping.basis)
        return (self.programme(tag),)

    def programme(self, tag: str) -> Instrument:
        """The instrument for a tag with no identified act: the tag itself, undated."""
        slug = _NOT_SLUG.sub("-", tag.lower()).strip("-") or "unnamed"
        return Instrument(
            f"{self.id_prefix}-{slug}",
            InstrumentKind.PROGRAMME,
            self.authority,
            None,
            reference=tag,
            title=f"{self.tag_label} {tag!r} as named in the publication; the importer's "
            f"table ({self.name}.yaml) identifies no act behind it",
        )


def _ids(out: Collector, node: YSeq, field: str, known: dict[str, int]) -> tuple[str, ...]:
    """A list of instrument ids, each a slug naming an instrument of the table."""
    ids: list[str] = []
    if not node:
        out.add(node.line, field, "empty-value", "expected at least one instrument id")
    for index, (item, line) in enumerate(zip(node, node.item_lines, strict=True)):
        if not isinstance(item, str) or not SLUG.match(item):
            out.add(line, f"{field}[{index}]", "bad-id", f"{item!r} is not an instrument id")
        elif item not in known:
            out.add(line, f"{field}[{index}]", "unknown-basis", f"{item!r} is not an instrument")
        else:
            ids.append(item)
    return tuple(ids)


def _mappings(
    out: Collector, node: object, line: int, field: str, known: dict[str, int]
) -> tuple[Mapping, ...]:
    """A tag's value: a list of ids, or a list of ``{basis, from?, until?}`` mappings."""
    if not isinstance(node, YSeq) or not node:
        out.add(line, field, "bad-type", "expected instrument ids, or {basis, from, until} items")
        return ()
    if not any(isinstance(item, YMap) for item in node):
        return (Mapping(_ids(out, node, field, known)),)
    result: list[Mapping] = []
    for index, (item, item_line) in enumerate(zip(node, node.item_lines, strict=True)):
        f = Fields(out, item, item_line, f"{field}[{index}]", ("basis",), ("from", "until"))
        basis = f.node.get("basis")
        if not isinstance(basis, YSeq):
            if "basis" in f.node:
                out.add(f.line_of("basis"), f"{field}[{index}].basis", "bad-type", "expected ids")
            continue
        ids = _ids(out, basis, f"{field}[{index}].basis", known)
        start, end = f.date("from"), f.date("until")
        if start is not None and end is not None and end < start:
            out.add(item_line, f"{field}[{index}]", "bad-value", f"until {end} is before {start}")
        result.append(Mapping(ids, start, end))
    ordered = sorted(result, key=lambda m: m.start or dt.date.min)
    for before, after in itertools.pairwise(ordered):
        if before.end is None or after.start is None or after.start <= before.end:
            out.add(line, field, "overlapping-dates", "the dated mappings of this tag overlap")
            break
    return tuple(result)


def load_table(path: Path | str, *, shown: str | None = None) -> Table:
    """Read and validate an instrument table (a ``DataError`` naming file, line and field)."""
    path = Path(path)
    name = shown if shown is not None else str(path)
    tree = read_yaml(path, name)
    out = Collector(name)
    f = Fields.document(
        out, tree, ("table", "authority", "tag_label", "id_prefix", "instruments", "tags"), ()
    )
    table_name = f.pattern("table", _NAME, "a table name (lower-case letters, digits, -)")
    if table_name is not None and table_name != path.stem:
        out.add(f.line_of("table"), "table", "table-name-mismatch", f"differs from {path.name}")
    authority, label, prefix = f.text("authority"), f.text("tag_label"), f.slug("id_prefix")
    instruments, known = read_instruments(f, "instruments")
    tags: dict[str, tuple[Mapping, ...]] = {}
    node = tree.get("tags")
    if not isinstance(node, YMap) or not node:
        out.add(f.line_of("tags"), "tags", "bad-type", "expected a mapping of tag to instruments")
    else:
        for tag, value in node.items():
            tags[tag] = _mappings(out, value, node.key_lines[tag], f"tags.{tag}", known)
    out.raise_if_any()
    assert table_name and authority and label and prefix
    return Table(table_name, authority, label, prefix, instruments, tags, path=name)


@functools.cache
def table(name: str) -> Table:
    """A table shipped with the package, by name (``ofac``, ``un``, ``uk`` ...), read once."""
    if not _NAME.match(name):
        raise ValueError(f"{name!r} is not a table name")
    return load_table(
        TABLES_DIR / f"{name}.yaml", shown=f"designations/importers/tables/{name}.yaml"
    )
