"""What the report renderers share: labels for a change's action and verdict, and the range
as words."""

from __future__ import annotations

import difflib
import json
from typing import TYPE_CHECKING, Any

from ..reconcile import Change
from ..structural import FieldChange
from ..vocab import Action, ChangeKind

if TYPE_CHECKING:  # diff's renderers use this module too, and need no report
    from ..report import Report

__all__ = [
    "action_label",
    "action_shown",
    "action_text",
    "action_words",
    "field_text",
    "in_part",
    "range_text",
    "status_label",
    "title_text",
    "value_text",
]


def action_label(change: Change) -> str:
    """What happened: the act's action where one explains the change, else the diff's kind."""
    return change.action.value if change.action else change.kind.value


def in_part(kind: ChangeKind | None, action: Action | None) -> bool:
    """Whether a change is a listing or delisting of an entry that stays on the list (an
    amended entry: a record scoped to some of its acts)."""
    return kind is ChangeKind.AMENDED and action in (Action.LISTED, Action.DELISTED)


def action_text(kind: ChangeKind | None, action: Action | None) -> str:
    """An action for people to read: :func:`in_part` as "delisted in part" (or "listed in
    part"); ``""`` with no action. Machine formats keep the action's value
    (:func:`action_label`)."""
    if action is None:
        return ""
    return f"{action.value} in part" if in_part(kind, action) else action.value


def action_words(change: Change) -> str:
    """:func:`action_text` of a change."""
    return action_text(change.kind, change.action)


def action_shown(change: Change) -> str:
    """What happened, for people to read: :func:`action_words`, else the diff's kind (the
    text, Markdown, HTML and Atom reports)."""
    return action_words(change) or action_label(change)


def status_label(change: Change) -> str:
    """The change's verdict in words (``not covered`` for ``not-covered``)."""
    return change.verdict.value.replace("-", " ")


def range_text(report: Report) -> str:
    since, until = report.since, report.until
    if since and until:
        return f"{since} to {until}"
    if since:
        return f"since {since}"
    if until:
        return f"until {until}"
    return "all dates"


def title_text(report: Report) -> str:
    return f"Designation changes, {range_text(report)}"


def value_text(value: Any) -> str:
    """A field's old or new value for people: text as it is, ``(none)``, else compact JSON."""
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


#: A changed text longer than this is shown as the words that changed, not as two whole texts.
LONG_TEXT = 80
#: Words of unchanged context kept on each side of a change in a word diff.
_CONTEXT = 3
#: Above this many words a word diff is not computed (its cost grows faster than linearly).
_MAX_WORDS = 2000


def _name_text(value: Any) -> str:
    """A name item (``{"name", "lang", "kind"}``) as its text, with its language and kind."""
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        extra = ", ".join(str(value[k]) for k in ("lang", "kind") if value.get(k))
        return f"{value['name']} ({extra})" if extra else value["name"]
    return value_text(value)


def _words(words: list[str], start: int, end: int, *, left: bool, right: bool) -> str:
    """Unchanged words between two changes: all of them, or the context at each side."""
    part = words[start:end]
    if left and right and len(part) > 2 * _CONTEXT:
        return " ".join([*part[:_CONTEXT], "…", *part[-_CONTEXT:]])
    if left and not right and len(part) > _CONTEXT:
        return " ".join([*part[:_CONTEXT], "…"])
    if right and not left and len(part) > _CONTEXT:
        return " ".join(["…", *part[-_CONTEXT:]])
    return " ".join(part)


def word_diff(old: str, new: str) -> str:
    """The words that changed from ``old`` to ``new``: ``[-removed-]`` and ``{+added+}`` with a
    few unchanged words around them."""
    a, b = old.split(), new.split()
    if len(a) > _MAX_WORDS or len(b) > _MAX_WORDS:
        return f"(changed: {len(old)} characters -> {len(new)})"
    codes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    parts = []
    for index, (tag, i1, i2, j1, j2) in enumerate(codes):
        if tag == "equal":
            first, last = index == 0, index == len(codes) - 1
            parts.append(_words(a, i1, i2, left=not first, right=not last))
            continue
        if i2 > i1:
            parts.append(f"[-{' '.join(a[i1:i2])}-]")
        if j2 > j1:
            parts.append(f"{{+{' '.join(b[j1:j2])}+}}")
    return " ".join(p for p in parts if p)


def field_text(change: FieldChange, arrow: str = "->") -> str:
    """One field change for people: an added or removed name as its text with its language and
    kind, a long text as the words that changed, else ``old -> new``."""
    path, old, new = change.path, change.old, change.new
    if path.endswith("[+]"):
        return f"{path}: {_name_text(new)}"
    if path.endswith("[-]"):
        return f"{path}: {_name_text(old)}"
    long = isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > LONG_TEXT
    if long:
        return f"{path}: {word_diff(old, new)}"
    return f"{path}: {value_text(old)} {arrow} {value_text(new)}"
