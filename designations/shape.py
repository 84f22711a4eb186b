"""The shape of each record in the data files, written once: its keys in the format's order,
which are required, and what kind of value each holds.

Everything that turns records into data or data into records is derived from these tables:
the loader's accepted and required keys and how it reads each value (``load``), the writer's
key order and what it leaves out (``writer``), the plain JSON-like form that diffs and JSON
outputs use (``plain``), and the ``properties`` and ``required`` of the JSON Schemas
(``schema_files``). A key's name is the name of the record's attribute it fills; a key absent
from a file gives the attribute's default (``None`` where the attribute has none).

Each ``Kind`` reads a value in two ways: ``read`` through a ``Fields`` (reporting whatever is
wrong, with file, line and field path) and ``quick``, which takes a raw value as the reader
built it and returns the same value, or ``DECLINE`` at the first sign of anything unusual
(then ``read`` reads it again and says what is wrong). ``quick`` must never accept what
``read`` refuses: ``tests/test_load_fast.py`` checks that, value kind by value kind.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

import attrs

from .dates import PartialDate, parse_partial_date
from .fields import SLUG, Fields
from .model import ChangeRecord, Entry, Instrument, ListInfo, Name
from .suggest import did_you_mean
from .vocab import Action, Certainty, EntryStatus, EntryType, InstrumentKind, NameKind
from .yamlio import YMap, YSeq

__all__ = [
    "CHANGE",
    "DECLINE",
    "ENTRY",
    "ENTRY_NAME",
    "INSTRUMENT",
    "LANG",
    "LIST_NAME",
    "URL",
    "Context",
    "Key",
    "Kind",
    "Shape",
]

#: What ``Kind.quick`` returns for anything it does not accept as it stands.
DECLINE: Any = object()
#: A language: ISO 639-1, two lower-case letters.
LANG = re.compile(r"\A[a-z]{2}\Z")
#: An http(s) URL in full: no white space, control or bidi character anywhere, nothing after it.
URL = re.compile(
    r"\Ahttps?://[^\s\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]+\Z"
)

R = TypeVar("R")
E = TypeVar("E", bound=enum.Enum)


@attrs.define
class Context:
    """What reading a value may depend on besides the value: the list whose instruments a
    ``basis`` names, and the dates parsed so far (they repeat: each is parsed once)."""

    info: ListInfo | None = None
    dates: dict[str, PartialDate] = attrs.field(factory=dict)


def _text(raw: Any) -> bool:
    return type(raw) is str and bool(raw.strip())


class Kind:
    """What a key holds: how it is read, written as YAML data, given as JSON, and described in
    a JSON Schema."""

    def read(self, f: Fields, key: str, ctx: Context) -> Any:
        """The value, or ``None`` when absent or wrong (what is wrong is reported to ``f``)."""
        raise NotImplementedError

    def quick(self, raw: Any, ctx: Context) -> Any:
        """The value ``read`` would give for ``raw`` when nothing is wrong with it, else
        ``DECLINE``."""
        raise NotImplementedError

    def yaml(self, value: Any) -> Any:
        """Plain data for the YAML writer (dates as dates, so they are written plain)."""
        return value

    def json(self, value: Any, text: Callable[[str], str]) -> Any:
        """JSON-like data; ``text`` is applied to free text (e.g. Unicode normalization)."""
        return value

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError


class Text(Kind):
    """Free text: not empty, not only white space."""

    def read(self, f: Fields, key: str, ctx: Context) -> Any:
        return f.text(key)

    def quick(self, raw: Any, ctx: Context) -> Any:
        return raw if type(raw) is str and raw.strip() else DECLINE

    def json(self, value: Any, text: Callable[[str], str]) -> Any:
        return text(value)

    def schema(self) -> dict[str, Any]:
        return {"$ref": "#/$defs/text"}


class Slug(Kind):
    """A lower-case id: ``a-z``, ``0-9``, ``- . _``."""

    def read(self, f: Fields, key: str, ctx: Context) -> Any:
        return f.slug(key)

    def quick(self, raw: Any, ctx: Context) -> Any:
        return raw if type(raw) is str and SLUG.match(raw) else DECLINE

    def schema(self) -> dict[str, Any]:
        return {"$ref": "#/$defs/id"}


class Pattern(Kind):
    """Text matching a regular expression (a URL, a language code)."""

    def __init__(self, regex: re.Pattern[str], what: str, ref: str) -> None:
        self.regex, self.what, self.ref = regex, what, ref

    def read(self, f: Fields, key: str, ctx: Context) -> Any:
        return f.pattern(key, self.regex, self.what)

    def quick(self, raw: Any, ctx: Context) -> Any:
        if type(raw) is str and raw.strip() and self.regex.match(raw):
            return raw
        return DECLINE

    def schema(self) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{self.ref}"}


class Day(Kind):
    """A full date, ``YYYY-MM-DD``."""

    def read(self, f: Fields, key: str, ctx: Context) -> Any:
        return f.date(key)

    def quick(self, raw: Any, ctx: Context) -> Any:
        if not _text(raw):
            return DECLINE
        day = _partial(raw, ctx)
        return day.start if day is not None and day.is_full else DECLINE

    def json(self, value: Any, text: Callable[[str], str]) -> Any:
        return str(value)

    def schema(self) -> dict[str, Any]:
        return {"$ref": "#/$defs/date"}


def _partial(raw: str, ctx: Context) -> PartialDate | None:
    found = ctx.dates.get(raw)
    if found is None:
        try:
            found = ctx.dates[raw] = parse_partial_date(raw)
        except ValueError:
            return None
    return found


class Partial(Kind):
    """A date that may lack its day or month: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""

    def read(self, f: Fields, key: str, ctx: Context) -> Any:
        return f.partial_date(key)

    def quick(self, raw: Any, ctx: Context) -> Any:
        found = ctx.dates.get(raw) if type(raw) is str else None
        if found is not None:
            return found
        if not _text(raw):
            return DECLINE
        found = _partial(raw, ctx)
        return DECLINE if found is None else found

    def yaml(self, value: Any) -> Any:
        return value.start if value.is_full else str(value)

    def json(self, value: Any, text: Callable[[str], str]) -> Any:
        return str(value)

    def schema(self) -> dict[str, Any]:
        return {"$ref": "#/$defs/partial-date"}


