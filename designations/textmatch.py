"""Matching a person's query against names written in any script.

A name and a query are compared as *keys*: Unicode NFKC, case-folded, accents and other
combining marks removed, punctuation turned into spaces, split into words. A query matches a name
when its words equal the name's words, or a run of consecutive words inside it ("Taliban" matches
"Taliban Movement", not "Talibanism").

Scripts meet through transliteration to Latin:

- Cyrillic (Russian, Kazakh, Kyrgyz, Ukrainian letters) is transliterated letter by letter; the
  result is then *folded* (``kh``→``h``, ``y``→``i``, doubled letters single) on both sides, so the
  usual English spellings meet the Russian ones ("Taliban" and «Талибан», "Hizb" and «Хизб»).
- Arabic script leaves short vowels out, so only the consonant skeleton can be compared: a Latin
  (or Cyrillic) query matches Arabic words whose consonants, in order, are the query's (vowels and
  the letters that stand for long vowels aside), and an Arabic query matches Latin or Cyrillic
  words the same way; only when the query has at least :data:`MIN_SKELETON` consonants, below
  which a skeleton is too ambiguous to mean anything.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import attrs

__all__ = ["MIN_SKELETON", "NameKey", "key", "matches", "normalize", "rank", "words"]

#: Fewer consonants than this and an Arabic skeleton match is too ambiguous to report.
MIN_SKELETON = 3

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Kazakh and Kyrgyz
    "ә": "a", "ғ": "g", "қ": "k", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
    # Ukrainian and Belarusian
    "є": "ye", "ї": "yi", "ґ": "g", "ў": "u",
}  # fmt: skip

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
#: Spellings that differ between English and Russian-to-Latin conventions.
_FOLD = (("kh", "h"), ("y", "i"), ("j", "dzh"), ("q", "k"))


def normalize(text: str) -> str:
    """NFKC, case-folded, combining marks removed, punctuation as single spaces."""
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


def _latin(word: str) -> str:
    """A normalized word with Cyrillic letters transliterated, folded."""
    return _fold("".join(_CYRILLIC.get(c, c) for c in word))


def _arabic_words(word: str) -> tuple[str, ...]:
    """An Arabic-script word's consonant skeleton, the article ``ال`` split off as ``l``."""
    parts = [word]
    if word.startswith("ال") and len(word) > 3:
        parts = ["ل", word[2:]]
    return tuple(
        _skeleton(_fold("".join(_ARABIC.get(c, c if c.isascii() else "") for c in part)))
        for part in parts
    )


def _skeleton(latin_word: str) -> str:
    """A Latin word's consonants, with the digraphs Arabic writes as one letter kept whole."""
    return _DOUBLE.sub(r"\1", _LATIN_VOWELS.sub("", latin_word))


@attrs.frozen
class NameKey:
    """A name or query ready for comparison."""

    words: tuple[str, ...]
    latin: tuple[str, ...]
    #: The consonant skeleton of each word, or ``None`` when the text is not all Arabic script.
    arabic: tuple[str, ...] | None


@functools.lru_cache(maxsize=65536)
def key(text: str) -> NameKey:
    """The comparison key of a name or query (cached: names repeat across snapshots)."""
    ws = words(text)
    arabic: tuple[str, ...] | None = None
    if ws and all(_ARABIC_LETTER.search(w) for w in ws):
        arabic = tuple(s for w in ws for s in _arabic_words(w) if s)
    return NameKey(ws, tuple(_latin(w) for w in ws), arabic)


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...], whole: bool) -> bool:
    n = len(needle)
    if n == 0 or n > len(haystack):
        return False
    if whole:
        return haystack == needle
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def _skeleton_in(
    arabic: tuple[str, ...], latin: tuple[str, ...], whole: bool, *, reverse: bool = False
) -> bool:
    """Whether the Latin words' skeletons are a run inside the Arabic ones (or, ``reverse``,
    the Arabic skeletons a run inside the Latin ones), when the needle is distinctive enough."""
    if not all(w.isascii() for w in latin):
        return False
    skeletons = tuple(s for s in (_skeleton(w) for w in latin) if s)
    needle, haystack = (arabic, skeletons) if reverse else (skeletons, arabic)
    if sum(len(w) for w in needle) < MIN_SKELETON:
        return False
    return _contains(haystack, needle, whole)


def _found(query: NameKey, name: NameKey, whole: bool) -> bool:
    if _contains(name.words, query.words, whole) or _contains(name.latin, query.latin, whole):
        return True
    if (name.arabic is None) == (query.arabic is None):
        return False
    if name.arabic is not None:  # a Latin (or Cyrillic) query, an Arabic-script name
        return _skeleton_in(name.arabic, query.latin, whole)
    assert query.arabic is not None
    return _skeleton_in(query.arabic, name.latin, whole, reverse=True)


def rank(query: NameKey, name: NameKey) -> int:
    """2 when the query is the whole name, 1 when its words are a run of consecutive words
    inside the name, 0 otherwise; in the same script or through transliteration."""
    if _found(query, name, whole=True):
        return 2
    return 1 if _found(query, name, whole=False) else 0


def matches(query: NameKey, name: NameKey) -> bool:
    """Whether the query is the name or a run of words inside it (see :func:`rank`)."""
    return rank(query, name) > 0
