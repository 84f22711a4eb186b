"""Every guarantee in SECURITY.md names the test that proves it, and that test exists."""

from __future__ import annotations

import re

from .conftest import ROOT

PAGE = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
_REFERENCE = re.compile(r"`(tests/[\w/]+\.py)((?:::\w+)?)")
_CONTINUED = re.compile(r"`::(\w+)")


def test_every_guarantee_row_names_a_test() -> None:
    rows = [
        line
        for line in PAGE.splitlines()
        if line.startswith("| ") and not line.startswith(("| guarantee", "| ---"))
    ]
    assert len(rows) >= 20
    for row in rows:
        assert "`tests/" in row.rsplit(" | ", 1)[-1], row


def test_every_named_test_exists() -> None:
    checked = 0
    for line in PAGE.splitlines():
        current = None
        for match in re.finditer(rf"{_REFERENCE.pattern}|{_CONTINUED.pattern}", line):
            if match.group(1):
                current = ROOT / match.group(1)
                assert current.is_file(), match.group(1)
                name = match.group(2).removeprefix("::")
            else:
                name = match.group(3)
            if name:
                assert current is not None, line
                source = current.read_text(encoding="utf-8")
                assert re.search(rf"^def {name}\(", source, re.MULTILINE), (current.name, name)
                checked += 1
    assert checked >= 25
