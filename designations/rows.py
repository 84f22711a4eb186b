"""Records as rows: each record a tuple of its attributes' values in the order of its fields,
the records within it (an entry's names, its date) rows too. The cache stores entries so: a row
decodes about twice as fast as a mapping of the same values, as it has no keys to match.

``Plan.of(Entry)`` derives everything from the record class itself (its fields and their
types), so a field added to a record is in its rows without another change here:

- ``row_type``: the type of a row, for the decoder to check every value it decodes;
- ``records(rows)`` and ``rows(records)``: one turned into the other, in C where the reader is
  compiled (``_yamltree.from_rows``, ``to_rows``), else by the Python below, which is what they
  do. The records are made without calling ``__init__``, so only classes whose ``__init__``
  does nothing but set the values have a plan (no validators, converters or post-init).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

import attrs

from .yamlio import compiled_function

__all__ = ["Plan"]

R = TypeVar("R")
_compiled_from_rows = compiled_function("from_rows")
_compiled_to_rows = compiled_function("to_rows")
#: What a field's value is in a row: as it is, one record (or ``None``), a tuple of records.
_PLAIN, _ONE, _EACH = -1, 0, 1
#: The most plans one plan may hold in all (itself included), and levels of records within
#: records below it: the bounds of the compiled form (``PLAN_NODES``, ``PLAN_DEPTH`` in
#: ``_yamltree.c``), here so that a plan beyond them is refused when made, in either form.
MAX_PLANS, MAX_DEPTH = 64, 4


class Plan(Generic[R]):
    """How the records of one class are turned into rows and back."""

    def __init__(self, record: type[R]) -> None:
        self.record: type[R] = record
        self.names: tuple[str, ...] = _plain_fields(record)
        hints = typing.get_type_hints(record)
        fields = [_field(hints[name]) for name in self.names]
        #: The fields whose values are records: (index, kind, plan).
        self._turned: list[tuple[int, int, Plan[Any]]] = [
            (index, kind, sub) for index, (kind, sub, _) in enumerate(fields) if sub is not None
        ]
        below = [sub for _, _, sub in self._turned]
        #: How many plans this one holds (itself included), and levels of records below it.
        self.size: int = 1 + sum(sub.size for sub in below)
        self.depth: int = max((sub.depth + 1 for sub in below), default=0)
        if self.size > MAX_PLANS or self.depth > MAX_DEPTH:
            raise TypeError(f"{record.__name__}: records within records too many or too deep")
        #: The type of a row, for ``msgspec`` to decode (and check) it.
        self.row_type: Any = tuple[tuple(row for _, _, row in fields)]  # type: ignore[misc]
        #: The plan as ``_yamltree`` takes it: the member descriptors and the subplans.
        self.compiled: tuple[Any, ...] = (
            tuple(vars(record)[name] for name in self.names),
            tuple(None if sub is None else (kind, sub.compiled) for kind, sub, _ in fields),
        )

    @classmethod
    def of(cls, record: type[R]) -> Plan[R]:
        return cls(record)

    def records(self, rows: list[tuple[Any, ...]]) -> list[R]:
        """The record of each row."""
        if _compiled_from_rows is not None:
            made: list[R] = _compiled_from_rows(rows, self.compiled)
            return made
        return [self.record_of(row) for row in rows]

    def rows(self, records: Sequence[R]) -> list[tuple[Any, ...]]:
        """The row of each record."""
        if _compiled_to_rows is not None:
            made: list[tuple[Any, ...]] = _compiled_to_rows(list(records), self.compiled)
            return made
        return [self.row_of(record) for record in records]

    def record_of(self, row: tuple[Any, ...]) -> R:
        if len(row) != len(self.names):
            raise TypeError(f"from_rows: a row of {self.record.__name__} has every value")
        if not self._turned:
            return self.record(*row)
        return self.record(*self._turn(list(row), Plan.record_of))

    def row_of(self, record: R) -> tuple[Any, ...]:
        if type(record) is not self.record:
            raise TypeError(f"to_rows: a record of another class than {self.record.__name__}")
        return tuple(self._turn(list(map(record.__getattribute__, self.names)), Plan.row_of))

    def _turn(self, values: list[Any], turn: Callable[[Plan[Any], Any], Any]) -> list[Any]:
        """``values`` with each value that is a record (or a tuple of them) turned by ``turn``
        of its plan (``record_of`` or ``row_of``)."""
        for index, kind, sub in self._turned:
            value = values[index]
            if value is not None:
                values[index] = (
                    turn(sub, value) if kind == _ONE else tuple(turn(sub, v) for v in value)
                )
        return values


def _plain_fields(record: type[Any]) -> tuple[str, ...]:
    """The names of the fields of ``record``, a class whose ``__init__`` (made by ``attrs``)
    does nothing but set them, in order, each in a slot of its own; else ``TypeError``. (The
    Python form calls ``__init__`` with the values in field order, the compiled form sets the
    slots: both give the same record only for such a class.)"""
    name = getattr(record, "__name__", repr(record))
    if not isinstance(record, type) or not attrs.has(record):
        raise TypeError(f"{name}: not an attrs class")
    own = vars(record)
    init = getattr(own.get("__init__"), "__code__", None)
    if (
        init is None
        or not init.co_filename.startswith("<attrs generated")
        or any(getattr(record, hook, None) is not None for hook in _HOOKS)
    ):
        raise TypeError(f"{name}: a record made by more than setting its values")
    fields = attrs.fields(record)
    for f in fields:
        if f.validator is not None or f.converter is not None or not f.init or f.kw_only:
            raise TypeError(f"{name}.{f.name}: not a plain value")
    names = tuple(f.name for f in fields)
    slots = set(own.get("__slots__", ())) - {"__weakref__"}
    if (
        record.__bases__ != (object,)
        or slots != set(names)
        or not all(type(own.get(n)) is types.MemberDescriptorType for n in names)
    ):
        raise TypeError(f"{name}: not a class whose values are its own slots, one for each field")
    return names


#: What ``attrs`` runs in ``__init__`` besides setting the values.
_HOOKS = ("__attrs_pre_init__", "__attrs_post_init__")


def _field(hint: Any) -> tuple[int, Plan[Any] | None, Any]:
    """How a field of this type is in a row: its kind, the plan of its records, its type."""
    optional = False
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1:
            optional, hint, args = True, rest[0], typing.get_args(rest[0])
    if attrs.has(hint):
        sub: Plan[Any] = Plan(hint)
        return _ONE, sub, sub.row_type | None if optional else sub.row_type
    if (
        typing.get_origin(hint) is tuple
        and len(args) == 2
        and args[1] is Ellipsis
        and attrs.has(args[0])
    ):
        sub = Plan(args[0])
        row = tuple[sub.row_type, ...]  # type: ignore[name-defined]
        return _EACH, sub, row | None if optional else row
    return _PLAIN, None, hint | None if optional else hint
