"""Cutting a snapshot's text into the text of each entry, so that entries already read can be
reused without parsing them again.

A snapshot written in block style has its entries as items of one block sequence under the
top-level ``entries:`` key, each item starting on a line of its own (``  - id: ...``). ``cut``
finds those lines by their text alone, which is cheap. Text alone can be fooled (a quoted
value may run over a line that looks like an item), so a cut is only ever trusted once the
parser agrees with it:

- after a full reading, the cut is kept only when the parser's items start on exactly the cut's
  lines (then each piece is exactly one item's text);
- in an incremental reading (``skeleton``), every piece already known is replaced by a one-line
  placeholder item followed by as many empty lines, so every other line keeps its number, and
  the text that is left is parsed in full; the reading is used only when the parser's items
  again start on exactly the cut's lines, each placeholder read back as itself.

Both rest on one invariant: a piece of text is known only when a reading (full, or
incremental under these rules) found it to be exactly one whole entry; so a known piece never
holds an open quote or bracket, and a placeholder stands where it stood without changing how the
text around it is read. The cache keeps that invariant across processes by authenticating its
records (see ``cache``).

Anything else (a file in flow style, carriage returns, a comment at the wrong indentation) is
simply read in full. Files with line breaks other than ``\\n`` are never cut.
"""

from __future__ import annotations

import hashlib
import operator
import re
from collections.abc import Container

import attrs

from .yamlio import compiled_function

__all__ = ["PLACEHOLDER", "Cut", "Pieces", "cut", "digests_of", "pieces", "skeleton"]

_ENTRIES = re.compile(rb"^entries: *\n", re.MULTILINE)
_FIRST_ITEM = re.compile(rb"( *)- ")
#: Line breaks libyaml knows besides ``\n`` are ``\r`` and NEL, LS and PS: a file with ``\r`` is
#: never cut, and the reader refuses the others anywhere (``yamlio.parse_bytes``), so a text
#: that has them is never read incrementally (its parse fails, and the full reading says why).
_OTHER_BREAK = b"\r"
#: What stands for a known entry in the text that is parsed.
PLACEHOLDER = "0"
_cache: dict[int, re.Pattern[bytes]] = {}
#: The loops of ``cut`` and ``skeleton`` in C (``_yamltree.c``), where the reader is compiled;
#: the Python code below is what they do, and the fallback.
_compiled_cut = compiled_function("cut_items")
_compiled_skeleton = compiled_function("skeleton_text")


@attrs.frozen
class Cut:
    """Where the entries of a text are: ``entries_line`` is the line of the ``entries:`` key,
    ``indent`` the column of the items' dashes, ``starts`` the offset where each item begins
    (and ``end`` where the last one ends), ``lines`` the line of each item."""

    entries_line: int
    indent: int
    starts: tuple[int, ...]
    end: int
    lines: tuple[int, ...]
    #: The line where the entries end (a top-level key), or 0 when they run to the end.
    end_line: int

    def pieces(self, data: bytes) -> list[bytes]:
        """The text of each item, its trailing empty lines and comments included."""
        bounds = (*self.starts[1:], self.end)
        return [data[a:b] for a, b in zip(self.starts, bounds, strict=True)]


def _end_pattern(indent: int) -> re.Pattern[bytes]:
    """A line break before a line that is neither an item, nor indented deeper, nor empty."""
    found = _cache.get(indent)
    if found is None:
        dash = re.escape(b" " * indent + b"- ")
        deeper = re.escape(b" " * (indent + 1))
        found = _cache[indent] = re.compile(rb"\n(?!" + dash + b"|" + deeper + rb"|\n)")
    return found


