"""The only reader of YAML: the strict subset of the snapshot format, built from libyaml's event
stream — in C by ``_yamltree.c`` where it was built at install time, else in Python by
``_build`` below (the specification of both: they give the same trees and the same errors).

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
import hashlib
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from .errors import DataError
from .safeio import MAX_FILE_BYTES as _SAFE_LIMIT
from .safeio import read_bytes

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_TEXT_CHARS",
    "ItemHook",
    "YMap",
    "YSeq",
    "compiled",
    "compiled_function",
    "parse_bytes",
    "paused_gc",
    "pyyaml_parser",
    "read_yaml",
]

#: The largest file the reader accepts (bytes). Real lists are far smaller (OFAC's SDN list with
#: every alias is about 20 MB in this format).
MAX_FILE_BYTES = _SAFE_LIMIT
#: The longest single text value (characters): a value longer than this is not a name or a note.
MAX_TEXT_CHARS = 64 * 1024
#: The deepest nesting of mappings and sequences; the format itself needs five levels.
MAX_DEPTH = 32

#: The PyYAML parser ``_build`` reads with (``pyyaml_parser()``), set on its first use: where
#: the compiled reader reads every file, PyYAML is never imported.
_Parser: Any = None


def pyyaml_parser() -> Any:
    """libyaml's C parser where PyYAML was built with it; the pure-Python one otherwise."""
    import yaml

    parser = getattr(yaml, "cyaml", None) and getattr(yaml.cyaml, "CParser", None)
    if not parser or not getattr(yaml, "__with_libyaml__", False):  # pragma: no cover
        parser = yaml.BaseLoader
    return parser


#: The compiled reader (``_yamltree.c``: the same tree and errors as ``_build`` below, from
#: libyaml's events without a Python object per event), when it was built at install time and
#: ``$DESIGNATIONS_PURE_YAML`` is not set; else ``None`` and ``_build`` reads every file.
_compiled: Any = None


def _current(module: Any, source: Path) -> bool:
    """Whether a compiled module was built from ``source`` as it is now (its ``source_sha256``,
    given by the build), or there is no source beside it to compare (an install that ships
    none). A module built from older source (a checkout changed after it was built) is not
    used: its trees could differ from what this code expects."""
    try:
        text = source.read_bytes()
    except OSError:
        return True
    return bool(getattr(module, "source_sha256", "") == hashlib.sha256(text).hexdigest())


if not os.environ.get("DESIGNATIONS_PURE_YAML"):
    try:
        from . import _yamltree as _compiled  # type: ignore[attr-defined,no-redef]
    except ImportError:  # pragma: no cover - built only where libyaml's headers exist
        _compiled = None
    if _compiled is not None and not _current(_compiled, Path(__file__).with_name("_yamltree.c")):
        _compiled = None
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
#: Raw characters YAML 1.1 (libyaml) reads as line breaks, YAML 1.2 as text: refused.
_YAML11_BREAKS = (
    ("\u0085", "NEL (U+0085)"),
    ("\u2028", "LINE SEPARATOR (U+2028)"),
    ("\u2029", "PARAGRAPH SEPARATOR (U+2029)"),
)
#: What a double-quoted escape may not produce: control characters but tab, line feed and
#: carriage return (NEL, LS and PS are what the writer escapes), surrogates, non-characters.
_BAD_ESCAPE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
#: What may follow a closing quote or flow bracket directly (YAML wants a space before "#").
_AFTER_CLOSE = frozenset(" \t\r\n,]}:")


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
    ``line`` is where the mapping starts; ``key_lines`` gives each key's line. (The compiled
    reader makes these without calling ``__init__`` and sets both slots itself: a new slot
    must be set in ``_yamltree.c`` too.)"""

    __slots__ = ("key_lines", "line")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}


class YSeq(list[Any]):
    """A sequence as read, with the line where it starts and the line of each item (set by
    ``_yamltree.c`` too, as for ``YMap``)."""

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
    if not text or text.isspace():
        raise DataError.one(name, 1, "", "empty-file", "the file is empty")
    for raw, what in _YAML11_BREAKS:
        at = text.find(raw)  # in the text: an order of magnitude faster than in the bytes
        if at >= 0:  # YAML 1.1 line breaks: libyaml would fold them into spaces or newlines
            line = text.count("\n", 0, at) + 1
            message = (
                f"a raw {what} character: write it as an escape in a double-quoted value "
                "(the writer does), or remove it"
            )
            raise DataError.one(name, line, "", "yaml-line-break", message)
    if not data.endswith(b"\n"):
        # libyaml drops a block scalar's last line break at the end of a file without one;
        # with it added, every value reads as YAML 1.2 says.
        data += b"\n"
        text += "\n"
    with paused_gc():  # the tree holds only containers that cannot form cycles
        if _compiled is not None:
            return _build_compiled(data, text, name, hook)
        return _build(data, text, name, hook)


def compiled() -> bool:
    """Whether files are read by the compiled reader (else by ``_build``)."""
    return _compiled is not None


def compiled_function(name: str) -> Any:
    """A function of the compiled module other than the reader (``relined``), or ``None``
    where the reader is Python's: then the caller uses its Python form."""
    return getattr(_compiled, name, None) if _compiled is not None else None


