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


@pytest.mark.slow  # over a second: the fast tier stays under a minute
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


@pytest.mark.slow  # over a second: the fast tier stays under a minute
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


LIST_YAML = """\
id: xx-dates
jurisdiction: XX
name: Sample list of dates known in part
authority: Ministry of Samples
framework: [law]
url: https://example.org/list
instruments:
  - id: law
    kind: statute
    authority: Parliament
    title: Law on samples
    date: 1999-05-01
  - id: ruling
    kind: court-decision
    authority: Supreme Court
    date: 2004
    certainty: uncertain
    note: Only the year is reported; no text of the ruling is known.
  - id: order
    kind: order
    authority: Ministry of Samples
    reference: Order 7
    date: 2023-12
"""

SNAPSHOT_YAML = """\
list: xx-dates
as_of: 2024-06-01
completeness: complete
sources: [https://example.org/list]
entries:
  - id: a
    name: Year Only Front
    type: organization
    listed_on: 2004
    basis: [ruling]
  - id: b
    name: Month Only Group
    type: organization
    listed_on: 2023-12
    basis: [order]
    certainty: uncertain
    notes: Reported on 20 December 2023; the day the order took effect is not known.
  - id: c
    name: Known Day Movement
    type: organization
    listed_on: 2023-12-15
    basis: [order]
"""


@pytest.mark.slow  # about 2 s
def test_dates_keep_their_precision_and_uncertain_facts_are_marked(tmp_path: Path) -> None:
    """A listing date known to the year or the month is exported as such (FtM dates may be
    prefixes), never completed to a day; what the data marks uncertain (the entry, or the act
    it rests on) is said in the Sanction's summary with the data's note, so no date reads as
    certain where the data says it is not."""
    model = pytest.importorskip("followthemoney").model
    folder = tmp_path / "lists" / "xx-dates"
    folder.mkdir(parents=True)
    (folder / "list.yaml").write_text(LIST_YAML, encoding="utf-8")
    (folder / "2024-06-01.yaml").write_text(SNAPSHOT_YAML, encoding="utf-8")
    items = list(entities(Registry(tmp_path)["xx-dates"].latest))
    sanctions = {}
    for item in items:
        proxy = model.get_proxy(item, cleaned=False)
        if item["schema"] == "Sanction":
            for prop in ("listingDate", "startDate", "summary"):
                values = item["properties"].get(prop, [])
                assert proxy.get(prop) == values, (item["id"], prop)  # FtM took them as they are
            sanctions[item["id"].removeprefix("xx-dates-").removesuffix("-sanction")] = item
    year, month, day = (sanctions[k]["properties"] for k in ("a", "b", "c"))
    assert year["listingDate"] == year["startDate"] == ["2004"]
    assert month["listingDate"] == month["startDate"] == ["2023-12"]
    assert day["listingDate"] == ["2023-12-15"]
    assert year["summary"] == [
        "The act ruling is marked uncertain in the source data (its date, reference or "
        "existence): Only the year is reported; no text of the ruling is known."
    ]
    assert month["summary"] == [
        "The entry is marked uncertain in the source data (its name, date or basis): Reported "
        "on 20 December 2023; the day the order took effect is not known."
    ]
    assert "summary" not in day  # confirmed: nothing to say
