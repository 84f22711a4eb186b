"""Laws over formatting: how a file is written (block or flow style, quoting, key order of a
mapping, entry order) changes neither the snapshot read nor the diff."""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from designations import Registry, diff, load_snapshot
from designations.yamlio import YMap, YSeq, read_yaml

from ..conftest import SAMPLE_DATA

SOURCE = SAMPLE_DATA / "lists" / "xx-sample"


def plain(node: Any) -> Any:
    """The tree as plain Python data (every scalar a string, as the reader keeps it)."""
    if isinstance(node, YMap):
        return {k: plain(v) for k, v in node.items()}
    if isinstance(node, YSeq):
        return [plain(v) for v in node]
    return node


def rewrite(path: Path, *, flow: bool, style: str | None, shuffle: random.Random | None) -> None:
    data = plain(read_yaml(path))
    if shuffle is not None:
        shuffle.shuffle(data["entries"])
        data = {k: data[k] for k in shuffle.sample(list(data), len(data))}
    text = yaml.safe_dump(
        data,
        allow_unicode=True,
        default_flow_style=flow,
        default_style=style,
        sort_keys=False,
        width=60,
    )
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def original() -> Registry:
    return Registry(SAMPLE_DATA)


@given(
    flow=st.booleans(),
    style=st.sampled_from([None, '"', "'"]),
    seed=st.none() | st.integers(0, 1000),
)
def test_formatting_changes_neither_snapshot_nor_diff(
    tmp_path_factory: pytest.TempPathFactory,
    original: Registry,
    flow: bool,
    style: str | None,
    seed: int | None,
) -> None:
    folder = tmp_path_factory.mktemp("fmt") / "lists" / "xx-sample"
    shutil.copytree(SOURCE, folder)
    for name in ("2020-01-01.yaml", "2021-01-01.yaml"):
        rewrite(
            folder / name,
            flow=flow,
            style=style,
            shuffle=random.Random(seed) if seed is not None else None,
        )
    lst = original["xx-sample"]
    for day in lst.dates[:2]:
        snapshot = load_snapshot(folder / f"{day}.yaml")
        assert set(snapshot.entries) == set(lst.load(day).entries)
        assert snapshot.changes == lst.load(day).changes
    before = diff(lst.load(lst.dates[0]), lst.load(lst.dates[1]))
    after = diff(
        load_snapshot(folder / "2020-01-01.yaml"), load_snapshot(folder / "2021-01-01.yaml")
    )
    assert after.changes == before.changes
    assert {(r.entry, r.action) for r in after.phantoms} == {
        (r.entry, r.action) for r in before.phantoms
    }
