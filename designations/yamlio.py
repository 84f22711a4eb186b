"""The only reader of YAML: the strict subset of the snapshot format, built from libyaml's event
stream.

Building from events rather than with a YAML constructor is what makes the format safe and fast:
- every scalar stays the string it was written as (no YAML 1.1 booleans, octals or dates), and a
  plain ``~``/``null``/empty value is read as ``None`` so the loader can refuse it;
- anchors, aliases and tags are refused at the first event that carries one, before anything is
  expanded, so alias bombs and ``!!python/...`` tags cannot do harm;
- duplicate keys, merge keys, non-scalar keys and nesting deeper than the format needs are refused;
- containers remember the line of every key and item, so errors name the line of the field.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import yaml

from .errors import DataError, Problem
from .safeio import MAX_FILE_BYTES as _SAFE_LIMIT
from .safeio import read_bytes

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_TEXT_CHARS",
    "ItemHook",
    "YMap",
    "YSeq",
    "parse_bytes",
    "paused_gc",
    "read_yaml",
]

#: The largest file the reader accepts (bytes). Real lists are far smaller (OFAC's SDN list with
#: every alias is about 20 MB in this format).
MAX_FILE_BYTES = _SAFE_LIMIT
#: The longest single text value (characters): a value longer than this is not a name or a note.
MAX_TEXT_CHARS = 64 * 1024
#: The deepest nesting of mappings and sequences; the format itself needs five levels.
MAX_DEPTH = 32

# libyaml's C parser where PyYAML was built with it; the pure-Python one otherwise.
_Parser: Any = getattr(yaml, "cyaml", None) and getattr(yaml.cyaml, "CParser", None)
if not _Parser or not getattr(yaml, "__with_libyaml__", False):  # pragma: no cover
    _Parser = yaml.BaseLoader
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


#: Called with (top-level mapping so far, item, line) as each mapping item of one top-level
#: sequence is complete; what it returns takes the item's place. Lets the loader turn the
#: items of a large list into records as they are read, so their trees never pile up.
ItemHook = tuple[str, Callable[["YMap", "YMap", int], Any]]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building acyclic data (it would otherwise scan
    the growing heap again and again); restored on the way out, errors included."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class YMap(dict[str, Any]):
    """A mapping as read: keys are strings; values are ``str``, ``None``, ``YMap`` or ``YSeq``.
    ``line`` is where the mapping starts; ``key_lines`` gives each key's line."""

    __slots__ = ("key_lines", "line")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}


class YSeq(list[Any]):
    """A sequence as read, with the line where it starts and the line of each item."""

    __slots__ = ("item_lines", "line")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []


def read_yaml(path: Path, shown: str | None = None, hook: ItemHook | None = None) -> YMap:
    """Read one file of the format's YAML subset. ``shown`` is the path used in messages;
    ``hook`` (key, convert) converts each mapping item of the top-level sequence ``key``."""
    name = shown if shown is not None else str(path)
    # Only a regular file, not through a link, size checked before a byte is read.
    data = read_bytes(path, name, limit=MAX_FILE_BYTES)
    return parse_bytes(data, name, hook)


def _too_large(name: str) -> NoReturn:
    message = f"file is larger than the limit of {MAX_FILE_BYTES} bytes"
    raise DataError.one(name, 0, "", "too-large", message)


def parse_bytes(data: bytes, name: str, hook: ItemHook | None = None) -> YMap:
    """Parse the bytes of one file; ``name`` is the path used in messages."""
    if len(data) > MAX_FILE_BYTES:
        _too_large(name)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DataError.one(
            name, line, "", "encoding", f"not valid UTF-8 (byte {exc.start}: {exc.reason})"
        ) from None
    if not text.strip():
        raise DataError.one(name, 1, "", "empty-file", "the file is empty")
    with paused_gc():  # the tree holds only containers that cannot form cycles
        return _build(data, name, hook)


def _fail(name: str, line: int, rule: str, message: str, field: str = "") -> DataError:
    return DataError([Problem(name, line, field, rule, message)])


def _field(stack: list[list[Any]], key: str | None = None) -> str:
    """The field path (``entries[3].names``) of what is being read, worked out from the stack
    only when there is an error to report."""
    parts: list[str] = []
    for parent in stack[:-1]:  # each holds the next one as its last item or value
        container = parent[0]
        if type(container) is YSeq:
            parts.append(f"[{len(container) - 1}]")
        elif container:
            parts.append(f".{next(reversed(container))}")
    if stack:
        top = stack[-1]
        if type(top[0]) is YSeq:
            parts.append(f"[{len(top[0])}]")
        elif key is not None or top[1] is not None:
            parts.append(f".{key if key is not None else top[1]}")
    return "".join(parts).lstrip(".")


