"""Typed reading of one YAML mapping, recording every problem instead of stopping at the first.

``Fields`` is the seam between the raw tree (``yamlio``) and the records (``model``): the loader
asks it for a key as text, a slug, a date, an enum member or a list, and gets the value or
``None``; what was wrong is collected, with file, line and field path, for one ``DataError``.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterator
from typing import Any, TypeVar

from .dates import PartialDate, parse_date, parse_partial_date
from .errors import DataError, Problem
from .suggest import did_you_mean
from .yamlio import YMap, YSeq

__all__ = ["SLUG", "Collector", "Fields"]

E = TypeVar("E", bound=enum.Enum)

#: Ids of lists' entries, instruments and seeds.
_INTEGER = re.compile(r"\A-?[0-9]+\Z")
_DECIMAL = re.compile(r"\A-?[0-9]+(\.[0-9]+)?\Z")
SLUG = re.compile(r"\A[a-z0-9]+([-._][a-z0-9]+)*\Z")  # \Z: no trailing newline


class Collector:
    """Gathers the problems found in one file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, line: int, field: str, rule: str, message: str) -> None:
        self.problems.append(Problem(self.path, line, field, rule, message))

    def raise_if_any(self) -> None:
        if self.problems:
            raise DataError(sorted(self.problems, key=lambda p: p.line))


class Fields:
    """One mapping of the file, at ``field`` (e.g. ``entries[3]``), with its allowed keys."""

    def __init__(
        self,
        out: Collector,
        node: Any,
        line: int,
        field: str,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
    ) -> None:
        self.out = out
        self.field = field
        self.line = line
        self.ok = isinstance(node, YMap)
        self.node: YMap = node if isinstance(node, YMap) else YMap(line)
        if not self.ok:
            out.add(line, field, "bad-type", "expected a mapping of keys to values")
            return
        allowed = set(required) | set(optional)
        for key in self.node:
            if key not in allowed:
                hint = ", ".join(sorted(allowed))
                out.add(
                    self.node.key_lines[key],
                    self._path(key),
                    "unknown-key",
                    f"unknown key {key!r} (allowed: {hint}){did_you_mean(key, allowed)}",
                )
        for key in required:
            if key not in self.node:
                out.add(
                    self.node.line,
                    self._path(key),
                    "missing-field",
                    f"required key {key!r} is missing",
                )

    @classmethod
    def document(
        cls, out: Collector, tree: YMap, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> Fields:
        """The top-level mapping of a file."""
        return cls(out, tree, tree.line, "", required, optional)

    def _path(self, key: str) -> str:
        return f"{self.field}.{key}" if self.field else key

    def line_of(self, key: str) -> int:
        return self.node.key_lines.get(key, self.node.line)

    def _get(self, key: str) -> Any:
        """The raw value, or ``None`` when absent; an explicit null is a problem."""
        if key not in self.node:
            return None
        value = self.node[key]
        if value is None:
            self.out.add(
                self.line_of(key),
                self._path(key),
                "empty-value",
                "empty value: leave an optional key out instead",
            )
        return value

    def _bad(self, key: str, rule: str, message: str) -> None:
        self.out.add(self.line_of(key), self._path(key), rule, message)

    def text(self, key: str) -> str | None:
        value = self._get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self._bad(key, "bad-type", "expected text")
            return None
        if not value.strip():
            self._bad(key, "empty-value", "empty value: leave an optional key out instead")
            return None
        return value

    def slug(self, key: str) -> str | None:
        value = self.text(key)
        if value is not None and not SLUG.match(value):
            self._bad(key, "bad-id", f"{value!r} is not a lower-case id (a-z, 0-9, - . _)")
            return None
        return value

    def pattern(self, key: str, regex: re.Pattern[str], what: str) -> str | None:
        value = self.text(key)
        if value is not None and not regex.match(value):
            self._bad(key, "bad-value", f"{value!r} is not {what}")
            return None
        return value

    def date(self, key: str) -> dt.date | None:
        value = self.text(key)
        if value is None:
            return None
        try:
            return parse_date(value)
        except ValueError as exc:
            self._bad(key, "bad-date", str(exc))
            return None

    def partial_date(self, key: str) -> PartialDate | None:
        value = self.text(key)
        if value is None:
            return None
        try:
            return parse_partial_date(value)
        except ValueError as exc:
            self._bad(key, "bad-date", str(exc))
            return None

    def choice(self, key: str, vocab: type[E]) -> E | None:
        value = self.text(key)
        if value is None:
            return None
        try:
            return vocab(value)
        except ValueError:
            allowed = ", ".join(m.value for m in vocab)
            hint = did_you_mean(value, (m.value for m in vocab))
            self._bad(key, "bad-enum", f"{value!r} is not one of: {allowed}{hint}")
            return None

    def number(self, key: str, kind: type[int] | type[float]) -> float | None:
        value = self.text(key)
        if value is None:
            return None
        # ASCII digits only, written out: not "1_000", "nan", "inf", " 1" or "١" (which
        # int() and float() would take).
        pattern = _INTEGER if kind is int else _DECIMAL
        if not pattern.match(value):
            self._bad(key, "bad-type", f"{value!r} is not a number")
            return None
        return kind(value)

    def items(self, key: str, *, non_empty: bool = False) -> Iterator[tuple[Any, int, str]]:
        """Each item of a sequence as (value, line, field path)."""
        value = self._get(key)
        if value is None:
            return
        if not isinstance(value, YSeq):
            self._bad(key, "bad-type", "expected a list")
            return
        if non_empty and not value:
            self._bad(key, "empty-value", "expected at least one item")
        base = self._path(key)
        for index, (item, line) in enumerate(zip(value, value.item_lines, strict=True)):
            yield item, line, f"{base}[{index}]"

    def text_list(self, key: str, *, slugs: bool = False, non_empty: bool = False) -> list[str]:
        result: list[str] = []
        for item, line, field in self.items(key, non_empty=non_empty):
            if not isinstance(item, str) or not item.strip():
                self.out.add(line, field, "bad-type", "expected a non-empty text item")
            elif slugs and not SLUG.match(item):
                self.out.add(line, field, "bad-id", f"{item!r} is not a lower-case id")
            else:
                result.append(item)
        return result

    def text_mapping(self, key: str) -> list[tuple[str, str]]:
        value = self._get(key)
        if value is None:
            return []
        if not isinstance(value, YMap):
            self._bad(key, "bad-type", "expected a mapping of scheme to id")
            return []
        pairs: list[tuple[str, str]] = []
        for scheme, item in value.items():
            line = value.key_lines[scheme]
            if not isinstance(item, str) or not item.strip():
                self.out.add(
                    line,
                    f"{self._path(key)}.{scheme}",
                    "bad-type",
                    "expected a non-empty text value",
                )
            else:
                pairs.append((scheme, item))
        return sorted(pairs)
