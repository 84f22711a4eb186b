"""Name matching: how close a query is to a name, in any script, as a score from 0 to 1 with
the reason for it.

A name and a query are compared as *keys*: Unicode NFKC, case-folded, accents and other
combining marks removed, punctuation turned into spaces, split into words. Each word is then
brought to Latin letters and *folded*, so that the usual spellings of one name meet:

- Words in Latin script stay as they are; words in other scripts (Cyrillic, Greek, Hebrew, CJK,
  …) are transliterated with ``anyascii``. Folding (``kh``→``h``, ``y``→``i``, ``q``→``k``,
  ``j``→``dzh``, doubled letters single) is applied to both sides, so English and Russian-to-Latin
  conventions meet ("Taliban" and «Талибан», "Qassem" and "Qasem").
- Arabic script leaves short vowels out, so only the consonant *skeleton* of an Arabic word can
  be compared: a Latin (or Cyrillic) word matches an Arabic one when their consonants, in order,
  are the same (vowels and the letters that stand for long vowels aside), and only when the query
  has at least :data:`MIN_SKELETON` consonants in all, below which a skeleton means nothing.

Two words are alike when their folded spellings are equal (similarity 1), else by their
normalized Indel similarity (``rapidfuzz``), counted only from :data:`WORD_SIMILARITY` up. The
words of the query are paired with those of the name, each at most once, best pairs first; word
order does not matter. The score is how much of the query (by letters) the name covers, lowered
a little for words of the name the query does not have:
``covered(query) × (0.85 + 0.15 × covered(name))``. A query with more words than a name is
scored the other way round too, when the name has at least two words and all are in the query
(so "Qasem Soleimani Lamerdi" still finds "QASEM SOLEIMANI", but "Ali Hassan" does not find
"Ali"). Words are weighed by their length and, in an index, by how rare they are.

The reason is :attr:`Reason.EXACT` when every word is equal, in the same order; ``TOKEN_SET``
when the query's words are all equal to words of the name in another order or among more words;
``FUZZY`` when a word is only alike. (The caller turns ``EXACT`` into ``ALIAS`` when the name is
not the entry's primary name.)
"""

from __future__ import annotations

import enum
import functools
import math
import re
import unicodedata
from collections.abc import Mapping

import attrs
from anyascii import anyascii
from rapidfuzz.distance import Indel

from .scores import DEFAULT_THRESHOLD

__all__ = [
    "COMMON",
    "DEFAULT_THRESHOLD",
    "MIN_SKELETON",
    "NO_RARITY",
    "WORD_SIMILARITY",
    "NameKey",
    "Rarity",
    "Reason",
    "Score",
    "Word",
    "compare",
    "key",
    "normalize",
    "rarity",
    "words",
]

#: Fewer consonants than this and an Arabic skeleton match is too ambiguous to report.
MIN_SKELETON = 3
#: Two words less alike than this count as different words.
WORD_SIMILARITY = 0.75
#: Two words with the same consonants (at least this many) and other vowels are this alike.
SAME_CONSONANTS = 0.9
SAME_CONSONANTS_FROM = 3
#: The query and the name written as one word each compare at most this well
#: ("Abdulrahman" and "Abdul Rahman").
JOINED = 0.95
#: A query with more words than a name is scored the other way round too when the name's words
#: are (nearly) all in the query.
WHOLE_NAME = 0.95
#: Word order differs but the words are equal: a little below an exact name.
REORDERED = 0.98

#: Arabic (and Persian/Urdu) consonants. Alif, waw and ya stand for long vowels as often as
#: for consonants, and ʿayn, hamza and ta marbuta are usually left out of English spellings:
#: they are dropped from the skeleton, as vowels are from the Latin side.
_ARABIC = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
    "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ک": "k",
    "ا": "", "أ": "", "إ": "", "آ": "", "ى": "", "ي": "", "ی": "", "و": "", "ؤ": "", "ئ": "",
    "ء": "", "ع": "", "ة": "",
}  # fmt: skip

_SPLIT = re.compile(r"[^\w]+|_")
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")
_DOUBLE = re.compile(r"(.)\1+")
_LATIN_VOWELS = re.compile(r"[aeiouyw]")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
#: Spellings that differ between English and Russian-to-Latin conventions.
_FOLD = (("kh", "h"), ("y", "i"), ("j", "dzh"), ("q", "k"))