def _build(data: bytes, name: str, hook: ItemHook | None) -> YMap:
    # The bytes (checked to be UTF-8 above) rather than the decoded text: libyaml reads them
    # directly, and the events and their lines are the same.
    parser = _Parser(data)
    hook_key, convert = hook if hook is not None else (None, None)
    target: YSeq | None = None  # the sequence whose items the hook converts
    scalar_event = yaml.ScalarEvent
    map_start, map_end = yaml.MappingStartEvent, yaml.MappingEndEvent
    seq_start, seq_end = yaml.SequenceStartEvent, yaml.SequenceEndEvent
    max_chars = MAX_TEXT_CHARS
    # Each frame: [container, pending key or None]. A mapping takes a key, then its value.
    stack: list[list[Any]] = []
    root: YMap | None = None
    documents = 0
    try:
        while True:
            event: Any = parser.get_event()
            if event is None:
                break
            kind = type(event)
            if kind is scalar_event:
                if event.anchor is not None or event.tag is not None:
                    raise _anchor_or_tag(name, event.start_mark.line + 1, event, _field(stack))
                value: Any = event.value
                if not event.style and value in _NULLS:  # plain style: None (Python) or "" (C)
                    value = None
                elif len(value) > max_chars:
                    raise _fail(
                        name,
                        event.start_mark.line + 1,
                        "too-large",
                        f"a text value is longer than the limit of {max_chars} characters",
                        _field(stack),
                    )
                if not stack:
                    raise _fail(
                        name,
                        event.start_mark.line + 1,
                        "not-a-mapping",
                        "the top level must be a mapping of keys to values",
                    )
                frame = stack[-1]
                key = frame[1]
                if key is not None:  # a mapping's value (its line is its key's)
                    frame[0][key] = value
                    frame[1] = None
                    continue
                container = frame[0]
                line = event.start_mark.line + 1
                if type(container) is YSeq:
                    container.append(value)
                    container.item_lines.append(line)
                else:
                    if value is None:
                        raise _fail(name, line, "bad-key", "a key must not be empty")
                    if not event.style and value == "<<":
                        raise _fail(name, line, "yaml-merge-key", "merge keys (<<) are not allowed")
                    if value in container:
                        first = container.key_lines[value]
                        raise _fail(
                            name,
                            line,
                            "duplicate-key",
                            f"duplicate key {value!r} (first at line {first})",
                            _field(stack, value),
                        )
                    container.key_lines[value] = line
                    frame[1] = value
            elif kind is map_start or kind is seq_start:
                line = event.start_mark.line + 1
                if event.anchor is not None or event.tag is not None:
                    raise _anchor_or_tag(name, line, event, _field(stack))
                if len(stack) >= MAX_DEPTH:
                    raise _fail(
                        name,
                        line,
                        "too-deep",
                        f"nesting deeper than the limit of {MAX_DEPTH} levels",
                    )
                node: YMap | YSeq = YMap(line) if kind is map_start else YSeq(line)
                if not stack:
                    if kind is not map_start:
                        raise _fail(
                            name,
                            line,
                            "not-a-mapping",
                            "the top level must be a mapping of keys to values",
                        )
                    root = node  # type: ignore[assignment]
                else:
                    frame = stack[-1]
                    container = frame[0]
                    if type(container) is YSeq:
                        container.append(node)
                        container.item_lines.append(line)
                    elif frame[1] is None:
                        raise _fail(name, line, "bad-key", "a key must be a plain text value")
                    else:
                        if hook_key == frame[1] and len(stack) == 1 and kind is seq_start:
                            target = node  # type: ignore[assignment]
                        container[frame[1]] = node
                        frame[1] = None
                stack.append([node, None])
            elif kind is map_end:
                stack.pop()
                if len(stack) == 2 and stack[1][0] is target and convert is not None:
                    assert target is not None and root is not None
                    target[-1] = convert(root, target[-1], target.item_lines[-1])
            elif kind is seq_end:
                stack.pop()
            elif kind is yaml.AliasEvent:
                line = event.start_mark.line + 1
                message = "aliases (*name) are not allowed"
                raise _fail(name, line, "yaml-alias", message, _field(stack))
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    line = event.start_mark.line + 1
                    raise _fail(name, line, "yaml-syntax", "only one YAML document is allowed")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        problem = exc.problem or exc.context or "invalid YAML"
        if "nesting" in problem:  # newer libyaml has a depth limit of its own
            message = f"nesting deeper than the limit of {MAX_DEPTH} levels"
            raise _fail(name, line, "too-deep", message) from None
        raise _fail(name, line, "yaml-syntax", f"invalid YAML: {problem}") from None
    except yaml.reader.ReaderError as exc:
        # ``position`` counts bytes of the UTF-8 that libyaml reads.
        line = data.count(b"\n", 0, exc.position) + 1
        raise _fail(name, line, "yaml-syntax", f"invalid YAML: {exc.reason}") from None
    except yaml.YAMLError as exc:
        raise _fail(name, 0, "yaml-syntax", f"invalid YAML: {exc}") from None
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()
    if root is None:
        raise _fail(name, 1, "not-a-mapping", "the top level must be a mapping of keys to values")
    return root


def _anchor_or_tag(name: str, line: int, event: Any, field: str) -> DataError:
    if event.anchor is not None:
        message = f"anchors (&{event.anchor}) are not allowed"
        return _fail(name, line, "yaml-anchor", message, field)
    return _fail(name, line, "yaml-tag", f"tags ({event.tag}) are not allowed", field)
