"""Name matching on the real OFAC, UN and UK files imported into one data folder
(``tests/fixtures/realdata``): the issue's acceptance checks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from designations import Registry, history
from designations.importers import import_source

pytestmark = pytest.mark.slow  # imports and reads real files of 10,000 entries: seconds

OFAC = "us-ofac-sdn"
UN = "un-sc-consolidated"
UK = "gb-hmt-consolidated"


@pytest.fixture(scope="module")
def data(real: Callable[[str], Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """OFAC's SDN list on 2021-12-21 and 2022-03-24, the UN list of 2018-10-29 and the UK
    list of 2020-04-27, imported as a user would."""
    folder = tmp_path_factory.mktemp("matching") / "data"
    for day in ("2021-12-21", "2022-03-24"):
        import_source("ofac-csv", real(f"ofac_sdn_csv_daily/{day}/sdn.csv"), folder, as_of=day)
    import_source("un-xml", real("un_sc_consolidated/2018-10-29/consolidated.xml"), folder)
    import_source("uk-csv", real("uk_hmt_conlist/2020-04-27/sample_hmt.csv"), folder)
    return folder


@pytest.fixture(scope="module")
def reg(data: Path) -> Registry:
    return Registry(data)


@pytest.mark.parametrize("query", ["Qasem Soleimani", "Soleimani Qasem", "Qassem Suleimani"])
def test_history_finds_one_person_in_three_lists(reg: Registry, query: str) -> None:
    found = history(reg, query).matches
    soleimani = {OFAC: "10481", UN: "110408", UK: "9062"}
    assert {m.list_id: m.entry.id for m in found[:3]} == soleimani
    others = found[3:]
    assert all(m.score < min(s.score for s in found[:3]) for m in others)