class Reason(enum.Enum):
    """Why a name matched."""

    ID = "id"  #: the query is the entry's id
    REFERENCE = "reference"  #: the query is one of the entry's cross-references
    EXACT = "exact name"  #: every word equal, in order, to the primary name
    ALIAS = "alias"  #: every word equal, in order, to another name of the entry
    TOKEN_SET = "token set"  #: the words equal, in another order or among more words
    FUZZY = "fuzzy"  #: a word spelled differently


def normalize(text: str) -> str:
    """NFKC, case-folded, combining marks removed, punctuation as single spaces."""
    if text.isascii():  # NFKC and NFD change nothing, and there are no marks to remove
        return " ".join(w for w in _SPLIT.split(text.lower()) if w)
    folded = unicodedata.normalize("NFKC", text).casefold()
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c)
    )
    stripped = unicodedata.normalize("NFC", stripped)
    return " ".join(w for w in _SPLIT.split(stripped) if w)


def words(text: str) -> tuple[str, ...]:
    """The normalized words of a text."""
    return tuple(normalize(text).split())


def _fold(word: str) -> str:
    for old, new in _FOLD:
        word = word.replace(old, new)
    return _DOUBLE.sub(r"\1", word)


def _skeleton(latin_word: str) -> str:
    """A Latin word's consonants, with the digraphs Arabic writes as one letter kept whole."""
    return _DOUBLE.sub(r"\1", _LATIN_VOWELS.sub("", latin_word))


@attrs.frozen
class Word:
    """One word ready for comparison: its folded Latin spelling and consonant skeleton;
    ``arabic`` when it is written in Arabic script (only its skeleton can be compared)."""

    latin: str
    skeleton: str
    arabic: bool

    @property
    def weight(self) -> int:
        return max(1, len(self.skeleton if self.arabic else self.latin))


@functools.lru_cache(maxsize=262144)
def _words_of(word: str) -> tuple[Word, ...]:
    """A normalized word ready for comparison (cached: words repeat across names)."""
    if _ARABIC_LETTER.search(word):
        # the article ال is a word of its own in Latin spellings ("al-Qaeda")
        parts = ["ل", word[2:]] if word.startswith("ال") and len(word) > 3 else [word]
        found = []
        for part in parts:
            latin = _fold("".join(_ARABIC.get(c, c if c.isascii() else "") for c in part))
            skeleton = _skeleton(latin)
            if skeleton:
                found.append(Word(skeleton, skeleton, True))
        return tuple(found)
    latin = word if word.isascii() else _NOT_ALNUM.sub("", anyascii(word).lower())
    latin = _fold(latin)
    return (Word(latin, _skeleton(latin), False),) if latin else ()


@attrs.frozen
class NameKey:
    """A name or query ready for comparison: its normalized text and its words."""

    text: str
    words: tuple[Word, ...]

    def block_keys(self) -> set[str]:
        """The keys an index files the name under: each word's spelling, its skeleton and the
        skeleton's first three consonants (a word alike enough to match almost always shares
        one of them with the word it matches)."""
        keys = set()
        for w in self.words:
            if not w.arabic:
                keys.add("w:" + w.latin)
            if w.skeleton:
                keys.add("s:" + w.skeleton)
                keys.add("s:" + w.skeleton[:3])
        return keys


@functools.lru_cache(maxsize=131072)
def key(text: str) -> NameKey:
    """The comparison key of a name or query (cached: names repeat across snapshots)."""
    normalized = normalize(text)
    return NameKey(normalized, tuple(w for part in normalized.split() for w in _words_of(part)))


@attrs.frozen
class Score:
    """How well a query matches a name: ``value`` from 0 to 1 and the reason."""

    value: float
    reason: Reason


NO_MATCH = Score(0.0, Reason.FUZZY)

#: How much a word counts (by its folded spelling), from :data:`COMMON` to 1; absent: 1.
Rarity = Mapping[str, float]
NO_RARITY: Rarity = {}
#: The least a word counts, however common.
COMMON = 0.2


def rarity(frequencies: Mapping[str, int], names: int) -> dict[str, float]:
    """How much each word counts, from how many of ``names`` names have it: a word in at most
    one name in a thousand counts fully, one in every name :data:`COMMON` (log scale)."""
    full = math.log(1000)
    weights = {}
    for word, count in frequencies.items():
        weight = math.log((names + 1) / (count + 1)) / full
        if weight < 1.0:
            weights[word] = max(COMMON, weight)
    return weights