class Choice(Kind, Generic[E]):
    """One value of a vocabulary (``vocab``)."""

    def __init__(self, vocab: type[E]) -> None:
        self.vocab = vocab
        self.members = {m.value: m for m in vocab}

    def read(self, f: Fields, key: str, ctx: Context) -> Any:
        return f.choice(key, self.vocab)

    def quick(self, raw: Any, ctx: Context) -> Any:
        return self.members.get(raw, DECLINE) if type(raw) is str else DECLINE

    def yaml(self, value: Any) -> Any:
        return value.value

    def json(self, value: Any, text: Callable[[str], str]) -> Any:
        return value.value

    def schema(self) -> dict[str, Any]:
        return {"enum": list(self.members)}


class Sureness(Choice[Certainty]):
    """A ``certainty``: anything but ``confirmed`` needs the key ``explained_by`` to say what
    is uncertain or inferred, and why."""

    def __init__(self, explained_by: str) -> None:
        super().__init__(Certainty)
        self.explained_by = explained_by

    def read(self, f: Fields, key: str, ctx: Context) -> Any:
        certainty = f.choice(key, Certainty)
        if certainty not in (None, Certainty.CONFIRMED) and self.explained_by not in f.node:
            assert certainty is not None
            f.out.add(
                f.line_of(key),
                f._path(self.explained_by),
                "missing-field",
                f"certainty {certainty.value!r} needs '{self.explained_by}': "
                "what is uncertain, and why",
            )
        return certainty


class Ids(Kind):
    """Instrument ids of the list (at least one): a ``basis`` or a change's ``scope``."""

    def read(self, f: Fields, key: str, ctx: Context) -> Any:
        assert ctx.info is not None
        info = ctx.info
        ids = f.text_list(key, slugs=True, non_empty=True)
        for item, line, field in f.items(key):
            if isinstance(item, str) and item in ids and not info.has_instrument(item):
                known = (i.id for i in info.instruments)
                f.out.add(
                    line,
                    field,
                    "unknown-basis",
                    f"{item!r} is not an instrument of list {info.id!r}"
                    + did_you_mean(item, known),
                )
        return tuple(ids) if key in f.node else None

    def quick(self, raw: Any, ctx: Context) -> Any:
        assert ctx.info is not None
        if type(raw) is not YSeq or not raw:
            return DECLINE
        has = ctx.info.has_instrument
        for item in raw:
            if type(item) is not str or not SLUG.match(item) or not has(item):
                return DECLINE
        return tuple(raw)

    def yaml(self, value: Any) -> Any:
        return list(value)

    def json(self, value: Any, text: Callable[[str], str]) -> Any:
        return list(value)

    def schema(self) -> dict[str, Any]:
        return {"$ref": "#/$defs/ids"}


class Texts(Kind):
    """A list of text items (possibly empty)."""

    def read(self, f: Fields, key: str, ctx: Context) -> Any:
        return tuple(f.text_list(key)) if key in f.node else None

    def quick(self, raw: Any, ctx: Context) -> Any:
        if type(raw) is not YSeq or not all(_text(item) for item in raw):
            return DECLINE
        return tuple(raw)

    def yaml(self, value: Any) -> Any:
        return list(value)

    def json(self, value: Any, text: Callable[[str], str]) -> Any:
        return [text(item) for item in value]

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": {"$ref": "#/$defs/text"}}


