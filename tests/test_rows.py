"""``rows``: records as rows and back, as the cache stores entries. The compiled form
(``_yamltree.from_rows`` / ``to_rows``) gives exactly what the Python form gives, the rows
survive the cache's encoding, and a plan or a row that does not fit is refused with a Python
exception, never a crash."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import msgspec
import pytest

from designations import rows
from designations.dates import PartialDate
from designations.model import Entry, Name
from designations.vocab import Certainty, EntryStatus, EntryType, NameKind

from .readers import COMPILED

needs_compiled = pytest.mark.skipif(COMPILED is None, reason="the compiled reader was not built")
PLAN = rows.Plan.of(Entry)


def _entries() -> list[Entry]:
    """Entries with every kind of value: dates full, partial and absent, names with and without
    language and kind, refs, notes, every status and certainty, ``first_seen``, lines."""
    found = []
    for i in range(40):
        dated = i % 4 != 3
        found.append(
            Entry(
                f"e{i}",
                f"Name {i} Тали́бан",
                list(EntryType)[i % len(EntryType)],
                [
                    PartialDate(2020, 1 + i % 12, 1 + i % 28),
                    PartialDate(2019, 5),
                    PartialDate(2001),
                ][i % 3]
                if dated
                else None,
                ("act",) if i % 2 else ("act", "other"),
                names=tuple(
                    Name(f"Alias {i}.{k}", ("ru", None)[k % 2], (None, *NameKind)[k % 4])
                    for k in range(i % 5)
                ),
                status=list(EntryStatus)[i % len(EntryStatus)],
                refs=(("un", f"QDe.{i:03d}"),) if i % 3 else (),
                notes=None if i % 2 else "a note\nover two lines",
                certainty=list(Certainty)[i % len(Certainty)],
                first_seen=None if dated else dt.date(2021, 1, 1 + i % 28),
                line=10 * i + 3,
            )
        )
    return found


def test_rows_are_the_values_in_field_order_records_within_as_rows() -> None:
    entry = Entry(
        "e1",
        "Taliban",
        EntryType.ORGANIZATION,
        PartialDate(2003, 2, 14),
        ("sc-2003",),
        names=(Name("Талибан", "ru", NameKind.OFFICIAL),),
        refs=(("un", "TAe.010"),),
        line=7,
    )
    assert PLAN.row_of(entry) == (
        "e1",
        "Taliban",
        EntryType.ORGANIZATION,
        (2003, 2, 14),
        ("sc-2003",),
        (("Талибан", "ru", NameKind.OFFICIAL),),
        EntryStatus.ACTIVE,
        (("un", "TAe.010"),),
        None,
        Certainty.CONFIRMED,
        None,
        7,
    )
    assert PLAN.record_of(PLAN.row_of(entry)) == entry


def test_records_survive_the_caches_encoding_with_their_lines() -> None:
    entries = _entries()
    encoded = msgspec.msgpack.encode(PLAN.rows(entries))
    decoded = msgspec.msgpack.Decoder(list[PLAN.row_type]).decode(encoded)  # type: ignore[name-defined]
    back = PLAN.records(decoded)
    assert back == entries
    assert [e.line for e in back] == [e.line for e in entries]
    assert all(type(e.listed_on) in (PartialDate, type(None)) for e in back)


def test_the_decoder_refuses_a_row_of_the_wrong_shape() -> None:
    row = list(PLAN.row_of(_entries()[0]))
    row[2] = "not-a-type"  # not an EntryType
    decoder = msgspec.msgpack.Decoder(list[PLAN.row_type])  # type: ignore[name-defined]
    with pytest.raises(msgspec.ValidationError):
        decoder.decode(msgspec.msgpack.encode([row]))
    with pytest.raises(msgspec.ValidationError):
        decoder.decode(msgspec.msgpack.encode([row[:-1]]))


@needs_compiled
def test_compiled_and_python_forms_agree() -> None:
    entries = _entries()
    made = PLAN.rows(entries)
    assert made == [PLAN.row_of(e) for e in entries]  # the Python form
    back = PLAN.records(made)
    again = [PLAN.record_of(r) for r in made]
    assert back == again == entries
    for a, b in zip(back, again, strict=True):
        assert attrs.asdict(a, recurse=False) == attrs.asdict(b, recurse=False)
        assert type(a.names) is tuple and all(type(n) is Name for n in a.names)
        assert hash(a) == hash(b)


def test_a_class_made_by_more_than_setting_its_values_has_no_plan() -> None:
    @attrs.frozen
    class Checked:
        value: int = attrs.field(validator=attrs.validators.instance_of(int))

    @attrs.frozen
    class Indexed:
        value: int

        def __attrs_post_init__(self) -> None:
            pass

    with pytest.raises(TypeError, match="not a plain value"):
        rows.Plan.of(Checked)
    with pytest.raises(TypeError, match="more than setting"):
        rows.Plan.of(Indexed)


@attrs.frozen
class _KeywordOnly:
    value: int
    later: int = attrs.field(kw_only=True)


@attrs.frozen
class _PreInit:
    value: int

    def __attrs_pre_init__(self) -> None:
        pass


@attrs.frozen(init=False)
class _OwnInit:
    value: int

    def __init__(self, value: int) -> None:
        self.__attrs_init__(value * 2)


@attrs.frozen(cache_hash=True)
class _CachedHash:
    value: int


@attrs.define(slots=False)
class _NoSlots:
    value: int


@attrs.frozen
class _Base:
    value: int


@attrs.frozen
class _Derived(_Base):
    more: int


class _NotAttrs:
    __slots__ = ("value",)


@pytest.mark.parametrize(
    "record",
    [_KeywordOnly, _PreInit, _OwnInit, _CachedHash, _NoSlots, _Derived, _NotAttrs, int],
)
def test_a_class_whose_init_does_more_or_whose_values_are_not_its_slots_has_no_plan(
    record: type[Any],
) -> None:
    # Each would make the two forms differ (the compiled form sets the slots, the Python form
    # calls __init__ positionally) or fail only when used.
    with pytest.raises(TypeError, match=record.__name__):
        rows.Plan.of(record)


@attrs.frozen
class _Plain:
    _private: int
    aliased: str = attrs.field(alias="other")
    made: tuple[int, ...] = attrs.field(factory=tuple)


def test_factories_aliases_and_private_names_are_plain_values() -> None:
    plan = rows.Plan.of(_Plain)
    records = [_Plain(1, "a", (2, 3)), _Plain(4, other="b")]
    assert plan.names == ("_private", "aliased", "made")
    made = plan.rows(records)
    assert made == [plan.row_of(r) for r in records] == [(1, "a", (2, 3)), (4, "b", ())]
    assert plan.records(made) == [plan.record_of(r) for r in made] == records


@attrs.frozen
class Pair:
    left: object
    right: object


@attrs.frozen
class Other:
    left: object
    right: object


PAIR = rows.Plan.of(Pair)


@needs_compiled
@pytest.mark.parametrize(
    "plan",
    [
        None,
        (),
        ((), ()),
        ((Pair.left,), (None,)),  # not every slot
        ((Pair.left, Pair.left), (None, None)),  # one slot twice
        ((Pair.left, Other.right), (None, None)),  # slots of two classes
        ((Pair.left, Pair.right), (None,)),
        ((Pair.left, Pair.right), (None, (2, PAIR.compiled))),  # no such kind
        ((Pair.left, Pair.right), (None, (0, "plan"))),
        ((Pair.left, "right"), (None, None)),
        ((Entry.line, Name.name), (None, None)),
    ],
)
def test_a_plan_that_does_not_fit_is_refused(plan: Any) -> None:
    assert COMPILED is not None
    with pytest.raises(TypeError, match="rows"):
        COMPILED.from_rows([], plan)
    with pytest.raises(TypeError, match="rows"):
        COMPILED.to_rows([], plan)


@needs_compiled
def test_a_plan_nested_too_deep_is_refused() -> None:
    plan = PAIR.compiled
    for _ in range(10):
        plan = ((Pair.left, Pair.right), (None, (0, plan)))
    assert COMPILED is not None
    with pytest.raises(TypeError, match="rows"):
        COMPILED.from_rows([], plan)


@attrs.frozen
class _Wide:
    a: object
    b: object
    c: object
    d: object
    e: object
    f: object
    g: object
    h: object


@needs_compiled
def test_a_plan_of_too_many_records_is_refused() -> None:
    # Each level names the one below eight times: 4681 plans from a few tuples (with 64
    # values a level, 17 million, more memory than the machine has).
    slots = tuple(vars(_Wide)[f.name] for f in attrs.fields(_Wide))
    plan: Any = (slots, (None,) * 8)
    for _ in range(4):
        plan = (slots, ((0, plan),) * 8)
    assert COMPILED is not None
    with pytest.raises(TypeError, match="too many"):
        COMPILED.from_rows([], plan)
    with pytest.raises(TypeError, match="too many"):
        COMPILED.to_rows([], plan)
    assert COMPILED.from_rows([], PLAN.compiled) == []  # Entry's: three plans


@attrs.frozen
class _Leaf:
    value: int


def _chain(levels: int) -> type[Any]:
    """A record class with ``levels`` levels of records within records below it."""
    record: type[Any] = _Leaf
    for level in range(levels):
        record = attrs.frozen(
            type(f"_Level{level}", (), {"__annotations__": {"inner": record, "n": int}})
        )
    return record


def _wide(fields: int) -> type[Any]:
    """A record class with ``fields`` records within it (as many plans, and its own)."""
    annotations = {f"f{i}": _Leaf for i in range(fields)}
    return attrs.frozen(type(f"_Wide{fields}", (), {"__annotations__": annotations}))


def test_a_plan_within_the_compiled_forms_bounds_works_in_both_forms() -> None:
    for record, value in [
        (_chain(rows.MAX_DEPTH), (((((1,), 2), 3), 4), 5)),
        (_wide(rows.MAX_PLANS - 1), ((7,),) * (rows.MAX_PLANS - 1)),
    ]:
        plan = rows.Plan.of(record)
        made = plan.records([value])
        assert made == [plan.record_of(value)]
        assert plan.rows(made) == [plan.row_of(made[0])] == [value]


@pytest.mark.parametrize(
    "record", [_chain(rows.MAX_DEPTH + 1), _wide(rows.MAX_PLANS)], ids=["deep", "wide"]
)
def test_a_plan_beyond_the_compiled_forms_bounds_is_refused_when_made(record: type[Any]) -> None:
    # Else the Python form would turn its records and the compiled one refuse them when used.
    with pytest.raises(TypeError, match="too many or too deep"):
        rows.Plan.of(record)


@needs_compiled
@pytest.mark.parametrize(
    "found",
    [
        [None],
        [("a",)],
        [("a", "b", "c")],
        [["a", "b"]],
        [("a", ["not", "a", "tuple"])],
        [("a", ("b",))],
    ],
)
def test_rows_that_do_not_fit_the_plan_are_refused(found: list[Any]) -> None:
    nested = rows.Plan.of(Pair)
    nested.compiled = ((Pair.left, Pair.right), (None, (1, PAIR.compiled)))
    assert COMPILED is not None
    with pytest.raises(TypeError, match="from_rows"):
        COMPILED.from_rows(found, nested.compiled)


@needs_compiled
def test_records_of_another_class_are_refused() -> None:
    assert COMPILED is not None
    with pytest.raises(TypeError, match="to_rows"):
        COMPILED.to_rows([Other(1, 2)], PAIR.compiled)
    with pytest.raises(TypeError, match="to_rows"):
        COMPILED.to_rows(
            [Pair(1, (Other(1, 2),))], ((Pair.left, Pair.right), (None, (1, PAIR.compiled)))
        )
    with pytest.raises(TypeError, match="to_rows"):
        COMPILED.to_rows(
            [Pair(1, [Pair(1, 2)])], ((Pair.left, Pair.right), (None, (1, PAIR.compiled)))
        )
    with pytest.raises(TypeError):
        PAIR.row_of(Other(1, 2))  # type: ignore[arg-type]


@needs_compiled
def test_nested_records_and_none_in_their_place() -> None:
    one = ((Pair.left, Pair.right), (None, (0, PAIR.compiled)))
    assert COMPILED is not None
    made = COMPILED.from_rows([(1, (2, 3)), (4, None)], one)
    assert made == [Pair(1, Pair(2, 3)), Pair(4, None)]
    assert COMPILED.to_rows(made, one) == [(1, (2, 3)), (4, None)]