def _similarity(a: Word, b: Word) -> float:
    if a.arabic or b.arabic:
        if a.skeleton == b.skeleton:
            return 1.0
        x, y = a.skeleton, b.skeleton
    else:
        if a.latin == b.latin:
            return 1.0
        x, y = a.latin, b.latin
    similarity = Indel.normalized_similarity(x, y)
    if a.skeleton == b.skeleton and len(a.skeleton) >= SAME_CONSONANTS_FROM:
        # the same consonants, other vowels: "Muhammad" and "Mohammed", "Ladin" and "Laden"
        similarity = max(similarity, SAME_CONSONANTS)
    return similarity if similarity >= WORD_SIMILARITY else 0.0


def _joined(ws: tuple[Word, ...], arabic: bool) -> str:
    return "".join(w.skeleton if arabic else w.latin for w in ws)


def _pairs(a: tuple[Word, ...], b: tuple[Word, ...]) -> list[tuple[float, int, int]]:
    """The best pairing of the words of ``a`` with those of ``b``: (similarity, i, j)."""
    scored = sorted(
        ((s, i, j) for i, x in enumerate(a) for j, y in enumerate(b) if (s := _similarity(x, y))),
        # best first; at equal similarity, words in the same script, then in the same place
        key=lambda p: (-p[0], a[p[1]].arabic != b[p[2]].arabic, abs(p[1] - p[2]), p[1]),
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for s, i, j in scored:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((s, i, j))
    return pairs


def _covered(ws: tuple[Word, ...], paired: dict[int, float], rarity: Rarity) -> float:
    """How much of the words (by letters, times their rarity) the pairs cover, each by its
    similarity."""
    weights = [w.weight * rarity.get(w.latin, 1.0) for w in ws]
    return sum(weights[i] * s for i, s in paired.items()) / sum(weights)


def compare(query: NameKey, name: NameKey, rarity: Rarity = NO_RARITY) -> Score:
    """How well ``query`` matches ``name`` (see the module's description). ``rarity`` weighs
    words (by their folded spelling) from 1 (rare, the default) down to :data:`COMMON`, so
    that words most names have ("bank", "company", "al") count for less."""
    q, n = query.words, name.words
    if not q or not n:
        return NO_MATCH
    joined = NO_MATCH
    if len(q) != len(n):
        arabic = any(w.arabic for w in (*q, *n))
        x, y = _joined(q, arabic), _joined(n, arabic)
        if len(x) >= MIN_SKELETON and (x == y or Indel.normalized_similarity(x, y) >= 0.9):
            joined = Score(JOINED, Reason.FUZZY)
    found = _by_words(q, n, rarity)
    return joined if joined.value > found.value else found


def _by_words(q: tuple[Word, ...], n: tuple[Word, ...], rarity: Rarity) -> Score:
    pairs = _pairs(q, n)
    if not pairs:
        return NO_MATCH
    across = [i for _, i, j in pairs if q[i].arabic != n[j].arabic]  # Arabic against other
    if across and sum(len(q[i].skeleton) for i in across) < MIN_SKELETON:
        pairs = [p for p in pairs if q[p[1]].arabic == n[p[2]].arabic]  # too few consonants
        if not pairs:
            return NO_MATCH
    in_query, in_name = (
        _covered(q, {i: s for s, i, _ in pairs}, rarity),
        _covered(n, {j: s for s, _, j in pairs}, rarity),
    )
    value = in_query * (0.85 + 0.15 * in_name)
    if len(n) >= 2 and in_name >= WHOLE_NAME:
        value = max(value, in_name * (0.85 + 0.15 * in_query))
    exact = all(s == 1.0 for s, _, _ in pairs)
    if exact and len(pairs) == len(q) == len(n):
        if all(i == j for _, i, j in pairs):
            return Score(1.0, Reason.EXACT)
        return Score(REORDERED, Reason.TOKEN_SET)
    if exact and (len(pairs) == len(q) or len(pairs) == len(n) >= 2):
        return Score(round(min(value, REORDERED), 4), Reason.TOKEN_SET)
    return Score(round(min(value, REORDERED), 4), Reason.FUZZY)
