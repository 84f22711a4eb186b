"""The compiled helpers of ``_yamltree.c`` (``relined``, ``shares_values``, ``cut_items``,
``skeleton_text``) called from Python with hostile arguments: each refuses them with a Python
exception, never a crash, a ``SystemError`` or a read or write out of bounds."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator

import attrs
import pytest

from .readers import COMPILED

pytestmark = pytest.mark.skipif(COMPILED is None, reason="the compiled reader was not built")


class Slotted:
    __slots__ = ("a", "line")
    a: object
    line: object


class Deeper(Slotted):
    __slots__ = ("b",)
    b: object


class WithDict:
    __slots__ = ("__dict__", "a", "line")
    a: object
    line: object


@pytest.mark.parametrize(
    ("first", "line", "indent"),
    [(-1, 1, 0), (99, 1, 0), (0, 1, -1), (0, -1, 0), (0, sys.maxsize, 0)],
)
def test_cut_items_refuses_a_start_out_of_the_text(first: int, line: int, indent: int) -> None:
    with pytest.raises(ValueError, match="cut_items"):
        COMPILED.cut_items(b"- a\n- b\n", first, line, indent)


def test_cut_items_at_the_edges() -> None:
    assert COMPILED.cut_items(b"", 0, 1, 0) == ([0], [1], 0, 0)
    assert COMPILED.cut_items(b"- a\n", 4, 1, 0) == ([4], [1], 4, 0)
    assert COMPILED.cut_items(b"- a\n   - b\n", 0, 1, sys.maxsize) == ([0], [1], 4, 2)


class _Clears:
    """A ``known`` whose membership test empties a list."""

    def __init__(self, victim: list[object]) -> None:
        self.victim = victim

    def __contains__(self, item: object) -> bool:
        self.victim.clear()
        return True


@pytest.mark.parametrize("victim", ["starts", "digests"])
def test_skeleton_text_refuses_lists_changed_under_it(victim: str) -> None:
    starts: list[object] = [0, 1, 2, 3]
    digests: list[object] = [b"a", b"b", b"c", b"d"]
    known = _Clears(starts if victim == "starts" else digests)
    with pytest.raises(RuntimeError, match="changed size"):
        COMPILED.skeleton_text(b"abcdef", starts, 6, digests, known, b"- 0")


class _Overlaps:
    """A ``known`` that moves the next start back over the piece just done."""

    def __init__(self, starts: list[object]) -> None:
        self.starts = starts
        self.calls = 0

    def __contains__(self, item: object) -> bool:
        self.calls += 1
        if self.calls < len(self.starts):
            self.starts[self.calls] = 0
        return False


def test_skeleton_text_never_copies_a_piece_twice() -> None:
    data = b"x" * 64
    starts: list[object] = [0, *range(8, 64, 8)]
    text, replaced = COMPILED.skeleton_text(
        data, starts, 64, [b"d"] * len(starts), _Overlaps(starts), b"- 0"
    )
    assert (text, replaced) == (data, [])


@pytest.mark.parametrize(
    ("data", "starts", "end"),
    [
        (b"abc", [], 3),
        (b"abc", [0], -1),
        (b"abc", [0], 4),
        (b"abcdef", [0, 4, 2], 6),
        (b"abcdef", [5], 3),
        (b"abcdef", [-1], 3),
    ],
)
def test_skeleton_text_refuses_a_bad_cut(data: bytes, starts: list[object], end: int) -> None:
    with pytest.raises(ValueError, match="bad cut"):
        COMPILED.skeleton_text(data, starts, end, [b"x"] * len(starts), {b"x"}, b"- 0")


@pytest.fixture
def collector_at_every_allocation() -> Iterator[None]:
    """The cycle collector run at each allocation of a container, so that a finalizer runs
    inside the C function under test. From Python 3.12 an allocation only schedules it, for
    the interpreter's next check between bytecodes: nothing runs inside these functions,
    which call no Python code, so there is nothing to test."""
    if sys.version_info >= (3, 12):
        pytest.skip("from Python 3.12 the collector never runs inside a C function")
    before = gc.get_threshold()
    gc.set_threshold(1)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def test_relined_refuses_lists_changed_by_a_finalizer(collector_at_every_allocation: None) -> None:
    objects: list[object] = []
    for i in range(2000):
        s = Slotted()
        s.a, s.line = [i], 0
        objects.append(s)
    lines: list[object] = [1] * len(objects)
    left = [50]

    class Bomb:
        """Garbage in a cycle: its finalizer leaves another one, and the 50th empties the
        lists, while ``relined`` makes its copies (each may run the collector)."""

        def __init__(self) -> None:
            self.cycle = self

        def __del__(self) -> None:
            left[0] -= 1
            if left[0] > 0:
                Bomb()
            else:
                objects.clear()
                lines.clear()

    Bomb()
    with pytest.raises(RuntimeError, match="changed size"):
        COMPILED.relined(objects, lines, vars(Slotted)["line"])


@pytest.mark.parametrize(
    "slot", [vars(Deeper)["b"], vars(WithDict)["line"]], ids=["subclass", "dict"]
)
def test_relined_and_shares_values_refuse_a_class_whose_values_are_not_all_slots(
    slot: object,
) -> None:
    """A slot of a base class, or the ``__dict__``, would be left out of the copy and of the
    comparison: such a class is refused, not half compared."""
    x, y = Deeper(), Deeper()
    x.a = y.a = x.b = y.b = 1
    x.line, y.line = 1, 2
    with pytest.raises(TypeError, match="shares_values"):
        COMPILED.shares_values([x], [y], slot)
    with pytest.raises(TypeError, match="relined"):
        COMPILED.relined([x], [3], slot)


def test_shares_values_of_a_slotted_class_compares_every_slot_but_the_line() -> None:
    x, y, z = Slotted(), Slotted(), Slotted()
    x.a = y.a = object()
    z.a = object()
    x.line, y.line, z.line = 1, 2, 1
    assert COMPILED.shares_values([x, x], [y, z], vars(Slotted)["line"]) == [True, False]


@attrs.frozen
class _Pair:
    left: object
    right: object


def _pair_plan(nested: bool) -> tuple[object, ...]:
    slots = (vars(_Pair)["left"], vars(_Pair)["right"])
    flat = (slots, (None, None))
    return (slots, (None, (1, flat))) if nested else flat


def _bombs(left: int, then: Callable[[], None]) -> None:
    """Garbage in a cycle whose finalizer leaves another one, ``left`` times, then calls
    ``then``: with the collector run at every allocation, it runs inside the call under test."""
    count = [left]

    class Bomb:
        def __init__(self) -> None:
            self.cycle = self

        def __del__(self) -> None:
            count[0] -= 1
            if count[0] > 0:
                Bomb()
            else:
                then()

    Bomb()


@pytest.mark.parametrize("direction", ["from_rows", "to_rows"])
def test_from_rows_and_to_rows_refuse_a_list_changed_by_a_finalizer(
    direction: str, collector_at_every_allocation: None
) -> None:
    if direction == "from_rows":
        items: list[object] = [(i, ((i, i),)) for i in range(2000)]
    else:
        items = [_Pair(i, (_Pair(i, i),)) for i in range(2000)]
    _bombs(50, items.clear)
    with pytest.raises(RuntimeError, match="changed size"):
        getattr(COMPILED, direction)(items, _pair_plan(nested=True))


def test_to_rows_holds_the_records_within_a_record_a_finalizer_replaces(
    collector_at_every_allocation: None,
) -> None:
    """A finalizer sets every record's tuple of records to ``()`` (freeing the old one) while
    ``to_rows`` turns them: each row has the tuple the record held when its turn came."""
    records = [_Pair(i, tuple(_Pair(j, str(j)) for j in range(20))) for i in range(300)]

    def replace() -> None:
        for r in records:
            object.__setattr__(r, "right", ())

    plan = _pair_plan(nested=True)
    whole = tuple((j, str(j)) for j in range(20))
    _bombs(1000, replace)
    made = COMPILED.to_rows(records, plan)
    assert [row[0] for row in made] == list(range(300))
    assert all(row[1] in (whole, ()) for row in made)
    # The finalizer ran while the rows were made (each row is 21 allocations).
    assert whole in [row[1] for row in made] and () in [row[1] for row in made]
