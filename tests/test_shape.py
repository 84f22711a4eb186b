"""The record shapes (``designations.shape``) are the one description of each record: the
model has no attribute they leave out, the loader accepts and requires exactly the keys the JSON
Schemas list, and docs/format.md's tables say the same."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import attrs
import pytest

from designations.errors import DataError, Problem
from designations.load import load_list_info, load_seed, load_snapshot
from designations.model import ChangeRecord, Entry, Instrument, Name
from designations.schema_files import schema
from designations.shape import CHANGE, ENTRY, ENTRY_NAME, INSTRUMENT, Shape

from .conftest import ROOT, SAMPLE_DATA

ALLOWED = re.compile(r"unknown key 'zz' \(allowed: ([^)]*)\)")
MISSING = re.compile(r"required key '([a-z0-9_]+)' is missing\Z")


@pytest.mark.parametrize(
    ("record", "shape"),
    [(Entry, ENTRY), (ChangeRecord, CHANGE), (Instrument, INSTRUMENT), (Name, ENTRY_NAME)],
    ids=lambda x: getattr(x, "__name__", ""),
)
def test_every_attribute_a_file_gives_has_a_key(record: type, shape: Shape[Any]) -> None:
    attributes = [a.name for a in attrs.fields(record) if a.init and a.name != "line"]
    assert sorted(attributes) == sorted(k.name for k in shape.keys)


def problems_of(load: Any) -> list[Problem]:
    with pytest.raises(DataError) as caught:
        load()
    return list(caught.value.problems)


def loader_keys(problems: list[Problem], where: str) -> tuple[set[str], set[str]]:
    """The keys the loader allows and requires at ``where`` (a field path; "" for the top),
    read from its messages about the probe key ``zz`` and the keys missing there."""
    prefix = f"{where}." if where else ""
    allowed: set[str] = set()
    required: set[str] = set()
    for p in problems:
        if p.field == f"{prefix}zz" and (found := ALLOWED.search(p.message)):
            allowed = set(found[1].split(", "))
        key = p.field[len(prefix) :]
        direct = p.field.startswith(prefix) and "." not in key and "[" not in key
        if direct and p.rule == "missing-field" and (missing := MISSING.match(p.message)):
            required.add(missing[1])
    assert allowed, f"no unknown-key message at {where!r}"
    return allowed, required


def schema_keys(kind: str, where: str) -> tuple[set[str], set[str]]:
    """The ``properties`` and ``required`` of the object the schema of ``kind`` describes at
    the field path ``where``."""
    document = schema(kind)

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = document["$defs"][node["$ref"].removeprefix("#/$defs/")]
        return node

    node = resolve(document)
    for name, index in re.findall(r"([a-z_]+)(\[0\])?", where):
        node = resolve(node["properties"][name])
        if index:
            node = resolve(node["items"])
    assert node["type"] == "object" and node["additionalProperties"] is False
    return set(node["properties"]), set(node.get("required", ()))


def probe(where: str) -> str:
    """A file whose mapping at the field path ``where`` is ``{zz: x}``, reached through
    mappings that hold nothing else."""
    text = "{zz: x}"
    for name, index in reversed(re.findall(r"([a-z_]+)(\[0\])?", where)):
        text = f"{{{name}: {'[' + text + ']' if index else text}}}"
    return text + "\n"


@pytest.mark.parametrize(
    ("kind", "where"),
    [
        ("snapshot", ""),
        ("snapshot", "publication"),
        ("snapshot", "publication.files[0]"),
        ("snapshot", "acknowledged[0]"),
        ("snapshot", "entries[0]"),
        ("snapshot", "entries[0].names[0]"),
        ("snapshot", "changes[0]"),
        ("list", ""),
        ("list", "names[0]"),
        ("list", "mass_removal"),
        ("list", "date_conventions"),
        ("list", "source"),
        ("list", "instruments[0]"),
        ("seed", ""),
    ],
)
def test_the_schemas_and_the_loader_agree_key_by_key(tmp_path: Path, kind: str, where: str) -> None:
    folder = tmp_path / "lists" / "xx-sample"
    folder.mkdir(parents=True)
    (folder / "list.yaml").write_bytes(
        (SAMPLE_DATA / "lists" / "xx-sample" / "list.yaml").read_bytes()
    )
    if kind == "snapshot":
        (folder / "2021-01-01.yaml").write_text(probe(where), "utf-8")
        problems = problems_of(lambda: load_snapshot(folder / "2021-01-01.yaml"))
    elif kind == "list":
        (folder / "list.yaml").write_text(probe(where), "utf-8")
        problems = problems_of(lambda: load_list_info(folder / "list.yaml"))
    else:
        (tmp_path / "zz.yaml").write_text(probe(where), "utf-8")
        problems = problems_of(lambda: load_seed(tmp_path / "zz.yaml"))
    assert loader_keys(problems, where) == schema_keys(kind, where)


def format_table(heading: str) -> dict[str, str]:
    """The keys of one table of docs/format.md, each with its "required" column."""
    text = (ROOT / "docs" / "format.md").read_text("utf-8")
    section = text.split(f"### {heading}\n", 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| `([a-z_]+)` \| ([^|]+) \|", section, re.MULTILINE)
    return {key: required.strip() for key, required in rows}


@pytest.mark.parametrize(
    ("heading", "shape"),
    [
        ("Entry", ENTRY),
        ("Change (a legal act between two snapshots)", CHANGE),
        ("Instrument (a legal act)", INSTRUMENT),
    ],
)
def test_the_format_doc_lists_every_key(heading: str, shape: Shape[Any]) -> None:
    table = format_table(heading)
    assert list(table) == [k.name for k in shape.keys]
    assert [k for k, required in table.items() if required == "yes"] == list(shape.required)
