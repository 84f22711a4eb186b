"""Laws of name matching, for any names: scores stay in 0–1, a name matches itself exactly,
word order costs little, and the index finds what a full scan finds."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from designations import Entry, EntryType, PartialDate
from designations.nameindex import NameIndex
from designations.names import REORDERED, Reason, compare, key, normalize

#: Words in the scripts the lists use, with marks and punctuation around them.
WORD = st.text(
    alphabet=st.sampled_from(
        list("abcdefghijklmnopqrstuvwxyzéüçğ") + list("абвгдежзийклмнопрстуфхцчшщыэюяқә")
        + list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي") + list("αβγδεζηθ")
    ),
    min_size=1,
    max_size=9,
)  # fmt: skip
NAME = st.lists(WORD, min_size=1, max_size=5).map(" ".join)


@given(NAME, NAME)
def test_a_score_is_between_0_and_1(a: str, b: str) -> None:
    assert 0.0 <= compare(key(a), key(b)).value <= 1.0


@given(NAME)
def test_a_name_matches_itself_exactly_whatever_its_case_and_punctuation(name: str) -> None:
    if key(name).words:
        assert compare(key(name.upper()), key(f"«{name}»")).value == 1.0


@given(st.lists(WORD, min_size=2, max_size=4, unique=True), st.randoms())
def test_word_order_costs_at_most_the_reordering(words: list[str], rnd: object) -> None:
    shuffled = list(words)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a, b = key(" ".join(words)), key(" ".join(shuffled))
    if len(a.words) == len(words) and all(w.latin for w in a.words):
        assert compare(a, b).value >= REORDERED or compare(a, b).reason is Reason.EXACT


@given(st.lists(NAME, min_size=1, max_size=12), NAME)
def test_the_index_finds_every_name_equal_to_the_query_in_any_order(
    names: list[str], query: str
) -> None:
    """Blocking loses no name whose words are the query's, in order or not (scores that do not
    depend on how rare the words are in the index)."""
    entries = [
        ("xx", Entry(str(i), n, EntryType.OTHER, PartialDate.of(dt.date(2020, 1, 1)), ("a",)))
        for i, n in enumerate([*names, " ".join(reversed(query.split()))])
    ]
    index = NameIndex.of(entries)
    wanted = key(query)
    same = {
        e.id
        for _, e in entries
        if compare(wanted, key(e.name)).value >= REORDERED
        and len(key(e.name).words) == len(wanted.words)
    }
    assert same <= {h.entry_id for h in index.search(query, REORDERED)}, normalize(query)
