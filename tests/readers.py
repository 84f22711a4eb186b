"""Both of yamlio's readers on the same bytes: the compiled one (``_yamltree.c``, when it was
built) and the Python one (``yamlio._build``), each result as plain data that keeps everything
a caller can see — node classes, lines of every key and item, key order, values — or the
error's problems (file, line, field, rule, message)."""

from __future__ import annotations

from typing import Any

from designations import DataError, yamlio

#: The compiled reader, or None where it was not built (then only the Python one is tested).
COMPILED: Any = yamlio._compiled


def plain(node: Any) -> Any:
    if type(node) is yamlio.YMap:
        items = [(key, node.key_lines[key], plain(value)) for key, value in node.items()]
        return ("map", node.line, items, sorted(node.key_lines.items()))
    if type(node) is yamlio.YSeq:
        return ("seq", node.line, list(node.item_lines), [plain(value) for value in node])
    assert node is None or type(node) is str or not isinstance(node, dict | list), node
    return node


def read(data: bytes, compiled: bool, hook: yamlio.ItemHook | None = None) -> Any:
    """``("tree", ...)`` or ``("error", problems)`` as one reader gives it."""
    saved = yamlio._compiled
    yamlio._compiled = COMPILED if compiled else None
    try:
        return ("tree", plain(yamlio.parse_bytes(data, "in.yaml", hook)))
    except DataError as exc:
        return ("error", exc.problems)
    finally:
        yamlio._compiled = saved


def both(data: bytes, hook: yamlio.ItemHook | None = None) -> tuple[Any, Any]:
    """(compiled, Python) results for ``data``."""
    return read(data, True, hook), read(data, False, hook)
