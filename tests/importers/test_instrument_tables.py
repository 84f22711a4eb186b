"""The importers' instrument tables (``designations/importers/tables/*.yaml``): read by one
loader with the rules of ``list.yaml`` instruments, covering every tag of the real files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from designations.errors import DataError
from designations.importers.tables import TABLES_DIR, load_table, table
from designations.vocab import InstrumentKind

DAY = dt.date(2025, 12, 19)

#: Every OFAC file among the fixtures, as (path, format).
OFAC_FILES = [
    *(f"ofac_sdn_csv_daily/{d}/sdn.csv" for d in ("2021-12-21", "2022-03-24")),
    "ofac_consolidated_nonsdn/2018-04-06/cons_prim.csv",
    "ofac_consolidated_nonsdn/2025-12-19/cons_prim.csv",
    "ofac_consolidated_nonsdn/2018-04-06/consolidated.xml",
    "ofac_consolidated_nonsdn/2020-03-17/sample_ofac_consolidated.xml",
]


def raw_tags(path: Path) -> set[str]:
    """The programme tags of a file, read with the standard library alone (not the importer)."""
    if path.suffix == ".csv":
        text = path.read_bytes().decode("latin-1")
        tags: set[str] = set()
        for row in csv.reader(io.StringIO(text)):
            if len(row) == 12:
                tags.update(t.strip() for t in re.split(r"\]\s*\[", row[3].strip("[] ")))
        return tags - {"-0-", ""}
    return {
        (el.text or "").strip()
        for _, el in ET.iterparse(path)
        if el.tag.rsplit("}", 1)[-1] == "program"
    }


def test_every_table_loads_and_its_instruments_keep_their_sources() -> None:
    names = sorted(p.stem for p in TABLES_DIR.glob("*.yaml"))
    assert {"ofac", "uk", "un"} <= set(names)
    for name in names:
        t = table(name)
        assert t.name == name and t.tags
        for inst in t.instruments:
            if inst.kind is InstrumentKind.PROGRAMME:
                assert inst.date is None and inst.reference
            else:
                assert inst.date is not None
                # a fact from a source, or marked as not verified
                assert inst.sources or not inst.is_certain, inst.id


def test_every_ofac_tag_of_the_real_files_is_in_the_table(real: Callable[[str], Path]) -> None:
    tags = set().union(*(raw_tags(real(p)) for p in OFAC_FILES))
    assert len(tags) >= 70
    ofac = table("ofac")
    assert tags <= set(ofac.tags), sorted(tags - set(ofac.tags))


def test_current_ofac_tags_resolve_to_their_executive_orders() -> None:
    ofac = table("ofac")
    (drugs,) = ofac.resolve("ILLICIT-DRUGS-EO14059", DAY)
    (cmic,) = ofac.resolve("CMIC-EO13959", DAY)
    assert (drugs.id, str(drugs.date)) == ("eo-14059", "2021-12-15")
    assert (cmic.id, str(cmic.date), cmic.kind) == (
        "eo-13959",
        "2020-11-12",
        InstrumentKind.EXECUTIVE_ORDER,
    )


@pytest.mark.parametrize("tag", ["SYRIA", "IFSR", "IRGC", "DPRK", "ZIMBABWE", "NS-PLC"])
def test_tags_without_one_act_are_programmes_never_dated(tag: str) -> None:
    (inst,) = table("ofac").resolve(tag, DAY)
    assert inst.kind is InstrumentKind.PROGRAMME and inst.date is None
    assert inst.reference == tag


def test_an_unknown_tag_is_an_undated_programme() -> None:
    (inst,) = table("un").resolve("Atlantis", DAY)
    assert inst.id == "un-list-atlantis" and inst.kind is InstrumentKind.PROGRAMME
    assert inst.date is None and "Atlantis" in (inst.title or "")


def test_un_iran_regime_follows_the_2025_snapback() -> None:
    un = table("un")
    before = [i.id for i in un.resolve("Iran", dt.date(2025, 9, 27))]
    after = [i.id for i in un.resolve("Iran", dt.date(2025, 9, 28))]
    assert before == ["unscr-2231"]
    assert after == [f"unscr-{n}" for n in (1696, 1737, 1747, 1803, 1835, 1929)]
    assert str(un.resolve("Iran", dt.date(2025, 9, 28))[1].date) == "2006-12-23"


def write(tmp_path: Path, text: str, name: str = "demo.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


HEAD = """table: demo
authority: Demo Office
tag_label: demo tag
id_prefix: demo-tag
instruments:
- id: act-1
  kind: statute
  authority: Parliament
  date: 2001-01-01
"""


def test_a_table_is_checked_like_list_instruments(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "  kind2: x\ntags:\n  A: [act-2]\n")
    with pytest.raises(DataError) as info:
        load_table(path)
    rules = {(p.line, p.field, p.rule) for p in info.value.problems}
    assert (10, "instruments[0].kind2", "unknown-key") in rules
    assert (12, "tags.A[0]", "unknown-basis") in rules


def test_a_dated_act_needs_a_date_but_a_programme_has_none(tmp_path: Path) -> None:
    text = HEAD.replace("  date: 2001-01-01\n", "") + "tags:\n  A: [act-1]\n"
    with pytest.raises(DataError) as info:
        load_table(write(tmp_path, text))
    assert ("instruments[0].date", "missing-field") in {
        (p.field, p.rule) for p in info.value.problems
    }
    ok = text.replace("kind: statute", "kind: programme")
    assert load_table(write(tmp_path, ok)).instruments[0].date is None


def test_dated_mappings_must_not_overlap(tmp_path: Path) -> None:
    text = HEAD + (
        "tags:\n  A:\n"
        "  - {basis: [act-1], until: 2020-01-31}\n"
        "  - {basis: [act-1], from: 2020-01-31}\n"
    )
    with pytest.raises(DataError) as info:
        load_table(write(tmp_path, text))
    assert [p.rule for p in info.value.problems] == ["overlapping-dates"]
    fixed = text.replace("from: 2020-01-31", "from: 2020-02-01")
    t = load_table(write(tmp_path, fixed))
    assert t.resolve("A", dt.date(2020, 2, 1))[0].id == "act-1"


def test_table_name_must_match_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "tags:\n  A: [act-1]\n", "other.yaml")
    with pytest.raises(DataError) as info:
        load_table(path)
    assert [p.rule for p in info.value.problems] == ["table-name-mismatch"]