class Refs(Kind):
    """Cross-references: a mapping of scheme to id, held as (scheme, id) pairs sorted by
    scheme (key order in YAML means nothing)."""

    def read(self, f: Fields, key: str, ctx: Context) -> Any:
        return tuple(f.text_mapping(key)) if key in f.node else None

    def quick(self, raw: Any, ctx: Context) -> Any:
        if type(raw) is not YMap:
            return DECLINE
        for value in raw.values():
            if type(value) is not str or not value.strip():
                return DECLINE
        return tuple(sorted(raw.items()))

    def yaml(self, value: Any) -> Any:
        return dict(value)

    def json(self, value: Any, text: Callable[[str], str]) -> Any:
        return {scheme: text(item) for scheme, item in value}

    def schema(self) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": {"$ref": "#/$defs/text"}}


class Records(Kind, Generic[R]):
    """A list of records of one shape (an entry's other names)."""

    def __init__(self, shape: Shape[R]) -> None:
        self.shape = shape

    def read(self, f: Fields, key: str, ctx: Context) -> Any:
        found = []
        for node, line, field in f.items(key):
            item = Fields(f.out, node, line, field, self.shape.required, self.shape.optional)
            values = self.shape.read(item, ctx)
            if all(values[k] is not None for k in self.shape.required):
                found.append(self.shape.build(values))
        return tuple(found) if key in f.node else None

    def quick(self, raw: Any, ctx: Context) -> Any:
        if type(raw) is not YSeq:
            return DECLINE
        found = []
        quick, make = self.shape.quick, self.shape.record
        positional = self.shape.positional
        for node in raw:
            values = quick(node, ctx)
            if values is None:
                return DECLINE
            found.append(make(*values.values()) if positional else make(**values))
        return tuple(found)

    def yaml(self, value: Any) -> Any:
        return [self.shape.yaml(item) for item in value]

    def json(self, value: Any, text: Callable[[str], str]) -> Any:
        return [self.shape.json(item, text) for item in value]

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": self.shape.schema()}


@attrs.frozen
class Key:
    """One key of a record: its name (the attribute it fills), its kind, whether the format
    requires it, and what the JSON Schema says of it beyond its kind."""

    name: str
    kind: Kind
    required: bool = False
    description: str | None = None


def _identity(text: str) -> str:
    return text


class Shape(Generic[R]):
    """A record's keys, in the format's order (the order the writer writes them in)."""

    def __init__(self, record: type[R], keys: Iterable[Key]) -> None:
        self.record = record
        self.keys: tuple[Key, ...] = tuple(keys)
        self.by_name = {k.name: k for k in self.keys}
        self.required = tuple(k.name for k in self.keys if k.required)
        self.optional = tuple(k.name for k in self.keys if not k.required)
        self.allowed = frozenset(self.by_name)
        attributes = {a.name: a for a in attrs.fields(record)}  # type: ignore[arg-type]
        unknown = self.allowed - attributes.keys()
        if unknown:
            raise TypeError(f"{record.__name__} has no attribute {', '.join(sorted(unknown))}")
        #: Each attribute's value when its key is absent.
        self.absent: dict[str, Any] = {
            k.name: None
            if attributes[k.name].default is attrs.NOTHING
            else attributes[k.name].default
            for k in self.keys
        }
        self._has_line = "line" in attributes
        init = [a.name for a in attributes.values() if a.init and a.name != "line"]
        #: Whether the keys are the record's attributes in order (then values go positionally).
        self.positional = init == [k.name for k in self.keys]
        self._quick = {k.name: k.kind.quick for k in self.keys}

    # -- reading

    def read(self, f: Fields, ctx: Context, names: Iterable[str] | None = None) -> dict[str, Any]:
        """The values of the keys ``names`` (default: all), in the table's order, each read by
        its kind; an absent or wrong key gives ``None`` (what is wrong is reported to ``f``)."""
        wanted = self.keys if names is None else [self.by_name[n] for n in names]
        return {k.name: k.kind.read(f, k.name, ctx) for k in wanted}

    def quick(self, node: Any, ctx: Context) -> dict[str, Any] | None:
        """Every attribute's value, when the mapping ``node`` has only keys of this shape, all
        the required ones, and nothing wrong in any value (see ``Kind.quick``); else ``None``."""
        if type(node) is not YMap:
            return None
        for name in self.required:
            if name not in node:
                return None
        values = self.absent.copy()
        quick = self._quick
        for name, raw in node.items():
            read = quick.get(name)
            if read is None:
                return None
            value = read(raw, ctx)
            if value is DECLINE:
                return None
            values[name] = value
        return values

    def build(self, values: dict[str, Any], line: int = 0) -> R:
        """The record of these values (``None``, for a key absent or wrong, standing for the
        attribute's value when the key is absent)."""
        complete = {**self.absent, **{k: v for k, v in values.items() if v is not None}}
        if self._has_line:
            complete["line"] = line
        return self.record(**complete)

    # -- writing

    def yaml(self, record: R) -> dict[str, Any]:
        """The record as plain data for the YAML writer, keys in the format's order; an
        optional key whose value is the default is left out."""
        data: dict[str, Any] = {}
        absent = self.absent
        for k in self.keys:
            value = getattr(record, k.name)
            if k.required or value != absent[k.name]:
                data[k.name] = k.kind.yaml(value)
        return data

    def json(self, record: R, text: Callable[[str], str] = _identity) -> dict[str, Any]:
        """The record as JSON-like data: every key, ``null`` where it has no value."""
        return {k.name: self.json_value(k, getattr(record, k.name), text) for k in self.keys}

    @staticmethod
    def json_value(key: Key, value: Any, text: Callable[[str], str] = _identity) -> Any:
        """One attribute's value as ``json`` gives it under its key."""
        return None if value is None else key.kind.json(value, text)

    # -- describing

    def schema(self) -> dict[str, Any]:
        """The JSON Schema of a mapping of this shape: no other keys, the required ones."""
        return {
            "type": "object",
            "additionalProperties": False,
            "required": list(self.required),
            "properties": self.properties(),
        }

    def properties(self) -> dict[str, Any]:
        found = {}
        for k in self.keys:
            described = k.kind.schema()
            if k.description is not None:  # after "type", where there is one
                head = {"type": described.pop("type")} if "type" in described else {}
                described = {**head, "description": k.description, **described}
            found[k.name] = described
        return found


