"""Streaming XML for the importers: one record element at a time, freed once read, and
malformed XML refused with its line.

A document type declaration is refused before parsing starts: official list files have none,
and a DTD is how entities (internal ones that expand without bound, external ones that read
other files or URLs) get into a document. The parser itself never fetches an external entity.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..errors import DataError
from .progress import Progress, open_counted
from .source import clean

__all__ = ["flatten", "local", "records", "text_of"]


def local(tag: str) -> str:
    """A tag without its namespace."""
    return tag.rsplit("}", 1)[-1]


def text_of(element: ET.Element | None) -> str | None:
    """An element's text with whitespace collapsed; ``None`` when absent or empty."""
    return None if element is None else clean(element.text)


def records(
    path: Path, wanted: frozenset[str], progress: Progress
) -> Iterator[tuple[str, ET.Element]]:
    """``("start", root)`` first, then ``("end", element)`` for each element whose local name is
    in ``wanted`` and each child of the root; an element yielded at its end is removed from its
    parent once the caller moves on, so memory holds one record at a time."""
    stack: list[ET.Element] = []
    try:
        with open_counted(path, progress) as stream:
            _refuse_doctype(path, stream.peek(_PROLOG))
            guarded = _TokenLimit(stream, str(path))
            for event, element in ET.iterparse(guarded, events=("start", "end")):
                if event == "start":
                    if not stack:
                        yield "start", element
                    stack.append(element)
                    continue
                stack.pop()
                if local(element.tag) in wanted or len(stack) == 1:
                    yield "end", element
                    if stack:
                        stack[-1].remove(element)
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else 0
        raise DataError.one(str(path), line, "", "bad-xml", f"malformed XML: {exc}") from None


#: The longest run of bytes without a "<" (one text node, or one tag with its attributes) an
#: import reads. A real value is at most 64 Ki characters (``yamlio.MAX_TEXT_CHARS``); expat
#: before 2.6.0 takes time quadratic in a token's length (CVE-2023-52425: 16 MiB, 25 s), so
#: a longer token is refused before expat sees it all, whatever its version.
MAX_TOKEN_BYTES = 1 << 20


class _TokenLimit:
    """The XML as ``iterparse`` reads it, refused once a run without ``<`` grows past
    ``MAX_TOKEN_BYTES``."""

    def __init__(self, stream: IO[bytes], shown: str) -> None:
        self._stream = stream
        self._shown = shown
        self._run = 0  # bytes since the last "<"
        self._lines = 1

    def read(self, size: int = -1) -> bytes:
        chunk = self._stream.read(size)
        first = chunk.find(b"<")
        self._run += len(chunk) if first < 0 else first
        if self._run > MAX_TOKEN_BYTES:
            raise DataError.one(
                self._shown,
                self._lines + chunk.count(b"\n", 0, max(first, 0)),
                "",
                "too-large",
                f"an XML text or tag longer than the limit of {MAX_TOKEN_BYTES} bytes",
            )
        if first >= 0:
            self._run = len(chunk) - chunk.rfind(b"<") - 1
        self._lines += chunk.count(b"\n")
        return chunk


_PROLOG = 1 << 16
#: What may come before the root element: a BOM, white space, processing instructions (the XML
#: declaration among them) and comments.
_PROLOG_ITEM = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.DOTALL)


def _refuse_doctype(path: Path, head: bytes) -> None:
    position = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    while match := _PROLOG_ITEM.match(head, position):
        position = match.end()
    if head[position : position + 9].upper() == b"<!DOCTYPE":
        line = head.count(b"\n", 0, position) + 1
        raise DataError.one(
            str(path),
            line,
            "",
            "xml-doctype",
            "refused: the XML has a document type declaration (DTD); entities and external "
            "DTDs are never read",
        )


def flatten(element: ET.Element, skip: frozenset[str] = frozenset()) -> str | None:
    """A container as one line: ``TAG: CHILD=value; CHILD=value`` (``VALUE`` children by their
    value alone, leaves named in ``skip`` left out); a leaf as ``TAG: value``. ``None`` when it
    holds no text."""
    tag = local(element.tag)
    if len(element) == 0:
        text = text_of(element)
        return f"{tag}: {text}" if text else None
    parts = []
    for leaf in element.iter():
        if leaf is element or len(leaf) or local(leaf.tag) in skip:
            continue
        text = text_of(leaf)
        if text:
            name = local(leaf.tag)
            parts.append(text if name == "VALUE" else f"{name}={text}")
    return f"{tag}: {'; '.join(parts)}" if parts else None
