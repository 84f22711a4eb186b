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
  query matches Arabic words whose consonants, in order, are the query's (vowels and the letters
  that stand for long vowels aside), and only when the query has at least
  :data:`MIN_SKELETON` consonants, below which a skeleton is too ambiguous to mean anything.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import attrs

__all__ = ["MIN_SKELETON", "NameKey", "key", "matches", "normalize", "words"]

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


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    if n == 0 or n > len(haystack):
        return False
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def matches(query: NameKey, name: NameKey) -> bool:
    """Whether the query's words are the name's, or a run of consecutive words inside it, in
    the same script or through transliteration (see the module's docstring)."""
    if _contains(name.words, query.words) or _contains(name.latin, query.latin):
        return True
    if name.arabic is None or query.arabic is not None:
        return False
    wanted = tuple(_skeleton(w) for w in query.latin)
    if sum(len(w) for w in wanted) < MIN_SKELETON or not all(w.isascii() for w in wanted):
        return False
    return _contains(name.arabic, tuple(w for w in wanted if w))
