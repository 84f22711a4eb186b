"""FollowTheMoney export: a target and a Sanction per entry, each with id, schema and
properties; validated with the ``followthemoney`` package where it is installed."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from designations import Registry
from designations.export_ftm import entities
from designations.importers import import_source

from .conftest import SAMPLE_DATA, Result


def _lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines()]


def test_export_command_on_sample_data(cli: Callable[..., Result]) -> None:
    result = cli("--data", str(SAMPLE_DATA), "export", "ftm", "xx-sample", "--as-of", "2021-01-01")
    assert result.code == 0, result.err
    items = _lines(result.out)
    snapshot = Registry(SAMPLE_DATA)["xx-sample"].snapshot("2021-01-01")
    assert len(items) == 2 * len(snapshot.entries)
    assert all(set(i) == {"id", "schema", "properties"} for i in items)
    targets = {i["id"]: i for i in items if i["schema"] != "Sanction"}
    sanctions = [i for i in items if i["schema"] == "Sanction"]
    assert len(sanctions) == len(snapshot.entries)
    for sanction in sanctions:
        props = sanction["properties"]
        assert isinstance(props, dict)
        (target,) = props["entity"]
        assert target in targets
        assert props["authority"] == ["Ministry of Samples"]
        assert props["program"] and props["listingDate"]


def test_un_export_is_valid_followthemoney(real: Callable[[str], Path], tmp_path: Path) -> None:
    model = pytest.importorskip("followthemoney").model
    result = import_source(
        "un-xml", real("un_sc_consolidated/2018-06-07/consolidated.xml"), tmp_path, dry_run=True
    )
    items = list(entities(result.snapshot))
    schemata = {i["schema"] for i in items}
    assert schemata == {"Person", "Organization", "Sanction"}
    for item in items[:400]:  # every kind of property, without validating all 2196 entities
        proxy = model.get_proxy(item, cleaned=False)
        assert proxy.id == item["id"] and proxy.schema.name == item["schema"]
        for prop, values in item["properties"].items():
            assert proxy.schema.get(prop) is not None, prop
            assert proxy.get(prop), (item["id"], prop, values)  # FtM accepted the values
    sanction = next(i for i in items if i["id"] == "un-sc-consolidated-6908555-sanction")
    props = sanction["properties"]
    assert props["entity"] == ["un-sc-consolidated-6908555"]
    assert props["authorityId"] == ["un:KPi.033"] and props["listingDate"] == ["2016-11-30"]
    assert props["program"] == ["S/RES/1718 (2006): Security Council resolution 1718 (2006)"]
    assert "https://undocs.org/S/RES/1718(2006)" in props["sourceUrl"]


def test_ofac_export_gives_no_listing_date_only_first_seen(
    real: Callable[[str], Path], tmp_path: Path
) -> None:
    model = pytest.importorskip("followthemoney").model
    source = real("ofac_sdn_csv_daily/2021-12-21/sdn.csv")
    result = import_source("ofac-csv", source, tmp_path, as_of="2021-12-21", dry_run=True)
    items = list(entities(result.snapshot))
    assert len(items) == 2 * 9153
    for item in items:
        assert "listingDate" not in item["properties"] and "startDate" not in item["properties"]
        assert item["first_seen"] == "2021-12-21"
    for item in items[:600]:
        proxy = model.get_proxy(item, cleaned=False)
        assert proxy.schema.name == item["schema"]
        for prop in item["properties"]:
            assert proxy.get(prop), (item["id"], prop)
