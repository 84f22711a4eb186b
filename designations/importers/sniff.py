"""What a source file looks like, from its first bytes: the import format that reads it.

Used only to word the refusal of a file given with the wrong format ("this looks like an EU
Financial Sanctions File (XML); try `designations import eu-xml`"). It reads at most
``SAMPLE`` bytes and never parses the file.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..errors import DataError
from ..safeio import open_regular
from .progress import MAX_SOURCE_BYTES

__all__ = ["DESCRIPTIONS", "SAMPLE", "looks_like"]

SAMPLE = 1 << 16

#: Format → what a user would call a file of it.
DESCRIPTIONS = {
    "ofac-csv": "an OFAC CSV file (sdn.csv / cons_prim.csv)",
    "ofac-xml": "an OFAC sdnList XML file",
    "ofac-enhanced-xml": "an OFAC Enhanced XML file",
    "un-xml": "a UN Security Council consolidated list",
    "uk-csv": "an HM Treasury (OFSI) consolidated list CSV",
    "eu-xml": "an EU Financial Sanctions File (XML)",
    "eu-csv": "an EU Financial Sanctions File (CSV)",
    "us-csl": "a US Consolidated Screening List CSV",
    "ca-sema": "Canada's consolidated autonomous sanctions list",
    "au-dfat": "an xlsx workbook (Australia's consolidated list comes as one)",
    "ftm": "FollowTheMoney entities (JSON lines)",
    "ftm-delta": "an OpenSanctions delta file",
}

_ROOTS = {
    "sdnList": "ofac-xml",
    "CONSOLIDATED_LIST": "un-xml",
    "export": "eu-xml",
    "sanctionsData": "ofac-enhanced-xml",
    "data-set": "ca-sema",
}
_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s>/]")
_PROLOG = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", re.DOTALL)


def _xml_root(head: bytes) -> str | None:
    position = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    while match := _PROLOG.match(head, position):
        position = match.end()
    match = _ROOT.match(head, position)
    return match.group(2).decode("ascii") if match else None


def _text_format(head: bytes) -> str | None:
    text = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    first = text.split("\n", 1)[0]
    if text.startswith("{"):
        if re.match(r'\{\s*"op"\s*:', text):
            return "ftm-delta"
        return "ftm" if '"schema"' in first else None
    if "Entity_LogicalId" in first or "Entity_logical_id" in first:
        return "eu-csv"
    if first.startswith("_id,source,"):
        return "us-csl"
    if first.startswith("Last Updated,"):
        return "uk-csv"
    if re.match(r'^\d+,"[^"]*",', first) and "-0-" in first:
        return "ofac-csv"
    return None


def looks_like(path: Path) -> str | None:
    """The format ``path`` looks like, or ``None``."""
    if path.is_dir():
        names = {p.name.lower() for p in path.iterdir()}
        if names & {"sdn.csv", "cons_prim.csv"}:
            return "ofac-csv"
        if "entities.delta.json" in names or any(path.glob("*/entities.delta.json")):
            return "ftm-delta"
        return None
    try:
        with open_regular(path, limit=MAX_SOURCE_BYTES, follow_links=True) as handle:
            head = handle.read(SAMPLE)
    except DataError:
        return None
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                if "xl/workbook.xml" in archive.namelist():
                    return "au-dfat"
        except (zipfile.BadZipFile, OSError):
            return None
        return None
    root = _xml_root(head) if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") else None
    if root is not None:
        return _ROOTS.get(root)
    return _text_format(head)
