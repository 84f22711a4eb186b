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

from .common import clean, refuse
from .progress import Progress, open_counted

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
            for event, element in ET.iterparse(stream, events=("start", "end")):
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
        raise refuse(str(path), line, "", "bad-xml", f"malformed XML: {exc}") from None


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
        raise refuse(
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
