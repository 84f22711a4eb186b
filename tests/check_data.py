"""Copies of the sample data for the check tests: a clean one (nothing to report), and ways to
edit one file of a copy so that each test adds exactly one defect."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import SAMPLE_DATA

LIST = "xx-sample"

#: The sample's 2021 snapshot with its deliberate defects repaired: golf's addition dropped,
#: charlie's removal and delta's amendment given records, the phantom zulu record taken out.
_REPAIRS = [
    (
        "  - id: golf\n    name: Golf Network\n    type: organization\n"
        "    listed_on: 2019-01-01\n    basis: [dec-2001]\n",
        "",
    ),
    (
        "  - entry: zulu\n    action: delisted\n    basis: [delist-2020]\n"
        "    effective: 2020-09-01\n",
        "  - entry: charlie\n    action: delisted\n    basis: [delist-2020]\n"
        "    effective: 2020-09-01\n"
        "  - entry: delta\n    action: amended\n    basis: [amend-2020]\n"
        "    effective: 2020-12\n",
    ),
]


def clean_copy(target: Path) -> Path:
    """A copy of the sample data folder that ``check`` finds nothing wrong with."""
    data = target / "data"
    shutil.copytree(SAMPLE_DATA, data)
    for old, new in _REPAIRS:
        edit(data, "2021-01-01.yaml", old, new)
    return data


def path_of(data: Path, name: str) -> Path:
    """A file of the sample list (``list.yaml``, ``2021-01-01.yaml``), or a seed (``seeds/...``)."""
    return data / name if "/" in name else data / "lists" / LIST / name


def edit(data: Path, name: str, old: str, new: str) -> None:
    """Replace ``old`` (which must occur exactly once) with ``new`` in one file of the copy."""
    path = path_of(data, name)
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def line_of(data: Path, name: str, text: str) -> int:
    """The line (from 1) of the only line of a file that is ``text`` (spaces aside), else of
    the only one that contains it."""
    lines = path_of(data, name).read_text("utf-8").splitlines()
    found = [n for n, line in enumerate(lines, 1) if line.strip() == text.strip()]
    found = found or [n for n, line in enumerate(lines, 1) if text in line]
    assert len(found) == 1, f"{text!r} is on lines {found}"
    return found[0]


def two_act_list(list_id: str, name: str = "Imaginary list", authority: str = "Council") -> str:
    """The ``list.yaml`` of an imaginary list with two acts: ``res-1`` (R-1, 2019-05-01) and
    ``res-2`` (R-2, 2021-03-01), both resolutions of ``authority``."""
    return (
        f"id: {list_id}\njurisdiction: XE\nname: {name}\nauthority: {authority}\n"
        f"instruments:\n  - id: res-1\n    kind: resolution\n    authority: {authority}\n"
        "    reference: R-1\n    date: 2019-05-01\n  - id: res-2\n    kind: resolution\n"
        f"    authority: {authority}\n    reference: R-2\n    date: 2021-03-01\n"
    )


def _snapshot_head(list_id: str, day: str) -> str:
    return f"list: {list_id}\nas_of: {day}\ncompleteness: complete\nsources: [https://x.org]\n"


def relisted_folder(root: Path) -> Path:
    """A data folder (``root``) with one list, ``xe-relisted``: ``corp`` (Kalimar Mining Corp)
    listed in 2019 under R-1, re-listed on 2021-03-01 under R-2 as Australia records its
    re-listings: a ``delisted`` record scoped to R-1 and an ``amended`` record. It stays
    listed throughout."""
    folder = root / "lists" / "xe-relisted"
    folder.mkdir(parents=True)
    (folder / "list.yaml").write_text(two_act_list("xe-relisted"), "utf-8")
    entry = (
        "entries:\n  - id: corp\n    name: Kalimar Mining Corp\n    type: organization\n"
        "    listed_on: {since}\n    basis: [{basis}]\n"
    )
    (folder / "2020-01-01.yaml").write_text(
        _snapshot_head("xe-relisted", "2020-01-01")
        + entry.format(since="2019-05-01", basis="res-1"),
        "utf-8",
    )
    (folder / "2021-12-31.yaml").write_text(
        _snapshot_head("xe-relisted", "2021-12-31")
        + entry.format(since="2021-03-01", basis="res-2")
        + "changes:\n  - entry: corp\n    action: delisted\n    effective: 2021-03-01\n"
        "    basis: [res-2]\n    scope: [res-1]\n  - entry: corp\n    action: amended\n"
        "    effective: 2021-03-01\n    basis: [res-2]\n",
        "utf-8",
    )
    return root


def delisted_folder(root: Path, list_id: str, effective: str, name: str) -> Path:
    """A data folder (``root``) with one list, ``list_id`` (named ``name``): ``corp`` (Korea
    Mining Corp), listed in 2019 under res-1, is gone from the snapshot of 2021-12-31, whose
    record dates its delisting ``effective`` (under res-2), before that snapshot."""
    folder = root / "lists" / list_id
    folder.mkdir(parents=True)
    (folder / "list.yaml").write_text(
        two_act_list(list_id, name, authority="Imaginary Council"), "utf-8"
    )
    (folder / "2020-01-01.yaml").write_text(
        _snapshot_head(list_id, "2020-01-01")
        + "entries:\n  - id: corp\n    name: Korea Mining Corp\n    type: organization\n"
        "    listed_on: 2019-05-01\n    basis: [res-1]\n",
        "utf-8",
    )
    (folder / "2021-12-31.yaml").write_text(
        _snapshot_head(list_id, "2021-12-31") + "entries: []\nchanges:\n  - entry: corp\n"
        f"    action: delisted\n    effective: {effective}\n    basis: [res-2]\n",
        "utf-8",
    )
    return root
