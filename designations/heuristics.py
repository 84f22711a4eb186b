"""Heuristics the check gate warns about: names that mix scripts inside one word (the classic
homoglyph, a Cyrillic ``а`` in a Latin name) and removed/added pairs that look like one entity
given a new id.

Both are linear: a character's script is looked up once, and re-keys are found through an index
of the removed entries' names and cross-references.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .model import Entry

__all__ = ["Rekey", "mixed_script_words", "possible_rekeys"]

#: The scripts whose letters look alike: a word with letters of two of them is suspect.
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=4096)
def _script(char: str) -> str | None:
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    for script in _SCRIPTS:
        if name.startswith(script):
            return script
    return None


def mixed_script_words(text: str) -> list[tuple[str, str]]:
    """Each word of ``text`` that mixes Latin, Cyrillic and Greek letters, with a description
    of the letters from its minority script (e.g. ``"'а' (CYRILLIC SMALL LETTER A)"``)."""
    if text.isascii():
        return []
    found: list[tuple[str, str]] = []
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        by_script: dict[str, list[str]] = defaultdict(list)
        for char in word:
            script = _script(char)
            if script is not None:
                by_script[script].append(char)
        if len(by_script) < 2:
            continue
        minority = min(by_script.values(), key=len)
        odd = ", ".join(
            f"{c!r} ({unicodedata.name(c, f'U+{ord(c):04X}')})" for c in dict.fromkeys(minority)
        )
        found.append((word, odd))
    return found


def _norm(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _keys(entry: Entry) -> Iterable[tuple[str, str]]:
    for name in entry.all_names():
        yield ("name", _norm(name))
    yield from entry.refs


class Rekey:
    """An added entry that shares a name or a cross-reference with a removed one."""

    __slots__ = ("added", "removed", "shared")

    def __init__(self, added: Entry, removed: Entry, shared: tuple[str, str]) -> None:
        self.added = added
        self.removed = removed
        #: What they share: ``("name", normalized name)`` or ``(scheme, id)``.
        self.shared = shared

    def describe(self) -> str:
        kind, value = self.shared
        return f"the name {value!r}" if kind == "name" else f"the cross-reference {kind}: {value}"


def possible_rekeys(added: Sequence[Entry], removed: Sequence[Entry]) -> list[Rekey]:
    """Pairs of an added and a removed entry sharing a name (case-, space- and Unicode-
    normalized) or a cross-reference; one pair per (added, removed), in the order given."""
    if not added or not removed:
        return []
    index: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for entry in removed:
        for key in dict.fromkeys(_keys(entry)):
            index[key].append(entry)
    found: list[Rekey] = []
    for entry in added:
        seen: set[str] = set()
        for key in _keys(entry):
            for old in index.get(key, ()):
                if old.id not in seen:
                    seen.add(old.id)
                    found.append(Rekey(entry, old, key))
    return found
