"""Name matching on the real OFAC, UN and UK files imported into one data folder
(``tests/fixtures/realdata``): the issue's acceptance checks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from designations import Registry, history, read_subjects, screen
from designations.importers import import_source
from designations.vocab import Verdict

pytestmark = pytest.mark.slow  # imports and reads real files of 10,000 entries: seconds

OFAC = "us-ofac-sdn"
UN = "un-sc-consolidated"
UK = "gb-hmt-consolidated"


@pytest.fixture(scope="module")
def data(real: Callable[[str], Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """OFAC's SDN list on 2021-12-21 and 2022-03-24, the UN list of 2018-10-29 and the UK
    list of 2020-04-27, imported as a user would."""
    folder = tmp_path_factory.mktemp("matching")
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


def test_screen_the_changes_of_a_period_finds_exactly_the_names_added_or_removed(
    reg: Registry, tmp_path: Path
) -> None:
    """Re-screening on a list update: of seven counterparties, written the user's own way, the
    five OFAC added or removed from 2021-12-21 to 2022-03-24 are hits, each with its executive
    order; the unchanged (Soleimani) and the unknown are not."""
    names = tmp_path / "counterparties.csv"
    names.write_text(
        "id,name,type\n"
        "cp-1,Makeyev State Missile Center,organization\n"
        "cp-2,Oksana Nikolayevna Fadina,individual\n"
        "cp-3,Orofino N.V.,\n"
        "cp-4,Heriberto Ramos Rayo,individual\n"
        "cp-5,Prohuevo de Colombia Ltda,\n"
        "cp-6,Qasem Soleimani,individual\n"
        "cp-7,Acme Trading Ltd,organization\n",
        encoding="utf-8",
    )
    result = screen(reg, read_subjects(names), since="2021-12-21", until="2022-03-24", lists=[OFAC])
    found = {
        (
            h.subject.id,
            h.entry.id,
            h.change.value if h.change else None,
            tuple(i.reference for i in (h.basis or h.listed_under)),
        )
        for h in result.hits
    }
    assert found == {
        ("cp-1", "35344", "added", ("Executive Order 14024",)),
        ("cp-2", "35501", "added", ("Executive Order 14024",)),
        ("cp-3", "34988", "added", ("Executive Order 13413",)),
        # OFAC's file says nothing of why an entry goes: the removal has no act, and the
        # order the entry was listed under is given instead
        ("cp-4", "4552", "removed", ("Executive Order 12978",)),
        ("cp-5", "4505", "removed", ("Executive Order 12978",)),
    }
    removed = [h for h in result.hits if h.change and h.change.value == "removed"]
    assert all(h.basis == () and h.verdict is not Verdict.EXPLAINED for h in removed)


def test_screen_against_the_lists_in_force(reg: Registry) -> None:
    hits = screen(reg, ["Qassem Suleimani"], on="2022-03-24").hits
    assert {(h.list_id, h.entry.id) for h in hits} == {
        (OFAC, "10481"),
        (UN, "110408"),
        (UK, "9062"),
    }
