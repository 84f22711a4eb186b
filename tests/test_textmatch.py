"""Name matching across case, accents, Unicode forms and scripts."""

from __future__ import annotations

import pytest

from designations.textmatch import key, matches, normalize, rank


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Taliban", "taliban"),
        ("  ДВИЖЕНИЕ  «Талибан» ", "движение талибан"),
        ("Zürich", "zurich"),
        ("ﬁsh", "fish"),  # NFKC: the ligature is two letters
        ("Straße", "strasse"),  # case folding, not lower()
        ("al-Qa'ida", "al qa ida"),
        ("Ё", "е"),  # the diaeresis is a mark: Ё folds to Е
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Taliban", "Taliban"),
        ("taliban", "Taliban Movement"),
        ("Taliban", "Движение Талибан"),
        ("Taliban", "Талибан"),
        ("ТАЛИБАН", "Taliban"),
        ("талибан", "Движение «Талибан»"),
        ("Taliban", "Талибан қозғалысы"),  # Kazakh
        ("Hizb ut-Tahrir", "Хизб ут-Тахрир аль-Ислами"),
        ("Taliban", "حركة طالبان"),
        ("al-Qaeda", "القاعدة"),
        ("Hamas", "حماس"),
        ("حماس", "Hamas"),
        ("Café", "CAFE"),
        ("e\u0301cole", "École"),  # decomposed against composed
    ],
)
def test_matches(query: str, name: str) -> None:
    assert matches(key(query), key(name))


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Taliban", "Talibanism"),  # whole words only
        ("Movement Taliban", "Taliban Movement"),  # in order
        ("Taliban", "Hamas"),
        ("ab", "عب"),  # too short a skeleton to mean anything
        ("Qaeda", "القاعدة"),  # two consonants: ambiguous
        ("", "Taliban"),
    ],
)
def test_does_not_match(query: str, name: str) -> None:
    assert not matches(key(query), key(name))


def test_rank_tells_a_whole_name_from_words_inside_one() -> None:
    assert rank(key("Taliban"), key("Талибан")) == 2
    assert rank(key("Taliban"), key("Taliban Movement")) == 1
    assert rank(key("Taliban"), key("Hamas")) == 0
