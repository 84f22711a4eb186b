"""Records to YAML: a ``list.yaml`` and a snapshot, written so that ``load_list_info`` and
``load_snapshot`` read back records equal to the ones written.

Records are first turned into plain mappings of strings (dates as dates, so they are written
plain), then emitted in block style. A string is written plain only when no YAML reader could
take it for anything else (it starts with a letter, is no keyword like ``NO``/``yes``/``null``,
has no ``:``/``#``, control characters or outer spaces); otherwise it is double-quoted, so
``0755``, ``~``, ``NO`` and `` x `` read back as written. Multi-line text is a literal block
where that reads back exactly. (A hand-written emitter: PyYAML's is several times slower on a
10,000-entry list.)
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from .model import DEFAULT_STABLE_REFS, ListInfo, MassRemoval, Publication, Snapshot
from .shape import CHANGE, ENTRY, INSTRUMENT, LIST_NAME
from .vocab import Evidence

__all__ = ["dump", "list_info_data", "list_info_yaml", "snapshot_data", "snapshot_yaml"]

#: Words a YAML 1.1 reader takes for booleans or null when written plain (any case).
_KEYWORDS = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"})
#: Characters YAML cannot hold unescaped (controls, C1, non-characters) or reads as line breaks.
_ESCAPE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_NOT_PLAIN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff:#]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match[0]):04x}"


def _quoted(text: str) -> str:
    """A double-quoted scalar: JSON's string syntax is YAML's, once the characters YAML does
    not allow raw are escaped too."""
    return _ESCAPE.sub(_escape, json.dumps(text, ensure_ascii=False))


def _is_plain(text: str) -> bool:
    """Whether ``text`` reads back as itself, as a string, when written plain: it starts with a
    letter, has no ``:``, ``#``, control character or outer space, and is no YAML keyword."""
    return (
        text[:1].isalpha()
        and text == text.strip()
        and not _NOT_PLAIN.search(text)
        and text.lower() not in _KEYWORDS
    )


def _is_block(text: str) -> bool:
    """Whether multi-line ``text`` can be a literal block (``|-``) that reads back exactly."""
    lines = text.split("\n")
    return (
        len(lines) > 1
        and not _ESCAPE.search(text)
        and "\r" not in text
        and "\t" not in text
        and bool(lines[0])
        and not lines[0][0].isspace()
        and all(line == line.rstrip() for line in lines)
        and bool(lines[-1])
    )


def _scalar(value: Any) -> str:
    if isinstance(value, bool):  # not used by the format; never written as a YAML boolean
        return _quoted(str(value).lower())
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    return text if _is_plain(text) else _quoted(text)


def _emit(value: Any, indent: int, out: list[str]) -> None:
    """Append the block-style lines of a mapping or sequence at ``indent`` spaces."""
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            _emit_pair(f"{pad}{_scalar(key)}:", item, indent, out)
        return
    for item in value:
        if isinstance(item, dict) and item:
            lines: list[str] = []
            _emit(item, indent + 2, lines)
            lines[0] = f"{pad}- {lines[0][indent + 2 :]}"
            out.extend(lines)
        elif isinstance(item, dict | list):
            out.append(f"{pad}- {'{}' if isinstance(item, dict) else '[]'}")
        else:
            out.append(f"{pad}- {_scalar(item)}")


def _emit_pair(head: str, item: Any, indent: int, out: list[str]) -> None:
    if isinstance(item, dict | list):
        if not item:
            out.append(f"{head} {'{}' if isinstance(item, dict) else '[]'}")
            return
        out.append(head)
        _emit(item, indent + 2 if isinstance(item, dict) else indent, out)
    elif isinstance(item, str) and "\n" in item and _is_block(item):
        out.append(f"{head} |-")
        block = " " * (indent + 2)
        out.extend(f"{block}{line}" if line else "" for line in item.split("\n"))
    else:
        out.append(f"{head} {_scalar(item)}")


def list_info_data(info: ListInfo) -> dict[str, Any]:
    """A ``list.yaml`` as plain data, keys in the format's order."""
    data: dict[str, Any] = {
        "id": info.id,
        "jurisdiction": info.jurisdiction,
        "name": info.name,
    }
    if info.names:
        data["names"] = [LIST_NAME.yaml(n) for n in info.names]
    data["authority"] = info.authority
    if info.framework:
        data["framework"] = list(info.framework)
    if info.url is not None:
        data["url"] = info.url
    conventions = {
        key: value
        for key, value in (
            ("listed_on", info.date_conventions.listed_on),
            ("effective", info.date_conventions.effective),
        )
        if value is not None
    }
    if conventions:
        data["date_conventions"] = conventions
    if info.mass_removal != MassRemoval():
        data["mass_removal"] = {
            "share": info.mass_removal.share,
            "min_count": info.mass_removal.min_count,
        }
    if info.evidence is not Evidence.ACTS:
        data["evidence"] = info.evidence.value
    if info.stable_refs != DEFAULT_STABLE_REFS:
        data["stable_refs"] = list(info.stable_refs)
    if info.source is not None:
        data["source"] = {"format": info.source.format, "url": info.source.url}
    data["instruments"] = [INSTRUMENT.yaml(i) for i in info.instruments]
    return data


def _publication(publication: Publication) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": publication.format,
        "files": [{"name": f.name, "sha256": f.sha256} for f in publication.files],
    }
    if publication.published is not None:
        data["published"] = publication.published
    if publication.url is not None:
        data["url"] = publication.url
    if publication.retrieved is not None:
        data["retrieved"] = publication.retrieved.strftime("%Y-%m-%dT%H:%M:%SZ")
    return data


def snapshot_data(snapshot: Snapshot) -> dict[str, Any]:
    """A snapshot as plain data, keys in the format's order."""
    data: dict[str, Any] = {
        "list": snapshot.list_id,
        "as_of": snapshot.as_of,
        "completeness": snapshot.completeness.value,
    }
    if snapshot.coverage is not None:
        data["coverage"] = snapshot.coverage
    data["sources"] = list(snapshot.sources)
    if snapshot.publication is not None:
        data["publication"] = _publication(snapshot.publication)
    if snapshot.acknowledged:
        data["acknowledged"] = [{"rule": a.rule, "reason": a.reason} for a in snapshot.acknowledged]
    data["entries"] = [ENTRY.yaml(e) for e in snapshot.entries]
    if snapshot.changes:
        data["changes"] = [CHANGE.yaml(c) for c in snapshot.changes]
    return data


def dump(data: dict[str, Any], header: str = "") -> str:
    """Plain data (mappings, lists, text, dates, numbers) as block-style YAML, every string
    quoted unless it reads back as itself; ``header`` becomes a comment at the top."""
    out = [f"# {line}" for line in header.splitlines()]
    _emit(data, 0, out)
    return "\n".join(out) + "\n"


def list_info_yaml(info: ListInfo, header: str = "") -> str:
    """The text of a ``list.yaml``; ``header`` becomes a comment at the top."""
    return dump(list_info_data(info), header)


def snapshot_yaml(snapshot: Snapshot, header: str = "") -> str:
    """The text of a snapshot file; ``header`` becomes a comment at the top."""
    return dump(snapshot_data(snapshot), header)