def cut(data: bytes) -> Cut | None:
    """The items of the block sequence under a top-level ``entries:`` key, found from the text;
    ``None`` when the text does not have that shape (then nothing is reused)."""
    if _OTHER_BREAK in data:
        return None
    key = _ENTRIES.search(data)
    if key is None:
        return None
    first = key.end()
    dash = _FIRST_ITEM.match(data, first)
    if dash is None:
        return None
    indent = len(dash.group(1))
    first_line = data.count(b"\n", 0, first) + 1
    if _compiled_cut is not None:
        found, lines, end, end_line = _compiled_cut(data, first, first_line, indent)
        return Cut(first_line - 1, indent, tuple(found), end, tuple(lines), end_line)
    stop = _end_pattern(indent).search(data, first)
    end = stop.start() + 1 if stop is not None else len(data)
    marker = b"\n" + b" " * indent + b"- "
    find = data.find
    starts = [first]
    lines = [first_line]
    line = first_line
    at = find(marker, first, end)
    count = data.count
    previous = first
    while at >= 0:
        at += 1
        line += count(b"\n", previous, at)
        starts.append(at)
        lines.append(line)
        previous = at
        at = find(marker, at, end)
    end_line = line + count(b"\n", previous, end) if end < len(data) else 0
    return Cut(first_line - 1, indent, tuple(starts), end, tuple(lines), end_line)


def skeleton(
    data: bytes, where: Cut, digests: list[bytes], known: Container[bytes]
) -> tuple[bytes, list[int]]:
    """The text to parse when the pieces whose digest is ``known`` are known already: each of
    them replaced by a placeholder item and empty lines (so every line keeps its number).
    Returns the text and the positions of the placeholders."""
    placeholder = b" " * where.indent + b"- " + PLACEHOLDER.encode()
    if _compiled_skeleton is not None:
        text: bytes
        text, replaced = _compiled_skeleton(
            data, list(where.starts), where.end, digests, known, placeholder
        )
        return text, replaced
    out = [data[: where.starts[0]]]
    append = out.append
    bounds = (*where.starts[1:], where.end)
    replaced = []
    for index, (start, stop, name) in enumerate(zip(where.starts, bounds, digests, strict=True)):
        if name in known:
            append(placeholder + b"\n" * data.count(b"\n", start, stop))
            replaced.append(index)
        else:
            append(data[start:stop])
    append(data[where.end :])
    return b"".join(out), replaced


def digests_of(data: bytes, where: Cut) -> list[bytes]:
    """The name of each piece of the cut in a store of pieces: its SHA-256 (one C-level pass,
    no Python call per piece)."""
    bounds = (*where.starts[1:], where.end)
    pieces = map(data.__getitem__, map(slice, where.starts, bounds))
    return list(map(_DIGEST, map(hashlib.sha256, pieces)))


_DIGEST = operator.methodcaller("digest")


@attrs.frozen
class Pieces:
    """A text cut into its entries (``where``, ``None`` when it cannot be cut) with the digest of
    each (``digests``), and ``source``: a SHA-256 of the whole text, found from the digests."""

    where: Cut | None
    digests: list[bytes] | None
    source: bytes


def pieces(data: bytes) -> Pieces:
    """The pieces of ``data`` and its ``source`` digest. Where the text is cut, ``source`` hashes
    the text before the entries (after its length), the number of entries, their digests and
    the text after them: as collision-resistant as a SHA-256 of the text itself (each part is
    either of fixed length or preceded by it, and the pieces' digests are SHA-256), without
    hashing the entries' text twice. Where the text is cut does not matter: the parts cover it
    end to end, so two texts with one ``source`` have the same parts (or a SHA-256 collision),
    hence are the same text. Otherwise it is the SHA-256 of another tag and the text."""
    where = cut(data)
    if where is None:
        whole = hashlib.sha256(b"designations.text\0")
        whole.update(data)
        return Pieces(None, None, whole.digest())
    digests = digests_of(data, where)
    view = memoryview(data)
    head = view[: where.starts[0]]
    source = hashlib.sha256(b"designations.pieces\0")
    source.update(len(head).to_bytes(8, "big"))
    source.update(head)
    source.update(len(digests).to_bytes(8, "big"))
    source.update(b"".join(digests))
    source.update(view[where.end :])
    return Pieces(where, digests, source.digest())