def _build_compiled(data: bytes, text: str, name: str, hook: ItemHook | None) -> YMap:
    hook_key, convert = hook if hook is not None else (None, None)
    try:
        tree: YMap = _compiled.build(
            data,
            text,
            name,
            hook_key,
            convert,
            YMap,
            YSeq,
            _fail,
            _field,
            MAX_TEXT_CHARS,
            MAX_DEPTH,
        )
    except DataError:
        raise
    except ValueError as exc:  # as in ``_build``: what a hook raises, and the like
        raise _fail(name, 0, "yaml-syntax", f"invalid YAML: {exc}") from None
    return tree


def _fail(name: str, line: int, rule: str, message: str, field: str = "") -> DataError:
    return DataError.one(name, line, field, rule, message)


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


def _build(data: bytes, text: str, name: str, hook: ItemHook | None) -> YMap:
    # The bytes (checked to be UTF-8 above) rather than the decoded text: libyaml reads them
    # directly, and the events and their lines are the same. ``text`` is for the checks of
    # what libyaml lets through (marks count characters).
    import yaml

    global _Parser
    if _Parser is None:
        _Parser = pyyaml_parser()
    parser: Any = None
    hook_key, convert = hook if hook is not None else (None, None)
    target: YSeq | None = None  # the sequence whose items the hook converts
    scalar_event = yaml.ScalarEvent
    map_start, map_end = yaml.MappingStartEvent, yaml.MappingEndEvent
    seq_start, seq_end = yaml.SequenceStartEvent, yaml.SequenceEndEvent
    max_chars = MAX_TEXT_CHARS
    # Each frame: [container, pending key or None, indent, flow]. A mapping takes a key, then
    # its value. ``indent`` is the column of the nearest block collection (-1: none), which a
    # quoted value or flow collection running over several lines must stay to the right of.
    stack: list[list[Any]] = []
    root: YMap | None = None
    documents = 0
    explicit_keys_possible = "?" in text  # else no key can have been written "? key"
    bad_escape = _BAD_ESCAPE.search
    after_close = _AFTER_CLOSE | {""}  # "": the end of the text
    try:
        parser = _Parser(data)  # the pure-Python reader checks characters here already
        while True:
            event: Any = parser.get_event()
            if event is None:
                break
            kind = type(event)
            if kind is scalar_event:
                if event.anchor is not None or event.tag is not None:
                    raise _anchor_or_tag(name, event.start_mark.line + 1, event, _field(stack))
                value: Any = event.value
                style = event.style
                if not style and value in _NULLS:  # plain style: None (Python) or "" (C)
                    value = None
                elif style and (
                    (style != '"' and style != "'")
                    or (style == '"' and bad_escape(value))
                    or event.end_mark.line != event.start_mark.line
                    or text[event.end_mark.index : event.end_mark.index + 1] not in after_close
                ):  # what libyaml lets through: the full checks (most quoted values skip them)
                    _check_styled(text, name, event, value, stack)
                if value is not None and len(value) > max_chars:
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
                    if explicit_keys_possible:
                        _check_key(text, name, event)
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
                flow = bool(event.flow_style)
                indent = stack[-1][2] if stack else -1
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
                if flow:
                    stack.append([node, None, indent, event.start_mark])
                else:
                    stack.append([node, None, event.start_mark.column, None])
            elif kind is map_end:
                done = stack.pop()
                if done[3] is not None:
                    _check_flow_end(text, name, done, event)
                if len(stack) == 2 and stack[1][0] is target and convert is not None:
                    assert target is not None and root is not None
                    target[-1] = convert(root, target[-1], target.item_lines[-1])
            elif kind is seq_end:
                done = stack.pop()
                if done[3] is not None:
                    _check_flow_end(text, name, done, event)
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
    except DataError:
        raise
    except ValueError as exc:  # the pure-Python reader's lone surrogates, and the like
        raise _fail(name, 0, "yaml-syntax", f"invalid YAML: {exc}") from None
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()
    if root is None:
        raise _fail(name, 1, "not-a-mapping", "the top level must be a mapping of keys to values")
    return root