_TEXT, _SLUG, _DAY, _PARTIAL, _IDS = Text(), Slug(), Day(), Partial(), Ids()
_URL = Pattern(URL, "an http(s) URL", "url")
_LANG = Pattern(LANG, "an ISO 639-1 language code (two lower-case letters)", "lang")
_CERTAINTY = (
    "How sure the sources make this fact: confirmed (the default), uncertain or inferred; "
    "anything but confirmed needs a note saying why."
)

#: Another name of a list (``names`` in ``list.yaml``).
LIST_NAME = Shape(Name, [Key("name", _TEXT, required=True), Key("lang", _LANG)])

#: Another name of an entry.
ENTRY_NAME = Shape(
    Name,
    [Key("name", _TEXT, required=True), Key("lang", _LANG), Key("kind", Choice(NameKind))],
)

#: A legal act of a list (an item of ``instruments`` in ``list.yaml``).
INSTRUMENT = Shape(
    Instrument,
    [
        Key("id", _SLUG, required=True),
        Key("kind", Choice(InstrumentKind), required=True),
        Key("authority", _TEXT, required=True),
        Key("reference", _TEXT),
        Key("title", _TEXT),
        Key("date", _PARTIAL),  # required unless a programme: see load._instrument
        Key("effective", _PARTIAL),
        Key("provisions", Texts()),
        Key("url", _URL),
        Key("certainty", Sureness("note"), description=_CERTAINTY),
        Key("note", _TEXT),
        Key(
            "sources",
            Texts(),
            description="Where the facts about the act come from: seed ids, URLs or citations "
            "in words.",
        ),
    ],
)

#: One designation (an item of a snapshot's ``entries``).
ENTRY = Shape(
    Entry,
    [
        Key("id", _SLUG, required=True),
        Key("name", _TEXT, required=True),
        Key("names", Records(ENTRY_NAME)),
        Key("type", Choice(EntryType), required=True),
        Key("status", Choice(EntryStatus)),
        Key("listed_on", _PARTIAL),  # one of listed_on and first_seen: see load._entry
        Key(
            "first_seen",
            _DAY,
            description="The as_of of the first publication that held the entry, where the "
            "source gives no listing date (exactly one of listed_on and first_seen).",
        ),
        Key("basis", _IDS, required=True),
        Key("refs", Refs()),
        Key("notes", _TEXT),
        Key("certainty", Sureness("notes"), description=_CERTAINTY),
    ],
)

#: A legal act between the previous snapshot and this one (an item of ``changes``).
CHANGE = Shape(
    ChangeRecord,
    [
        Key("entry", _SLUG, required=True),
        Key("action", Choice(Action), required=True),
        Key("basis", _IDS, required=True),
        Key("effective", _PARTIAL, required=True),
        Key("note", _TEXT),
        Key(
            "scope",
            _IDS,
            description="For 'listed' and 'delisted' only: the instrument ids under which the "
            "entry was listed or delisted while it stays on the list (a partial listing or "
            "delisting).",
        ),
    ],
)
