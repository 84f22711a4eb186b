"""What every renderer shares: JSON-ready forms of records, and escaping for each output."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

import msgspec

from ..dates import PartialDate
from ..model import ChangeRecord, Entry, Instrument, ListInfo
from ..vocab import InstrumentKind

__all__ = [
    "basis_json",
    "ci_safe",
    "csv_safe",
    "csv_table",
    "date_text",
    "dumps",
    "instrument_label",
    "link_url",
    "md_cell",
    "md_link",
    "md_url",
    "one_line",
    "record_json",
    "since_text",
    "terminal",
    "uncertainty_text",
]

# Control and bidi embedding/override/isolate characters, surrogates and the non-characters
# U+FFFE/U+FFFF: what no output should carry (XML and HTML forbid several of them outright).
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#!~])")
_HTTP = re.compile(r"^https?://[^\s]+$", re.IGNORECASE)
#: Characters left as they are when a URL is written into Markdown; the rest are %-encoded.
_MD_URL_SAFE = "/:?#&=%+,;~@!$*'._-"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def date_text(value: PartialDate | None) -> str | None:
    return None if value is None else str(value)


def since_text(entry: Entry) -> str:
    """An entry's date in a table: its ``listed_on``, or "first seen DATE" where the source
    gave no listing date (never shown as a listing date)."""
    if entry.listed_on is not None:
        return str(entry.listed_on)
    return f"first seen {entry.first_seen}"


def basis_json(instrument: Instrument) -> dict[str, Any]:
    """An instrument as the JSON contract gives it: every key, null where the data has none."""
    return {
        "id": instrument.id,
        "kind": instrument.kind.value,
        "authority": instrument.authority,
        "reference": instrument.reference,
        "title": instrument.title,
        "date": date_text(instrument.date),
        "effective": date_text(instrument.effective),
        "url": instrument.url,
        "certainty": instrument.certainty.value,
        "note": instrument.note,
    }


def record_json(record: ChangeRecord, info: ListInfo) -> dict[str, Any]:
    """A change record (e.g. a phantom) with its instruments resolved."""
    return {
        "entry": record.entry,
        "action": record.action.value,
        "effective": str(record.effective),
        "basis": [basis_json(i) for i in info.resolve(record.basis)],
        "note": record.note,
        "line": record.line,
    }


def instrument_label(instrument: Instrument) -> str:
    """An act in a few words: authority, its reference (else its kind) and date. Its title,
    which may be a long description, is left to where there is room for it."""
    what = instrument.reference or instrument.kind.value.replace("-", " ")
    if instrument.kind is InstrumentKind.PROGRAMME:
        label = f"{instrument.authority}, programme {what} (no act identified)"
    else:
        label = f"{instrument.authority}, {what}, {instrument.date}"
    return label if instrument.is_certain else f"{label} [{instrument.certainty.value}]"


def uncertainty_text(instrument: Instrument | Entry) -> str | None:
    """What a reader must know before quoting this act or entry as certain: its certainty and the
    note saying why, or ``None`` for a confirmed fact."""
    if instrument.is_certain:
        return None
    why = instrument.note if isinstance(instrument, Instrument) else instrument.notes
    return f"{instrument.certainty.value}: {why}" if why else instrument.certainty.value


def dumps(document: Any) -> str:
    """JSON as the contracts want it: keys in the order built, UTF-8 kept, indented by two, a
    final newline. (``msgspec`` writes what ``json.dumps(..., ensure_ascii=False, indent=2)``
    writes, ten times faster; a float may be spelled otherwise, as ``1e20`` for ``1e+20``.)"""
    return msgspec.json.format(msgspec.json.encode(document), indent=2).decode() + "\n"


def terminal(text: str) -> str:
    """Data text made safe for a terminal: control and bidi-override characters removed
    (line breaks and tabs kept; see :func:`one_line` for a value inside a line)."""
    return _CONTROL.sub("", text)


def one_line(text: str) -> str:
    """A data value made safe to print inside a line of text output, including a CI log: line
    breaks of every kind (CR, LF, NEL, U+2028 ...) and runs of white space become one space,
    control and bidi characters are removed, and what a CI runner would read as a command is
    broken up (a value starting with ``::``, or holding ``##[``)."""
    spaced = " ".join(text.split())  # every line break str.split knows, before controls go
    return _ci_value(" ".join(_CONTROL.sub("", spaced).split()))


def _ci_value(text: str) -> str:
    text = text.replace("##[", "## [")
    return ": :" + text[2:] if text.startswith("::") else text


# How each output format breaks up a workflow command without changing what it means where it
# is read: (replacement for "##[", replacement for a line's leading "::"). Markdown, HTML, XML
# and JSON have lossless escapes; plain text and CSV get a space.
_CI_ESCAPES = {
    "markdown": ("##\\[", "\\::"),
    "html": ("##&#91;", "&#58;:"),
    "atom": ("##&#91;", "&#58;:"),
    "json": ("##\\u005b", "::"),  # "#" only occurs inside JSON strings; no line starts "::"
    "jsonl": ("##\\u005b", "::"),
    "github": ("##[", "::"),  # its commands are meant; the data in them is escaped already
}
_LINE_START = re.compile(r"(?:^|(?<=\r))(\s*)::", re.MULTILINE)  # the runner splits at CR too


def ci_safe(document: str, fmt: str) -> str:
    """A whole output in format ``fmt`` (``text``, ``markdown``, ``json``, ``csv``, ``html``,
    ``atom``, ``github`` ...), checked last before it is written: no line may start with
    ``::`` (after white space) or hold ``##[``, which the GitHub runner reads as workflow
    commands, unless ``fmt`` is ``github`` (whose commands are the point)."""
    bracket, start = _CI_ESCAPES.get(fmt, ("## [", ": :"))
    if "##[" in document:
        document = document.replace("##[", bracket)
    if start != "::" and "::" in document:
        document = _LINE_START.sub(lambda m: m.group(1) + start, document)
    return document


def md_cell(text: str | None) -> str:
    """Text made safe for a Markdown table cell (and for GitHub's HTML): one line, specials
    escaped, so data cannot break the table or inject markup."""
    if not text:
        return ""
    return _MD_SPECIAL.sub(r"\\\1", one_line(text))


def link_url(url: str | None) -> str | None:
    """The URL if it is an http(s) URL that can be a link target, else ``None``."""
    return url if url and _HTTP.match(url) else None


def md_url(url: str) -> str:
    """A URL as a Markdown link target: characters that could end the link or break a table
    (``)``, ``|``, ``<``, spaces ...) percent-encoded."""
    return quote(url, safe=_MD_URL_SAFE)


def md_link(label: str, url: str | None) -> str:
    """``label`` as Markdown table-cell text, linked to ``url`` when it is an http(s) URL: the
    one way every Markdown renderer writes a link."""
    text = md_cell(label)
    target = link_url(url)
    return f"[{text}]({md_url(target)})" if target else text


def csv_safe(value: str) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def csv_table(header: Sequence[str], rows: Iterable[Sequence[str | None]]) -> str:
    """CSV with a UTF-8 byte-order mark (so spreadsheets read Cyrillic and Arabic right), CRLF
    line ends, every cell guarded against formula injection."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_safe(terminal(cell or "")) for cell in row])
    return "\ufeff" + buffer.getvalue()