def _check_key(text: str, name: str, event: Any) -> None:
    """Refuse an explicit key (``? key``): in a flow mapping libyaml reads ``{?foo: 1}`` as the
    key ``foo``, where YAML 1.2 reads ``?foo``."""
    index = event.start_mark.index
    while index > 0 and text[index - 1] in " \t":
        index -= 1
    if index > 0 and text[index - 1] == "?":  # the key starts after it: libyaml took "?"
        raise _fail(
            name,
            event.start_mark.line + 1,
            "yaml-explicit-key",
            "explicit keys (?) are not allowed: write 'key: value'",
        )


def _check_after(text: str, name: str, index: int, line: int, what: str) -> None:
    if index < len(text) and text[index] not in _AFTER_CLOSE:
        raise _fail(
            name,
            line,
            "yaml-syntax",
            f"invalid YAML: text directly after {what}: put a space before a '#' comment",
        )


def _check_indent(text: str, name: str, start: Any, end: Any, indent: int, what: str) -> None:
    """A value over several lines inside a block collection must keep every continuation
    line to the right of the collection's column (YAML 1.2; libyaml does not check)."""
    if indent < 0 or end.line == start.line:
        return
    lines = text[start.index : end.index].split("\n")
    for offset, line in enumerate(lines[1:], start=1):
        content = line.lstrip(" ")
        if content.strip() and len(line) - len(content) <= indent:  # a tab is no indent
            raise _fail(
                name,
                start.line + offset + 1,
                "yaml-syntax",
                f"invalid YAML: a line of {what} is not indented more than its key",
            )


def _check_styled(text: str, name: str, event: Any, value: str, stack: list[list[Any]]) -> None:
    """What libyaml lets through around a quoted or block scalar."""
    style = event.style
    start, end = event.start_mark, event.end_mark
    if style == '"' or style == "'":
        bad = _BAD_ESCAPE.search(value) if style == '"' else None
        if bad is not None:
            char = bad.group()
            raise _fail(
                name,
                start.line + 1,
                "control-character",
                f"the escape for U+{ord(char):04X} is not allowed: control characters, "
                "surrogates and non-characters cannot be stored",
                _field(stack),
            )
        _check_after(text, name, end.index, end.line + 1, "a closing quote")
        if stack:
            _check_indent(text, name, start, end, stack[-1][2], "a quoted value")
    elif style == "|" or style == ">":
        header = text[start.index : text.find("\n", start.index)]
        rest = header.lstrip("|>+-0123456789")
        if rest and rest[0] not in " \t\r":
            raise _fail(
                name,
                start.line + 1,
                "yaml-syntax",
                "invalid YAML: text directly after a block scalar indicator: put a space "
                "before a '#' comment",
            )
        if not value.strip():
            raise _fail(
                name,
                start.line + 1,
                "yaml-empty-block",
                "a block scalar (| or >) with no text: leave the key out instead",
                _field(stack),
            )


def _check_flow_end(text: str, name: str, frame: list[Any], event: Any) -> None:
    end = event.end_mark
    _check_after(text, name, end.index, end.line + 1, "a closing bracket")
    _check_indent(text, name, frame[3], end, frame[2], "a [ ] or { } collection")


def _anchor_or_tag(name: str, line: int, event: Any, field: str) -> DataError:
    if event.anchor is not None:
        message = f"anchors (&{event.anchor}) are not allowed"
        return _fail(name, line, "yaml-anchor", message, field)
    return _fail(name, line, "yaml-tag", f"tags ({event.tag}) are not allowed", field)
