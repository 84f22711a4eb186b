"""The JSON Schemas shipped in the package judge the fixture files as the loader does, where a
schema can see the defect at all; where it cannot, the loader alone refuses (documented)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from designations.errors import DataError
from designations.load import load_list_info, load_seed, load_snapshot
from designations.schema_files import SCHEMA_KINDS, schema, schema_text

from .conftest import FIXTURES, SAMPLE_DATA

jsonschema = pytest.importorskip("jsonschema")

HERE = FIXTURES / "schema"
FILES = sorted([*HERE.glob("xx-schema/*.yaml"), *HERE.glob("seeds/*.yaml")])


def kind_of(path: Path) -> str:
    if path.parent.name == "seeds":
        return "seed"
    return "list" if path.name.startswith("list") else "snapshot"


def schema_accepts(path: Path) -> bool:
    """Parsed with every scalar a string, as the loader reads them."""
    with path.open(encoding="utf-8") as handle:
        document = yaml.load(handle, Loader=yaml.BaseLoader)
    validator = jsonschema.Draft202012Validator(schema(kind_of(path)))
    return bool(validator.is_valid(document))


def loader_accepts(path: Path) -> bool:
    kind = kind_of(path)
    try:
        if kind == "seed":
            load_seed(path)
        elif kind == "list":
            load_list_info(path)
        else:
            load_snapshot(path, load_list_info(path.parent / "list.yaml"))
    except DataError:
        return False
    return True


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_schemas_are_valid_draft_2020_12(kind: str) -> None:
    jsonschema.Draft202012Validator.check_schema(schema(kind))
    assert schema(kind)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_unknown_kind() -> None:
    with pytest.raises(ValueError, match="no schema for 'entry'"):
        schema_text("entry")


def test_fixture_set_covers_every_kind_and_verdict() -> None:
    verdicts = {(kind_of(p), "bad" in p.name, "loader-only" in p.name) for p in FILES}
    for kind in SCHEMA_KINDS:
        assert {(kind, False, False), (kind, True, False), (kind, False, True)} <= verdicts


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_schema_and_loader_agree(path: Path) -> None:
    if "loader-only" in path.name:
        assert schema_accepts(path), "the schema is not expected to see this defect"
        assert not loader_accepts(path)
    else:
        expected = "bad-" not in path.name
        assert schema_accepts(path) is expected
        assert loader_accepts(path) is expected


@pytest.mark.parametrize(
    "path",
    sorted([*SAMPLE_DATA.glob("lists/*/*.yaml"), *SAMPLE_DATA.glob("seeds/*.yaml")]),
    ids=lambda p: p.name,
)
def test_schema_accepts_the_sample_data(path: Path) -> None:
    kind = "seed" if path.parent.name == "seeds" else "list" if path.name == "list.yaml" else ""
    document = yaml.load(path.read_text("utf-8"), Loader=yaml.BaseLoader)
    validator = jsonschema.Draft202012Validator(schema(kind or "snapshot"))
    assert list(validator.iter_errors(document)) == []
